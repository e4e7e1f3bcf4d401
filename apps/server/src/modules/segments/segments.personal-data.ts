import { definePersonalData } from '../../platform/personal-data.ts';
import { segmentsOfCustomer } from './segments.queries.ts';

/**
 * The customer's classes, computed from the rest: a merge drops the duplicate's, the next pass redoes them.
 * They hold figures and class names, no words: erasure keeps them (and the moves in segment_changes).
 */
export const segmentsPersonalData = definePersonalData({
  module: 'segments',
  tables: [{ table: 'customer_segments', column: 'customer_id', merge: 'drop', erase: 'keep' }],
  export: async (ctx, id) => ({ segments: await segmentsOfCustomer(ctx.sql, ctx.tenantId, id) }),
});
