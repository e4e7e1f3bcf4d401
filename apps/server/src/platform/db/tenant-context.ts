import { AppError } from '../errors.ts';
import type { FirstStatement } from './types.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The statements that open every transaction: switch to the application role (so RLS applies) and
 * name the tenant. SET LOCAL with a literal — not set_config() — because Citus forwards only SET LOCAL
 * to its workers; the literal is safe because it is validated as a UUID first.
 */
export const openingStatements = (tenantId: string | null): string =>
  `SET LOCAL ROLE m4s_app; ${namingTenant(tenantId)}`;

/**
 * Names the tenant (or none) inside an open transaction and keeps its role: the platform operator's
 * `inTenant` (platform/operator-tx.ts). On Citus a transaction keeps one role from start to end, since the
 * coordinator connects to the workers as the current role and replays every SET LOCAL of the transaction
 * on each new connection.
 */
export const namingTenant = (tenantId: string | null): string => {
  if (tenantId === null) return "SET LOCAL app.tenant_id = ''";
  if (!uuidPattern.test(tenantId)) throw new AppError('TENANT_NOT_FOUND');
  return `SET LOCAL app.tenant_id = '${tenantId.toLowerCase()}'`;
};

const namePattern = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * The SQL that runs a transaction's first statement after the opening ones: EXECUTE of it, preceded by its
 * PREPARE the first time on a connection (`prepared` holds the names this connection has; PostgreSQL keeps a
 * prepared statement for the session whatever becomes of the transaction, and re-plans it after a migration).
 * The caller adds the name to `prepared` once the query has succeeded.
 */
export const firstStatementSql = (first: FirstStatement, prepared: ReadonlySet<string>): string => {
  if (!namePattern.test(first.name)) throw new Error(`not a statement name: ${first.name}`);
  const execute = `EXECUTE ${first.name}(${first.args.join(', ')})`;
  return prepared.has(first.name) ? execute : `PREPARE ${first.name} AS ${first.text}; ${execute}`;
};
