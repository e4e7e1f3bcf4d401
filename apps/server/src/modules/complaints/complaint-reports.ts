// The complaint reports (issue 15 point 8, docs/complaints.md): open cases by age and deadline state,
// deadline compliance per stage, category × cause ranked by frequency × intensity over the months, per
// store and handler, the monthly summary, the quarterly first-contact (首问负责) report per department and
// person. Each is a function of its own (issue 18's cockpit reads them); the figures are counted here from
// the rows of complaint-reports.queries.ts, with each deadline's state read as the case page reads it.
import {
  complaintAgeBuckets,
  complaintCategories,
  complaintDeadlineKinds,
  complaintMonthQuery,
  complaintQuarterQuery,
  complaintReportQuery,
  complaintSeverities,
  type ComplaintAgeBucket,
  type ComplaintDepartment,
  type ComplaintFirstContact,
  type ComplaintMonthly,
  type ComplaintOverview,
  type ComplaintUnitRow,
  type Role,
} from '@m4s/contracts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { addMonths, instantOf, localOf } from '../../platform/time/zone.ts';
import * as rq from './complaint-reports.queries.ts';
import { calendarFor, deadlinesOf, stateOf, type CaseCalendar, type DeadlineState } from './complaints.deadlines.ts';
import { severityWeight } from './complaints.report.ts';

/** The store the reader may report on: their own (a store's staff), or the one asked for (group staff). */
const storeOf = (ctx: StaffCtx, asked: string | undefined): string | null => {
  const own = ctx.actor.storeId;
  if (own && asked && asked !== own) throw new AppError('FORBIDDEN');
  return own ?? asked ?? null;
};

/** Whole months in the tenant's zone: [first day 00:00, the day after the last month). */
const monthSpan = (cal: CaseCalendar, from: string, to: string) => ({
  from: instantOf(`${from}-01`, '00:00', cal.zone),
  to: instantOf(addMonths(`${to}-01`, 1), '00:00', cal.zone),
});

const monthsOf = (from: string, to: string) => {
  const out: string[] = [];
  for (let m = `${from}-01`; m.slice(0, 7) <= to; m = addMonths(m, 1)) out.push(m.slice(0, 7));
  return out;
};

const rate = (met: number, late: number) => (met + late === 0 ? null : Math.round((met / (met + late)) * 1000) / 10);
const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;
const average = (xs: number[]) =>
  xs.length === 0 ? null : Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10;

/** Each deadline's state now: met, late (met late or still overdue), or running (warning too). */
const states = (cal: CaseCalendar, r: rq.ReportCase, now: Date) =>
  deadlinesOf(r.c).map((d) => ({ kind: d.kind, state: stateOf(cal, d, now) }));
const settled = (s: DeadlineState) => (s === 'met' ? 'met' : s === 'late' || s === 'overdue' ? 'late' : 'running');

/** An open case's most pressing deadline state: overdue, else warning, else running. */
const worst = (xs: { state: DeadlineState }[]) =>
  xs.some((x) => x.state === 'overdue') ? 'overdue' : xs.some((x) => x.state === 'warning') ? 'warning' : 'running';

const ageOf = (receivedAt: Date, now: Date): ComplaintAgeBucket => {
  const days = (now.getTime() - receivedAt.getTime()) / 86_400_000;
  return days < 1 ? 'under1' : days < 3 ? 'days1to3' : days < 7 ? 'days3to7' : 'over7';
};

const weightOf = (r: rq.ReportCase) => (r.c.kind === 'complaint' ? severityWeight[r.c.severity] : 0);

const units = (
  rows: rq.ReportCase[],
  keyOf: (r: rq.ReportCase) => { id: string | null; name: string } | null,
  stateMap: Map<string, { kind: string; state: DeadlineState }[]>,
): ComplaintUnitRow[] => {
  const m = new Map<string, ComplaintUnitRow & { met: number; late: number }>();
  for (const r of rows) {
    const unit = keyOf(r);
    if (!unit) continue;
    const k = unit.id ?? '';
    const v = m.get(k) ?? { ...unit, cases: 0, open: 0, overdue: 0, score: 0, firstContactRate: null, met: 0, late: 0 };
    const st = stateMap.get(r.c.id) ?? [];
    v.cases++;
    if (r.c.status === 'open') v.open++;
    if (st.some((x) => x.state === 'overdue')) v.overdue++;
    v.score += weightOf(r);
    const fc = st.find((x) => x.kind === 'first_contact');
    if (fc && settled(fc.state) === 'met') v.met++;
    if (fc && settled(fc.state) === 'late') v.late++;
    m.set(k, v);
  }
  return [...m.values()]
    .map(({ met, late, ...v }) => ({ ...v, firstContactRate: rate(met, late) }))
    .sort((a, b) => b.score - a.score || b.cases - a.cases || a.name.localeCompare(b.name));
};

