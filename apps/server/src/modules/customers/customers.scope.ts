import { roleGrants } from '@m4s/contracts';
import { eq, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { StaffActor } from '../../platform/context.ts';
import { customers } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Customers belong to the whole group, unless the tenant chose 'own': then the "own"-scope roles
 * (sales consultants, service advisors) reach only the customers assigned to them. Managers, customer
 * service and cashiers are unaffected.
 *
 * The one rule, in three forms: `ownCustomersOnly` (whom to restrict to), `assertCustomerInScope` (one
 * row already read) and `customerScopeWhere` / `customerScopeText` (a list's WHERE, drizzle or raw SQL).
 * A row that names a customer but is itself assigned to the actor (a booking or visit whose advisor they
 * are, a care task assigned to them) is in reach too: it is their work, whoever's customer it is.
 */
export const ownCustomersOnly = (actor: StaffActor): string | null =>
  actor.customerScope === 'own' && roleGrants[actor.role].scope === 'own' ? actor.id : null;

export const assertCustomerInScope = (
  actor: StaffActor,
  row: { salesConsultantId: string | null; serviceAdvisorId: string | null },
  assignedStaffId: string | null = null,
): void => {
  const own = ownCustomersOnly(actor);
  if (own && row.salesConsultantId !== own && row.serviceAdvisorId !== own && assignedStaffId !== own)
    throw new AppError('FORBIDDEN');
};

/**
 * The scope as a drizzle condition on the `customers` table joined in the query; `own` is
 * `ownCustomersOnly(actor)` (null: no restriction). `assigned`: the row's own staff column (e.g. the
 * visit's advisor), also in reach.
 */
export const customerScopeWhere = (own: string | null, assigned?: SQLWrapper): SQL | undefined => {
  if (!own) return undefined;
  return or(
    eq(customers.salesConsultantId, own),
    eq(customers.serviceAdvisorId, own),
    assigned ? eq(assigned, own) : undefined,
  );
};

/**
 * The same, for raw SQL: `customer` is the alias of the joined customers row, `param` the placeholder
 * bound to `ownCustomersOnly(actor)` (null: no restriction), `assigned` the row's own staff column.
 */
export const customerScopeText = (customer: string, param: string, assigned?: string): string =>
  `(${param}::uuid IS NULL OR ${customer}.sales_consultant_id = ${param}::uuid OR ${customer}.service_advisor_id = ${param}::uuid${
    assigned ? ` OR ${assigned} = ${param}::uuid` : ''
  })`;
