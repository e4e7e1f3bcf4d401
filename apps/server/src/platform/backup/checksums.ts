import type { SqlExecutor } from '../db/types.ts';

/** One table's row count and the md5 of its rows' text, sorted: equal checksums, equal rows. */
export type TableSum = { rows: number; md5: string };
/** Every table of a database (schema-qualified name → sum), or one tenant's rows of each tenant table. */
export type Checksums = Record<string, TableSum>;

/** The schemas a backup holds: the application's, the migrations' journal and pg-boss's queue. */
export const backupSchemas = ['public', 'drizzle', 'pgboss'] as const;

/** Run first in the transaction that reads checksums: a row's text must not depend on the session. */
export const stableText =
  "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL extra_float_digits = 1";

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return `"${name}"`;
};
export const qualified = (schema: string, table: string) => `${ident(schema)}.${ident(table)}`;

const sumOf = async (sql: SqlExecutor, from: string, where = '', values: unknown[] = []): Promise<TableSum> => {
  const { rows } = await sql.executeSql(
    `SELECT count(*)::int AS n, coalesce(md5(string_agg(r, E'\\n' ORDER BY r COLLATE "C")), '') AS md5
     FROM (SELECT t::text AS r FROM ${from} t ${where}) s`,
    values,
  );
  return { rows: Number(rows[0]?.n ?? 0), md5: typeof rows[0]?.md5 === 'string' ? rows[0].md5 : '' };
};

/** Every ordinary table of the backed-up schemas (that exist here), as `schema.table`, in name order. */
export const databaseTables = async (sql: SqlExecutor): Promise<{ schema: string; table: string }[]> => {
  const { rows } = await sql.executeSql(
    `SELECT n.nspname AS schema, c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (string_to_array($1, ',')) ORDER BY 1, 2`,
    [backupSchemas.join(',')],
  );
  return rows.map((r) => ({ schema: String(r.schema), table: String(r.table) }));
};

/** Row count and checksum of every table (run inside one transaction, after `stableText`). */
export const databaseChecksums = async (sql: SqlExecutor): Promise<Checksums> => {
  const out: Checksums = {};
  for (const { schema, table } of await databaseTables(sql))
    out[`${schema}.${table}`] = await sumOf(sql, qualified(schema, table));
  return out;
};

/** Row count and checksum of one tenant's rows in each of `tables` (public), and of its `tenants` row. */
export const tenantChecksums = async (sql: SqlExecutor, tenantId: string, tables: string[]): Promise<Checksums> => {
  const out: Checksums = { tenants: await sumOf(sql, qualified('public', 'tenants'), 'WHERE t.id = $1', [tenantId]) };
  for (const table of tables)
    out[table] = await sumOf(sql, qualified('public', table), 'WHERE t.tenant_id = $1', [tenantId]);
  return out;
};

export type ChecksumDifference = { table: string; expected: TableSum | null; actual: TableSum | null };

/** The tables whose count or checksum differ, or that only one side has; empty when they are equal. */
export const compareChecksums = (expected: Checksums, actual: Checksums): ChecksumDifference[] => {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .map((table) => ({ table, expected: expected[table] ?? null, actual: actual[table] ?? null }))
    .filter((d) => d.expected?.rows !== d.actual?.rows || d.expected?.md5 !== d.actual?.md5);
};

export const describeDifferences = (differences: ChecksumDifference[]) =>
  differences
    .map((d) => {
      const side = (s: TableSum | null) => (s ? `${s.rows} rows, md5 ${s.md5.slice(0, 12)}` : 'absent');
      return `  ${d.table}: expected ${side(d.expected)}, found ${side(d.actual)}`;
    })
    .join('\n');
