import { idParams } from '../common.ts';
import {
  complaintExportQuery,
  complaintFirstContact,
  complaintMonthly,
  complaintMonthQuery,
  complaintNoticeList,
  complaintOverview,
  complaintQuarterQuery,
  complaintReportQuery,
} from '../complaint-reports.ts';
import { defineRoutes } from '../api/route.ts';
import { z } from 'zod';

const tags = ['complaints'];

/** The staff member's complaint notices, and the complaint reports with their spreadsheet (docs/complaints.md). */
export const complaintReportRoutes = defineRoutes({
  /** My notices: deadline warnings, escalations, transfers and assignments addressed to me (last 30 days). */
  notices: {
    method: 'GET',
    path: '/complaints/notices',
    auth: 'staff',
    permission: 'customer.read',
    response: complaintNoticeList,
    tags,
  },
  /** One of my notices read (another's is a 404). */
  noticeSeen: {
    method: 'POST',
    path: '/complaints/notices/:id/seen',
    auth: 'staff',
    permission: 'customer.read',
    params: idParams,
    body: z.object({}),
    response: complaintNoticeList,
    tags,
  },
  /** Open cases by age and deadline state, compliance per stage, category × cause over time, per store and handler. */
  overview: {
    method: 'GET',
    path: '/complaints/reports/overview',
    auth: 'staff',
    permission: 'complaint.manage',
    query: complaintReportQuery,
    response: complaintOverview,
    tags,
  },
  /** The monthly summary. */
  monthly: {
    method: 'GET',
    path: '/complaints/reports/monthly',
    auth: 'staff',
    permission: 'complaint.manage',
    query: complaintMonthQuery,
    response: complaintMonthly,
    tags,
  },
  /** The quarterly first-contact (首问负责) report per department and person. */
  firstContact: {
    method: 'GET',
    path: '/complaints/reports/first-contact',
    auth: 'staff',
    permission: 'complaint.manage',
    query: complaintQuarterQuery,
    response: complaintFirstContact,
    tags,
  },
  /** All of them as one workbook (a sheet each). */
  exportReports: {
    method: 'GET',
    path: '/complaints/reports.xlsx',
    auth: 'custom',
    permission: 'complaint.manage',
    query: complaintExportQuery,
    response: 'file',
    tags,
  },
});
