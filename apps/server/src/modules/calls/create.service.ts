import type { CallCreateInput } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { renderFor } from '../care/care.service.ts';
import { taskAssignee } from '../care/tasks.service.ts';
import { getCustomerRow } from '../customers/customers.service.ts';
import * as q from './calls.queries.ts';
import { placeCall, windowsOf } from './moments.ts';

/**
 * A call made by hand: for a customer the actor may reach (and one of their cars), given to the actor or
 * a colleague of the store who works calls, due now or at the given time — placed in the customer's slot
 * outside their quiet hours like the rules' calls. The script is the named rule's call template (else the
 * call introduction), its variables filled in for the customer and car.
 */
export const createHandCall = async (ctx: StaffCtx, input: CallCreateInput): Promise<string> => {
  const customer = await getCustomerRow(ctx, input.customerId);
  if (input.vehicleId && !(await q.vehicleOfCustomer(ctx.sql, ctx.tenantId, input.vehicleId, input.customerId)))
    throw AppError.field('vehicleId', 'call_vehicle_not_customers');
  const now = ctx.clock.now();
  const asked = input.dueAt ? new Date(input.dueAt) : now;
  if (asked.getTime() < now.getTime() - 60_000) throw AppError.field('dueAt', 'call_due_past');
  const assigneeId = input.assigneeId ?? ctx.actor.id;
  const storeId = ctx.actor.storeId ?? customer.homeStoreId;
  const to = await taskAssignee(ctx, assigneeId, storeId, 'assigneeId');
  const text = await renderFor(
    ctx,
    input.template ?? 'call_intro',
    'call',
    input.customerId,
    await tenantToday(ctx),
    input.vehicleId,
    // The caller speaks (我是…的{{advisor}}) from the call's store.
    { storeId, assigneeId },
  );
  const dueAt = await placeCall(
    ctx,
    asked,
    windowsOf({
      preferred_slot: customer.preferredSlot,
      quiet_start: customer.quietStart,
      quiet_end: customer.quietEnd,
    }),
  );
  return q.insertTask(ctx.sql, ctx.tenantId, {
    kind: 'call',
    customerId: input.customerId,
    vehicleId: input.vehicleId,
    storeId,
    ruleKey: input.template,
    role: to.role,
    assigneeId,
    title: input.title ?? text.subject ?? '客户回访',
    script: text.body,
    dueAt,
    now,
  });
};
