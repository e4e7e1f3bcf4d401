import {
  complaintClose,
  type Complaint,
  type ComplaintCase,
  type ComplaintClose,
  type ComplaintDeadlineKind,
} from '@m4s/contracts';
import type { z } from 'zod';
import type * as c from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { WorkCalendar } from '../../platform/time/work-calendar.ts';
import { getCustomerRow } from '../customers/customers.service.ts';
import * as cq from './cases.queries.ts';
import { answerDue, calendarFor, followUpDue, oemReportDue, type CaseRow } from './complaints.deadlines.ts';
import { escalate, scheduleDeadlines } from './complaints.escalation.ts';
import { complaintPolicyOf, sendThanks } from './complaints.thanks.ts';
import * as q from './complaints.queries.ts';
import { check, isManager, refuse, type CaseAction } from './complaints.rules.ts';
import { getCase, loadComplaint } from './complaints.service.ts';
import { toComplaint } from './complaints.view.ts';

type Step = {
  c: CaseRow;
  cal: WorkCalendar;
  now: Date;
  event: (e: Partial<cq.EventInsert> & { kind: string }) => Promise<boolean>;
};

/**
 * Runs one action on a case: the reader may write to the customer (scope as in the 360 view), the case is
 * locked, the state machine allows the action (else 409 with the reason), `fn` changes it; the deadlines
 * it now has are queued. Answers with the case page.
 */
export const act = async (
  ctx: StaffCtx,
  id: string,
  action: CaseAction | null,
  fn: (s: Step) => Promise<Partial<CaseRow> | void>,
): Promise<ComplaintCase> => {
  authorize(ctx.actor, 'customer.write');
  const first = await loadComplaint(ctx, id);
  await getCustomerRow(ctx, first.c.customerId);
  await q.lockComplaint(ctx.db, ctx.tenantId, id);
  const { c } = await loadComplaint(ctx, id);
  if (action) check(action, c, ctx.actor);
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, now);
  const event: Step['event'] = (e) =>
    cq.addEvent(ctx.db, { tenantId: ctx.tenantId, complaintId: id, at: now, actorId: ctx.actor.id, ...e });
  const values = await fn({ c, cal, now, event });
  if (values) {
    await q.updateComplaint(ctx.db, ctx.tenantId, id, values);
    await scheduleDeadlines(ctx, { ...c, ...values }, cal);
  }
  return getCase(ctx, id);
};

const staffMember = async (ctx: Ctx, id: string, path: string) => {
  const member = await cq.activeStaff(ctx.db, ctx.tenantId, id);
  if (!member) throw AppError.field(path, 'complaint_staff_invalid');
  return member;
};

/** The first contact with the customer (a suggestion: its acknowledgement), within 2 business hours. */
export const contact = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintContact>) =>
  act(ctx, id, 'contact', async ({ now, event }) => {
    await event({ kind: 'contacted', public: true, text: input.note || null });
    return { stage: 'contacted', firstContactAt: now };
  });

/** Hands the case to its handler, who confirms acceptance (签字确认); the first receiver stays owner of record. */
export const assign = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintAssign>) =>
  act(ctx, id, 'assign', async ({ c, event }) => {
    await staffMember(ctx, input.handlerId, 'handlerId');
    await event({ kind: 'assigned', fromId: c.handlerId, toId: input.handlerId, text: input.note || null });
    return {
      stage: c.stage === 'reopened' ? 'reopened' : 'assigned',
      handlerId: input.handlerId,
      handlerAcceptedAt: null,
    };
  });

export const accept = (ctx: StaffCtx, id: string) =>
  act(ctx, id, 'accept', async ({ now, event }) => {
    await event({ kind: 'accepted' });
    return { handlerAcceptedAt: now };
  });

/** Who → whom, why; the new handler confirms acceptance again. */
export const transfer = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintTransfer>) =>
  act(ctx, id, 'transfer', async ({ c, event }) => {
    if (input.toId === c.handlerId) throw refuse('complaint_transfer_self', 'toId');
    await staffMember(ctx, input.toId, 'toId');
    await event({ kind: 'transferred', fromId: c.handlerId, toId: input.toId, text: input.reason });
    await audit(ctx, {
      action: 'complaint.transferred',
      target: { type: 'complaint', id },
      details: { from: c.handlerId, to: input.toId },
    });
    return { handlerId: input.toId, handlerAcceptedAt: null, stage: c.stage === 'answered' ? 'assigned' : c.stage };
  });

/** The handler's answer to the customer (the method, progress or result), within 1 working day. */
export const answer = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintAnswer>) =>
  act(ctx, id, 'answer', async ({ now, event }) => {
    await event({ kind: 'answered', public: true, text: input.answer });
    return { stage: 'answered', answeredAt: now };
  });

export const escalateCase = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintEscalate>) =>
  act(ctx, id, 'escalate', async ({ c, cal }) => {
    await escalate(ctx, c, cal, { reason: input.reason, note: input.note, actorId: ctx.actor.id });
  });

