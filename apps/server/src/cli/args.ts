import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import type { Locale } from '@m4s/contracts';
import { AppError } from '../platform/errors.ts';
import { fieldMessage } from '../platform/i18n.ts';

/** Bad arguments: the message, the command whose help applies, and exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string | null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The CLI speaks Chinese when the shell does (LANG=zh_CN…), English otherwise. */
export const cliLocale = (env: NodeJS.ProcessEnv): Locale =>
  (env.M4S_LANG ?? env.LC_ALL ?? env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node's parseArgs, strict, with its refusals as usage errors of `command`. */
export const parse = <O extends Options>(command: string, argv: string[], options: O, positionals = 0) => {
  try {
    const parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: positionals > 0 });
    if (parsed.positionals.length > positionals)
      throw new UsageError(`unexpected argument: ${parsed.positionals[positionals] ?? ''}`, command);
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments', command);
  }
};

/** A required option, or a usage error naming it. */
export const required = (command: string, values: Record<string, unknown>, name: string): string => {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`, command);
  return value;
};

/** Validates with the same zod schema as the API; field issues read like the API's 400, in the CLI's language. */
export const validate = <S extends z.ZodType>(
  command: string,
  schema: S,
  input: unknown,
  locale: Locale,
): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (i) => `  ${i.path.join('.') || '(input)'}: ${fieldMessage(locale, i.message, i.message)}`,
  );
  throw new UsageError(`invalid input:\n${lines.join('\n')}`, command);
};

/** A refusal from a service, as the API would phrase it. */
export const describeAppError = (error: AppError, message: string, locale: Locale): string => {
  const issues = (error.details.issues ?? []).map((i) => `  ${i.path}: ${fieldMessage(locale, i.message, i.message)}`);
  return [message, ...issues].join('\n');
};
