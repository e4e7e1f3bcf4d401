import type { SqlExecutor } from './types.ts';

/**
 * ANALYZE of the named tables, through the owner connection (ANALYZE needs the tables' owner); the names are
 * checked, never taken from a payload. `changed`: only a table that is small (or never analyzed) or changed by
 * a tenth since its statistics — ANALYZE of a million-row table takes seconds, and a few batches more do not
 * change its plans (autovacuum waits for a fifth). The change counters are flushed first (the embedded engine
 * reports them lazily).
 */
export const tableAnalyzer =
  (owner: SqlExecutor) =>
  async (tables: readonly string[], which: 'all' | 'changed' = 'all') => {
    for (const table of tables) if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
    if (which === 'changed') await owner.executeSql('SELECT pg_stat_force_next_flush()');
    const { rows } = await owner.executeSql(
      `SELECT c.relname FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1::text[])
          AND ($2 = 'all' OR c.reltuples < 1000 OR coalesce(s.n_mod_since_analyze, 0) > c.reltuples / 10)`,
      [tables, which],
    );
    for (const { relname } of rows) await owner.executeSql(`ANALYZE ${String(relname)}`);
  };
