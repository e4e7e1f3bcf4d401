import type { FastifyServerOptions } from 'fastify';
import { stdSerializers } from 'pino';
import type { Config } from '../config.ts';

/**
 * Structured logs with request id; no personal data: cookies, auth headers, bodies, query strings and SQL
 * parameters are never logged (logError).
 */
/** What a database error logs: its SQLSTATE and where, never the statement's parameters or a row's values. */
const databaseFields = ['code', 'severity', 'schema', 'table', 'column', 'constraint', 'routine'] as const;

type Fields = Record<string, unknown>;

/** The error a driver raised (with a SQLSTATE code), found through the wrappers' `cause`s, or null. */
const databaseErrorOf = (error: unknown): Fields | null => {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const candidate = e as Fields;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    e = candidate.cause;
  }
  return null;
};

/**
 * Errors as the log keeps them. A database error (pg, PGlite, drizzle's DrizzleQueryError around either)
 * carries the statement's parameters (`params`, and drizzle's own message lists them), the row that failed
 * (`detail`: "Key (phone)=(139…)") and `where`/`internalQuery`: customers' names and phones. It is logged
 * as its code, the server's message and the statement's text (placeholders, not values) and the stack's
 * frames; a data exception's message (class 22: "invalid input syntax for type …: \"…\"") has its quoted
 * value blanked. Any other error is logged as pino logs errors.
 */
type LoggedError = Fields & { type: string; message: string; stack: string };

export const logError = (error: Error): LoggedError => {
  const db = databaseErrorOf(error);
  if (!db) return stdSerializers.err(error);
  const code = String(db.code);
  const raw = typeof db.message === 'string' ? db.message : '';
  const message = code.startsWith('22') ? raw.replace(/"[^"]*"/g, '"…"') : raw;
  const fields: LoggedError = { type: 'DatabaseError', message, stack: '' };
  for (const name of databaseFields) if (typeof db[name] === 'string') fields[name] = db[name];
  const query = (error as Error & { query?: unknown }).query;
  if (typeof query === 'string') fields.query = query.slice(0, 2000);
  // The frames only: the first line of a stack repeats the message, drizzle's with the parameters.
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  fields.stack = frames.join('\n');
  return fields;
};

/** A destination for the log's lines (JSON, one a line); stdout when none is given. */
export type LogStream = { write: (line: string) => void };

export const logOptions = (config: Config, stream?: LogStream): FastifyServerOptions['logger'] =>
  config.LOG_LEVEL === 'silent'
    ? false
    : {
        level: config.LOG_LEVEL,
        ...(stream ? { stream } : {}),
        redact: {
          paths: [
            'req.headers.cookie',
            'req.headers.authorization',
            'req.headers["x-csrf-token"]',
            'res.headers["set-cookie"]',
          ],
          remove: true,
        },
        serializers: {
          err: logError,
          req: (req: { id: string; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            url: req.url.split('?')[0],
          }),
        },
      };
