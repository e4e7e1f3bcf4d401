import { complaintExportQuery, complaintReportQuery } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { tenantCompactDay } from '../../platform/time/tenant-zone.ts';
import ExcelJS from '../imports/excel.ts';
import { complaintFirstContact, complaintMonthly, complaintOverview } from './complaint-reports.ts';
import { reportWords } from './complaint-reports.words.ts';

type Cell = string | number | null;
export type ReportBook = { fileName: string; fallbackName: string; buffer: Buffer };

/**
 * The complaint reports as one workbook, a sheet each: open cases by age, deadlines, categories and causes
 * by month, stores, handlers, the monthly summary, the quarterly first-contact report. Text is written as
 * text (never a formula); the export is audited.
 */
export const complaintReportBook = async (ctx: StaffCtx, raw: unknown): Promise<ReportBook> => {
  authorize(ctx.actor, 'complaint.manage');
  const q = complaintExportQuery.parse(raw);
  complaintReportQuery.parse({ from: q.from, to: q.to });
  const storeId = q.storeId;
  const [overview, month, firstContact] = await Promise.all([
    complaintOverview(ctx, { from: q.from, to: q.to, storeId }),
    complaintMonthly(ctx, { month: q.month, storeId }),
    complaintFirstContact(ctx, { quarter: q.quarter, storeId }),
  ]);
  const w = reportWords[ctx.request.locale];
  const book = new ExcelJS.Workbook();
  const sheet = (name: string, note: string, columns: string[], rows: Cell[][]) => {
    const s = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
    s.columns = columns.map((_, i) => ({ width: i === 0 ? 24 : 14 }));
    s.addRow([note]);
    s.addRow(columns).font = { bold: true };
    for (const row of rows) s.addRow(row);
  };
  const span = `${q.from} – ${q.to}`;
  sheet(
    w.sheets.open,
    span,
    w.columns.open,
    overview.openByAge.map((r) => [w.age[r.age], r.running, r.warning, r.overdue, r.total]),
  );
  sheet(
    w.sheets.compliance,
    span,
    w.columns.compliance,
    overview.compliance.map((r) => [w.deadline[r.kind], r.met, r.late, r.running, r.rate]),
  );
  sheet(
    w.sheets.causes,
    span,
    [...w.columns.causes, ...overview.causes.months],
    overview.causes.rows.map((r) => [
      w.category[r.category],
      r.cause ? w.cause[r.cause] : w.cause.none,
      r.count,
      r.score,
      ...r.perMonth,
    ]),
  );
  const unit = (rows: typeof overview.perStore, none: string): Cell[][] =>
    rows.map((r) => [r.name || none, r.cases, r.open, r.overdue, r.score, r.firstContactRate]);
  sheet(w.sheets.stores, span, w.columns.unit, unit(overview.perStore, w.noStore));
  sheet(w.sheets.handlers, span, w.columns.unit, unit(overview.perHandler, w.nobody));
  const m = w.month;
  sheet(w.sheets.month, q.month, w.columns.month, [
    [m.complaints, month.complaints],
    [m.suggestions, month.suggestions],
    ...month.bySeverity.map((s): Cell[] => [w.severity[s.severity], s.count]),
    ...month.byCategory.map((c): Cell[] => [w.category[c.category], c.count]),
    [m.closed, month.closed],
    [m.openAtEnd, month.openAtEnd],
    [m.firstContactMet, month.firstContact.met],
    [m.firstContactLate, month.firstContact.late],
    [m.firstContactRate, month.firstContact.rate],
    [m.firstContactMinutes, month.firstContact.averageMinutes],
    [m.answerMet, month.answer.met],
    [m.answerLate, month.answer.late],
    [m.answerRate, month.answer.rate],
    [m.satisfied, month.satisfied],
    [m.notSatisfied, month.notSatisfied],
    [m.escalated, month.escalated],
    [m.oemReports, month.oemReports],
    [m.suggestionsAdopted, month.suggestionsAdopted],
    [m.improvementsCreated, month.improvements.created],
    [m.improvementsDone, month.improvements.done],
  ]);
  const figures = (f: (typeof firstContact.departments)[number]): Cell[] => [
    f.cases,
    f.onTime,
    f.late,
    f.pending,
    f.rate,
    f.averageMinutes,
  ];
  sheet(w.sheets.firstContact, q.quarter, w.columns.firstContact, [
    ...firstContact.departments.map((d) => [w.department[d.department], '', ...figures(d)]),
    [],
    ...firstContact.people.map((p) => [w.department[p.department], p.name || w.nobody, ...figures(p)]),
  ]);
  await audit(ctx, {
    action: 'complaint.reports_exported',
    details: { from: q.from, to: q.to, month: q.month, quarter: q.quarter, storeId: storeId ?? null },
  });
  const day = await tenantCompactDay(ctx, ctx.clock.now());
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `${w.file}-${day}.xlsx`, fallbackName: `${w.fallback}-${day}.xlsx`, buffer };
};
