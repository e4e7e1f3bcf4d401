import { eq } from 'drizzle-orm';
import {
  callPageSize,
  callPolicy,
  defaultCallPolicy,
  type CallCreateInput,
  type CallDetail,
  type CallOutcomeInput,
  type CallPolicy,
  type CallQueue,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize, storeScope } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { tenants } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { dayBounds, todayIn } from '../../platform/time/zone.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { customerScopeText, ownCustomersOnly } from '../customers/customers.scope.ts';
import { reassignTask, reachableTask } from '../care/tasks.service.ts';
import * as q from './calls.queries.ts';
import * as queue from './queue.queries.ts';
import { createHandCall } from './create.service.ts';
import { applyOutcome } from './outcome.service.ts';

/** The roles whose people work the call queues (their daily load is shown to the supervisor). */
export const callRoles = ['cs_specialist', 'service_advisor', 'sales_consultant'] as const;

/** The tenant's tunings; fields missing from the stored value take their defaults. */
export const callPolicyOf = async (ctx: Pick<StaffCtx, 'db' | 'tenantId'>): Promise<CallPolicy> => {
  const [row] = await ctx.db.select({ p: tenants.callPolicy }).from(tenants).where(eq(tenants.id, ctx.tenantId));
  const parsed = callPolicy.safeParse({ ...defaultCallPolicy, ...(row?.p ?? {}) });
  return parsed.success ? parsed.data : defaultCallPolicy;
};

export const getCallPolicy = async (ctx: StaffCtx): Promise<CallPolicy> => {
  authorize(ctx.actor, 'care.tasks');
  return callPolicyOf(ctx);
};

export const saveCallPolicy = async (ctx: StaffCtx, policy: CallPolicy): Promise<CallPolicy> => {
  authorize(ctx.actor, 'care.manage');
  const before = await callPolicyOf(ctx);
  await ctx.db
    .update(tenants)
    .set({ callPolicy: policy, updatedAt: ctx.clock.now() })
    .where(eq(tenants.id, ctx.tenantId));
  await audit(ctx, {
    action: 'call.policy_updated',
    target: { type: 'tenant', id: ctx.tenantId },
    details: { before, after: policy },
  });
  return policy;
};

/** Today in the tenant's zone: its bounds. */
const today = async (ctx: StaffCtx) => {
  const zone = await tenantZone(ctx);
  return { zone, ...dayBounds(todayIn(ctx.clock, zone), zone) };
};

type QueueQuery = {
  scope: 'mine' | 'store';
  when: 'today' | 'all';
  late: 'true' | 'false';
  storeId?: string | undefined;
  page: number;
};

/**
 * A queue, 50 a page, in due order. Mine: the calls assigned to me and my role's unassigned calls in my
 * store (with "own customers only", of those only my customers'). Store (calls.supervise): the store's
 * whole queue, with every agent's day and each role's unassigned pool.
 */
