import { z } from 'zod';
import type { Role } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { tenantSuspended } from '../../platform/tenant-status.ts';
import type { WorkCalendar } from '../../platform/time/work-calendar.ts';
import * as cq from './cases.queries.ts';
import { calendarFor, deadlinesOf, oemReportDue, stateOf, warnAt, type CaseRow } from './complaints.deadlines.ts';
import * as q from './complaints.queries.ts';

export const deadlineJobName = 'complaints.deadline';

/** The OEM's regional manager: the top of the ladder, outside the dealer (no staff member to hand it to). */
export const topLevel = 3;

/** Who a case goes up to at each level: the service or station manager, then the general manager. */
const ladder: Record<number, readonly Role[]> = {
  1: ['service_manager', 'store_manager'],
  2: ['store_manager', 'group_admin'],
};

/**
 * Queues the case's deadline job at the warning and at the due moment of every deadline it has not met,
 * in the caller's transaction. The job reads the case as it then stands, so a job for a deadline met or
 * moved meanwhile does nothing; singleton keys name the deadline's due moment (one job per moment).
 */
export const scheduleDeadlines = async (ctx: Ctx, c: CaseRow, cal: WorkCalendar) => {
  if (c.status !== 'open') return;
  const now = ctx.clock.now().getTime();
  for (const d of deadlinesOf(c)) {
    if (d.metAt) continue;
    const moments: [Date, string][] = [
      [warnAt(cal, d), 'warn'],
      [d.due, 'due'],
    ];
    for (const [at, what] of moments) {
      if (at.getTime() <= now) continue;
      await ctx.jobs.send(
        deadlineJobName,
        { tenantId: ctx.tenantId, complaintId: c.id },
        { startAfter: at, singletonKey: `${deadlineJobName}:${c.id}:${d.kind}:${d.due.toISOString()}:${what}` },
      );
    }
  }
};

export type EscalationReason = 'authority' | 'difficulty' | 'deadline' | 'repeated';

/**
 * One level up: handler → service/station manager → general manager → the OEM's regional manager. The
 * case is then the manager's to answer for (`escalated_to`); at the top it must be reported to the OEM in
 * writing (the report deadline starts now when none runs yet).
 */
export const escalate = async (
  ctx: Ctx,
  c: CaseRow,
  cal: WorkCalendar,
  input: { reason: EscalationReason; note: string | null; actorId: string | null; key?: string },
) => {
  const now = ctx.clock.now();
  const level = Math.min(c.escalationLevel + 1, topLevel);
  const roles = ladder[level];
  const target = roles ? await cq.managerFor(ctx.db, ctx.tenantId, c.storeId, roles) : null;
  const from = c.escalatedTo ?? c.handlerId ?? c.receivedBy;
  const written = await cq.addEvent(ctx.db, {
    tenantId: ctx.tenantId,
    complaintId: c.id,
    at: now,
    kind: 'escalated',
    actorId: input.actorId,
    fromId: from,
    toId: target?.id ?? null,
    text: input.note,
    details: `${input.reason}:${level === topLevel ? 'oem_regional_manager' : level}`,
    key: input.key ?? null,
  });
  if (!written) return false;
  const values: Partial<CaseRow> = { escalationLevel: level, escalatedTo: target?.id ?? c.escalatedTo };
  if (level === topLevel && !c.oemReportDue && !c.oemReportSentAt) values.oemReportDue = oemReportDue(cal, now);
  await q.updateComplaint(ctx.db, ctx.tenantId, c.id, values);
  if (values.oemReportDue) await scheduleDeadlines(ctx, { ...c, ...values }, cal);
  return true;
};

/**
 * Who is warned before a deadline: the person who must act (its handler, else its first receiver; a case the
 * owner filed in the app and nobody has taken yet, the store's customer service, else its service manager,
 * else its store manager), and the manager it was escalated to, who answers for it now.
 */
const warnedPeople = async (ctx: Ctx, c: CaseRow): Promise<string[]> => {
  const actor =
    c.handlerId ??
    c.receivedBy ??
    (await cq.managerFor(ctx.db, ctx.tenantId, c.storeId, ['cs_specialist', 'service_manager', 'store_manager']))?.id ??
    null;
  return [...new Set([actor, c.escalatedTo].filter((id): id is string => id !== null))];
};

/**
 * What a deadline does when its moment comes: a warning in the case log, addressed to the person who answers
 * for it, the tenant's lead before it is due, and once it has passed unmet, one automatic escalation. Both are written once per deadline
 * (keyed by its kind and due moment): the job, a retry and the nightly sweep may all run it.
 */
export const actOnDeadlines = async (ctx: Ctx, id: string): Promise<{ warned: number; escalated: number }> => {
  const out = { warned: 0, escalated: 0 };
  if (!(await q.lockComplaint(ctx.db, ctx.tenantId, id))) return out;
  const row = await q.findComplaint(ctx.db, ctx.tenantId, id);
  if (!row || row.c.status !== 'open') return out;
  const cal = await calendarFor(ctx, ctx.clock.now());
  for (const d of deadlinesOf(row.c)) {
    const state = stateOf(cal, d, ctx.clock.now());
    const due = d.due.toISOString();
    if (state === 'warning' || state === 'overdue') {
      // One entry per person warned, each their notice (complaints.notices.ts); the first keeps the plain key.
      // Past the deadline only the one who must act is (still) warned: the manager hears of the escalation.
      const everyone = await warnedPeople(ctx, row.c);
      const people = state === 'warning' ? everyone : everyone.slice(0, 1);
      let warned = false;
      for (const [i, toId] of (people.length > 0 ? people : [null]).entries()) {
        const written = await cq.addEvent(ctx.db, {
          tenantId: ctx.tenantId,
          complaintId: id,
          at: ctx.clock.now(),
          kind: 'deadline_warning',
          toId,
          details: `${d.kind}:${due}`,
          key: i === 0 ? `warn:${d.kind}:${due}` : `warn:${d.kind}:${due}:${toId}`,
        });
        warned ||= written;
      }
      if (warned) out.warned++;
    }
    if (state !== 'overdue') continue;
    // Read again: an escalation just above changed the level.
    const fresh = await q.findComplaint(ctx.db, ctx.tenantId, id);
    if (!fresh) break;
    const done = await escalate(ctx, fresh.c, cal, {
      reason: 'deadline',
      note: null,
      actorId: null,
      key: `breach:${d.kind}:${due}`,
    });
    if (done) out.escalated++;
  }
  return out;
};

export const complaintDeadlineJob = defineJob({
  name: deadlineJobName,
  payload: z.object({ tenantId: z.uuid(), complaintId: z.uuid() }),
  retryLimit: 3,
  handle: async (ctx, { complaintId }) => {
    if (await tenantSuspended(ctx.db, ctx.tenantId)) return;
    await actOnDeadlines(ctx, complaintId);
  },
});
