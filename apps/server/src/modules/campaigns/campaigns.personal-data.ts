import { definePersonalData } from '../../platform/personal-data.ts';
import { campaignsOfCustomer, dropMergeClashes } from './campaigns.queries.ts';

/**
 * Campaigns hold who was in each audience: reached (with the coupon issued), held back by the gate and why,
 * or in the control group. No words about the person: erasure keeps the rows (the campaign's counts and
 * results stay true) attached to the anonymous customer. A merge moves the duplicate's rows, except for
 * campaigns the kept customer was in already.
 */
export const campaignsPersonalData = definePersonalData({
  module: 'campaigns',
  tables: [{ table: 'campaign_members', column: 'customer_id', merge: 'move', erase: 'keep' }],
  export: async (ctx, customerId) => ({
    campaigns: (await campaignsOfCustomer(ctx.sql, ctx.tenantId, customerId)).map((r) => ({
      campaignId: r.campaign_id,
      name: r.name,
      group: r.grp,
      reason: r.reason,
      decision: r.decision,
      couponId: r.coupon_id,
      sentAt: r.sent_at?.toISOString() ?? null,
    })),
  }),
  beforeMerge: (ctx, ids) => dropMergeClashes(ctx.sql, ctx.tenantId, ids.intoId, ids.fromId),
});
