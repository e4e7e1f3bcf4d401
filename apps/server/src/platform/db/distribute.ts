import { z } from 'zod';
import { col, parseRows } from './rows.ts';
import type { Database } from './types.ts';

/**
 * On a Citus coordinator (the `citus` extension is in the database), the step after the migrations that
 * distributes the schema: every table of `public` with a `tenant_id` column is hash-distributed by it, all
 * co-located (one tenant's rows of every table on one shard group, so a statement that names the tenant runs
 * on one node); every other table of `public` (tenants, the vehicle catalogue, roles, operators) becomes a
 * reference table, copied to every node. The migrations' bookkeeping (`drizzle`) and the job queue
 * (`pgboss`) stay local tables on the coordinator. Idempotent: tables already distributed are skipped, so a
 * migration that adds a table gets it distributed on the next start. A no-op on plain PostgreSQL and PGlite.
 *
 * The order follows the foreign keys: reference tables first, then each table after the tables it refers to.
 * Returns the number of tables it distributed.
 */
export const distribute = async (db: Database): Promise<number> => {
  if (db.engine !== 'postgres') return 0;
  const run = db.owner.executeSql;
  const citus = await run(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`, []);
  if (citus.rows.length === 0) return 0;

  // Citus opens its connections to the workers as the current role: after `SET LOCAL ROLE m4s_app` (every
  // request) or m4s_operator, as that role, which must then be allowed to log in (to the workers; pg_hba
  // and pg_dist_authinfo decide from where and how — docs/scaling.md). It still has no password here.
  const nologin = await run(
    `SELECT rolname FROM pg_roles WHERE rolname IN ('m4s_app', 'm4s_operator') AND NOT rolcanlogin ORDER BY 1`,
    [],
  );
  for (const { rolname } of parseRows(z.object({ rolname: col.text }), nologin, 'the roles to let log in'))
    await run(`ALTER ROLE ${rolname} LOGIN`);

  const { rows } = await run(
    `SELECT c.relname AS name,
            EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS tenant,
            -- A table a later migration made is already a Citus local table when it refers to a reference
            -- table (Citus adds it to its metadata itself: repmodel 's'); it still has to be distributed.
            EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid
                    AND NOT (p.partmethod = 'n' AND p.repmodel = 's')) AS done,
            coalesce((SELECT array_agg(DISTINCT r.relname::text) FROM pg_constraint f
                      JOIN pg_class r ON r.oid = f.confrelid
                      WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid), '{}') AS refs
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY c.relname`,
    [],
  );
  const tables = parseRows(
    z.object({ name: col.text, tenant: col.bool, done: col.bool, refs: z.array(z.string()) }),
    { rows },
    'the tables to distribute',
  );
  type Table = (typeof tables)[number];
  const byName = new Map(tables.map((t) => [t.name, t]));

  // Reference tables first (they refer to one another only), then tenant tables: each after its parents.
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const place = (t: Table, path: Set<string>) => {
    if (placed.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const r of t.refs) {
      const parent = byName.get(r);
      if (parent) place(parent, path);
    }
    placed.add(t.name);
    ordered.push(t);
  };
  for (const t of tables.filter((t) => !t.tenant)) place(t, new Set());
  for (const t of tables.filter((t) => t.tenant)) place(t, new Set());

  // Every tenant table is co-located with the first one distributed (by name: stable across runs).
  const anchor = tables.find((t) => t.tenant && t.done)?.name ?? null;
  let colocateWith = anchor;
  let distributed = 0;
  for (const t of ordered) {
    if (t.done) continue;
    const ident = `'public.${t.name.replace(/'/g, "''")}'`;
    const call = t.tenant
      ? `SELECT create_distributed_table(${ident}, 'tenant_id'${colocateWith ? `, colocate_with => 'public.${colocateWith}'` : ''})`
      : `SELECT create_reference_table(${ident})`;
    try {
      // One statement: on Citus a SET reaches the workers with the whole text of the query that carried it.
      await run(
        `DO $$ BEGIN PERFORM set_config('citus.enable_local_reference_table_foreign_keys', 'off', true), set_config('citus.enable_unsafe_triggers', 'on', true); PERFORM ${call.replace(/^SELECT /, '')}; END $$`,
      );
    } catch (error) {
      throw new Error(`distributing ${t.name}: ${(error as Error).message}`, { cause: error });
    }
    if (t.tenant) colocateWith ??= t.name;
    distributed += 1;
  }
  return distributed;
};
