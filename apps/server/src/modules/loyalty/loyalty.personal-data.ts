import { definePersonalData } from '../../platform/personal-data.ts';
import { couponsOf } from './coupons.service.ts';
import { blankNotes, foldMember, statementOf, tierHistoryOf } from './ledger.service.ts';
import { memberOf } from './ledger.queries.ts';

/**
 * Membership holds the customer's wallet: the ledger (amounts are the group's books: kept, attached to the
 * erased customer; an adjustment's note, staff's words about the person, is blanked), the balance and tier,
 * the tier history and the coupons (kept: they are money the stores gave). A merge moves all of it to the
 * kept record; the duplicate's balance is added to the kept member's first.
 */
export const loyaltyPersonalData = definePersonalData({
  module: 'loyalty',
  tables: [
    { table: 'points_ledger', column: 'customer_id', merge: 'move', erase: 'blank' },
    { table: 'loyalty_members', column: 'customer_id', merge: 'drop', erase: 'keep' },
    { table: 'tier_changes', column: 'customer_id', merge: 'move', erase: 'keep' },
    { table: 'coupons', column: 'customer_id', merge: 'move', erase: 'keep' },
  ],
  export: async (ctx, customerId) => {
    const member = await memberOf(ctx.sql, ctx.tenantId, customerId);
    return {
      membership: {
        tier: member?.tier ?? null,
        balance: member?.balance ?? 0,
        ledger: await statementOf(ctx, customerId),
        tierHistory: await tierHistoryOf(ctx.sql, ctx.tenantId, customerId),
        coupons: await couponsOf(ctx, customerId),
      },
    };
  },
  erase: (ctx, customerId) => blankNotes(ctx.sql, ctx.tenantId, customerId),
  beforeMerge: (ctx, ids) => foldMember(ctx.sql, ctx.tenantId, ids.intoId, ids.fromId, ctx.clock.now()),
});