/** The solution and its completion date; the follow-up deadline starts (the tenant's working days, default 1). */
export const resolve = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintResolve>) =>
  act(ctx, id, 'resolve', async ({ cal, now, event }) => {
    const policy = await complaintPolicyOf(ctx);
    await event({ kind: 'resolved', public: true, text: input.solution, details: input.completionDate });
    return {
      stage: 'resolved',
      solution: input.solution,
      completionDate: input.completionDate,
      resolvedAt: now,
      followUpDue: followUpDue(cal, now, policy.followUpDays),
      followedUpAt: null,
    };
  });

/**
 * The customer's word at follow-up: satisfied → ready to close; not satisfied → reopened, handled again
 * (a new answer within 1 working day) and the handling itself reviewed; a case handled several times
 * without resolution is reported to the OEM.
 */
export const followUpValues = async (
  s: Pick<Step, 'c' | 'cal' | 'now' | 'event'>,
  input: { satisfied: boolean; note: string },
): Promise<Partial<CaseRow>> => {
  const { c, cal, now, event } = s;
  await event({
    kind: 'followed_up',
    public: true,
    text: input.note || null,
    details: input.satisfied ? 'satisfied' : 'not_satisfied',
  });
  if (input.satisfied) return { stage: 'followed_up', followedUpAt: now, satisfied: true };
  await event({ kind: 'review_required', details: `reopen:${c.reopenCount + 1}` });
  const repeated = c.reopenCount + 1 >= 2 && !c.oemReportSentAt && !c.oemReportDue;
  if (repeated) await event({ kind: 'oem_report_required', details: 'repeated' });
  return {
    stage: 'reopened',
    followedUpAt: now,
    satisfied: false,
    reopenCount: c.reopenCount + 1,
    handlerAcceptedAt: null,
    answeredAt: null,
    answerDue: answerDue(cal, now),
    resolvedAt: null,
    followUpDue: null,
    ...(repeated ? { oemReportDue: oemReportDue(cal, now) } : {}),
  };
};

export const followUp = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintFollowUp>) =>
  act(ctx, id, 'follow_up', (s) => followUpValues(s, input));

/** A suggestion evaluated (within 3 working days): adopted or not, and the customer told. */
export const evaluate = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintEvaluate>) =>
  act(ctx, id, 'evaluate', async ({ now, event }) => {
    await event({
      kind: 'evaluated',
      public: true,
      text: input.note,
      details: input.adopted ? 'adopted' : 'not_adopted',
    });
    return { stage: 'evaluated', evaluatedAt: now, adopted: input.adopted };
  });

/** Reopening a closed case takes the customer's word (recorded); the handling is reviewed. */
export const reopen = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintReopen>) =>
  act(ctx, id, 'reopen', async ({ c, cal, now, event }) => {
    await event({ kind: 'reopened', public: true, text: input.customerWord });
    await event({ kind: 'review_required', details: `reopen:${c.reopenCount + 1}` });
    await audit(ctx, {
      action: 'complaint.reopened',
      target: { type: 'complaint', id },
      details: { customerId: c.customerId },
    });
    return {
      status: 'open',
      stage: c.kind === 'suggestion' ? 'contacted' : c.handlerId ? 'reopened' : 'contacted',
      closedAt: null,
      closedBy: null,
      reopenCount: c.reopenCount + 1,
      handlerAcceptedAt: null,
      answeredAt: null,
      answerDue: c.kind === 'suggestion' ? null : answerDue(cal, now),
      evaluatedAt: null,
      resolvedAt: null,
      followUpDue: null,
      followedUpAt: c.kind === 'suggestion' ? null : now,
    };
  });

export const addNote = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintNote>) =>
  act(ctx, id, 'note', async ({ event }) => {
    await event({ kind: 'note', public: input.public, text: input.text });
  });

/** The major complaint's written report to the OEM, completed and sent by a manager (recorded). */
export const sendOemReport = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintOemReport>) =>
  act(ctx, id, 'oem_report', async ({ now, event }) => {
    authorize(ctx.actor, 'complaint.manage');
    await event({ kind: 'oem_report_sent', text: input.text });
    await audit(ctx, { action: 'complaint.oem_report_sent', target: { type: 'complaint', id }, details: {} });
    return { oemReport: input.text, oemReportSentAt: now };
  });

const dueColumn: Record<ComplaintDeadlineKind, { due: keyof CaseRow; met: keyof CaseRow }> = {
  first_contact: { due: 'firstContactDue', met: 'firstContactAt' },
  answer: { due: 'answerDue', met: 'answeredAt' },
  follow_up: { due: 'followUpDue', met: 'followedUpAt' },
  oem_report: { due: 'oemReportDue', met: 'oemReportSentAt' },
  evaluation: { due: 'evaluationDue', met: 'evaluatedAt' },
};

