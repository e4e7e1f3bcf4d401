import { and, eq } from 'drizzle-orm';
import { customers } from '../../platform/db/schema/index.ts';
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
  export: async (ctx, id) => {
    const row = await q.findCustomer(ctx.db, ctx.tenantId, id);
    if (!row) throw new AppError('NOT_FOUND');
    const phones = await q.phonesOf(ctx.db, ctx.tenantId, [id]);
    return { customer: { ...row, phones: phones.map((p) => ({ phone: p.phone, primary: p.isPrimary })) } };
  },
  erase: async (ctx, id) => {
    const now = ctx.clock.now();
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
  },
  // The kept record's primary phone stays the primary one.
  beforeMerge: async (ctx, { fromId }) => {
    await ctx.sql.executeSql(
      'UPDATE customer_phones SET is_primary = false WHERE tenant_id = $1 AND customer_id = $2',
      [ctx.tenantId, fromId],
    );
  },
});
