import type { Ctx } from '../../platform/context.ts';
import { callMoment } from '../../platform/time/quiet.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import * as q from './calls.queries.ts';
import { customerWindowsRow } from './follow-up.queries.ts';
import { windowsOf } from './moments.ts';

/**
 * A recovery follow-up call (kind `recovery_followup`, docs/recovery.md): for the store's CS specialists'
 * pool, due at the first moment from `at` inside the customer's slot and outside their quiet hours, in the
 * queues like any call. The call screen asks it with the one-question questionnaire `recovery_followup`.
 */
export const scheduleRecoveryCall = async (
  ctx: Ctx,
  input: {
    customerId: string;
    vehicleId: string | null;
    storeId: string | null;
    at: Date;
    title: string;
    script: string;
  },
): Promise<string> => {
  const c = await customerWindowsRow(ctx.sql, ctx.tenantId, input.customerId);
  const w = windowsOf({
    preferred_slot: c?.preferred_slot ?? null,
    quiet_start: c?.quiet_start ?? null,
    quiet_end: c?.quiet_end ?? null,
  });
  const dueAt = callMoment(input.at, w.slot, w.quiet, await tenantZone(ctx));
  return q.insertTask(ctx.sql, ctx.tenantId, {
    kind: 'recovery_followup',
    customerId: input.customerId,
    vehicleId: input.vehicleId,
    storeId: input.storeId ?? c?.home_store_id ?? null,
    ruleKey: null,
    role: 'cs_specialist',
    assigneeId: null,
    title: input.title,
    script: input.script,
    dueAt,
    now: ctx.clock.now(),
  });
};
