import { and, eq } from 'drizzle-orm';
import { careRuleKeys, careTaskStatuses, roleGrants, type CareTask, type CareTaskStatus } from '@m4s/contracts';
import { z } from 'zod';
import type { StaffCtx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import { col, maybeRow, parseRows } from '../../platform/db/rows.ts';
import { careTasks, staff } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { recordMileage } from '../vehicles/vehicles.service.ts';
import { customerScopeText, ownCustomersOnly } from '../customers/customers.scope.ts';

const none = '00000000-0000-0000-0000-000000000000';

/**
 * Which tasks a staff member may see and act on ($2 actor id, $3 role, $4 store, $5 group-wide, $7 the
 * customer scope's staff id): a group role every task; a store manager the store's; front-line staff the
 * tasks assigned to them and their role's unassigned tasks in their store — with "own customers only",
 * of those unassigned ones only their customers' (customers.scope).
 */
const reach = `($5::boolean
    OR k.assignee_id = $2
    OR (k.store_id = $4 AND ($3 IN ('store_manager', 'service_manager') OR (k.assignee_id IS NULL AND k.role = $3))))
    AND ${customerScopeText('c', '$7', 'k.assignee_id')}`;

const selectTasks = `
  SELECT k.id, k.customer_id, c.name AS customer_name, p.phone, k.vehicle_id, v.plate, k.store_id, k.rule_key, k.role,
         k.assignee_id, k.title, k.script, k.due_at, k.status, k.snoozed_until, k.outcome, k.due_at < $6 AS overdue
    FROM care_tasks k
    JOIN customers c ON c.tenant_id = $1 AND c.id = k.customer_id
    LEFT JOIN customer_phones p ON p.tenant_id = $1 AND p.customer_id = k.customer_id AND p.is_primary
    LEFT JOIN vehicles v ON v.tenant_id = $1 AND v.id = k.vehicle_id
   WHERE k.tenant_id = $1 AND ${reach}`;

/** A row of `selectTasks`, as the API shows it. */
const taskRow = z
  .object({
    id: col.text,
    customer_id: col.text,
    customer_name: col.text,
    phone: col.textOrNull,
    vehicle_id: col.textOrNull,
    plate: col.textOrNull,
    store_id: col.textOrNull,
    rule_key: z.enum(careRuleKeys).nullable(),
    role: col.text,
    assignee_id: col.textOrNull,
    title: col.text,
    script: col.text,
    due_at: col.instant,
    status: z.enum(careTaskStatuses),
    snoozed_until: col.instantOrNull,
    outcome: col.textOrNull,
    overdue: z.boolean(),
  })
  .transform((r): CareTask => ({
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    phone: r.phone,
    vehicleId: r.vehicle_id,
    plate: r.plate,
    storeId: r.store_id,
    ruleKey: r.rule_key,
    role: r.role,
    assigneeId: r.assignee_id,
    title: r.title,
    script: r.script,
    dueAt: r.due_at.toISOString(),
    status: r.status,
    snoozedUntil: r.snoozed_until?.toISOString() ?? null,
    outcome: r.outcome,
    overdue: r.overdue,
  }));

const reachParams = (ctx: StaffCtx, everyTask = false) => [
  ctx.tenantId,
  ctx.actor.id,
  ctx.actor.role,
  ctx.actor.storeId ?? none,
  everyTask || roleGrants[ctx.actor.role].scope === 'group',
  ctx.clock.now(),
  everyTask ? null : ownCustomersOnly(ctx.actor),
];

/**
 * Open tasks (a snoozed one comes back when its time has come), oldest due first: overdue, then today's,
 * then later. `mine`: assigned to me or to my role in my store; `store`: everything I may reach.
 */
export const listTasks = async (
  ctx: StaffCtx,
  scope: 'mine' | 'store',
  status: CareTaskStatus,
): Promise<CareTask[]> => {
  authorize(ctx.actor, 'care.tasks');
  const statusSql =
    status === 'open'
      ? `(k.status = 'open' OR (k.status = 'snoozed' AND k.snoozed_until <= $6))`
      : `k.status = '${status === 'snoozed' ? 'snoozed' : status === 'done' ? 'done' : 'cancelled'}'`;
  const mine =
    scope === 'mine' ? `AND (k.assignee_id = $2 OR (k.assignee_id IS NULL AND k.role = $3 AND k.store_id = $4))` : '';
  const result = await ctx.sql.executeSql(
    `${selectTasks} AND ${statusSql} ${mine} ORDER BY k.due_at, k.id LIMIT 500`,
    reachParams(ctx),
  );
  return parseRows(taskRow, result, 'listTasks');
};

/** A task the actor may act on, or 404 (another store's task is not theirs to know about). */
export const reachableTask = async (ctx: StaffCtx, id: string, afterChange = false): Promise<CareTask> => {
  authorize(ctx.actor, 'care.tasks');
  // After a reassignment the task may have left the actor's reach: the answer still shows it.
  const result = await ctx.sql.executeSql(`${selectTasks} AND k.id = $8`, [...reachParams(ctx, afterChange), id]);
  const task = maybeRow(taskRow, result, 'reachable task');
  if (!task) throw new AppError('NOT_FOUND');
  return task;
};

const update = async (ctx: StaffCtx, id: string, set: Partial<typeof careTasks.$inferInsert>) => {
  await ctx.db
    .update(careTasks)
    .set({ ...set, updatedAt: ctx.clock.now() })
    .where(and(eq(careTasks.tenantId, ctx.tenantId), eq(careTasks.id, id)));
  return reachableTask(ctx, id, true);
};

export const completeTask = async (
  ctx: StaffCtx,
  id: string,
  input: { outcome: string; mileageKm?: number | undefined },
) => {
  const task = await reachableTask(ctx, id);
  if (task.status === 'done' || task.status === 'cancelled') throw new AppError('CONFLICT');
  // The 1-month call asks the owner's mileage: it becomes a reading, through the vehicles module's rules.
  if (input.mileageKm !== undefined && task.vehicleId)
    await recordMileage(ctx, task.vehicleId, { km: input.mileageKm, source: 'follow_up' });
  const details = input.mileageKm === undefined ? {} : { mileageKm: input.mileageKm };
  await audit(ctx, {
    action: 'care.task.done',
    target: { type: 'care_task', id },
    // The outcome's words stay with the task (erasure blanks them there); the audit log outlives an erasure.
    details,
  });
  return update(ctx, id, {
    status: 'done',
    callState: 'completed',
    outcome: input.outcome,
    doneAt: ctx.clock.now(),
    doneBy: ctx.actor.id,
    details,
  });
};

export const snoozeTask = async (ctx: StaffCtx, id: string, until: Date) => {
  const task = await reachableTask(ctx, id);
  if (task.status === 'done' || task.status === 'cancelled') throw new AppError('CONFLICT');
  if (until.getTime() <= ctx.clock.now().getTime()) throw AppError.field('until', 'care_task_snooze_past');
  await audit(ctx, {
    action: 'care.task.snooze',
    target: { type: 'care_task', id },
    details: { until: until.toISOString() },
  });
  return update(ctx, id, { status: 'snoozed', snoozedUntil: until });
};

/**
 * Who a task may go to: an active colleague whose role works care tasks, in the task's store (or a group
 * role). Their id and role, or a 400 on `path`.
 */
export const taskAssignee = async (ctx: StaffCtx, assigneeId: string, storeId: string | null, path: string) => {
  const [to] = await ctx.db
    .select({ id: staff.id, role: staff.role, storeId: staff.storeId, status: staff.status })
    .from(staff)
    .where(and(eq(staff.tenantId, ctx.tenantId), eq(staff.id, assigneeId)));
  const fits =
    to &&
    to.status === 'active' &&
    roleGrants[to.role].permissions.includes('care.tasks') &&
    (storeId === null || to.storeId === storeId || roleGrants[to.role].scope === 'group');
  if (!to || !fits) throw AppError.field(path, 'care_assignee_invalid');
  return to;
};

export const reassignTask = async (ctx: StaffCtx, id: string, assigneeId: string) => {
  const task = await reachableTask(ctx, id);
  if (task.status === 'done' || task.status === 'cancelled') throw new AppError('CONFLICT');
  await taskAssignee(ctx, assigneeId, task.storeId, 'assigneeId');
  await audit(ctx, {
    action: 'care.task.reassign',
    target: { type: 'care_task', id },
    details: { from: task.assigneeId, to: assigneeId },
  });
  return update(ctx, id, { assigneeId, status: 'open', snoozedUntil: null });
};
