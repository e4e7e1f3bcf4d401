import { defineNightly } from '../../platform/nightly/nightly.ts';
import { sweep } from './sweep.ts';

/** The night's care sweep of the day: every rule's candidates through the contact gate (makes nothing twice). */
export const careSweepNightly = defineNightly({
  name: 'care.sweep',
  run: async (job, day) => {
    const swept = await job.step((ctx) => sweep(ctx, day, { dryRun: false }));
    return { staged: swept.staged, touches: swept.outcomes.length };
  },
});
