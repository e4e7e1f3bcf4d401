import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database, SqlExecutor } from '../db/types.ts';
import {
  compareChecksums,
  describeDifferences,
  qualified,
  stableText,
  tenantChecksums,
  type Checksums,
} from './checksums.ts';
import { BackupError } from './snapshot.ts';

/**
 * One dealer group moved between installations (docs/backup.md): a gzipped JSON-lines file. The first line
 * is the header — the tenant's row, the schema it was written under (the migrations applied), its tables in
 * foreign-key order and each one's row count and checksum; then `{"table", "rows"}` lines, every row as
 * PostgreSQL's own JSON of it (to_jsonb), so every type comes back exactly. Nothing is left out: password
 * hashes and sessions travel too, so its staff and owners sign in on the other side as before.
 */
export type TenantArchiveHeader = {
  format: 'm4s.tenant-archive';
  version: 1;
  createdAt: string;
  migrations: { count: number; last: string };
  tenant: { id: string; slug: string; name: string; status: string; row: Record<string, unknown> };
  tables: string[];
  checksums: Checksums;
};

const batchRows = 2000;

/** Every table with a tenant's rows: a tenant_id column, readable by the application role (not the operator's). */
export const tenantTablesInOrder = async (sql: SqlExecutor): Promise<string[]> => {
  const { rows } = await sql.executeSql(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND has_table_privilege('m4s_app', c.oid, 'SELECT')
     ORDER BY 1`,
    [],
  );
  const names = rows.map((r) => String(r.name));
  const { rows: fks } = await sql.executeSql(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`,
    [],
  );
  // Parents first (a stable topological order; a cycle, which the schema has none of, keeps name order).
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set<string>()]));
  for (const fk of fks) {
    const child = String(fk.child);
    const parent = String(fk.parent);
    if (parents.has(child) && parents.has(parent)) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...(parents.get(n) ?? [])].every((p) => placed.has(p)));
    const next = ready.length > 0 ? ready : names.filter((n) => !placed.has(n)).slice(0, 1);
    for (const n of next) {
      placed.add(n);
      ordered.push(n);
    }
  }
  return ordered;
};

const migrationsOf = async (sql: SqlExecutor) => {
  const { rows } = await sql.executeSql(
    `SELECT count(*)::int AS count, (SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC, id DESC LIMIT 1) AS last
     FROM drizzle.__drizzle_migrations`,
    [],
  );
  return { count: Number(rows[0]?.count ?? 0), last: typeof rows[0]?.last === 'string' ? rows[0].last : '' };
};

/** The owner, in the tenant's transaction: sees every column (RLS aside), sorts and prints rows the same everywhere. */
const asOwner = async (sql: SqlExecutor) => {
  await sql.executeSql('RESET ROLE');
  await sql.executeSql(stableText);
};

