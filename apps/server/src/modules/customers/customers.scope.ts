import { roleGrants } from '@m4s/contracts';
import type { StaffActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Customers belong to the whole group, unless the tenant chose 'own': then the "own"-scope roles
 * (sales consultants, service advisors) reach only the customers assigned to them. Managers, customer
 * service and cashiers are unaffected.
 */
export const ownCustomersOnly = (actor: StaffActor): string | null =>
  actor.customerScope === 'own' && roleGrants[actor.role].scope === 'own' ? actor.id : null;

export const assertCustomerInScope = (
  actor: StaffActor,
  row: { salesConsultantId: string | null; serviceAdvisorId: string | null },
): void => {
  const own = ownCustomersOnly(actor);
  if (own && row.salesConsultantId !== own && row.serviceAdvisorId !== own) throw new AppError('FORBIDDEN');
};
