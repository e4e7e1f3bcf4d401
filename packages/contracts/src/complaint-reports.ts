import { z } from 'zod';
import { isoMonth } from './common.ts';
import {
  complaintCategories,
  complaintCauses,
  complaintDeadlineKinds,
  complaintKinds,
  complaintSeverities,
} from './complaints.ts';

/**
 * Complaint notices and reports (issue 15, docs/complaints.md): the staff member's notices (a deadline
 * about to pass, a case escalated or handed to them), and the reports of issue point 8 with their
 * spreadsheet.
 */

/** What a notice is about: each is a case log entry addressed to its reader. */
export const complaintNoticeKinds = ['deadline_warning', 'escalated', 'transferred', 'assigned'] as const;
export type ComplaintNoticeKind = (typeof complaintNoticeKinds)[number];

export const complaintNotice = z.object({
  id: z.uuid(),
  complaintId: z.uuid(),
  kind: z.enum(complaintNoticeKinds),
  at: z.string(),
  /** The deadline a warning is about (`first_contact`…), the level an escalation reached. */
  deadline: z.enum(complaintDeadlineKinds).nullable(),
  due: z.string().nullable(),
  level: z.int().nullable(),
  /** Who sent it (a transfer or an assignment); null for the system's. */
  from: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  text: z.string().nullable(),
  customerName: z.string(),
  complaintKind: z.enum(complaintKinds),
  summary: z.string(),
  /** The case is still open (a notice of a closed case is only history). */
  open: z.boolean(),
  seenAt: z.string().nullable(),
});
export type ComplaintNotice = z.infer<typeof complaintNotice>;
export const complaintNoticeList = z.object({ items: z.array(complaintNotice), unread: z.int() });
export type ComplaintNoticeList = z.infer<typeof complaintNoticeList>;

/** Open cases by their age in calendar days. */
export const complaintAgeBuckets = ['under1', 'days1to3', 'days3to7', 'over7'] as const;
export type ComplaintAgeBucket = (typeof complaintAgeBuckets)[number];

const monthsApart = (from: string, to: string) => {
  const [fy = 0, fm = 0] = from.split('-').map(Number);
  const [ty = 0, tm = 0] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
};
/** A report's span checks, for every query that carries one (the reports and their workbook). */
const reportSpan = <S extends z.ZodType<{ from: string; to: string }>>(schema: S) =>
  schema
    .refine((q) => q.from <= q.to, { path: ['to'], message: 'complaint_report_range' })
    .refine((q) => monthsApart(q.from, q.to) < 24, { path: ['to'], message: 'complaint_report_range' });

/** The span of a report: whole months in the tenant's zone (at most two years), one store or all. */
export const complaintReportQuery = reportSpan(
  z.object({
    from: isoMonth,
    to: isoMonth,
    storeId: z.uuid().optional(),
  }),
);
export type ComplaintReportQuery = z.infer<typeof complaintReportQuery>;

const rate = z.number().nullable();

/** One store or handler: cases received in the span, still open, overdue now, weighted score, first contact in time. */
export const complaintUnitRow = z.object({
  id: z.string().nullable(),
  name: z.string(),
  cases: z.int(),
  open: z.int(),
  overdue: z.int(),
  score: z.int(),
  firstContactRate: rate,
});
export type ComplaintUnitRow = z.infer<typeof complaintUnitRow>;

export const complaintOverview = z.object({
  from: isoMonth,
  to: isoMonth,
  /** Open cases now, by age and the state of their most pressing deadline. */
  openByAge: z.array(
    z.object({
      age: z.enum(complaintAgeBuckets),
      running: z.int(),
      warning: z.int(),
      overdue: z.int(),
      total: z.int(),
    }),
  ),
  /** Each stage's deadline over the cases received in the span: met in time, late (or still overdue), running. */
  compliance: z.array(
    z.object({ kind: z.enum(complaintDeadlineKinds), met: z.int(), late: z.int(), running: z.int(), rate }),
  ),
  /** Category × cause ranked by frequency × intensity (severity weight), with each month's count. */
  causes: z.object({
    months: z.array(isoMonth),
    rows: z.array(
      z.object({
        category: z.enum(complaintCategories),
        cause: z.enum(complaintCauses).nullable(),
        count: z.int(),
        score: z.int(),
        perMonth: z.array(z.int()),
      }),
    ),
  }),
  perStore: z.array(complaintUnitRow),
  perHandler: z.array(complaintUnitRow),
});
export type ComplaintOverview = z.infer<typeof complaintOverview>;

export const complaintMonthQuery = z.object({ month: isoMonth, storeId: z.uuid().optional() });
export const complaintMonthly = z.object({
  month: isoMonth,
  complaints: z.int(),
  suggestions: z.int(),
  bySeverity: z.array(z.object({ severity: z.enum(complaintSeverities), count: z.int() })),
  byCategory: z.array(z.object({ category: z.enum(complaintCategories), count: z.int() })),
  /** Cases closed in the month (whenever received), still open at its end (received up to then). */
  closed: z.int(),
  openAtEnd: z.int(),
  firstContact: z.object({ met: z.int(), late: z.int(), rate, averageMinutes: z.number().nullable() }),
  answer: z.object({ met: z.int(), late: z.int(), rate }),
  /** The owners' word at follow-up in the month. */
  satisfied: z.int(),
  notSatisfied: z.int(),
  escalated: z.int(),
  oemReports: z.int(),
  suggestionsAdopted: z.int(),
  improvements: z.object({ created: z.int(), done: z.int() }),
});
export type ComplaintMonthly = z.infer<typeof complaintMonthly>;

/** The departments the first-contact report groups people into (by their role). */
export const complaintDepartments = ['customer_service', 'service', 'sales', 'management', 'other', 'app'] as const;
export type ComplaintDepartment = (typeof complaintDepartments)[number];

export const complaintQuarterQuery = z.object({
  quarter: z.string().regex(/^(20\d{2})-Q[1-4]$/, { message: 'quarter' }),
  storeId: z.uuid().optional(),
});
const firstContactFigures = {
  cases: z.int(),
  onTime: z.int(),
  late: z.int(),
  pending: z.int(),
  rate,
  averageMinutes: z.number().nullable(),
};
export const complaintFirstContact = z.object({
  quarter: z.string(),
  departments: z.array(z.object({ department: z.enum(complaintDepartments), ...firstContactFigures })),
  people: z.array(
    z.object({
      staffId: z.uuid().nullable(),
      name: z.string(),
      department: z.enum(complaintDepartments),
      ...firstContactFigures,
    }),
  ),
});
export type ComplaintFirstContact = z.infer<typeof complaintFirstContact>;

/** The spreadsheet: the overview's span, the month of the summary, the quarter of the first-contact report. */
export const complaintExportQuery = reportSpan(
  z.object({
    from: isoMonth,
    to: isoMonth,
    month: isoMonth,
    quarter: complaintQuarterQuery.shape.quarter,
    storeId: z.uuid().optional(),
  }),
);
