import { and, eq } from 'drizzle-orm';
import { roleGrants, type CareTask, type CareTaskStatus } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import { careTasks, staff } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { recordMileage } from '../vehicles/vehicles.service.ts';

const none = '00000000-0000-0000-0000-000000000000';

/**
 * Which tasks a staff member may see and act on ($2 actor id, $3 role, $4 store, $5 group-wide): a group
 * role every task; a store manager the store's; front-line staff the tasks assigned to them and their
 * role's unassigned tasks in their store.
 */
const reach = `($5::boolean
    OR k.assignee_id = $2
    OR (k.store_id = $4 AND ($3 IN ('store_manager', 'service_manager') OR (k.assignee_id IS NULL AND k.role = $3))))`;

const selectTasks = `
  SELECT k.id, k.customer_id, c.name AS customer_name, p.phone, k.vehicle_id, v.plate, k.store_id, k.rule_key, k.role,
         k.assignee_id, k.title, k.script, k.due_at, k.status, k.snoozed_until, k.outcome, k.due_at < $6 AS overdue
    FROM care_tasks k
    JOIN customers c ON c.tenant_id = $1 AND c.id = k.customer_id
    LEFT JOIN customer_phones p ON p.tenant_id = $1 AND p.customer_id = k.customer_id AND p.is_primary
    LEFT JOIN vehicles v ON v.tenant_id = $1 AND v.id = k.vehicle_id
   WHERE k.tenant_id = $1 AND ${reach}`;

const iso = (v: unknown) => new Date(v as string).toISOString();
const present = (r: Record<string, unknown>): CareTask => ({
  id: String(r.id),
  customerId: String(r.customer_id),
  customerName: String(r.customer_name),
  phone: (r.phone as string | null) ?? null,
  vehicleId: (r.vehicle_id as string | null) ?? null,
  plate: (r.plate as string | null) ?? null,
  storeId: (r.store_id as string | null) ?? null,
  ruleKey: (r.rule_key as CareTask['ruleKey']) ?? null,
  role: String(r.role),
  assigneeId: (r.assignee_id as string | null) ?? null,
  title: String(r.title),
  script: String(r.script),
  dueAt: iso(r.due_at),
  status: r.status as CareTaskStatus,
  snoozedUntil: r.snoozed_until == null ? null : iso(r.snoozed_until),
  outcome: (r.outcome as string | null) ?? null,
  overdue: Boolean(r.overdue),
});

const reachParams = (ctx: StaffCtx, everyTask = false) => [
  ctx.tenantId,
  ctx.actor.id,
  ctx.actor.role,
  ctx.actor.storeId ?? none,
  everyTask || roleGrants[ctx.actor.role].scope === 'group',
  ctx.clock.now(),
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
  const { rows } = await ctx.sql.executeSql(
    `${selectTasks} AND ${statusSql} ${mine} ORDER BY k.due_at, k.id LIMIT 500`,
    reachParams(ctx),
  );
  return rows.map(present);
};

/** A task the actor may act on, or 404 (another store's task is not theirs to know about). */
const reachable = async (ctx: StaffCtx, id: string, afterChange = false): Promise<CareTask> => {
  authorize(ctx.actor, 'care.tasks');
  // After a reassignment the task may have left the actor's reach: the answer still shows it.
  const { rows } = await ctx.sql.executeSql(`${selectTasks} AND k.id = $7`, [...reachParams(ctx, afterChange), id]);
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return present(row);
};

const update = async (ctx: StaffCtx, id: string, set: Partial<typeof careTasks.$inferInsert>) => {
  await ctx.db
    .update(careTasks)
    .set({ ...set, updatedAt: ctx.clock.now() })
    .where(and(eq(careTasks.tenantId, ctx.tenantId), eq(careTasks.id, id)));
  return reachable(ctx, id, true);
};

export const completeTask = async (
  ctx: StaffCtx,
  id: string,
  input: { outcome: string; mileageKm?: number | undefined },
) => {
  const task = await reachable(ctx, id);
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
    outcome: input.outcome,
    doneAt: ctx.clock.now(),
    doneBy: ctx.actor.id,
    details,
  });
};

export const snoozeTask = async (ctx: StaffCtx, id: string, until: Date) => {
  const task = await reachable(ctx, id);
  if (task.status === 'done' || task.status === 'cancelled') throw new AppError('CONFLICT');
  if (until.getTime() <= ctx.clock.now().getTime()) throw AppError.field('until', 'care_task_snooze_past');
  await audit(ctx, {
    action: 'care.task.snooze',
    target: { type: 'care_task', id },
    details: { until: until.toISOString() },
  });
  return update(ctx, id, { status: 'snoozed', snoozedUntil: until });
};

export const reassignTask = async (ctx: StaffCtx, id: string, assigneeId: string) => {
  const task = await reachable(ctx, id);
  if (task.status === 'done' || task.status === 'cancelled') throw new AppError('CONFLICT');
  const [to] = await ctx.db
    .select({ id: staff.id, role: staff.role, storeId: staff.storeId, status: staff.status })
    .from(staff)
    .where(and(eq(staff.tenantId, ctx.tenantId), eq(staff.id, assigneeId)));
  const fits =
    to &&
    to.status === 'active' &&
    roleGrants[to.role].permissions.includes('care.tasks') &&
    (task.storeId === null || to.storeId === task.storeId || roleGrants[to.role].scope === 'group');
  if (!fits) throw AppError.field('assigneeId', 'care_assignee_invalid');
  await audit(ctx, {
    action: 'care.task.reassign',
    target: { type: 'care_task', id },
    details: { from: task.assigneeId, to: assigneeId },
  });
  return update(ctx, id, { assigneeId, status: 'open', snoozedUntil: null });
};
