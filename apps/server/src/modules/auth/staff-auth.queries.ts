import { roleGrants, type Role } from '@m4s/contracts';
import type { SqlExecutor } from '../../platform/db/types.ts';

export type StaffMeRow = {
  id: string;
  login: string;
  name: string;
  role: Role;
  storeId: string | null;
  storeName: string | null;
  tenant: { id: string; slug: string; name: string };
};

// Every app asks for it on start and after each sign-in: one prepared statement (parsed and planned once
// per pooled connection) for the member, their store and their tenant.
const staffMeSql = `SELECT m.id, m.login, m.name, m.role, st.id AS store_id, st.name AS store_name,
    t.id AS tenant_id, t.slug AS tenant_slug, t.name AS tenant_name
  FROM staff m
  JOIN tenants t ON t.id = m.tenant_id
  LEFT JOIN stores st ON st.tenant_id = m.tenant_id AND st.id = m.store_id
  WHERE m.tenant_id = $1 AND m.id = $2`;

const str = (row: Record<string, unknown>, key: string): string => {
  const value = row[key];
  if (typeof value !== 'string') throw new Error(`staff me row: ${key} is not text`);
  return value;
};
const strOrNull = (row: Record<string, unknown>, key: string): string | null =>
  row[key] === null ? null : str(row, key);

/** The signed-in member as /me shows them, with their store and tenant; null when not found. */
export const findStaffMe = async (sql: SqlExecutor, tenantId: string, staffId: string): Promise<StaffMeRow | null> => {
  const { rows } = await sql.executeSql(staffMeSql, [tenantId, staffId], { name: 'm4s_staff_me' });
  const row = rows[0];
  if (!row) return null;
  const role = str(row, 'role');
  if (!Object.hasOwn(roleGrants, role)) throw new Error('staff me row: unknown role');
  return {
    id: str(row, 'id'),
    login: str(row, 'login'),
    name: str(row, 'name'),
    role: role as Role,
    storeId: strOrNull(row, 'store_id'),
    storeName: strOrNull(row, 'store_name'),
    tenant: { id: str(row, 'tenant_id'), slug: str(row, 'tenant_slug'), name: str(row, 'tenant_name') },
  };
};
