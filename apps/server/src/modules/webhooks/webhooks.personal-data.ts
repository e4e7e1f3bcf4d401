import { definePersonalData } from '../../platform/personal-data.ts';
import { deleteDeliveriesNaming } from './webhooks.queries.ts';

/**
 * The delivery log holds copies of what was sent about a customer (name and phones in customer events);
 * no table references customers, so erasure deletes the deliveries whose body names the person. A merge
 * leaves the log as it was (it records what was sent); the merge event itself names both ids.
 */
export const webhooksPersonalData = definePersonalData({
  module: 'webhooks',
  tables: [],
  erase: async (ctx, id) => {
    await deleteDeliveriesNaming(ctx.db, ctx.tenantId, id);
  },
});
