// The M4S command line: `npm run m4s -- <command>` or the `m4s` bin (docs/operator.md).
import { errorCodes } from '@m4s/contracts';
import { loadConfig } from '../config.ts';
import { fromDatabaseError } from '../platform/db/errors.ts';
import { AppError } from '../platform/errors.ts';
import { errorMessage } from '../platform/i18n.ts';
import { cliLocale, describeAppError, UsageError } from './args.ts';
import { commandHelp, generalHelp } from './help.ts';
import type { Command, Io, Standalone } from './io.ts';
import { BackupError } from '../platform/backup/snapshot.ts';
import { DataDirBusy, openRuntime } from './runtime.ts';
import { brandApps } from './commands/brand-apps.ts';
import { backupCreate, backupRestore, tenantArchive, tenantImport } from './commands/backup.ts';
import { importFile } from './commands/import.ts';
import { nightly } from './commands/nightly.ts';
import { operatorCreate, operatorPasswordReset } from './commands/operator.ts';
import { staffCreate, staffPasswordReset } from './commands/staff.ts';
import { tenantCreate, tenantExportCommand, tenantList, tenantResume, tenantSuspend } from './commands/tenant.ts';

const commands: Record<string, Command> = {
  'operator create': operatorCreate,
  'operator password-reset': operatorPasswordReset,
  'tenant create': tenantCreate,
  'tenant list': tenantList,
  'tenant suspend': tenantSuspend,
  'tenant resume': tenantResume,
  'tenant export': tenantExportCommand,
  'tenant archive': tenantArchive,
  'tenant import': tenantImport,
  'staff create': staffCreate,
  'staff password-reset': staffPasswordReset,
  nightly,
  import: importFile,
  'brand-apps': brandApps,
};

/** Commands that open no runtime: they reach the database (or a new one) on their own terms. */
const standalone: Record<string, Standalone> = {
  'backup create': backupCreate,
  'backup restore': backupRestore,
};

/** The command named by the first one or two words, and the arguments after them. */
const route = (argv: string[]): { name: string; rest: string[] } | null => {
  const [first = '', second = ''] = argv;
  const two = `${first} ${second}`;
  if (commands[two] || standalone[two]) return { name: two, rest: argv.slice(2) };
  if (commands[first]) return { name: first, rest: argv.slice(1) };
  return null;
};

const helpFor = (words: string[]) => {
  const topic = words.join(' ');
  if (!topic) return generalHelp;
  const matching = Object.keys(commandHelp).filter((c) => c === topic || c.startsWith(`${topic} `));
  return matching.length > 0 ? matching.map((c) => commandHelp[c]).join('\n\n') : null;
};

export const runCli = async (argv: string[], env: NodeJS.ProcessEnv): Promise<number> => {
  const locale = cliLocale(env);
  const io: Io = { locale, print: (t) => process.stdout.write(`${t}\n`), stdout: process.stdout };
  const fail = (text: string, code: number) => {
    process.stderr.write(`m4s: ${text}\n`);
    return code;
  };
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0] ?? '')) {
    const text = helpFor(argv.slice(1));
    if (text === null) return fail(`no such command: ${argv.slice(1).join(' ')}\n\n${generalHelp}`, 2);
    io.print(text);
    return 0;
  }
  const found = route(argv);
  if (!found) {
    const group = helpFor([argv[0] ?? '']);
    return fail(`unknown command: ${argv.slice(0, 2).join(' ')}\n\n${group ?? generalHelp}`, 2);
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.print(commandHelp[found.name] ?? generalHelp);
    return 0;
  }
  let runtime: Awaited<ReturnType<typeof openRuntime>> | null = null;
  try {
    const alone = standalone[found.name];
    if (alone) {
      await alone(found.rest, io)(loadConfig(env), env);
      return 0;
    }
    const run = (commands[found.name] as Command)(found.rest, io);
    runtime = await openRuntime(loadConfig(env));
    await run(runtime);
    return 0;
  } catch (error) {
    if (error instanceof UsageError)
      return fail(`${found.name}: ${error.message}\n\n${commandHelp[found.name] ?? generalHelp}`, 2);
    if (error instanceof DataDirBusy) return fail(error.message, 1);
    if (error instanceof BackupError) return fail(`${found.name}: ${error.message}`, 1);
    const known = error instanceof AppError ? error : fromDatabaseError(error);
    if (known) {
      const message = known.message !== known.code ? known.message : errorMessage(locale, known.code);
      const text = describeAppError(known, `${found.name}: ${message} (${known.code})`, locale);
      return fail(text, errorCodes[known.code] === 400 ? 2 : 1);
    }
    return fail(`${found.name} failed: ${error instanceof Error ? error.message : String(error)}`, 1);
  } finally {
    await runtime?.close();
  }
};

process.exitCode = await runCli(process.argv.slice(2), process.env);
