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
 */
export const migrate = async (db: Database): Promise<number> => {
  const run = db.owner.executeSql;
  await run('CREATE SCHEMA IF NOT EXISTS drizzle');
  await run(
    'CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
  );
  const { rows } = await run('SELECT hash FROM drizzle.__drizzle_migrations', []);
  const done = new Set(rows.map((r) => String(r.hash)));
  let applied = 0;
  for (const m of readMigrationFiles({ migrationsFolder })) {
    if (done.has(m.hash)) continue;
    const body = m.sql.filter((s) => s.trim() !== '').join(';\n');
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