/** Open cases by age and deadline state, compliance per stage, category × cause by month, per store and handler. */
export const complaintOverview = async (ctx: StaffCtx, raw: unknown): Promise<ComplaintOverview> => {
  authorize(ctx.actor, 'complaint.manage');
  const query = complaintReportQuery.parse(raw);
  const storeId = storeOf(ctx, query.storeId);
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, now);
  const span = { tenantId: ctx.tenantId, storeId, ...monthSpan(cal, query.from, query.to) };
  const [received, open] = await Promise.all([
    rq.casesReceived(ctx.db, span),
    rq.casesOpen(ctx.db, ctx.tenantId, storeId),
  ]);

  const openByAge = complaintAgeBuckets.map((age) => ({ age, running: 0, warning: 0, overdue: 0, total: 0 }));
  for (const r of open) {
    const row = openByAge[complaintAgeBuckets.indexOf(ageOf(r.c.receivedAt, now))];
    if (!row) continue;
    row[worst(states(cal, r, now))]++;
    row.total++;
  }

  const stateMap = new Map(received.map((r) => [r.c.id, states(cal, r, now)]));
  const compliance = complaintDeadlineKinds.map((kind) => {
    const n = { met: 0, late: 0, running: 0 };
    for (const st of stateMap.values()) for (const d of st) if (d.kind === kind) n[settled(d.state)]++;
    return { kind, ...n, rate: rate(n.met, n.late) };
  });

  const months = monthsOf(query.from, query.to);
  const causes = new Map<string, ComplaintOverview['causes']['rows'][number]>();
  for (const r of received) {
    if (r.c.kind !== 'complaint') continue;
    const key = `${r.c.category}:${r.c.cause ?? ''}`;
    const v = causes.get(key) ?? {
      category: r.c.category,
      cause: r.c.cause,
      count: 0,
      score: 0,
      perMonth: months.map(() => 0),
    };
    v.count++;
    v.score += weightOf(r);
    const i = months.indexOf(localOf(r.c.receivedAt, cal.zone).day.slice(0, 7));
    if (i >= 0) v.perMonth[i] = (v.perMonth[i] ?? 0) + 1;
    causes.set(key, v);
  }
  const rows = [...causes.values()].sort(
    (a, b) =>
      b.score - a.score ||
      b.count - a.count ||
      a.category.localeCompare(b.category) ||
      (a.cause ?? '').localeCompare(b.cause ?? ''),
  );

  return {
    from: query.from,
    to: query.to,
    openByAge,
    compliance,
    causes: { months, rows },
    perStore: units(received, (r) => ({ id: r.c.storeId, name: r.storeName ?? '' }), stateMap),
    perHandler: units(
      received,
      (r) => (r.c.handlerId ? { id: r.c.handlerId, name: r.handlerName ?? '' } : null),
      stateMap,
    ),
  };
};

/** The monthly summary: what came in, what was closed, deadlines kept, the owners' word, improvements. */
export const complaintMonthly = async (ctx: StaffCtx, raw: unknown): Promise<ComplaintMonthly> => {
  authorize(ctx.actor, 'complaint.manage');
  const query = complaintMonthQuery.parse(raw);
  const storeId = storeOf(ctx, query.storeId);
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, now);
  const span = { tenantId: ctx.tenantId, storeId, ...monthSpan(cal, query.month, query.month) };
  const [received, ends, events, improvements] = await Promise.all([
    rq.casesReceived(ctx.db, span),
    rq.closedAndOpenAtEnd(ctx.db, span),
    rq.eventsIn(ctx.db, span, ['followed_up', 'escalated', 'oem_report_sent', 'evaluated']),
    rq.improvementsIn(ctx.db, span),
  ]);
  const complaintsIn = received.filter((r) => r.c.kind === 'complaint');
  const tally = (kind: string) => {
    const n = { met: 0, late: 0 };
    for (const r of received)
      for (const d of states(cal, r, now)) {
        const s = settled(d.state);
        if (d.kind === kind && s !== 'running') n[s]++;
      }
    return { ...n, rate: rate(n.met, n.late) };
  };
  const contacted = received.filter((r) => r.c.firstContactAt);
  const count = (kind: string, details?: string) =>
    events.filter((e) => e.kind === kind && (details === undefined || e.details === details)).length;
  return {
    month: query.month,
    complaints: complaintsIn.length,
    suggestions: received.length - complaintsIn.length,
    bySeverity: complaintSeverities.map((severity) => ({
      severity,
      count: complaintsIn.filter((r) => r.c.severity === severity).length,
    })),
    byCategory: complaintCategories
      .map((category) => ({ category, count: complaintsIn.filter((r) => r.c.category === category).length }))
      .filter((x) => x.count > 0)
      .sort((a, b) => b.count - a.count),
    ...ends,
    firstContact: {
      ...tally('first_contact'),
      averageMinutes: average(
        contacted.map((r) => minutesBetween(r.c.receivedAt, r.c.firstContactAt ?? r.c.receivedAt)),
      ),
    },
    answer: tally('answer'),
    satisfied: count('followed_up', 'satisfied'),
    notSatisfied: count('followed_up', 'not_satisfied'),
    escalated: count('escalated'),
    oemReports: count('oem_report_sent'),
    suggestionsAdopted: count('evaluated', 'adopted'),
    improvements,
  };
};

