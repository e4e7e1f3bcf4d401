import { readMigrationFiles } from 'drizzle-orm/migrator';
import { fileURLToPath } from 'node:url';
import { distribute } from './distribute.ts';
import type { Database } from './types.ts';

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

/**
 * Applies drizzle-kit's migrations in order, forward only, as the owner: the same files and the same
 * bookkeeping table as drizzle's own migrator, through our executor so both engines take one path.
 * Each migration is one transaction that first takes an advisory lock and re-checks that it is still
 * pending, so two servers starting at once cannot apply one twice. On a Citus coordinator the schema is then
 * distributed by tenant (distribute.ts; a no-op elsewhere).
 *
 * On Citus a migration's statements are not sent as one multi-statement query: Citus forwards some DDL on a
 * distributed table to the workers as the text of the query that carried it, and the workers refuse several
 * commands in one ("cannot insert multiple commands into a prepared statement"). There each statement runs
 * alone through EXECUTE in one DO block — still one transaction, all or nothing. And once the schema is
 * distributed, a table a migration creates is distributed right after its CREATE TABLE (`distributeNew`), so
 * the migration's next statements (a foreign key to a tenant table, its policy) meet a distributed table as on
 * the first install. `folder` is for tests.
 */
export const migrate = async (db: Database, folder: string = migrationsFolder): Promise<number> => {
  const run = db.owner.executeSql;
  const citus =
    db.engine === 'postgres' && (await run(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`, [])).rows.length > 0;
  await run('CREATE SCHEMA IF NOT EXISTS drizzle');
  await run(
    'CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
  );
  const { rows } = await run('SELECT hash FROM drizzle.__drizzle_migrations', []);
  const done = new Set(rows.map((r) => String(r.hash)));
  let applied = 0;
  for (const m of readMigrationFiles({ migrationsFolder: folder })) {
    if (done.has(m.hash)) continue;
    const statements = m.sql.filter((s) => s.trim() !== '');
    const body = citus
      ? `DO $m4s_migration$ BEGIN\n${citusSettings}\n${statements.map((x) => executeAlone(x) + distributeNew(x)).join('\n')}\nEND $m4s_migration$`
      : statements.join(';\n');
    try {
      // One simple-protocol query is one implicit transaction: all of it applies, or none.
      await run(`SELECT pg_advisory_xact_lock(4242);
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM drizzle.__drizzle_migrations WHERE hash = '${m.hash}') THEN
    RAISE EXCEPTION 'm4s: migration already applied';
  END IF;
END $$;
${body};
INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('${m.hash}', ${m.folderMillis});`);
      applied += 1;
    } catch (error) {
      if (!String((error as Error).message).includes('m4s: migration already applied')) throw error;
    }
  }
  await distribute(db);
  return applied;
};

// What distribute.ts sets for its calls, for the migration's transaction.
const citusSettings = `PERFORM set_config('citus.enable_local_reference_table_foreign_keys', 'off', true),
  set_config('citus.enable_unsafe_triggers', 'on', true), set_config('citus.multi_shard_modify_mode', 'sequential', true);`;

/**
 * After a CREATE TABLE on an already distributed Citus schema: the new table distributed as distribute.ts
 * would — by tenant_id, co-located with the other tenant tables, or else a reference table. Before the first
 * distribution (a fresh install) nothing: distribute() then takes every table in foreign-key order.
 */
const distributeNew = (statement: string): string => {
  const name =
    /^(?:\s*--[^\n]*\n)*\s*CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/i.exec(
      statement,
    )?.[1];
  if (!name) return '';
  const table = `'public.${name}'`;
  return `
IF EXISTS (SELECT 1 FROM pg_dist_partition WHERE partmethod = 'h') THEN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = ${table}::regclass AND attname = 'tenant_id' AND NOT attisdropped) THEN
    PERFORM create_distributed_table(${table}, 'tenant_id', colocate_with => (SELECT min(logicalrelid::regclass::text)
      FROM pg_dist_partition WHERE partmethod = 'h'));
  ELSE
    PERFORM create_reference_table(${table});
  END IF;
END IF;`;
};

/** One statement as a PL/pgSQL EXECUTE of its text, dollar-quoted with a tag the text does not contain. */
const executeAlone = (statement: string): string => {
  let tag = 'm4s_stmt';
  for (let i = 0; statement.includes(`$${tag}$`); i += 1) tag = `m4s_stmt${i}`;
  return `EXECUTE $${tag}$${statement.trim().replace(/;\s*$/, '')}$${tag}$;`;
};
