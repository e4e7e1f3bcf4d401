import { z } from 'zod';
import { defineJob } from '../../platform/jobs/queue.ts';
import { campaignSendJobName } from './campaigns.job-name.ts';
import { sendScheduled } from './campaigns.service.ts';

/** A scheduled campaign goes at its time (docs/campaigns.md); a cancelled or already sent one is left alone. */
export const campaignSendJob = defineJob({
  name: campaignSendJobName,
  payload: z.object({ tenantId: z.uuid(), campaignId: z.uuid() }),
  retryLimit: 3,
  handle: async (ctx, { campaignId }) => {
    await sendScheduled(ctx, campaignId);
  },
});
