import { definePersonalData } from '../../platform/personal-data.ts';
import { blankComplaintsOf } from './complaints.queries.ts';
import { complaintsForExport } from './complaints.service.ts';

/** Complaints stay as records (category, dates, who handled them) without what the person said. */
export const complaintsPersonalData = definePersonalData({
  module: 'complaints',
  tables: [{ table: 'complaints', column: 'customer_id', merge: 'move', erase: 'blank' }],
  export: async (ctx, id) => ({ complaints: await complaintsForExport(ctx, id) }),
  erase: (ctx, id) => blankComplaintsOf(ctx.db, ctx.tenantId, id),
});
