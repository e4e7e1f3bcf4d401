import { defineNightly } from '../../platform/nightly/nightly.ts';
import { sweep } from './sweep.ts';

/**
 * The night's care sweep of the day: every rule's candidates, and the held touches whose window is free,
 * through the contact gate (makes nothing twice); counts per decision (sent, deferred, held, expired…).
 */
export const careSweepNightly = defineNightly({
  name: 'care.sweep',
  run: async (job, day) => {
    const swept = await job.step((ctx) => sweep(ctx, day, { dryRun: false }));
    const decisions: Record<string, number> = {};
    for (const o of swept.outcomes) if (!o.duplicate) decisions[o.decision] = (decisions[o.decision] ?? 0) + 1;
    return { staged: swept.staged, touches: swept.outcomes.length, decisions };
  },
});
