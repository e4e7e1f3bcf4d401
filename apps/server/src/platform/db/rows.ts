import { z } from 'zod';

/**
 * Raw SQL rows (`ctx.sql.executeSql(...)`, drizzle's `db.execute(...)`) are `Record<string, unknown>`: they
 * are read through a zod row schema here, never cast by hand (lint rule m4s/no-row-cast). A row of another
 * shape is a bug in our SQL, not bad input: it fails as an internal error naming the statement and the
 * column, instead of flowing on as `undefined` or the string "null".
 */
export class RowShapeError extends Error {
  constructor(what: string, issues: z.core.$ZodIssue[]) {
    const first = issues[0];
    const where = first ? `${first.path.join('.') || '(row)'}: ${first.message}` : 'unknown shape';
    super(`${what} returned a row of an unexpected shape (${where})`);
    this.name = 'RowShapeError';
  }
}

type RowsResult = { rows: readonly unknown[] };

/** Every row of a raw statement, parsed; `what` names the statement in the error. */
export const parseRows = <S extends z.ZodType>(
  schema: S,
  result: RowsResult,
  what = 'a SQL statement',
): z.output<S>[] =>
  result.rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new RowShapeError(`${what} (row ${i})`, parsed.error.issues);
    return parsed.data;
  });

/** The first row, parsed, or null when the statement returned none. */
export const maybeRow = <S extends z.ZodType>(schema: S, result: RowsResult, what = 'a SQL statement') =>
  parseRows(schema, { rows: result.rows.slice(0, 1) }, what)[0] ?? null;

/** The first row, parsed; a statement that returned no row (an aggregate, `RETURNING` of an insert) is a bug. */
export const oneRow = <S extends z.ZodType>(schema: S, result: RowsResult, what = 'a SQL statement'): z.output<S> => {
  const row = maybeRow(schema, result, what);
  if (row === null) throw new RowShapeError(what, [{ code: 'custom', path: [], message: 'no row', input: undefined }]);
  return row;
};

/**
 * Column types as the two drivers return them. int8 and numeric come back as strings from pg (kept exact,
 * see postgres.ts) and as numbers from PGlite; timestamptz as a Date from both, or a string when cast.
 */
const numeric = z.union([z.number(), z.string(), z.bigint()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: `not a number: ${String(v)}` });
  return n;
});
const instant = z.union([z.date(), z.string(), z.number()]).transform((v, ctx) => {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) ctx.addIssue({ code: 'custom', message: `not a time: ${String(v)}` });
  return d;
});

export const col = {
  text: z.string(),
  textOrNull: z.string().nullable(),
  /** int2/int4/int8/numeric/count(*) as a JS number. */
  number: numeric,
  numberOrNull: numeric.nullable(),
  bool: z.boolean(),
  /** timestamptz/timestamp as a Date. */
  instant,
  instantOrNull: instant.nullable(),
} as const;
