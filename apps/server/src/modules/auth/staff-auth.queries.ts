import { z } from 'zod';
import { roles, type Role } from '@m4s/contracts';
import { col, maybeRow } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

export type StaffMeRow = {
  id: string;
  login: string;
  name: string;
  role: Role;
  storeId: string | null;
  storeName: string | null;
  tenant: { id: string; slug: string; name: string };
  mustChangePassword: boolean;
};

// Every app asks for it on start and after each sign-in: one prepared statement (parsed and planned once
// per pooled connection) for the member, their store and their tenant.
const staffMeSql = `SELECT m.id, m.login, m.name, m.role, m.must_change_password, st.id AS store_id, st.name AS store_name,
    t.id AS tenant_id, t.slug AS tenant_slug, t.name AS tenant_name
  FROM staff m
  JOIN tenants t ON t.id = m.tenant_id
  LEFT JOIN stores st ON st.tenant_id = m.tenant_id AND st.id = m.store_id
  WHERE m.tenant_id = $1 AND m.id = $2`;

const staffMeRow = z.object({
  id: col.text,
  login: col.text,
  name: col.text,
  role: z.enum(roles),
  must_change_password: col.bool,
  store_id: col.textOrNull,
  store_name: col.textOrNull,
  tenant_id: col.text,
  tenant_slug: col.text,
  tenant_name: col.text,
});

/** The signed-in member as /me shows them, with their store and tenant; null when not found. */
export const findStaffMe = async (sql: SqlExecutor, tenantId: string, staffId: string): Promise<StaffMeRow | null> => {
  const result = await sql.executeSql(staffMeSql, [tenantId, staffId], { name: 'm4s_staff_me' });
  const row = maybeRow(staffMeRow, result, 'the staff /me look-up');
  if (!row) return null;
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    storeId: row.store_id,
    storeName: row.store_name,
    tenant: { id: row.tenant_id, slug: row.tenant_slug, name: row.tenant_name },
    mustChangePassword: row.must_change_password,
  };
};
