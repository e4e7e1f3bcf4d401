import { z } from 'zod';
import { defineJob } from '../../platform/jobs/queue.ts';
import { tenantSuspended } from '../../platform/tenant-status.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { classifyTenant } from './classify.ts';

export const classifyJobName = 'segments.classify';

export const classifyPayload = z.object({
  tenantId: z.uuid(),
  /** The tenant's local day; today (tenant time) when absent. */
  asOf: z.iso.date().optional(),
  /** Only these customers (and their cars): the reclassification after a delivery. */
  customerIds: z.array(z.uuid()).max(1000).optional(),
  /** Every customer (the admin's recompute), not only those due. */
  full: z.boolean().optional(),
});

/**
 * Reclassifies the tenant — those due, everyone, or a few customers — in one transaction: the two
 * statements are set-based, so even the whole tenant is work for the database rather than a loop here.
 */
export const classifyJob = defineJob({
  name: classifyJobName,
  payload: classifyPayload,
  retryLimit: 3,
  handle: async (ctx, { asOf, customerIds, full }) => {
    if (await tenantSuspended(ctx.db, ctx.tenantId)) return;
    const day = asOf ?? (await tenantToday(ctx));
    const summary = await classifyTenant(ctx, day, customerIds ? { customerIds } : full ? 'all' : 'due');
    ctx.log.info({ summary }, 'segments classified');
  },
});