const primaryKeyOrder = async (sql: SqlExecutor, table: string) => {
  const { rows } = await sql.executeSql(
    `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [`public.${table}`],
  );
  return rows.length > 0 ? rows.map((r) => `"${String(r.name)}"`).join(', ') : 't::text';
};

const tenantRow = async (sql: SqlExecutor, where: string, value: string) => {
  const { rows } = await sql.executeSql(`SELECT to_jsonb(t)::text AS j FROM tenants t WHERE ${where} = $1`, [value]);
  return rows[0] ? (JSON.parse(String(rows[0].j)) as Record<string, unknown>) : null;
};

/**
 * Writes one tenant's archive to `file`: every row read in one REPEATABLE READ transaction (on the embedded
 * engine, the server waits for it; suspend the group first so that nothing changes during the move).
 */
export const exportTenantArchive = async (
  db: Database,
  input: { tenantId: string; file: string; now: Date },
): Promise<TenantArchiveHeader> => {
  const gzip = createGzip();
  const out = createWriteStream(input.file, { flags: 'wx' });
  const done = pipeline(gzip, out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  try {
    const header = await db.transaction({ tenantId: input.tenantId }, async ({ sql }) => {
      if (db.engine === 'postgres') await sql.executeSql('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await asOwner(sql);
      const row = await tenantRow(sql, 'id', input.tenantId);
      if (!row) throw new BackupError(`no dealer group ${input.tenantId} here`);
      const tables = await tenantTablesInOrder(sql);
      const head: TenantArchiveHeader = {
        format: 'm4s.tenant-archive',
        version: 1,
        createdAt: input.now.toISOString(),
        migrations: await migrationsOf(sql),
        tenant: { id: String(row.id), slug: String(row.slug), name: String(row.name), status: String(row.status), row },
        tables,
        checksums: await tenantChecksums(sql, input.tenantId, tables),
      };
      await write(JSON.stringify(head));
      for (const table of tables) {
        await sql.executeSql(
          `DECLARE archive_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS j FROM ${qualified('public', table)} t
           WHERE t.tenant_id = '${input.tenantId}' ORDER BY ${await primaryKeyOrder(sql, table)}`,
        );
        for (;;) {
          const { rows } = await sql.executeSql(`FETCH ${batchRows} FROM archive_rows`);
          if (rows.length > 0)
            await write(`{"table":${JSON.stringify(table)},"rows":[${rows.map((r) => String(r.j)).join(',')}]}`);
          if (rows.length < batchRows) break;
        }
        await sql.executeSql('CLOSE archive_rows');
      }
      return head;
    });
    gzip.end();
    await done;
    return header;
  } catch (error) {
    gzip.destroy();
    await done.catch(() => undefined);
    throw error;
  }
};

type Line = { table: string; rows: unknown[] };

async function* archiveLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const text = new PassThrough();
  const unzip = pipeline(source, createGunzip(), text);
  unzip.catch(() => undefined);
  for await (const line of createInterface({ input: text, crlfDelay: Infinity })) if (line) yield line;
  await unzip.catch((error: Error) => {
    throw new BackupError(`${file}: not a readable tenant archive (${error.message})`);
  });
}

export const readArchiveHeader = async (file: string): Promise<TenantArchiveHeader> => {
  for await (const line of archiveLines(file)) {
    const header = JSON.parse(line) as TenantArchiveHeader;
    if (header.format !== 'm4s.tenant-archive' || header.version !== 1)
      throw new BackupError(`${file}: not an M4S tenant archive of a version this program reads`);
    return header;
  }
  throw new BackupError(`${file}: empty`);
};

/** Rows whose foreign key names a row that is not here (checked after loading, with triggers off). */
const danglingReferences = async (sql: SqlExecutor, tables: string[], tenantId: string) => {
  const { rows } = await sql.executeSql(
    `SELECT k.conname AS name, c.relname AS child, p.relname AS parent,
       (SELECT string_agg(format('%I', a.attname), ',' ORDER BY u.i) FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n) AS cols,
       (SELECT string_agg(format('%I', a.attname), ',' ORDER BY u.i) FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
          JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n) AS refs
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype = 'f' AND n.nspname = 'public'`,
    [],
  );
  const bad: string[] = [];
  for (const fk of rows) {
    const child = String(fk.child);
    if (!tables.includes(child)) continue;
    const cols = String(fk.cols).split(',');
    const refs = String(fk.refs).split(',');
    const { rows: found } = await sql.executeSql(
      `SELECT count(*)::int AS n FROM ${qualified('public', child)} c WHERE c.tenant_id = $1
       AND ${cols.map((col) => `c.${col} IS NOT NULL`).join(' AND ')}
       AND NOT EXISTS (SELECT 1 FROM ${qualified('public', String(fk.parent))} p WHERE ${cols.map((col, i) => `p.${refs[i]} = c.${col}`).join(' AND ')})`,
      [tenantId],
    );
    if (Number(found[0]?.n ?? 0) > 0) bad.push(`${child}.${String(fk.name)}: ${String(found[0]?.n)} rows`);
  }
  return bad;
};

const insertColumns = async (sql: SqlExecutor, table: string) => {
  const { rows } = await sql.executeSql(
    `SELECT string_agg(format('%I', attname), ', ' ORDER BY attnum) AS cols FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`,
    [`public.${table}`],
  );
  return String(rows[0]?.cols);
};

/**
 * Loads an archive into this installation in one transaction, or nothing: refused when the schema differs
 * (other migrations applied) or the group's id or slug is taken here. Rows go in as they were (triggers off,
 * so nothing derived is made twice), then foreign keys and every table's count and checksum are checked
 * against the archive's header; sequences move past the imported values.
 */
export const importTenantArchive = async (db: Database, file: string): Promise<TenantArchiveHeader> => {
  const header = await readArchiveHeader(file);
  const tenantId = header.tenant.id;
  return db.transaction({ tenantId }, async ({ sql }) => {
    await asOwner(sql);
    const here = await migrationsOf(sql);
    if (here.count !== header.migrations.count || here.last !== header.migrations.last)
      throw new BackupError(
        `the archive was written under ${header.migrations.count} migrations and this installation has ${here.count}: ` +
          'upgrade the older one first, so that both run the same version',
      );
    if ((await tenantRow(sql, 'id', tenantId)) || (await tenantRow(sql, 'slug', header.tenant.slug)))
      throw new BackupError(`the dealer group ${header.tenant.slug} (${tenantId}) already exists here`);
    const tables = await tenantTablesInOrder(sql);
    const missing = header.tables.filter((t) => !tables.includes(t));
    if (missing.length > 0) throw new BackupError(`this installation has no table ${missing.join(', ')}`);

    const { rows: su } = await sql.executeSql(`SELECT current_setting('is_superuser') = 'on' AS yes`);
    const superuser = Boolean(su[0]?.yes);
    if (superuser) await sql.executeSql('SET LOCAL session_replication_role = replica');
    else for (const t of tables) await sql.executeSql(`ALTER TABLE ${qualified('public', t)} DISABLE TRIGGER USER`);

    await sql.executeSql(`INSERT INTO tenants SELECT * FROM jsonb_populate_record(NULL::tenants, $1::jsonb)`, [
      JSON.stringify(header.tenant.row),
    ]);
    const columns = new Map<string, string>();
    let first = true;
    for await (const text of archiveLines(file)) {
      if (first) {
        first = false;
        continue;
      }
      const line = JSON.parse(text) as Line;
      if (!header.tables.includes(line.table)) throw new BackupError(`${file}: rows of an unknown table ${line.table}`);
      if (line.rows.some((r) => (r as { tenant_id?: unknown }).tenant_id !== tenantId))
        throw new BackupError(`${file}: a row of ${line.table} belongs to another dealer group`);
      const cols = columns.get(line.table) ?? (await insertColumns(sql, line.table));
      columns.set(line.table, cols);
      const t = qualified('public', line.table);
      await sql.executeSql(
        `INSERT INTO ${t} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM jsonb_populate_recordset(NULL::${t}, $1::jsonb)`,
        [JSON.stringify(line.rows)],
      );
    }

    if (superuser) await sql.executeSql('SET LOCAL session_replication_role = origin');
    else for (const t of tables) await sql.executeSql(`ALTER TABLE ${qualified('public', t)} ENABLE TRIGGER USER`);
    const dangling = await danglingReferences(sql, header.tables, tenantId);
    if (dangling.length > 0)
      throw new BackupError(
        `rows refer to what this installation lacks (nothing imported):\n  ${dangling.join('\n  ')}`,
      );
    // Identity and serial columns: the next value comes after every imported one.
    const { rows: sequences } = await sql.executeSql(
      `SELECT c.relname AS t, a.attname AS col, pg_get_serial_sequence(format('public.%I', c.relname), a.attname) AS seq
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
       WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
         AND pg_get_serial_sequence(format('public.%I', c.relname), a.attname) IS NOT NULL`,
    );
    for (const s of sequences) {
      if (!header.tables.includes(String(s.t))) continue;
      await sql.executeSql(
        `SELECT setval($1::regclass, m) FROM (SELECT max(${`"${String(s.col)}"`})::bigint AS m FROM ${qualified('public', String(s.t))}) x
         WHERE m IS NOT NULL AND m > (SELECT last_value FROM ${String(s.seq)})`,
        [String(s.seq)],
      );
    }
    const differences = compareChecksums(header.checksums, await tenantChecksums(sql, tenantId, header.tables));
    if (differences.length > 0)
      throw new BackupError(
        `the imported rows differ from the archive (nothing imported):\n${describeDifferences(differences)}`,
      );
    return header;
  });
};
