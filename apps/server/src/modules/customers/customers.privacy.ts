import { and, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { customerPhones, customers, interactions } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import * as q from './customers.queries.ts';

/**
 * What another module holds about a customer: its part of the PIPL export (under `key`) and what erasure
 * blanks. Modules that build on customers (complaints…) declare their part here, so that this module never
 * imports them (the module graph stays acyclic: lint rule m4s/no-module-cycle).
 */
export type PersonalDataPart = {
  key: string;
  exportOf: (ctx: StaffCtx, customerId: string) => Promise<unknown>;
  erase: (ctx: StaffCtx, customerId: string) => Promise<void>;
};

const parts = new Map<string, PersonalDataPart>();

export const holdsPersonalData = (part: PersonalDataPart): void => {
  parts.set(part.key, part);
};

/**
 * A PIPL access request: everything held about the customer, unmasked, as one JSON document. The
 * export itself is audited. `overview` is the 360 view (vehicles and history) from the history module.
 */
export const exportCustomerData = async (ctx: StaffCtx, id: string, overview: Record<string, unknown>) => {
  authorize(ctx.actor, 'customer.export');
  const row = await q.findCustomer(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const phones = await q.phonesOf(ctx.db, ctx.tenantId, [id]);
  const held: Record<string, unknown> = {};
  // One after another: the parts share the request's one connection.
  for (const part of parts.values()) held[part.key] = await part.exportOf(ctx, id);
  await audit(ctx, {
    action: 'customer.exported',
    target: { type: 'customer', id },
    details: { purpose: 'pipl_access_request' },
  });
  return {
    ...overview,
    exportedAt: ctx.clock.now().toISOString(),
    customer: { ...row, phones: phones.map((p) => ({ phone: p.phone, primary: p.isPrimary })) },
    ...held,
  };
};

/**
 * Erasure on request: the person's data is removed or blanked; business records (repair orders, sales,
 * the car and its history) stay, attached to an anonymous customer. Consents stay as proof of what was
 * agreed. Complaints stay as records (category, dates, who handled them) without what the person said.
 * The erasure is audited with its reason and cannot be undone.
 */
export const eraseCustomer = async (ctx: StaffCtx, id: string, reason: string) => {
  authorize(ctx.actor, 'customer.erase');
  const row = await q.findCustomer(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  await ctx.db
    .delete(customerPhones)
    .where(and(eq(customerPhones.tenantId, ctx.tenantId), eq(customerPhones.customerId, id)));
  await ctx.db
    .delete(interactions)
    .where(and(eq(interactions.tenantId, ctx.tenantId), eq(interactions.customerId, id)));
  for (const part of parts.values()) await part.erase(ctx, id);
  await ctx.db
    .update(customers)
    .set({
      name: '已注销客户',
      gender: null,
      contactName: null,
      contactTitle: null,
      birthday: null,
      occupation: null,
      idNumber: null,
      preferences: {},
      tags: [],
      notes: null,
      addresses: [],
      secondContact: null,
      email: null,
      channels: [],
      marketingOptOut: true,
      erasedAt: now,
      updatedAt: now,
    })
    .where(and(eq(customers.tenantId, ctx.tenantId), eq(customers.id, id)));
  await audit(ctx, { action: 'customer.erased', target: { type: 'customer', id }, details: { reason } });
};
