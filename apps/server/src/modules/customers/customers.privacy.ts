import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { eraseParts, exportParts, type Person } from '../../platform/personal-data.ts';
import { personalData } from '../../personal-data.ts';
import * as q from './customers.queries.ts';

/**
 * A PIPL access request: everything held about the customer, unmasked, as one JSON document — each
 * module's part as it declares it (src/personal-data.ts). The export itself is audited.
 */
export const exportCustomerData = async (ctx: StaffCtx, id: string) => {
  authorize(ctx.actor, 'customer.export');
  const row = await q.findCustomer(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const document = await exportParts(ctx, personalData, id);
  await audit(ctx, {
    action: 'customer.exported',
    target: { type: 'customer', id },
    details: { purpose: 'pipl_access_request' },
  });
  return { ...document, exportedAt: ctx.clock.now().toISOString() };
};

/**
 * Erasure on request: the person's data is removed or blanked; business records (repair orders, sales,
 * the car and its history) stay, attached to an anonymous customer. Consents stay as proof of what was
 * agreed. Complaints stay as records (category, dates, who handled them) without what the person said.
 * Bookings, visits, care tasks and the messages sent stay without their words; the person's owner-app
 * accounts (sessions, bindings, inbox) are deleted. What each module does is its own declaration
 * (src/personal-data.ts). The erasure is audited with its reason (without the person's name or phone) and
 * cannot be undone.
 */
export const eraseCustomer = async (ctx: StaffCtx, id: string, reason: string) => {
  authorize(ctx.actor, 'customer.erase');
  const row = await q.findCustomer(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const person = await eraseParts(ctx, personalData, id);
  await audit(ctx, {
    action: 'customer.erased',
    target: { type: 'customer', id },
    details: { reason: withoutPerson(reason, person) },
  });
};

/** The erasure's reason as staff typed it, minus the person's name, phones and addresses (the entry stays). */
export const withoutPerson = (text: string, person: Person) => {
  const said = [...person.names, ...person.phones, ...person.emails].filter((s) => s.trim().length > 0);
  // Longest first: a phone is not left half-masked by a shorter name inside it.
  return said.sort((a, b) => b.length - a.length).reduce((out, s) => out.split(s).join('***'), text);
};
