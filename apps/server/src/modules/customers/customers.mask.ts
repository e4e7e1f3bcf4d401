import type { Role } from '@m4s/contracts';
import type { StaffActor } from '../../platform/context.ts';

/** Roles whose work is calling customers; others see 138****0000 unless the customer is their own. */
const fullContactRoles: readonly Role[] = ['group_admin', 'store_manager', 'service_manager', 'cs_specialist'];

export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');
export const maskEmail = (email: string) => {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email.slice(0, Math.min(2, at))}***${email.slice(at)}`;
};
export const maskIdNumber = (id: string) => `${id.slice(0, 3)}${'*'.repeat(Math.max(0, id.length - 7))}${id.slice(-4)}`;

/** Whether the role's work is calling people (regardless of whose customer they are). */
export const roleSeesContacts = (actor: StaffActor) => fullContactRoles.includes(actor.role);

export const seesFullContact = (
  actor: StaffActor,
  row: { salesConsultantId: string | null; serviceAdvisorId: string | null },
) => fullContactRoles.includes(actor.role) || row.salesConsultantId === actor.id || row.serviceAdvisorId === actor.id;
