import type { Config } from '../config.ts';
import type { Locale } from '@m4s/contracts';
import type { Runtime } from './runtime.ts';

export type Io = { locale: Locale; print: (text: string) => void; stdout: NodeJS.WritableStream };

/** A command: its arguments checked first (no database opened for a usage error), then its run. */
export type Command = (argv: string[], io: Io) => (rt: Runtime) => Promise<void>;

/** A command that opens no database of the server's (a backup's own connection, or a restore's new target). */
export type Standalone = (argv: string[], io: Io) => (config: Config, env: NodeJS.ProcessEnv) => Promise<void>;
