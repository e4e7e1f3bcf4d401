import type { ComplaintDeadlineKind } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { complaints } from '../../platform/db/schema/index.ts';
import {
  addBusinessHours,
  addWorkingDays,
  businessMinutesBetween,
  type WorkCalendar,
} from '../../platform/time/work-calendar.ts';
import { addDays, localOf } from '../../platform/time/zone.ts';
import { tenantWorkCalendar } from '../calendar/calendar.service.ts';
import { complaintPolicyOf } from './complaints.policy.ts';

export type CaseRow = typeof complaints.$inferSelect;

/**
 * The deadlines of a case, in the tenant's business calendar (seed-001 §3.5, seed 002): first contact
 * ≤ 2 business hours from receipt, the answer ≤ 1 working day from receipt (from the reopening when the
 * customer was not satisfied), a major complaint's written report to the OEM ≤ 4 business hours, the
 * follow-up ≤ the tenant's working days after resolution (default 1); a suggestion is acknowledged
 * ≤ 2 business hours and evaluated ≤ 3 working days.
 */
export const deadlineRules = { firstContactHours: 2, answerDays: 1, oemReportHours: 4, evaluationDays: 3 };

/**
 * A deadline turns to warning (and its handler is told) the tenant's `warnMinutes` of business time before
 * it is due (default 30), but never before half of its business time has passed.
 */
export const defaultWarnMinutes = 30;

/** The tenant's work calendar and its warning lead: what every deadline's state is read in. */
export type CaseCalendar = WorkCalendar & { warnMinutes?: number };

/** The span of days a deadline can reach (weeks are plenty: Spring Festival is the longest break). */
export const calendarFor = async (
  ctx: Pick<Ctx, 'db' | 'tenantId'>,
  from: Date,
  zone = 'Asia/Shanghai',
): Promise<CaseCalendar> => {
  const day = localOf(from, zone).day;
  const [cal, policy] = await Promise.all([
    tenantWorkCalendar(ctx, { from: addDays(day, -40), to: addDays(day, 60) }),
    complaintPolicyOf(ctx),
  ]);
  return { ...cal, warnMinutes: policy.warnMinutes };
};

export const firstContactDue = (cal: WorkCalendar, receivedAt: Date) =>
  addBusinessHours(cal, receivedAt, deadlineRules.firstContactHours);
export const answerDue = (cal: WorkCalendar, from: Date) => addWorkingDays(cal, from, deadlineRules.answerDays);
export const oemReportDue = (cal: WorkCalendar, from: Date) =>
  addBusinessHours(cal, from, deadlineRules.oemReportHours);
export const evaluationDue = (cal: WorkCalendar, receivedAt: Date) =>
  addWorkingDays(cal, receivedAt, deadlineRules.evaluationDays);
export const followUpDue = (cal: WorkCalendar, resolvedAt: Date, days: number) => addWorkingDays(cal, resolvedAt, days);

export type Deadline = {
  kind: ComplaintDeadlineKind;
  /** Where its business time starts (receipt, resolution or reopening). */
  start: Date;
  due: Date;
  metAt: Date | null;
};

/** The deadlines the case has now, met or not (a closed case keeps them for the report). */
export const deadlinesOf = (c: CaseRow): Deadline[] => {
  const out: Deadline[] = [];
  const push = (kind: ComplaintDeadlineKind, start: Date | null, due: Date | null, metAt: Date | null) => {
    if (start && due) out.push({ kind, start, due, metAt });
  };
  push('first_contact', c.receivedAt, c.firstContactDue, c.firstContactAt);
  if (c.kind === 'suggestion') {
    push('evaluation', c.receivedAt, c.evaluationDue, c.evaluatedAt);
    return out;
  }
  push('oem_report', c.receivedAt, c.oemReportDue, c.oemReportSentAt);
  // After a reopening the answer runs from the moment the customer said they were not satisfied.
  push('answer', c.reopenCount > 0 && c.followedUpAt ? c.followedUpAt : c.receivedAt, c.answerDue, c.answeredAt);
  push('follow_up', c.resolvedAt, c.followUpDue, c.followedUpAt);
  return out;
};

export type DeadlineState = 'running' | 'warning' | 'overdue' | 'met' | 'late';

/** When a deadline turns to warning: the lead before it is due, not before half of its business time. */
export const warnAt = (cal: CaseCalendar, d: Pick<Deadline, 'start' | 'due'>): Date => {
  const total = businessMinutesBetween(cal, d.start, d.due);
  const lead = cal.warnMinutes ?? defaultWarnMinutes;
  return total <= 0 ? d.due : addBusinessHours(cal, d.start, Math.max(total - lead, total / 2) / 60);
};

export const stateOf = (cal: CaseCalendar, d: Deadline, now: Date): DeadlineState => {
  if (d.metAt) return d.metAt.getTime() <= d.due.getTime() ? 'met' : 'late';
  if (now.getTime() >= d.due.getTime()) return 'overdue';
  return now.getTime() >= warnAt(cal, d).getTime() ? 'warning' : 'running';
};
