import { defineNightly } from '../../platform/nightly/nightly.ts';
import { rewardNight } from './reward.service.ts';

/**
 * Referrals rewarded by what arrived otherwise than at delivery (docs/referrals.md): a referred person's car
 * purchase or paid repair order from a DMS import. After the membership night (its points are in the wallet
 * before the tiers of the next night).
 */
export const referralNightly = defineNightly({
  name: 'referrals.night',
  run: async (job) => job.step((ctx) => rewardNight(ctx)),
});
