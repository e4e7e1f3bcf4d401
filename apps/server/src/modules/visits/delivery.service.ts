import { roleGrants, type Visit, type visitDeliverBody } from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { insertRepairOrder } from '../history/history.service.ts';
import { totalsOf } from '../history/history.service.ts';
import { classifyJobName } from '../segments/classify.job.ts';
import { applyAtCheckout, checkoutOptions, earnForRepairOrder } from '../loyalty/loyalty.service.ts';
import { currentTenant } from '../tenants/tenants.service.ts';
import { rewardForOrder } from '../referrals/referrals.service.ts';
import * as cq from './checkin.queries.ts';
import { tellOwners } from './visits.notify.ts';
import { inviteAfterDelivery } from '../surveys/owner-survey.service.ts';
import { visitDeliveredHook, visitStageHook } from './visits.webhooks.ts';
import { lineWork } from './visits.present.ts';
import * as q from './visits.queries.ts';
import { dayIn } from '../../platform/time/zone.ts';
import { nextRepairOrderNumber, nextServiceOf, orderTypeOf } from './visits.rules.ts';
import { conflict, getVisit, loadVisit } from './visits.service.ts';

/**
 * 交车: from ready only. The repair order is written from the approved lines (modules/history), the
 * next service computed, the payment recorded with who took it, the booking completed, the owner told
 * and asked to rate. Front-line staff (visit.write) or the cashier (payment.write) may deliver.
 */
export const deliver = async (ctx: StaffCtx, id: string, input: z.output<typeof visitDeliverBody>): Promise<Visit> => {
  const grants = roleGrants[ctx.actor.role].permissions;
  const h = await loadVisit(ctx, id, grants.includes('visit.write') ? 'visit.write' : 'payment.write');
  const from = h.v.status;
  if (from !== 'ready') throw conflict('status', 'visit_bad_transition', { from, to: 'delivered', allowed: [] });
  const lines = (await q.linesOf(ctx.db, ctx.tenantId, id)).filter(({ l }) => l.status === 'approved');
  if (lines.length === 0) throw conflict('lines', 'visit_no_approved_lines');
  const now = ctx.clock.now();
  const { timezone } = await currentTenant(ctx);
  const orderLines = lines.map(({ l }, position) => ({ position, ...lineWork(l) }));
  const orderType = orderTypeOf(h.serviceCategory);
  const totalFen = totalsOf(orderLines).totalFen;
  // A coupon and points come off the bill first (docs/loyalty.md): a refusal stops the delivery whole.
  const bill = { visitId: id, customerId: h.v.customerId, storeId: h.v.storeId, orderType, totalFen };
  const taken = input.loyalty ? await applyAtCheckout(ctx, bill, input.loyalty) : null;
  const repairOrderId = await insertRepairOrder(
    ctx.db,
    {
      tenantId: ctx.tenantId,
      number: await nextRepairOrderNumber(ctx, ctx.tenantId, dayIn(now, timezone)),
      vehicleId: h.v.vehicleId,
      customerId: h.v.customerId,
      storeId: h.v.storeId,
      type: orderType,
      dateIn: h.v.checkedInAt,
      dateOut: now,
      mileageKm: h.v.mileageKm,
      advisorId: h.v.advisorId,
      technician: null,
      ...totalsOf(orderLines),
      createdAt: now,
    },
    orderLines,
  );
  const next = await nextServiceOf(ctx.db, ctx.tenantId, {
    id: h.v.vehicleId,
    purchaseDate: h.purchaseDate,
    timeZone: timezone,
    today: dayIn(now, timezone),
  });
  const moved = await q.moveVisit(ctx.db, ctx.tenantId, id, 'ready', {
    status: 'delivered',
    deliveredAt: now,
    repairOrderId,
    nextServiceDate: next?.dueOn ?? null,
    nextServiceKm: next?.dueKm ?? null,
    updatedAt: now,
  });
  if (!moved) throw new AppError('CONFLICT');
  await q.insertEvent(ctx.db, {
    tenantId: ctx.tenantId,
    visitId: id,
    status: 'delivered',
    at: now,
    staffId: ctx.actor.id,
  });
  await q.insertPayment(ctx.db, {
    tenantId: ctx.tenantId,
    visitId: id,
    method: input.payment.method,
    amountFen: input.payment.amountFen,
    cashierId: ctx.actor.id,
    paidAt: now,
  });
  if (h.v.bookingId) await cq.moveBooking(ctx.db, ctx.tenantId, h.v.bookingId, 'arrived', 'completed', now);
  await audit(ctx, {
    action: 'visit.delivered',
    target: { type: 'visit', id },
    details: { repairOrderId, payment: input.payment, totalFen, loyalty: taken },
  });
  // What was paid earns points, once per repair order, in the wallet the whole group honours.
  const paidFen = taken ? taken.paidFen : totalFen;
  await earnForRepairOrder(ctx, {
    id: repairOrderId,
    customerId: h.v.customerId,
    storeId: h.v.storeId,
    type: orderType,
    paidFen,
  });
  // A paid visit of a referred customer rewards their referrer (docs/referrals.md): warranty and campaign work
  // is nobody's purchase.
  if (paidFen > 0 && orderType !== 'warranty_claim' && orderType !== 'campaign')
    await rewardForOrder(ctx, { customerId: h.v.customerId, source: `repair_order:${repairOrderId}` });
  await visitStageHook(ctx, h.v, from, 'delivered');
  await visitDeliveredHook(ctx, h.v, { at: now, repairOrderId, totalFen });
  // The owner's classes move with the visit (segments.classify, for this customer, today).
  await ctx.jobs.send(classifyJobName, {
    tenantId: ctx.tenantId,
    asOf: dayIn(now, timezone),
    customerIds: [h.v.customerId],
  });
  await tellOwners(ctx, h, {
    kind: 'delivered',
    from,
    next: { date: next?.dueOn ?? null, km: next?.dueKm ?? null },
    at: now,
  });
  // The owner's survey (its first question is the rating asked on the visit page): docs/surveys.md.
  await inviteAfterDelivery(ctx, id);
  return getVisit(ctx, id);
};

/**
 * Before delivery: the customer's coupons valid for this bill and the points it may take (docs/loyalty.md),
 * for whoever may deliver the visit; the coupon the owner booked with comes pre-selected.
 */
export const checkoutOffers = async (ctx: StaffCtx, id: string) => {
  const h = await loadVisit(ctx, id, 'visit.read');
  const lines = (await q.linesOf(ctx.db, ctx.tenantId, id)).filter(({ l }) => l.status === 'approved');
  return checkoutOptions(ctx, {
    customerId: h.v.customerId,
    storeId: h.v.storeId,
    orderType: orderTypeOf(h.serviceCategory),
    totalFen: totalsOf(lines.map(({ l }) => lineWork(l))).totalFen,
    bookedCouponId: h.bookingCouponId,
  });
};
