import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database, SqlExecutor } from './types.ts';
import { openingStatements } from './tenant-context.ts';

// Keep int8 (counts, money in fen) exact as strings; queries cast where they want numbers.
const poolExecutor = (q: pg.Pool | pg.PoolClient): SqlExecutor => ({
  executeSql: async (text, values, options) =>
    options?.name ? q.query({ name: options.name, text, values }) : q.query(text, values),
});

/** The rows of the last statement of a simple query (pg answers an array for several statements). */
const lastRows = (
  result: pg.QueryResult<Record<string, unknown>> | pg.QueryResult<Record<string, unknown>>[],
): Record<string, unknown>[] => (Array.isArray(result) ? result.at(-1)?.rows : result.rows) ?? [];

export const openPostgres = async (connectionString: string, poolSize: number): Promise<Database> => {
  // JIT off: the app's statements are short, or set-based over a few thousand rows, and the planner's
  // cost estimates for them (jsonb_array_elements, generate_series, long CTE chains) run high enough to
  // make PostgreSQL compile them — 110 ms of a 120 ms availability query, 2.2 s of the nightly
  // classification's 8 s customer statement at a million customers (bench/RESULTS.md).
  const pool = new pg.Pool({ connectionString, max: poolSize, options: '-c jit=off' });
  const client = await pool.connect();
  client.release();

  return {
    engine: 'postgres',
    owner: poolExecutor(pool),
    jobsConnection: { connectionString },
    transaction: async (scope, fn) => {
      const opening = openingStatements(scope.tenantId);
      const conn = await pool.connect();
      try {
        // One round trip opens the transaction and, when the scope names one, runs its first statement.
        const opened = await conn.query<Record<string, unknown>>(
          scope.first ? `BEGIN; ${opening}; ${scope.first}` : `BEGIN; ${opening}`,
        );
        const first = scope.first ? lastRows(opened) : [];
        const result = await fn({ db: drizzle(conn), sql: poolExecutor(conn), first });
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
      return true;
    },
    close: () => pool.end(),
  };
};
