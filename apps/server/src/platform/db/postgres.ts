import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database, SqlExecutor } from './types.ts';
import { firstStatementSql, openingStatements } from './tenant-context.ts';

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
  //
  // On a Citus coordinator, the app's transactions name their tenant and role with SET LOCAL, which reaches
  // the shards' row-level security on the workers only with citus.propagate_set_commands = 'local' — set here
  // for the app's connections only: Citus forwards a SET LOCAL as the text of the whole query that carried it,
  // so pg-boss's (multi-statement, with its own SET LOCALs) must not. For the same reason the opening
  // statements go alone there, and the first statement follows in a round trip of its own (docs/scaling.md).
  const probe = new pg.Client({ connectionString });
  await probe.connect();
  const citus = await probe
    .query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)
    .then((r) => r.rows.length > 0)
    .finally(() => probe.end());
  const options = citus ? '-c jit=off -c citus.propagate_set_commands=local' : '-c jit=off';
  const pool = new pg.Pool({ connectionString, max: poolSize, options });
  const client = await pool.connect();
  client.release();
  // The first statements each pooled connection has prepared (a connection the pool replaces starts afresh).
  const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

  return {
    engine: 'postgres',
    owner: poolExecutor(pool),
    jobsConnection: { connectionString },
    transaction: async (scope, fn) => {
      const opening = openingStatements(scope.tenantId);
      const conn = await pool.connect();
      // A failed opening may leave a statement prepared that `prepared` does not know of: that connection goes.
      let opened = false;
      try {
        // One round trip opens the transaction and, when the scope names one, runs its first statement.
        const prepared = preparedOn.get(conn) ?? new Set<string>();
        preparedOn.set(conn, prepared);
        const first = scope.first ? firstStatementSql(scope.first, prepared) : null;
        let answer = await conn.query<Record<string, unknown>>(
          first && !citus ? `BEGIN; ${opening}; ${first}` : `BEGIN; ${opening}`,
        );
        if (first && citus) answer = await conn.query<Record<string, unknown>>(first);
        opened = true;
        if (scope.first) prepared.add(scope.first.name);
        const result = await fn({ db: drizzle(conn), sql: poolExecutor(conn), first: first ? lastRows(answer) : [] });
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        conn.release(!opened);
      }
    },
    ping: async () => {
      await pool.query('select 1');
      return true;
    },
    close: () => pool.end(),
  };
};
