import { PGlite, type Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Database, SqlExecutor, Tx } from './types.ts';
import { firstStatementSql, openingStatements } from './tenant-context.ts';

/**
 * The embedded engine. One PGlite instance serves the whole process — requests and the job runner —
 * because its transactions are exclusive: every query waits for the open transaction to finish, so
 * nothing can fall into another request's transaction.
 */
export const openPglite = async (dataDir: string | undefined): Promise<Database> => {
  const pg = new PGlite(dataDir);
  await pg.waitReady;

  const executor = (q: PGlite | Transaction): SqlExecutor => ({
    executeSql: async (text, values) => {
      if (values && values.length > 0) return q.query<Record<string, unknown>>(text, values);
      const results = await q.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  });
  const owner = executor(pg);
  // One session for the whole process: a first statement is prepared once.
  const prepared = new Set<string>();

  return {
    engine: 'pglite',
    owner,
    jobsConnection: { db: owner },
    transaction: async (scope, fn) => {
      const opening = openingStatements(scope.tenantId);
      let opened = false;
      try {
        return await pg.transaction(async (t) => {
          const answer = await t.exec(
            scope.first ? `${opening}; ${firstStatementSql(scope.first, prepared)}` : opening,
          );
          opened = true;
          if (scope.first) prepared.add(scope.first.name);
          const first = scope.first ? (answer.at(-1)?.rows ?? []) : [];
          // Drizzle's PGlite driver only calls query() and exec(), which a transaction has too.
          const db = drizzle(t as unknown as PGlite) as unknown as Tx;
          return fn({ db, sql: executor(t), first });
        });
      } catch (error) {
        // A failed opening may have prepared the statement all the same: ask the session what it holds.
        if (!opened && scope.first && !prepared.has(scope.first.name)) {
          const held = await pg.query('SELECT 1 FROM pg_prepared_statements WHERE name = $1', [scope.first.name]);
          if (held.rows.length > 0) prepared.add(scope.first.name);
        }
        throw error;
      }
    },
    ping: async () => {
      await pg.query('select 1');
      return true;
    },
    close: () => pg.close(),
    // Every query and transaction of this instance waits for the one open here; the dump itself takes only
    // the query lock, which is free between the transaction's statements.
    dumpDataDir: (inside) =>
      pg.transaction(async (t) => {
        const result = await inside(executor(t));
        await t.exec('CHECKPOINT');
        return { tarball: await pg.dumpDataDir('gzip'), inside: result };
      }),
  };
};
