import { eq } from 'drizzle-orm';
import {
  defaultRecoveryPolicy,
  optionsOf,
  questionsOf,
  recoveryClose,
  recoveryPageSize,
  recoveryPolicy,
  type RecoveryAlertDetail,
  type RecoveryCloseInput,
  type RecoveryList,
  type RecoveryOnTime,
  type RecoveryPolicy,
  type SurveyAnswer,
  type SurveyQuestion,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize, permissionsOf, storeScope } from '../../platform/auth/permissions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { tenants } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { addDays, instantOf } from '../../platform/time/zone.ts';
import { scheduleRecoveryCall } from '../calls/follow-up.service.ts';
import * as q from './recovery.queries.ts';
import { openRecoveryComplaint } from './recovery.service.ts';
import { responseOfAlert } from './response.queries.ts';

export const recoveryPolicyOf = async (ctx: Pick<Ctx, 'db' | 'tenantId'>): Promise<RecoveryPolicy> => {
  const [row] = await ctx.db.select({ p: tenants.recoveryPolicy }).from(tenants).where(eq(tenants.id, ctx.tenantId));
  const parsed = recoveryPolicy.safeParse({ ...defaultRecoveryPolicy, ...(row?.p ?? {}) });
  return parsed.success ? parsed.data : defaultRecoveryPolicy;
};

export const getRecoveryPolicy = async (ctx: StaffCtx): Promise<RecoveryPolicy> => {
  authorize(ctx.actor, 'recovery.work');
  return recoveryPolicyOf(ctx);
};

export const saveRecoveryPolicy = async (ctx: StaffCtx, input: RecoveryPolicy): Promise<RecoveryPolicy> => {
  authorize(ctx.actor, 'care.manage');
  const policy = recoveryPolicy.parse(input);
  await ctx.db
    .update(tenants)
    .set({ recoveryPolicy: policy, updatedAt: ctx.clock.now() })
    .where(eq(tenants.id, ctx.tenantId));
  await audit(ctx, { action: 'recovery.policy_updated', details: { ...policy } });
  return policy;
};

/** The store a supervisor looks at: their own (a store role asking for another is refused), or a group role's pick. */
const supervisedStore = (ctx: StaffCtx, asked: string | undefined): string | null => {
  authorize(ctx.actor, 'recovery.supervise');
  const own = storeScope(ctx.actor);
  if (own === null) return asked ?? null;
  if (asked && asked !== own) throw new AppError('FORBIDDEN');
  return own;
};

export const listAlerts = async (
  ctx: StaffCtx,
  query: { scope: 'mine' | 'store'; status: 'open' | 'closed' | 'all'; storeId?: string | undefined; page: number },
): Promise<RecoveryList> => {
  authorize(ctx.actor, 'recovery.work');
  const store = query.scope === 'store' ? supervisedStore(ctx, query.storeId) : null;
  const page = await q.alertPage(
    ctx.sql,
    ctx.tenantId,
    {
      staffId: query.scope === 'mine' ? ctx.actor.id : null,
      storeId: store,
      status: query.status,
      limit: recoveryPageSize,
      offset: (query.page - 1) * recoveryPageSize,
    },
    ctx.clock.now(),
  );
  return { ...page, page: query.page, pageSize: recoveryPageSize, now: ctx.clock.now().toISOString() };
};

/** An alert the actor may see: theirs (assigned or escalated to them), or their store's for a supervisor. */
const reachable = async (ctx: StaffCtx, id: string) => {
  authorize(ctx.actor, 'recovery.work');
  const alert = await q.alertById(ctx.sql, ctx.tenantId, id, ctx.clock.now());
  if (!alert) throw new AppError('NOT_FOUND');
  const mine = alert.assignee?.id === ctx.actor.id || alert.escalatedTo?.id === ctx.actor.id;
  const own = storeScope(ctx.actor);
  const supervises = permissionsOf(ctx.actor).includes('recovery.supervise') && (own === null || own === alert.storeId);
  if (!mine && !supervises) throw new AppError('NOT_FOUND');
  return alert;
};

const worded = (question: SurveyQuestion, a: SurveyAnswer): string => {
  const label = (key: string) => optionsOf(question).find((o) => o.key === key)?.label ?? key;
  const parts: string[] = [];
  if (a.score !== undefined) parts.push(`${a.score} 分`);
  if (a.choice !== undefined) parts.push(label(a.choice));
  if (a.choices) parts.push(a.choices.map(label).join('、'));
  if (a.text) parts.push(a.text);
  return parts.join(' · ');
};

