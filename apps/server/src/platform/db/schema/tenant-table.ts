import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole } from 'drizzle-orm/pg-core';

/**
 * The application role every request runs as (`SET LOCAL ROLE`). It is not a superuser and owns no
 * table, so row-level security applies to it. Created by the first migration.
 */
export const appRole = pgRole('m4s_app').existing();

/** The platform operator's role (migration 0020): its own tables and every tenant's row, no tenant table. */
export const operatorRole = pgRole('m4s_operator').existing();

/** The tenant of the current transaction, set with `SET LOCAL app.tenant_id`; NULL when unset. */
export const currentTenant = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * The one policy every tenant-owned table carries: rows of the current tenant only, for reading and
 * for writing. Use it in each tenant table's extra config: `(t) => [...keys, tenantPolicy(t.tenantId)]`.
 */
export const tenantPolicy = (name: string) =>
  pgPolicy(`${name}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`tenant_id = ${currentTenant}`,
    withCheck: sql`tenant_id = ${currentTenant}`,
  });
