import { defineNightly } from '../../platform/nightly/nightly.ts';
import { purgeIdleThrottles } from '../staff/staff.service.ts';
import { knownAddressDays } from './staff-auth.service.ts';

/**
 * The night forgets sign-in throttle rows (docs/staff-sign-in.md) untouched for `knownAddressDays` before the
 * night's day: by then a count has long started afresh and the address is no longer known to the login. Without
 * it, guesses at made-up logins would grow the table for ever. Run twice, it finds nothing.
 */
export const signInThrottleNightly = defineNightly({
  name: 'auth.sign_in_throttle_retention',
  run: async (job, day) => {
    // Counted from the night's date at UTC midnight, as the webhook log's retention is.
    const before = new Date(Date.parse(`${day}T00:00:00Z`) - knownAddressDays * 86_400_000);
    const purged = await job.step((ctx) => purgeIdleThrottles(ctx.db, ctx.tenantId, before));
    return { purged };
  },
});
