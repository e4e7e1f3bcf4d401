import { audit } from '../../platform/audit.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { refundSpend, reverseEarn } from '../loyalty/loyalty.service.ts';
import { takeBackReward } from '../referrals/referrals.service.ts';
import * as q from './visits.queries.ts';
import { conflict, getVisit, loadVisit } from './visits.service.ts';

/**
 * A delivered visit's payment taken back (a refund, a payment recorded by mistake), by whoever may take
 * payments at its store. The payment row stays, marked voided with who and why; the points spent on its bill
 * are given back (a `reverse` entry), then the points its repair order earned are reversed (as much as the
 * wallet still holds: docs/loyalty.md) and so is the referral reward it brought (docs/referrals.md). Once: a
 * second void is a 409.
 */
export const voidPayment = async (ctx: StaffCtx, id: string, input: { reason: string }) => {
  const h = await loadVisit(ctx, id, 'payment.write');
  if (h.v.status !== 'delivered' || !h.v.repairOrderId) throw conflict('status', 'payment_none');
  const voided = await q.voidPayments(ctx.db, ctx.tenantId, id, {
    at: ctx.clock.now(),
    by: ctx.actor.id,
    reason: input.reason,
  });
  if (voided === 0) throw conflict('payment', 'payment_voided');
  const refunded = await refundSpend(ctx, 'checkout', id);
  const points = await reverseEarn(ctx, 'repair_order', h.v.repairOrderId);
  await takeBackReward(ctx, `repair_order:${h.v.repairOrderId}`);
  await audit(ctx, {
    action: 'visit.payment_voided',
    target: { type: 'visit', id },
    details: {
      repairOrderId: h.v.repairOrderId,
      reason: input.reason,
      pointsReversed: points?.written ?? false,
      pointsRefunded: refunded?.written ?? false,
    },
  });
  return getVisit(ctx, id);
};