export const callQueue = async (ctx: StaffCtx, query: QueueQuery): Promise<CallQueue> => {
  authorize(ctx.actor, 'care.tasks');
  const policy = await callPolicyOf(ctx);
  const { from, to } = await today(ctx);
  const now = ctx.clock.now();
  const filter: queue.QueueFilter = {
    now,
    until: query.when === 'today' ? to : null,
    lateOnly: query.late === 'true',
    queueDays: policy.queueDays,
    limit: callPageSize,
    offset: (query.page - 1) * callPageSize,
  };
  if (query.scope === 'store') {
    authorize(ctx.actor, 'calls.supervise');
    const own = storeScope(ctx.actor);
    if (own && query.storeId && query.storeId !== own) throw new AppError('FORBIDDEN');
    const storeId = own ?? query.storeId ?? null;
    if (storeId) {
      const store = await queue.storeQueue(ctx.sql, ctx.tenantId, filter, {
        storeId,
        dayEnd: to,
        from,
        roles: callRoles,
      });
      const loads = store.loads.map((l) => ({ ...l, target: policy.dailyLoad }));
      return { items: store.items, total: store.total, page: query.page, pageSize: callPageSize, loads };
    }
    // A group role without a store: the whole tenant's queue (no store, so no agents' day).
    const page = await queue.queuePage(ctx.sql, ctx.tenantId, filter, '$5::uuid IS NULL', [null]);
    return { ...page, page: query.page, pageSize: callPageSize, loads: [] };
  }
  const scopeParam = '$8';
  const who = `(k.assignee_id = $5 OR (k.assignee_id IS NULL AND k.role = $6 AND k.store_id = $7))
    AND (${scopeParam}::uuid IS NULL OR EXISTS (SELECT 1 FROM customers cs WHERE cs.tenant_id = $1
      AND cs.id = k.customer_id AND ${customerScopeText('cs', scopeParam, 'k.assignee_id')}))`;
  const whoParams = [
    ctx.actor.id,
    ctx.actor.role,
    ctx.actor.storeId ?? '00000000-0000-0000-0000-000000000000',
    ownCustomersOnly(ctx.actor),
  ];
  const page = await queue.queuePage(ctx.sql, ctx.tenantId, filter, who, whoParams);
  // My day is my queue's: the calls given to me and my role's pool, due by tonight, and the late ones.
  const [day] = await queue.agentLoads(ctx.sql, ctx.tenantId, {
    storeId: null,
    now,
    until: to,
    from,
    roles: callRoles,
    staffId: ctx.actor.id,
  });
  const mine = day && {
    ...day,
    ...(await queue.queueDay(ctx.sql, ctx.tenantId, { now, until: to }, who, whoParams)),
    target: policy.dailyLoad,
  };
  return { ...page, page: query.page, pageSize: callPageSize, loads: mine ? [mine] : [] };
};

/** A call the actor may reach (the care tasks' reach: 404 otherwise), with every attempt. */
export const getCall = async (ctx: StaffCtx, id: string, afterChange = false): Promise<CallDetail> => {
  await reachableTask(ctx, id, afterChange);
  const policy = await callPolicyOf(ctx);
  const call = await queue.callItemById(ctx.sql, ctx.tenantId, id, ctx.clock.now(), policy.queueDays);
  if (!call) throw new AppError('NOT_FOUND');
  return { call, attempts: await q.attemptsOf(ctx.sql, ctx.tenantId, id) };
};

/**
 * Records an attempt's outcome. `responseId`: the questionnaire answered on a completed call, recorded in the
 * same transaction by the surveys module (POST /api/survey-responses with the task id and the outcome).
 */
export const recordOutcome = async (
  ctx: StaffCtx,
  id: string,
  input: CallOutcomeInput,
  responseId: string | null = null,
): Promise<CallDetail> => {
  await reachableTask(ctx, id);
  const facts = await q.callFacts(ctx.sql, ctx.tenantId, id);
  if (!facts) throw new AppError('NOT_FOUND');
  const policy = await callPolicyOf(ctx);
  const made = await applyOutcome(ctx, id, facts, input, policy, responseId);
  await audit(ctx, {
    action: 'call.outcome',
    target: { type: 'care_task', id },
    // Ids and codes only: the agent's note stays with the attempt (erasure blanks it there).
    details: { outcome: input.outcome, seq: input.attempts + 1, state: made.to, tasks: made.taskIds },
  });
  return getCall(ctx, id, true);
};

/** A call made by hand (care.tasks): its script from a care rule's call template, its variables filled in. */
export const createCall = async (ctx: StaffCtx, input: CallCreateInput): Promise<CallDetail> => {
  authorize(ctx.actor, 'care.tasks');
  const id = await createHandCall(ctx, input);
  await audit(ctx, { action: 'call.created', target: { type: 'care_task', id } });
  return getCall(ctx, id, true);
};

/** Moves calls to a colleague (calls.supervise): each as the care task reassignment does it. */
export const reassignCalls = async (ctx: StaffCtx, input: { taskIds: string[]; assigneeId: string }) => {
  authorize(ctx.actor, 'calls.supervise');
  for (const id of new Set(input.taskIds)) await reassignTask(ctx, id, input.assigneeId);
  return { moved: new Set(input.taskIds).size };
};