/** The department a role works in, for the first-contact report. */
const departmentOf = (role: Role | null): ComplaintDepartment => {
  if (!role) return 'app';
  if (role === 'cs_specialist') return 'customer_service';
  if (role === 'service_advisor' || role === 'service_manager') return 'service';
  if (role === 'sales_consultant') return 'sales';
  if (role === 'store_manager' || role === 'group_admin') return 'management';
  return 'other';
};

/**
 * The quarterly first-contact report (首问负责制): per department and person, the cases they took first
 * (the receiver; for a case filed in the app, whoever contacted the owner first), contacted within the 2
 * business hours, late (or still not contacted past it), pending, and the average minutes to contact.
 */
export const complaintFirstContact = async (ctx: StaffCtx, raw: unknown): Promise<ComplaintFirstContact> => {
  authorize(ctx.actor, 'complaint.manage');
  const query = complaintQuarterQuery.parse(raw);
  const storeId = storeOf(ctx, query.storeId);
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, now);
  const [year, q] = [query.quarter.slice(0, 4), Number(query.quarter.slice(6))];
  const first = `${year}-${String(q * 3 - 2).padStart(2, '0')}`;
  const last = `${year}-${String(q * 3).padStart(2, '0')}`;
  const received = await rq.casesReceived(ctx.db, { tenantId: ctx.tenantId, storeId, ...monthSpan(cal, first, last) });

  type Figures = { cases: number; onTime: number; late: number; pending: number; minutes: number[] };
  const blank = (): Figures => ({ cases: 0, onTime: 0, late: 0, pending: 0, minutes: [] });
  const people = new Map<string, Figures & { staffId: string | null; name: string; department: ComplaintDepartment }>();
  const departments = new Map<ComplaintDepartment, Figures>();
  for (const r of received) {
    const id = r.c.receivedBy ?? r.contactId ?? null;
    const name = (r.c.receivedBy ? r.receiverName : r.contactName) ?? '';
    const department = departmentOf((r.c.receivedBy ? r.receiverRole : r.contactRole) ?? null);
    const d = deadlinesOf(r.c).find((x) => x.kind === 'first_contact');
    const s = d ? settled(stateOf(cal, d, now)) : 'running';
    const person = people.get(id ?? '') ?? { staffId: id, name, department, ...blank() };
    const dept = departments.get(department) ?? blank();
    for (const f of [person, dept]) {
      f.cases++;
      if (s === 'met') f.onTime++;
      else if (s === 'late') f.late++;
      else f.pending++;
      if (r.c.firstContactAt) f.minutes.push(minutesBetween(r.c.receivedAt, r.c.firstContactAt));
    }
    people.set(id ?? '', person);
    departments.set(department, dept);
  }
  const out = ({ minutes, ...f }: Figures) => ({
    ...f,
    rate: rate(f.onTime, f.late),
    averageMinutes: average(minutes),
  });
  return {
    quarter: query.quarter,
    departments: [...departments.entries()]
      .map(([department, f]) => ({ department, ...out(f) }))
      .sort((a, b) => b.cases - a.cases || a.department.localeCompare(b.department)),
    people: [...people.values()]
      .map(({ staffId, name, department, ...f }) => ({ staffId, name, department, ...out(f) }))
      .sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name)),
  };
};
