import { definePersonalData } from '../../platform/personal-data.ts';
import { blankCaseDetailsOf } from './cases.queries.ts';
import { blankComplaintsOf } from './complaints.queries.ts';
import { complaintsForExport } from './complaints.service.ts';

/**
 * Complaints stay as records (category, dates, who handled them, the steps of the case) without what the
 * person said: the summary, the request, the solution and answers, the texts of the case log, the photos.
 */
export const complaintsPersonalData = definePersonalData({
  module: 'complaints',
  tables: [{ table: 'complaints', column: 'customer_id', merge: 'move', erase: 'blank' }],
  export: async (ctx, id) => ({ complaints: await complaintsForExport(ctx, id) }),
  erase: async (ctx, id) => {
    await blankComplaintsOf(ctx.db, ctx.tenantId, id);
    await blankCaseDetailsOf(ctx.db, ctx.tenantId, id);
  },
});
