import type { BookingChannel, PickupInput } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { checkServiceType, checkSlot } from './availability.service.ts';
import { assertNoClash, type ClashAudience } from './clash.service.ts';
import * as q from './booking.queries.ts';
import { priorityHoldBack } from '../loyalty/loyalty.service.ts';
import { couponsOf } from '../loyalty/coupons.service.ts';
import { capsOf, heldCaps } from './capacity.ts';
import { releasePlace, takePlace } from './slots.queries.ts';
import * as sq from './setup.queries.ts';

export type NewBooking = {
  customerId: string;
  vehicleId: string;
  storeId: string;
  serviceTypeId: string;
  startsAt: Date;
  advisorId: string | null;
  concerns: string | null;
  pickup: PickupInput | null;
  channel: BookingChannel;
  ownerId: string | null;
  createdBy: string | null;
  idempotencyKey: string | null;
  rescheduledFrom: string | null;
  /** Who books (the clash rules differ) and whether staff confirmed a clash they were shown. */
  clash: { audience: ClashAudience; confirmed: boolean };
  /** A coupon of the customer's, still to use, that the booking carries to the visit (docs/campaigns.md). */
  couponId?: string | null;
};

/** A booking carries only a coupon the customer holds and has not used (its validity is checked at checkout). */
const assertCouponHeld = async (ctx: Ctx, customerId: string, couponId: string) => {
  const held = (await couponsOf(ctx, customerId)).find((c) => c.id === couponId);
  if (!held || held.status !== 'issued') throw AppError.field('couponId', 'coupon_not_yours');
};

/** The app books against its online share; every other channel against the slot's bookable places. */
export const capChannel = (channel: BookingChannel) => (channel === 'app' ? 'app' : 'staff');

const checkAdvisor = async (ctx: Ctx, storeId: string, advisorId: string) => {
  const member = await sq.findStaffMember(ctx.db, ctx.tenantId, advisorId);
  if (!member || member.role !== 'service_advisor' || member.storeId !== storeId || member.status !== 'active')
    throw AppError.field('advisorId', 'advisor_unknown');
};

/**
 * Makes one booking: the service type and advisor are checked, the time must be a real slot that may
 * still be booked (checkSlot), the car must not clash (in the workshop, or booked that day: clash.service),
 * then the slot's counter is taken with the guarded UPDATE — SLOT_FULL when it is full — and the row
 * written. Everything happens in the caller's transaction.
 */
export const placeBooking = async (ctx: Ctx, nb: NewBooking) => {
  const channel = capChannel(nb.channel);
  const type = await checkServiceType(ctx, nb.storeId, nb.serviceTypeId, channel);
  if (nb.advisorId) await checkAdvisor(ctx, nb.storeId, nb.advisorId);
  const { clock, row } = await checkSlot(ctx, nb.storeId, nb.startsAt, nb.advisorId);
  if (nb.advisorId && !row.chosenOnDuty) throw AppError.field('advisorId', 'advisor_on_leave');
  if (nb.advisorId && row.chosenTaken)
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'advisorId', message: 'advisor_busy' }] });
  await assertNoClash(ctx, {
    vehicleId: nb.vehicleId,
    startsAt: nb.startsAt,
    audience: nb.clash.audience,
    confirmed: nb.clash.confirmed,
    except: nb.rescheduledFrom,
  });
  // The priority lane: a share of the slot stays for the tiers that hold it (docs/loyalty.md).
  if (nb.couponId) await assertCouponHeld(ctx, nb.customerId, nb.couponId);
  const caps = heldCaps(capsOf(row.capacity, clock), await priorityHoldBack(ctx, nb.customerId));
  const key = { tenantId: ctx.tenantId, storeId: nb.storeId, startsAt: nb.startsAt };
  if (!(await takePlace(ctx.sql, key, caps, channel === 'app'))) throw new AppError('SLOT_FULL');
  const now = ctx.clock.now();
  const booking = await q.insertBooking(ctx.db, {
    tenantId: ctx.tenantId,
    storeId: nb.storeId,
    customerId: nb.customerId,
    vehicleId: nb.vehicleId,
    ownerId: nb.ownerId,
    serviceTypeId: nb.serviceTypeId,
    advisorId: nb.advisorId,
    startsAt: nb.startsAt,
    endsAt: new Date(nb.startsAt.getTime() + type.durationMinutes * 60_000),
    channel: nb.channel,
    concerns: nb.concerns,
    pickup: nb.pickup ? { ...nb.pickup, contactPhone: nb.pickup.contactPhone ?? null } : null,
    idempotencyKey: nb.idempotencyKey,
    createdBy: nb.createdBy,
    rescheduledFrom: nb.rescheduledFrom,
    couponId: nb.couponId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  return { booking, clock, type };
};

type BookingRowLike = { id: string; storeId: string; startsAt: Date; channel: BookingChannel };

/** Cancels a booked booking and gives its place back (the slot counter), in the caller's transaction. */
export const cancelAndRelease = async (ctx: Ctx, b: BookingRowLike, reason: string | null) => {
  const now = ctx.clock.now();
  await q.updateBooking(ctx.db, ctx.tenantId, b.id, {
    status: 'cancelled',
    cancelledAt: now,
    cancelReason: reason,
    updatedAt: now,
  });
  await releasePlace(
    ctx.sql,
    { tenantId: ctx.tenantId, storeId: b.storeId, startsAt: b.startsAt },
    b.channel === 'app',
  );
};
