import type { Ctx } from '../../platform/context.ts';
import { defineNightly } from '../../platform/nightly/nightly.ts';
import { callPolicyOf } from './calls.service.ts';
import { expireCalls } from './calls.queries.ts';

/** Expires the tenant's calls past their window now; how many of each reason. */
export const expireDueCalls = async (ctx: Ctx) => {
  const policy = await callPolicyOf(ctx);
  const { never, tried } = await expireCalls(ctx.sql, ctx.tenantId, ctx.clock.now(), policy.queueDays);
  return { neverAttempted: never, notReached: tried };
};

/**
 * Calls left in the queue past the tenant's window (15 days by default after they first fell due, or a
 * day after an agreed time that is later) expire with their reason: never attempted, or tried and not
 * reached. After the care sweep.
 */
export const callExpiryNightly = defineNightly({
  name: 'calls.expire',
  run: async (job) => job.step((ctx) => expireDueCalls(ctx)),
});
