import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** Drizzle over one open transaction: the only way queries reach the database. */
export type Tx = PgDatabase<PgQueryResultHKT>;

/** A raw SQL executor with pg's shape; pg-boss takes it to enqueue a job inside our transaction. */
export type SqlExecutor = {
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
};

export type TxHandle = { db: Tx; sql: SqlExecutor };

/** Whose data a transaction may touch: one tenant, or none (pre-authentication look-ups). */
export type TxScope = { tenantId: string | null };

export type Engine = 'pglite' | 'postgres';

export type Database = {
  engine: Engine;
  /** One transaction as the application role, with the tenant context set; rolled back on throw. */
  transaction: <T>(scope: TxScope, fn: (tx: TxHandle) => Promise<T>) => Promise<T>;
  /** The owner connection: migrations, seeding and platform operations only — it bypasses RLS. */
  owner: SqlExecutor;
  /** How pg-boss reaches this database: its own pool on PostgreSQL, the one PGlite instance embedded. */
  jobsConnection: { connectionString: string } | { db: SqlExecutor };
  ping: () => Promise<boolean>;
  close: () => Promise<void>;
};
