import { definePersonalData } from '../../platform/personal-data.ts';
import * as q from './referrals.queries.ts';

/**
 * Referrals name two customers: the referrer and the referred person. The rows and their rewards stay (the
 * group's books); erasure blanks the referred person's name and phone and the notes, and deletes the code.
 * A merge moves both references; the duplicate's code goes when the kept customer has one.
 */
export const referralsPersonalData = definePersonalData({
  module: 'referrals',
  tables: [
    { table: 'referral_codes', column: 'customer_id', merge: 'move', erase: 'delete' },
    { table: 'referrals', column: 'referrer_id', merge: 'move', erase: 'blank' },
    { table: 'referrals', column: 'referred_customer_id', merge: 'move', erase: 'blank' },
  ],
  export: async (ctx, customerId) => ({
    referrals: (await q.exportOf(ctx.sql, ctx.tenantId, customerId)).map((r) => ({
      code: r.code,
      referrer: r.referrer_id === customerId ? 'self' : r.referrer_name,
      referredName: r.referred_name,
      referredPhone: r.referred_phone,
      channel: r.channel,
      status: r.status,
      store: r.store_name,
      createdAt: r.created_at.toISOString(),
      rewardedAt: r.rewarded_at?.toISOString() ?? null,
      rewardPoints: r.reward_points,
    })),
  }),
  erase: (ctx, customerId, person) => q.blankReferred(ctx.sql, ctx.tenantId, customerId, person.phones),
  beforeMerge: (ctx, ids) => q.foldCode(ctx.sql, ctx.tenantId, ids.intoId, ids.fromId),
});
