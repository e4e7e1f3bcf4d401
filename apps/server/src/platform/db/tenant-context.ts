import { AppError } from '../errors.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The statements that open every transaction: switch to the application role (so RLS applies) and
 * name the tenant. SET LOCAL with a literal — not set_config() — because Citus forwards only SET LOCAL
 * to its workers; the literal is safe because it is validated as a UUID first.
 */
export const openingStatements = (tenantId: string | null): string => {
  if (tenantId === null) return "SET LOCAL ROLE m4s_app; SET LOCAL app.tenant_id = ''";
  if (!uuidPattern.test(tenantId)) throw new AppError('TENANT_NOT_FOUND');
  return `SET LOCAL ROLE m4s_app; SET LOCAL app.tenant_id = '${tenantId.toLowerCase()}'`;
};
