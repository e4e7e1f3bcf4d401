import type { SqlExecutor } from './types.ts';

/** The most parameters one statement may carry (the protocol counts them in 16 bits). */
const maxParameters = 65_535;
/** Rows per statement at most, however few columns: a longer VALUES list parses no faster per row. */
const maxRowsPerStatement = 1000;

export type ValuesInsert = {
  /** The table, an identifier of our own schema (never user input). */
  into: string;
  /** The tenant of every row: `tenant_id` is $1 in each. */
  tenantId: string;
  /** Columns with one value for every row, bound once each ($2, $3, …). */
  shared?: Record<string, unknown>;
  /** The other columns, in the order of each row's values. */
  columns: readonly string[];
  rows: readonly (readonly unknown[])[];
  /** What follows the VALUES list: `ON CONFLICT …`, `RETURNING …`. */
  then?: string;
};

/**
 * Inserts many rows of one tenant as plain multi-row `INSERT … VALUES` statements, as many as PostgreSQL's
 * parameter limit needs, and answers the rows their `RETURNING` gave. It is the bulk write that every engine
 * runs the same way: on Citus a VALUES insert whose rows name their tenant is routed to the tenant's shard,
 * whereas an `INSERT … SELECT` from a parameter (jsonb_populate_recordset, unnest, generate_series), with
 * the tenant a parameter or a volatile default (gen_random_uuid() ids) is run through the coordinator with
 * COPY, which row-level security refuses (docs/scaling.md §4). Values go as given: a caller maps them to
 * what the driver sends (a jsonb column takes JSON text).
 */
export const insertValues = async (sql: SqlExecutor, insert: ValuesInsert): Promise<Record<string, unknown>[]> => {
  const { rows, columns } = insert;
  if (rows.length === 0) return [];
  const shared = Object.entries(insert.shared ?? {});
  const fixed = 1 + shared.length;
  if (columns.length === 0) throw new Error(`insertValues ${insert.into}: no columns`);
  const perStatement = Math.min(maxRowsPerStatement, Math.floor((maxParameters - fixed) / columns.length));
  const names = ['tenant_id', ...shared.map(([name]) => name), ...columns].map((c) => `"${c}"`).join(', ');
  const head = ['$1', ...shared.map((_, i) => `$${i + 2}`)].join(', ');
  const out: Record<string, unknown>[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [insert.tenantId, ...shared.map(([, value]) => value)];
    const tuples = chunk.map((row) => {
      if (row.length !== columns.length)
        throw new Error(`insertValues ${insert.into}: a row of ${row.length} values for ${columns.length} columns`);
      const own = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${head}, ${own.join(', ')})`;
    });
    const text = `INSERT INTO "${insert.into}" (${names}) VALUES ${tuples.join(', ')}${insert.then ? ` ${insert.then}` : ''}`;
    const result = await sql.executeSql(text, params);
    out.push(...result.rows);
  }
  return out;
};
