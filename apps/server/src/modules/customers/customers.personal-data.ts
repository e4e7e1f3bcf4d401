import { AppError } from '../../platform/errors.ts';
import { definePersonalData } from '../../platform/personal-data.ts';
import * as q from './customers.queries.ts';

/**
 * The customer record itself and its phones. Erasure blanks the record (it stays, anonymous, for the
 * business records that point at it) and deletes the phones; consents stay as proof of what was agreed.
 */
export const customersPersonalData = definePersonalData({
  module: 'customers',
  tables: [
    { table: 'customer_phones', column: 'customer_id', merge: 'move', erase: 'delete' },
    { table: 'consents', column: 'customer_id', merge: 'move', erase: 'keep' },
  ],
  identify: async (ctx, { customerId }) => {
    const row = await q.findCustomer(ctx.db, ctx.tenantId, customerId);
    const phones = await q.phonesOf(ctx.db, ctx.tenantId, [customerId]);
    return {
      names: row ? [row.name, row.contactName ?? ''] : [],
      phones: phones.map((p) => p.phone),
      emails: row?.email ? [row.email] : [],
    };
  },
  export: async (ctx, id) => {
    const row = await q.findCustomer(ctx.db, ctx.tenantId, id);
    if (!row) throw new AppError('NOT_FOUND');
    const phones = await q.phonesOf(ctx.db, ctx.tenantId, [id]);
    return { customer: { ...row, phones: phones.map((p) => ({ phone: p.phone, primary: p.isPrimary })) } };
  },
  erase: (ctx, id) => q.blankCustomer(ctx.db, ctx.tenantId, id, ctx.clock.now()),
  beforeMerge: (ctx, { fromId }) => q.demotePhones(ctx.db, ctx.tenantId, fromId),
});
