import { z } from 'zod';
import { defineJob } from '../../platform/jobs/queue.ts';
import { tenantSuspended } from '../../platform/tenant-status.ts';
import { escalateAlert, escalateJobName } from './recovery.service.ts';

/** Queued when an alert opens, to start at its due time: a late alert goes up to the service manager. */
export const recoveryEscalateJob = defineJob({
  name: escalateJobName,
  payload: z.object({ tenantId: z.uuid(), alertId: z.uuid() }),
  retryLimit: 3,
  handle: async (ctx, { alertId }) => {
    if (await tenantSuspended(ctx.db, ctx.tenantId)) return;
    await escalateAlert(ctx, alertId);
  },
});
