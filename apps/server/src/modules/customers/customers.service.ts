import type { ContactPreferences, Customer, CustomerInput, CustomerSummary } from '@m4s/contracts';
import { customerInput } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCustomerInScope, ownCustomersOnly } from './customers.scope.ts';
import { maskEmail, maskIdNumber, maskPhone, seesFullContact } from './customers.mask.ts';
import * as q from './customers.queries.ts';

/** What other modules may use of this module's SQL: they go through the service (lint rule m4s/no-foreign-queries). */
export {
  consentsOf,
  customersByIds,
  findCustomer,
  insertInteraction,
  interactionsOf,
  phonesOf,
  type CustomerRow,
} from './customers.queries.ts';
import { searchCustomerIds } from './customers.search.ts';
import { customerCreatedHook } from './customers.webhooks.ts';

const toCustomer = (row: q.CustomerRow, phones: q.PhoneRow[], full: boolean): Customer => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  gender: row.gender,
  contactName: row.contactName,
  contactTitle: row.contactTitle,
  phones: phones.map((p) => ({ phone: full ? p.phone : maskPhone(p.phone), masked: !full, primary: p.isPrimary })),
  email: row.email && !full ? maskEmail(row.email) : row.email,
  birthday: row.birthday,
  occupation: row.occupation,
  idNumber: row.idNumber && !full ? maskIdNumber(row.idNumber) : row.idNumber,
  source: row.source,
  preferredSlot: row.preferredSlot,
  preferences: row.preferences,
  tags: row.tags,
  notes: row.notes,
  vipLevel: row.vipLevel,
  malicious: row.malicious,
  seasonal: row.seasonal,
  addresses: row.addresses,
  secondContact: row.secondContact && {
    ...row.secondContact,
    phone: row.secondContact.phone && (full ? row.secondContact.phone : maskPhone(row.secondContact.phone)),
  },
  homeStoreId: row.homeStoreId,
  salesConsultantId: row.salesConsultantId,
  serviceAdvisorId: row.serviceAdvisorId,
  salesConsultantName: row.salesConsultantId ? null : row.salesConsultantName,
  serviceAdvisorName: row.serviceAdvisorId ? null : row.serviceAdvisorName,
  preferencesContact: {
    channels: row.channels,
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
    topicsOptedOut: row.topicsOptedOut,
    marketingOptOut: row.marketingOptOut,
  },
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Shows a customer to this actor, masked by role; an unmasked view is audited. */
const present = async (ctx: StaffCtx, row: q.CustomerRow): Promise<Customer> => {
  const phones = await q.phonesOf(ctx.db, ctx.tenantId, [row.id]);
  const full = seesFullContact(ctx.actor, row);
  if (full) await audit(ctx, { action: 'customer.contact_viewed', target: { type: 'customer', id: row.id } });
  return toCustomer(row, phones, full);
};

const loadCustomer = async (ctx: StaffCtx, id: string) => {
  const row = await q.findCustomer(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  assertCustomerInScope(ctx.actor, row);
  return row;
};

const assertPhonesFree = async (ctx: StaffCtx, phones: string[], exceptId: string | null) => {
  const taken = await q.phonesTaken(ctx.db, ctx.tenantId, phones, exceptId);
  const first = taken[0];
  if (first)
    throw new AppError('PHONE_TAKEN', undefined, {
      issues: [{ path: `phones.${phones.indexOf(first.phone)}`, message: 'phone_taken' }],
      customerId: first.customerId,
    });
};

/** For other modules: the customer row, or NOT_FOUND (RLS hides other tenants' rows). */
export const getCustomerRow = (ctx: StaffCtx, id: string) => loadCustomer(ctx, id);

export const getCustomer = async (ctx: StaffCtx, id: string): Promise<Customer> =>
  present(ctx, await loadCustomer(ctx, id));

export const createCustomer = async (ctx: StaffCtx, input: CustomerInput): Promise<Customer> => {
  authorize(ctx.actor, 'customer.write');
  const { phones, ...fields } = customerInput.parse(input);
  const unique = [...new Set(phones)];
  await assertPhonesFree(ctx, unique, null);
  const now = ctx.clock.now();
  const row = await q.insertCustomer(ctx.db, ctx.tenantId, fields, now);
  await q.setPhones(ctx.db, ctx.tenantId, row.id, unique, now);
  await audit(ctx, {
    action: 'customer.created',
    target: { type: 'customer', id: row.id },
    details: { source: row.source },
  });
  await customerCreatedHook(ctx, row.id);
  return present(ctx, row);
};

export const updateCustomer = async (ctx: StaffCtx, id: string, input: CustomerInput): Promise<Customer> => {
  authorize(ctx.actor, 'customer.write');
  const before = await loadCustomer(ctx, id);
  const { phones, ...fields } = customerInput.parse(input);
  const unique = [...new Set(phones)];
  await assertPhonesFree(ctx, unique, id);
  const now = ctx.clock.now();
  // A consultant / advisor kept as text from an import gives way once staff choose the person.
  const row = await q.updateCustomer(
    ctx.db,
    ctx.tenantId,
    id,
    {
      ...fields,
      ...(fields.salesConsultantId ? { salesConsultantName: null } : {}),
      ...(fields.serviceAdvisorId ? { serviceAdvisorName: null } : {}),
    },
    now,
  );
  if (!row) throw new AppError('NOT_FOUND');
  await q.setPhones(ctx.db, ctx.tenantId, id, unique, now);
  const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(fields[k]),
  );
  await audit(ctx, { action: 'customer.updated', target: { type: 'customer', id }, details: { changed } });
  return present(ctx, row);
};

export const updateContactPreferences = async (
  ctx: StaffCtx,
  id: string,
  prefs: ContactPreferences,
): Promise<Customer> => {
  authorize(ctx.actor, 'customer.write');
  const before = await loadCustomer(ctx, id);
  const row = await q.updateCustomer(ctx.db, ctx.tenantId, id, prefs, ctx.clock.now());
  if (!row) throw new AppError('NOT_FOUND');
  if (before.marketingOptOut !== prefs.marketingOptOut)
    await q.insertConsents(ctx.db, [
      {
        tenantId: ctx.tenantId,
        customerId: id,
        subject: 'marketing',
        granted: !prefs.marketingOptOut,
        via: 'staff',
        recordedBy: ctx.actor.id,
        at: ctx.clock.now(),
      },
    ]);
  await audit(ctx, { action: 'customer.preferences_updated', target: { type: 'customer', id } });
  return present(ctx, row);
};

/** Name (partial) or any 4+ digits of a phone. Summaries always mask the phone: full numbers only in the audited 360 view. */
export const searchCustomers = async (
  ctx: StaffCtx,
  query: { q: string; limit: number },
): Promise<CustomerSummary[]> => {
  authorize(ctx.actor, 'customer.read');
  const ids = await searchCustomerIds(ctx.db, ctx.tenantId, query.q, query.limit, ownCustomersOnly(ctx.actor));
  const [rows, phones] = await Promise.all([
    q.customersByIds(ctx.db, ctx.tenantId, ids),
    q.phonesOf(ctx.db, ctx.tenantId, ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const primary = phones.find((p) => p.customerId === id && p.isPrimary)?.phone ?? null;
    return [
      {
        id,
        name: row.name,
        kind: row.kind,
        primaryPhone: primary && maskPhone(primary),
        tags: row.tags,
        malicious: row.malicious,
        seasonal: row.seasonal,
        homeStoreId: row.homeStoreId,
      },
    ];
  });
};
