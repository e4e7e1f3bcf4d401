import type { FastifyPluginAsync } from 'fastify';
import { complaintReportRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { staffTx } from '../../platform/http/staff-tx.ts';
import { attachment, xlsxMime } from '../imports/xlsx-out.ts';
import { complaintFirstContact, complaintMonthly, complaintOverview } from './complaint-reports.ts';
import { complaintReportBook } from './complaint-reports.sheet.ts';
import { myNotices, noticeSeen } from './complaints.notices.ts';

/** A staff member's complaint notices; the complaint reports and their workbook (docs/complaints.md). */
export const complaintReportRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.notices, (ctx) => myNotices(ctx));
  serve(app, r.noticeSeen, (ctx, req) => noticeSeen(ctx, req.params.id));
  serve(app, r.overview, (ctx, req) => complaintOverview(ctx, req.query));
  serve(app, r.monthly, (ctx, req) => complaintMonthly(ctx, req.query));
  serve(app, r.firstContact, (ctx, req) => complaintFirstContact(ctx, req.query));
  // Read (and audited) in one short transaction, then sent.
  serve(app, r.exportReports, async (req, reply) => {
    const book = await staffTx(app, req, r.exportReports.permission)((ctx) => complaintReportBook(ctx, req.query));
    return reply
      .header('content-type', xlsxMime)
      .header('content-disposition', attachment(book.fileName, book.fallbackName))
      .header('cache-control', 'no-store')
      .send(book.buffer);
  });
};
