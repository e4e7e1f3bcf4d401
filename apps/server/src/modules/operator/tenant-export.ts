import type { OperatorCtx } from '../../platform/context.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** Columns that hold secrets (password, session and code hashes): never leave the platform, even in an export. */
export const omittedColumns = ['password_hash', 'token_hash', 'code_hash'] as const;
const pageRows = 2000;

type Key = { name: string; type: string };

/** Every table that holds a tenant's rows: those with a tenant_id column (the tenancy test holds the rule). */
const tenantTables = async (sql: SqlExecutor) => {
  const { rows } = await sql.executeSql(
    `SELECT table_name AS name FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    [],
  );
  return rows.map((r) => String(r.name));
};

/** The primary key's columns after tenant_id, in key order, with their SQL types (for the page cursor). */
const cursorColumns = async (sql: SqlExecutor, table: string): Promise<Key[] | null> => {
  const { rows } = await sql.executeSql(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary
     ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [`public.${table}`],
  );
  if (rows.length === 0) return null;
  return rows.map((r) => ({ name: String(r.name), type: String(r.type) })).filter((k) => k.name !== 'tenant_id');
};

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return `"${name}"`;
};

/** JSON for what the drivers return: int8 as BigInt (PGlite), bytea as bytes. */
const replacer = (_key: string, value: unknown) => {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer')
    return Buffer.from((value as { data: number[] }).data).toString('base64');
  return value;
};

const rowJson = (row: Record<string, unknown>, drop: readonly string[]) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!drop.includes(k) && !k.startsWith('__k')) out[k] = v;
  return JSON.stringify(out, replacer);
};

/** One table's rows as JSON, a page at a time in key order, each page read in a short transaction of its own. */
async function* tableRows(ctx: OperatorCtx, tenantId: string, table: string): AsyncGenerator<string> {
  const keys = await ctx.openTenant(tenantId, (tx) => cursorColumns(tx.sql, table));
  const t = ident(table);
  if (!keys || keys.length === 0) {
    // No key to page by (or the tenant is the key: one row): one statement.
    const { rows } = await ctx.openTenant(tenantId, (tx) =>
      tx.sql.executeSql(`SELECT * FROM ${t} WHERE tenant_id = $1`, [tenantId]),
    );
    if (rows.length > 0) yield rows.map((r) => rowJson(r, omittedColumns)).join(',\n');
    return;
  }
  const cols = keys.map((k) => ident(k.name));
  const cursorSelect = keys.map((k, i) => `${cols[i]}::text AS __k${i}`).join(', ');
  const order = cols.join(', ');
  let after: string[] | null = null;
  for (;;) {
    const bound: string[] | null = after;
    const where: string = bound ? `AND (${order}) > (${keys.map((k, i) => `$${i + 2}::${k.type}`).join(', ')})` : '';
    const { rows }: { rows: Record<string, unknown>[] } = await ctx.openTenant(tenantId, (tx) =>
      tx.sql.executeSql(
        `SELECT *, ${cursorSelect} FROM ${t} WHERE tenant_id = $1 ${where} ORDER BY ${order} LIMIT ${pageRows}`,
        [tenantId, ...(bound ?? [])],
      ),
    );
    if (rows.length > 0) yield rows.map((r) => rowJson(r, omittedColumns)).join(',\n');
    const last = rows.at(-1);
    if (!last || rows.length < pageRows) return;
    after = keys.map((_k, i) => String(last[`__k${i}`]));
  }
}

/**
 * All of one tenant's data as one JSON document, produced as it is read (a large tenant never sits in
 * memory): `{ format, version, exportedAt, tenant, omittedColumns, tables: { <table>: [rows…] } }`.
 * Every read runs as the application role inside that tenant, so row-level security guarantees that no
 * other tenant's row can appear, whatever a query says.
 */
export async function* tenantExport(ctx: OperatorCtx, tenantId: string): AsyncGenerator<string> {
  const [tenant, tables] = await ctx.openTenant(tenantId, async (tx) => {
    const { rows } = await tx.sql.executeSql('SELECT * FROM tenants WHERE id = $1', [tenantId]);
    return [rows[0] ?? null, await tenantTables(tx.sql)] as const;
  });
  const head = {
    format: 'm4s.tenant-export',
    version: 1,
    exportedAt: ctx.clock.now().toISOString(),
    tenant,
    omittedColumns,
  };
  yield `${JSON.stringify(head, replacer).slice(0, -1)},"tables":{`;
  for (const [i, table] of tables.entries()) {
    yield `${i === 0 ? '' : ','}\n${JSON.stringify(table)}:[`;
    let first = true;
    for await (const page of tableRows(ctx, tenantId, table)) {
      yield `${first ? '' : ','}\n${page}`;
      first = false;
    }
    yield ']';
  }
  yield '}}\n';
}
