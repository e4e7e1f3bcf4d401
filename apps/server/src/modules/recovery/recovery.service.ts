import {
  hotAlertTriggers,
  lowestScore,
  recoveryFollowUpInput,
  strongLine,
  type RecoveryAlert,
  type RecoveryFollowUpInput,
  type SurveyAnswers,
  type SurveyDefinition,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { addBusinessHours } from '../../platform/time/work-calendar.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { deadlineSpan, tenantWorkCalendar } from '../calendar/calendar.service.ts';
import { recordOutcome } from '../calls/calls.service.ts';
import { openComplaint } from '../complaints/complaints.service.ts';
import * as q from './recovery.queries.ts';

export const escalateJobName = 'recovery.escalate';

/** Business hours an alert has before it is late (seed 002: the advisor calls within the hour). */
export const dueHours = 1;

const isStaff = (ctx: Ctx): ctx is StaffCtx => ctx.actor.kind === 'staff';

/**
 * A complaint for a strongly dissatisfied customer, through the complaints module's own function (its
 * checks, audit and the contact gate's hold on care follow). Needs a staff member acting: the one who
 * recorded the answers, closed the alert or recorded the follow-up.
 */
export const openRecoveryComplaint = async (ctx: StaffCtx, alert: RecoveryAlert, why: string): Promise<void> => {
  if (alert.complaintId) return;
  const complaint = await openComplaint(ctx, alert.customerId, {
    category: 'service_reception',
    channel: 'follow_up',
    severity: 'normal',
    summary: `服务补救：${why}（${alert.questionnaireName}${alert.score === null ? '' : `，评分 ${alert.score} 分`}）`,
    vehicleId: null,
  });
  await q.setComplaint(ctx.sql, ctx.tenantId, alert.id, complaint.id);
};

export type AnsweredResponse = {
  responseId: string;
  taskId: string | null;
  definition: SurveyDefinition;
  answers: SurveyAnswers;
};

/**
 * Opens the hot alert a response calls for — a 0–10 answer under 8, or a dissatisfied answer on a critical
 * question, on the path the answers took — once per response (a second call changes nothing). Assigned to
 * the visit's advisor (else the customer's service advisor, else the store's service manager), due one
 * business hour later in the tenant's calendar; the escalation job is queued for that moment. 0–4:
 * strongly dissatisfied — flagged, and a complaint is opened when a staff member recorded the answers (an
 * owner's own answers get theirs when the alert is closed). Returns the new alert's id, or null.
 */
export const openAlertFor = async (ctx: Ctx, r: AnsweredResponse): Promise<string | null> => {
  const triggers = hotAlertTriggers(r.definition, r.answers);
  if (triggers.length === 0) return null;
  const facts = await q.responseFacts(ctx.sql, ctx.tenantId, r.responseId);
  if (!facts) return null;
  const storeId = facts.visit_store_id ?? facts.store_id ?? facts.home_store_id;
  const assigneeId =
    facts.visit_advisor_id ?? facts.customer_advisor_id ?? (await q.serviceManagerOf(ctx.sql, ctx.tenantId, storeId));
  const now = ctx.clock.now();
  const cal = await tenantWorkCalendar(ctx, deadlineSpan(await tenantToday(ctx)));
  const dueAt = addBusinessHours(cal, now, dueHours);
  const score = lowestScore(triggers);
  const strong = score !== null && score <= strongLine;
  const id = await q.insertAlert(ctx.sql, ctx.tenantId, {
    responseId: r.responseId,
    customerId: facts.customer_id,
    vehicleId: facts.vehicle_id,
    visitId: facts.visit_id,
    storeId,
    assigneeId,
    score,
    triggers: triggers.map((t) => t.question),
    strong,
    openedAt: now,
    dueAt,
  });
  if (!id) return null;
  await ctx.jobs.send(
    escalateJobName,
    { tenantId: ctx.tenantId, alertId: id },
    { startAfter: dueAt, singletonKey: `${escalateJobName}:${id}` },
  );
  await audit(ctx, {
    action: 'recovery.opened',
    target: { type: 'recovery_alert', id },
    details: { customerId: facts.customer_id, responseId: r.responseId, score, strong, assigneeId },
  });
  if (strong && isStaff(ctx)) {
    const alert = await q.alertById(ctx.sql, ctx.tenantId, id, now);
    if (alert) await openRecoveryComplaint(ctx, alert, '客户强烈不满');
  }
  return id;
};

/**
 * The follow-up call's answer (POST /api/recovery/follow-ups/:taskId, from the call screen of a task of kind
 * `recovery_followup`): the call is completed through the calls module in this transaction and the answer
 * stored on the alert; not resolved → strongly dissatisfied, and a complaint is opened.
 */
export const recordFollowUpAnswer = async (
  ctx: StaffCtx,
  taskId: string,
  input: RecoveryFollowUpInput,
): Promise<RecoveryAlert> => {
  const data = recoveryFollowUpInput.parse(input);
  const alertId = await q.alertOfFollowUp(ctx.sql, ctx.tenantId, taskId);
  if (!alertId) throw new AppError('NOT_FOUND');
  await recordOutcome(ctx, taskId, { outcome: 'completed', attempts: data.attempts, issues: [], note: data.note });
  const strong = data.answer === 'not_resolved';
  await q.setFollowUpAnswer(ctx.sql, ctx.tenantId, alertId, { answer: data.answer, strong });
  await audit(ctx, {
    action: 'recovery.follow_up_answered',
    target: { type: 'recovery_alert', id: alertId },
    details: { answer: data.answer, taskId },
  });
  const alert = await q.alertById(ctx.sql, ctx.tenantId, alertId, ctx.clock.now());
  if (!alert) throw new AppError('NOT_FOUND');
  if (strong) {
    await openRecoveryComplaint(ctx, alert, '补救回访时客户表示问题仍未解决');
    return (await q.alertById(ctx.sql, ctx.tenantId, alertId, ctx.clock.now())) ?? alert;
  }
  return alert;
};

/**
 * The escalation (the job queued for the due time): an alert still open and late goes up to the store's
 * service manager (the store manager when the advisor is the service manager). Idempotent: an alert
 * escalated, closed or not yet late is left as it is. Returns whether it escalated.
 */
export const escalateAlert = async (ctx: Ctx, alertId: string): Promise<boolean> => {
  const f = await q.alertFacts(ctx.sql, ctx.tenantId, alertId);
  if (!f || f.status !== 'open' || f.escalated_to) return false;
  const to = await q.serviceManagerOf(ctx.sql, ctx.tenantId, f.store_id, f.assignee_id ?? undefined);
  const done = await q.escalate(ctx.sql, ctx.tenantId, alertId, to, ctx.clock.now());
  if (done)
    await audit(ctx, {
      action: 'recovery.escalated',
      target: { type: 'recovery_alert', id: alertId },
      details: { to, from: f.assignee_id },
    });
  return done;
};
