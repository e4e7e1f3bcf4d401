import { z } from 'zod';
import { defineJob } from '../../platform/jobs/queue.ts';
import { tenantSuspended } from '../../platform/tenant-status.ts';
import { sweep } from './sweep.ts';

// The nightly run itself is the platform's (platform/nightly): the care sweep is one of its steps
// (care.nightly.ts). Re-exported for the care tests that check the chain's timing.
export { nightlyJobName, scheduleNightly, startNightlyChain } from '../../platform/nightly/schedule.ts';

export const sweepJobName = 'care.sweep';

const dayPayload = z.object({ tenantId: z.uuid(), day: z.iso.date() });

/** One tenant's sweep of one local day (also what an operator re-runs: it makes nothing twice). */
export const careSweepJob = defineJob({
  name: sweepJobName,
  payload: dayPayload,
  retryLimit: 3,
  expireInSeconds: 30 * 60,
  handle: async (ctx, { day }) => {
    if (await tenantSuspended(ctx.db, ctx.tenantId)) return;
    const { staged, outcomes } = await sweep(ctx, day, { dryRun: false });
    ctx.log.info({ day, staged, touches: outcomes.length }, 'care sweep done');
  },
});