export const getAlert = async (ctx: StaffCtx, id: string): Promise<RecoveryAlertDetail> => {
  const alert = await reachable(ctx, id);
  const response = await responseOfAlert(ctx.sql, ctx.tenantId, alert.responseId);
  const hot = new Set(alert.triggers);
  const answers = response
    ? questionsOf(response.definition).flatMap((question) => {
        const a = response.answers[question.key];
        return a
          ? [{ key: question.key, text: question.text, answer: worded(question, a), hot: hot.has(question.key) }]
          : [];
      })
    : [];
  return { alert, answers, now: ctx.clock.now().toISOString() };
};

/**
 * Closes an alert: what was done and the customer's reaction are required (400 naming each, in the user's
 * language), a closed one is a 409. Schedules the follow-up call the tenant's `followUpDays` later; a
 * customer still dissatisfied (or flagged 0–4 without a complaint yet) gets a complaint.
 */
export const closeAlert = async (
  ctx: StaffCtx,
  id: string,
  input: RecoveryCloseInput,
): Promise<RecoveryAlertDetail> => {
  const alert = await reachable(ctx, id);
  if (alert.status !== 'open')
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'recovery_closed' }] });
  const data = recoveryClose.parse(input);
  const issues = [
    ...(data.action ? [] : [{ path: 'action', message: 'recovery_action_required' }]),
    ...(data.reaction ? [] : [{ path: 'reaction', message: 'recovery_reaction_required' }]),
    ...(data.reactionCode ? [] : [{ path: 'reactionCode', message: 'recovery_reaction_code_required' }]),
  ];
  if (issues.length > 0 || !data.reactionCode) throw new AppError('VALIDATION_FAILED', undefined, { issues });
  const now = ctx.clock.now();
  const still = data.reactionCode === 'still_dissatisfied';
  const closed = await q.closeAlert(ctx.sql, ctx.tenantId, id, {
    at: now,
    by: ctx.actor.id,
    action: data.action,
    reaction: data.reaction,
    reactionCode: data.reactionCode,
    strong: still,
  });
  if (!closed) throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'recovery_closed' }] });
  const policy = await recoveryPolicyOf(ctx);
  const taskId = await scheduleRecoveryCall(ctx, {
    customerId: alert.customerId,
    vehicleId: alert.vehicleId,
    storeId: alert.storeId,
    at: new Date(now.getTime() + policy.followUpDays * 86_400_000),
    title: '服务补救回访：问题是否已解决',
    script: `您好，我是××汽车4S店客户服务中心的客服专员。${policy.followUpDays}天前我们就您反映的问题与您联系并做了处理（${data.action}），想了解一下问题是否已经解决？`,
  });
  await q.setFollowUpTask(ctx.sql, ctx.tenantId, id, taskId);
  if (still || alert.strong)
    await openRecoveryComplaint(ctx, alert, `${still ? '处理后客户仍不满意' : '客户强烈不满'}：${data.reaction}`);
  // What was done and what the customer said stay with the alert (erasure blanks them), not in the audit log.
  await audit(ctx, {
    action: 'recovery.closed',
    target: { type: 'recovery_alert', id },
    details: {
      reactionCode: data.reactionCode,
      onTime: now.getTime() <= Date.parse(alert.dueAt),
      followUpTaskId: taskId,
    },
  });
  return getAlert(ctx, id);
};

/**
 * Recovery on time (closed within due / all closed) per store and advisor, over the alerts closed on the days
 * [from, to] in the tenant's zone — the KPI page's figure (issue 14, What 8).
 */
export const recoveryOnTime = async (
  ctx: StaffCtx,
  query: { from: string; to: string; storeId?: string | undefined },
): Promise<RecoveryOnTime> => {
  const store = supervisedStore(ctx, query.storeId);
  if (query.to < query.from) throw AppError.field('to', 'date_range');
  const zone = await tenantZone(ctx);
  const rows = await q.onTimeRows(ctx.sql, ctx.tenantId, {
    from: instantOf(query.from, '00:00', zone),
    to: instantOf(addDays(query.to, 1), '00:00', zone),
    storeId: store,
  });
  return {
    from: query.from,
    to: query.to,
    rows: rows.map((r) => ({
      storeId: r.store_id,
      storeName: r.store_name,
      advisorId: r.per_advisor ? r.advisor_id : null,
      advisorName: r.per_advisor ? r.advisor_name : null,
      closed: r.closed,
      onTime: r.on_time,
      rate: r.closed > 0 ? r.on_time / r.closed : null,
    })),
  };
};

/** Recovery on time per period and store or person, for the follow-up KPIs (modules/indices, docs/indices.md). */
export const recoveryOnTimeByPeriod = (
  ctx: StaffCtx,
  input: Parameters<typeof q.onTimeByPeriod>[1],
  by: 'store' | 'person',
) => q.onTimeByPeriod(ctx.sql, input, by);
