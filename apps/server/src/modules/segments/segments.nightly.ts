import { defineNightly } from '../../platform/nightly/nightly.ts';
import { classifyTenant } from './classify.ts';

/** The night's classification of the customers due, as of the day (before the care sweep reads the classes). */
export const classifyNightly = defineNightly({
  name: 'segments.classify',
  run: async (job, day) => {
    const classified = await job.step((ctx) => classifyTenant(ctx, day, 'due'));
    // Fresh statistics matter after a pass that rewrote many rows; a quiet night leaves them as they were.
    if (classified.scope === 'all' || classified.written > 10_000)
      await job.analyze(['customer_segments', 'vehicle_segments']);
    return { ...classified };
  },
});