/**
 * A manager moves a running deadline, with a reason; the old value is kept in the log and the audit. A
 * deadline already passed or met cannot be moved (that would hide a breach), nor moved into the past.
 */
export const editDeadline = (ctx: StaffCtx, id: string, input: z.output<typeof c.complaintDeadlineEdit>) =>
  act(ctx, id, null, async ({ c, now, event }) => {
    const { kind } = input;
    authorize(ctx.actor, 'complaint.manage');
    if (c.status === 'closed') throw refuse('complaint_closed');
    const col = dueColumn[kind];
    const due = c[col.due] as Date | null;
    if (!due) throw refuse('complaint_deadline_none', 'kind');
    if (c[col.met]) throw refuse('complaint_deadline_met', 'kind');
    if (due.getTime() <= now.getTime()) throw refuse('complaint_deadline_passed', 'kind');
    const next = new Date(input.due);
    if (next.getTime() <= now.getTime()) throw AppError.field('due', 'complaint_deadline_past');
    await event({
      kind: 'deadline_changed',
      text: input.reason,
      details: `${kind}:${due.toISOString()}->${next.toISOString()}`,
    });
    await audit(ctx, {
      action: 'complaint.deadline_changed',
      target: { type: 'complaint', id },
      details: { kind, before: due.toISOString(), after: next.toISOString() },
    });
    const moved: Partial<CaseRow> = { [col.due]: next };
    return moved;
  });

/**
 * Closes the case: a complaint after a satisfied follow-up, with its resolution and at least one improvement
 * item (what, owner, due date), a major one after its OEM report and with a closing report; the person who
 * opened it cannot close it unless a manager. The customer is thanked through the contact gate.
 */
export const closeComplaint = async (ctx: StaffCtx, id: string, input: ComplaintClose): Promise<Complaint> => {
  const body = complaintClose.parse(input);
  const page = await act(ctx, id, null, async ({ c, now, event }) => {
    if (c.status === 'closed') throw refuse('complaint_closed', 'status');
    check('close', c, ctx.actor);
    if (c.kind === 'complaint' && body.improvements.length === 0)
      throw AppError.field('improvements', 'complaint_improvements_required');
    if (c.severity === 'major' && !body.closingReport)
      throw AppError.field('closingReport', 'complaint_closing_report_required');
    for (const [i, item] of body.improvements.entries())
      await staffMember(ctx, item.ownerId, `improvements.${i}.ownerId`);
    await cq.insertImprovements(
      ctx.db,
      body.improvements.map((item) => ({ tenantId: ctx.tenantId, complaintId: id, ...item, createdAt: now })),
    );
    await event({ kind: 'closed', public: true, text: body.resolution });
    await audit(ctx, {
      action: 'complaint.closed',
      target: { type: 'complaint', id },
      details: { customerId: c.customerId },
    });
    await q.updateComplaint(ctx.db, ctx.tenantId, id, {
      status: 'closed',
      stage: 'closed',
      closedAt: now,
      closedBy: ctx.actor.id,
      resolution: body.resolution,
      closingReport: body.closingReport,
    });
    await sendThanks(ctx, { ...c, status: 'closed' });
  });
  return page.complaint;
};

/** An improvement item done (its owner or a manager). */
export const improvementDone = async (ctx: StaffCtx, improvementId: string): Promise<ComplaintCase> => {
  authorize(ctx.actor, 'customer.write');
  const item = await cq.improvementCase(ctx.db, ctx.tenantId, improvementId);
  if (!item) throw new AppError('NOT_FOUND');
  if (item.ownerId !== ctx.actor.id && !isManager(ctx.actor)) throw new AppError('FORBIDDEN');
  return act(ctx, item.complaintId, null, async ({ event, now }) => {
    const done = await cq.markImprovementDone(ctx.db, ctx.tenantId, improvementId, ctx.actor.id, now);
    if (!done) throw refuse('complaint_improvement_done', 'id');
    await event({ kind: 'improvement_done', details: improvementId });
  });
};

/** The case list with countdowns: open ones of the reader's store (all stores for group staff). */
export const listCases = async (ctx: StaffCtx, query: z.output<typeof c.complaintCaseQuery>) => {
  authorize(ctx.actor, 'customer.read');
  const cal = await calendarFor(ctx, ctx.clock.now());
  const rows = await q.caseRows(ctx.db, ctx.tenantId, {
    status: query.view === 'closed' ? 'closed' : query.view === 'all' ? null : 'open',
    storeId: ctx.actor.storeId,
    kind: query.kind ?? null,
  });
  const me = ctx.actor.id;
  const mine = (r: (typeof rows)[number]) => r.c.handlerId === me || r.c.escalatedTo === me || r.c.receivedBy === me;
  return rows
    .filter((r) => query.view !== 'mine' || mine(r))
    .map((r) => ({ ...toComplaint(r, cal, ctx.clock.now()), customerName: r.customerName }));
};

export { isManager };
