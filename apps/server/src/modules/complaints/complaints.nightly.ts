import { defineNightly } from '../../platform/nightly/nightly.ts';
import { openCaseIds } from './cases.queries.ts';
import { actOnDeadlines } from './complaints.escalation.ts';

/**
 * The safety net behind the deadline jobs: every open case's deadlines are looked at once a night; a
 * warning or an escalation the jobs missed (the server was down at the moment) is written now, once.
 */
export const complaintDeadlinesNightly = defineNightly({
  name: 'complaints.deadlines',
  run: async (job) => {
    const ids = await job.step((ctx) => openCaseIds(ctx.db, ctx.tenantId));
    let warned = 0;
    let escalated = 0;
    for (const id of ids) {
      const out = await job.step((ctx) => actOnDeadlines(ctx, id));
      warned += out.warned;
      escalated += out.escalated;
    }
    return { cases: ids.length, warned, escalated };
  },
});
