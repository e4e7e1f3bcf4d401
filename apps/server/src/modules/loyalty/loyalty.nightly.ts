import { defineNightly } from '../../platform/nightly/nightly.ts';
import { couponNight, earnNight, expireNight, remindNight, tierNight } from './nightly.service.ts';

/**
 * The programme's night (docs/loyalty.md), after the classification and before the care sweep: earn,
 * expire, tiers (from the 12 months' points and spend, with the grace), rule coupons, reminders.
 */
export const loyaltyNightly = defineNightly({
  name: 'loyalty.night',
  run: async (job, day) => {
    const earned = await job.step((ctx) => earnNight(ctx, day));
    const expired = await job.step((ctx) => expireNight(ctx, day));
    const tiers = await job.step((ctx) => tierNight(ctx, day));
    const coupons = await job.step((ctx) => couponNight(ctx, day));
    const reminders = await job.step((ctx) => remindNight(ctx, day));
    if (earned.entries > 10_000) await job.analyze(['points_ledger', 'loyalty_members']);
    return {
      earnedEntries: earned.entries,
      earnedPoints: earned.points,
      expiredEntries: expired.entries,
      expiredPoints: expired.points,
      members: tiers.members,
      tierMoves: tiers.moved,
      couponsIssued: coupons.issued,
      couponsExpired: coupons.expired,
      remindersStaged: reminders.coupons + reminders.points,
      remindersSent: reminders.sent,
    };
  },
});
