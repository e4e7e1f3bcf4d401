import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** Drizzle over one open transaction: the only way queries reach the database. */
export type Tx = PgDatabase<PgQueryResultHKT>;

/**
 * A raw SQL executor with pg's shape; pg-boss takes it to enqueue a job inside our transaction.
 * `options.name` makes it a named prepared statement on PostgreSQL (parsed and planned once per pooled
 * connection, for the statements every request sends); PGlite ignores it.
 */
export type SqlExecutor = {
  executeSql: (
    text: string,
    values?: unknown[],
    options?: { name?: string },
  ) => Promise<{ rows: Record<string, unknown>[] }>;
};

/** `first`: the rows of the scope's `first` statement (empty when it named none). */
export type TxHandle = { db: Tx; sql: SqlExecutor; first?: Record<string, unknown>[] };

/**
 * A statement prepared once per connection and executed with literal arguments: the simple protocol that
 * carries BEGIN and SET LOCAL takes no parameters, so the arguments are literals, each checked by
 * platform/db/literals.ts; `text` names them $1, $2, … as a prepared statement does.
 */
export type FirstStatement = { name: string; text: string; args: string[] };

/**
 * Whose data a transaction may touch: one tenant, or none (pre-authentication look-ups).
 * `first`: a statement sent in the same round trip as the opening ones (BEGIN, SET LOCAL ROLE, SET LOCAL
 * app.tenant_id and EXECUTE of it, as one simple query) — every signed-in request's session look-up, so that
 * opening the tenant's transaction costs no round trip of its own. Its rows reach the transaction as `first`.
 */
export type TxScope = { tenantId: string | null; first?: FirstStatement };

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
  /**
   * The embedded engine only: its data directory as a gzipped tarball (PGlite's dumpDataDir), taken while
   * no other query or transaction can run; `inside` runs first in the same exclusive section (as the owner),
   * so what it reads is exactly what the tarball holds (platform/backup).
   */
  dumpDataDir?: <T>(inside: (sql: SqlExecutor) => Promise<T>) => Promise<{ tarball: Blob; inside: T }>;
};
