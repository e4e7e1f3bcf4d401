import { and, asc, eq, sql } from 'drizzle-orm';
import { careTasks, vehicles } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

/** A customer's care tasks (the calls staff were asked to make to them), oldest due first: access request. */
export const tasksOfCustomer = (db: Tx, tenantId: string, customerId: string) =>
  db
    .select({ k: careTasks, plate: vehicles.plate })
    .from(careTasks)
    .leftJoin(vehicles, and(eq(vehicles.tenantId, careTasks.tenantId), eq(vehicles.id, careTasks.vehicleId)))
    .where(and(eq(careTasks.tenantId, tenantId), eq(careTasks.customerId, customerId)))
    .orderBy(asc(careTasks.dueAt), asc(careTasks.id));

/** The title a task keeps after erasure: the gate's own default (a rule's title may quote the person). */
export const erasedTaskTitle = '客户回访';

/**
 * Erasure: the tasks stay as the record of the work (rule, role, due, done by whom and when) without the
 * words — title, script (which name the person and the car), outcome, details; nobody is to call an erased
 * customer, so the tasks still open are cancelled.
 */
export const blankTasksOf = async (db: Tx, tenantId: string, customerId: string, now: Date) => {
  await db
    .update(careTasks)
    .set({
      title: erasedTaskTitle,
      script: '',
      outcome: sql`CASE WHEN ${careTasks.outcome} IS NULL THEN NULL ELSE '' END`,
      details: {},
      status: sql`CASE WHEN ${careTasks.status} IN ('open', 'snoozed') THEN 'cancelled' ELSE ${careTasks.status} END`,
      callState: sql`CASE WHEN ${careTasks.status} IN ('open', 'snoozed') THEN 'cancelled' ELSE ${careTasks.callState} END`,
      snoozedUntil: null,
      updatedAt: now,
    })
    .where(and(eq(careTasks.tenantId, tenantId), eq(careTasks.customerId, customerId)));
};
