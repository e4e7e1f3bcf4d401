import { PGlite, type Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Database, SqlExecutor, Tx } from './types.ts';
import { openingStatements } from './tenant-context.ts';

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

  return {
    engine: 'pglite',
    owner,
    jobsConnection: { db: owner },
    transaction: (scope, fn) =>
      pg.transaction(async (t) => {
        const opening = openingStatements(scope.tenantId);
        const opened = await t.exec(scope.first ? `${opening}; ${scope.first}` : opening);
        const first = scope.first ? (opened.at(-1)?.rows ?? []) : [];
        // Drizzle's PGlite driver only calls query() and exec(), which a transaction has too.
        const db = drizzle(t as unknown as PGlite) as unknown as Tx;
        return fn({ db, sql: executor(t), first });
      }),
    ping: async () => {
      await pg.query('select 1');
      return true;
    },
    close: () => pg.close(),
  };
};
