import { defineNightly } from '../../platform/nightly/nightly.ts';
import { purgeFinishedDeliveries } from './webhooks.queries.ts';

/** How long the delivery log keeps a finished delivery and its attempts (docs/webhooks.md). */
export const deliveryLogDays = 30;

/**
 * The night trims the delivery log: a delivery that succeeded or gave up more than `deliveryLogDays` before
 * the night's day goes, with its attempts; pending ones stay whatever their age. Run twice, it finds nothing.
 */
export const webhookLogNightly = defineNightly({
  name: 'webhooks.log_retention',
  run: async (job, day) => {
    // Days are counted from the night's date at UTC midnight: a retention of a month needs no zone precision.
    const before = new Date(Date.parse(`${day}T00:00:00Z`) - deliveryLogDays * 86_400_000);
    const purged = await job.step((ctx) => purgeFinishedDeliveries(ctx.db, ctx.tenantId, before));
    return { purged };
  },
});
