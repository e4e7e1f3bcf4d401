import type { Booking, BookingRow, bookingRescheduleInput, staffBookingInput } from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize, storeScope } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCustomerInScope, ownCustomersOnly } from '../customers/customers.scope.ts';
import { storeClock } from './availability.queries.ts';
import { carClashes } from './clash.service.ts';
import { announceBooking, cancelToInbox, confirmToInbox } from './booking.notify.ts';
import { cancelAndRelease, placeBooking } from './booking.place.ts';
import { isChangeable, toBooking, toBookingRow } from './booking.present.ts';
import * as q from './booking.queries.ts';
import { bookingChangedHook, bookingCreatedHook } from './booking.webhooks.ts';
import { dayBounds } from '../../platform/time/zone.ts';
import { reminderSchedule, scheduleReminder } from './reminder.job.ts';
import * as sq from './setup.queries.ts';
import { lockIdempotencyKey } from './slots.queries.ts';

type StaffBookingData = z.output<typeof staffBookingInput>;
type RescheduleData = z.output<typeof bookingRescheduleInput>;

/** Midnight to midnight of a tenant-local day (today by default), as instants. */
const dayBoundsOf = async (ctx: StaffCtx, storeId: string, day: string | undefined) => {
  const clock = await storeClock(ctx.sql, ctx.tenantId, storeId, ctx.clock.now());
  if (!clock) throw new AppError('NOT_FOUND');
  return dayBounds(day ?? clock.today, clock.tz);
};

/**
 * A store's bookings of one day (the advisor board, the admin calendar). Without storeId: the actor's
 * store, or every store for group roles (the day is then the first store's — one zone per tenant).
 */
export const listBookings = async (
  ctx: StaffCtx,
  filter: { storeId?: string | undefined; date?: string | undefined },
): Promise<BookingRow[]> => {
  const scope = storeScope(ctx.actor);
  const storeId = filter.storeId ?? scope;
  if (storeId) {
    if (!(await sq.storeExists(ctx.db, ctx.tenantId, storeId))) throw new AppError('NOT_FOUND');
    authorize(ctx.actor, 'visit.read', { storeId });
  }
  const stores = storeId ? [{ id: storeId }] : await sq.activeStores(ctx.db, ctx.tenantId);
  const first = stores[0];
  if (!first) return [];
  const { from, to } = await dayBoundsOf(ctx, first.id, filter.date);
  const own = ownCustomersOnly(ctx.actor);
  const rows = await q.bookingsBetween(ctx.db, ctx.tenantId, storeId ? [storeId] : null, from, to, own);
  return rows.map((r) => toBookingRow(r, ctx.actor));
};

/** A booking in the actor's reach (its store, its customer), locked for a change; 404 when it is not this tenant's. */
const bookingInScope = async (ctx: StaffCtx, id: string) => {
  const b = await q.lockBooking(ctx.db, ctx.tenantId, id);
  if (!b) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, 'visit.write', { storeId: b.storeId });
  const customer = await q.customerOf(ctx.db, ctx.tenantId, b.customerId);
  if (customer) assertCustomerInScope(ctx.actor, customer, b.advisorId);
  return b;
};

const staffView = async (ctx: StaffCtx, id: string): Promise<Booking> => {
  const row = await q.bookingById(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const reminderAt = await reminderSchedule(ctx);
  return toBooking(row, ctx.clock.now(), reminderAt(row.b));
};

/** What booking this car would clash with, for the desk before it books (the car of this tenant, else 404). */
export const staffClashes = async (ctx: StaffCtx, vehicleId: string, except: string | undefined) => {
  if (!(await q.vehicleOf(ctx.db, ctx.tenantId, vehicleId))) throw new AppError('NOT_FOUND');
  return carClashes(ctx, vehicleId, 'staff', except ?? null);
};

/** Staff book for a customer (a phone call, the desk): the car must be the customer's. Idempotency-Key optional. */
export const createStaffBooking = async (
  ctx: StaffCtx,
  input: StaffBookingData,
  idempotencyKey: string | undefined,
): Promise<{ created: boolean; booking: Booking }> => {
  authorize(ctx.actor, 'visit.write', { storeId: input.storeId });
  if (idempotencyKey) {
    await lockIdempotencyKey(ctx.sql, ctx.tenantId, `staff:${ctx.actor.id}`, idempotencyKey);
    const earlier = await q.bookingByKey(ctx.db, ctx.tenantId, { staffId: ctx.actor.id }, idempotencyKey);
    if (earlier) return { created: false, booking: await staffView(ctx, earlier) };
  }
  const customer = await q.customerOf(ctx.db, ctx.tenantId, input.customerId);
  if (!customer) throw AppError.field('customerId', 'customer_unknown');
  assertCustomerInScope(ctx.actor, customer);
  const vehicle = await q.vehicleOf(ctx.db, ctx.tenantId, input.vehicleId);
  if (!vehicle || vehicle.ownerId !== customer.id) throw AppError.field('vehicleId', 'vehicle_unknown');
  const { booking } = await placeBooking(ctx, {
    customerId: customer.id,
    vehicleId: vehicle.id,
    storeId: input.storeId,
    serviceTypeId: input.serviceTypeId,
    startsAt: new Date(input.startsAt),
    advisorId: input.advisorId,
    concerns: input.concerns,
    pickup: input.pickup,
    channel: input.channel,
    ownerId: null,
    createdBy: ctx.actor.id,
    idempotencyKey: idempotencyKey ?? null,
    rescheduledFrom: null,
    clash: { audience: 'staff', confirmed: input.confirmClash },
    couponId: input.couponId ?? null,
  });
  await audit(ctx, {
    action: 'booking.created',
    target: { type: 'booking', id: booking.id },
    details: { storeId: booking.storeId, startsAt: booking.startsAt.toISOString(), channel: input.channel },
  });
  await bookingCreatedHook(ctx, booking);
  announceBooking(ctx, booking, 'created');
  await confirmToInbox(ctx, booking);
  await scheduleReminder(ctx, booking);
  return { created: true, booking: await staffView(ctx, booking.id) };
};

const notChangeable = () =>
  new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'booking_not_changeable' }] });

/** The store cancels (the customer called): only a booked booking; its place is released, the app told. */
export const cancelStaffBooking = async (ctx: StaffCtx, id: string, reason: string | null): Promise<Booking> => {
  const b = await bookingInScope(ctx, id);
  if (b.status !== 'booked') throw notChangeable();
  await cancelAndRelease(ctx, b, reason);
  // The reason's words stay on the booking (erasure blanks them there); the audit log outlives an erasure.
  await audit(ctx, {
    action: 'booking.cancelled',
    target: { type: 'booking', id },
    details: { withReason: reason !== null },
  });
  await bookingChangedHook(ctx, b, 'cancelled', { reason });
  announceBooking(ctx, b, 'cancelled');
  await cancelToInbox(ctx, b);
  return staffView(ctx, id);
};

/** 爽约: a booked customer who did not come, once the slot has begun. The place stays counted (it is past). */
export const markNoShow = async (ctx: StaffCtx, id: string): Promise<Booking> => {
  const b = await bookingInScope(ctx, id);
  if (b.status !== 'booked') throw notChangeable();
  const now = ctx.clock.now();
  if (b.startsAt.getTime() > now.getTime())
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'booking_not_started' }] });
  await q.updateBooking(ctx.db, ctx.tenantId, id, { status: 'no_show', updatedAt: now });
  await audit(ctx, { action: 'booking.no_show', target: { type: 'booking', id } });
  await bookingChangedHook(ctx, b, 'no_show');
  return staffView(ctx, id);
};

/** 改约 taken by phone: as the owner's, the new place first, then the old released, one transaction. */
export const rescheduleStaffBooking = async (ctx: StaffCtx, id: string, input: RescheduleData): Promise<Booking> => {
  const old = await bookingInScope(ctx, id);
  if (!isChangeable(old, ctx.clock.now())) throw notChangeable();
  const startsAt = new Date(input.startsAt);
  if (startsAt.getTime() === old.startsAt.getTime()) throw AppError.field('startsAt', 'booking_same_time');
  const { booking } = await placeBooking(ctx, {
    customerId: old.customerId,
    vehicleId: old.vehicleId,
    storeId: old.storeId,
    serviceTypeId: old.serviceTypeId,
    startsAt,
    advisorId: input.advisorId,
    concerns: old.concerns,
    pickup: old.pickup ?? null,
    channel: old.channel,
    ownerId: old.ownerId,
    createdBy: ctx.actor.id,
    idempotencyKey: null,
    rescheduledFrom: old.id,
    clash: { audience: 'staff', confirmed: input.confirmClash },
    couponId: old.couponId,
  });
  await cancelAndRelease(ctx, old, null);
  await audit(ctx, {
    action: 'booking.rescheduled',
    target: { type: 'booking', id: booking.id },
    details: { from: old.id, startsAt: booking.startsAt.toISOString() },
  });
  await bookingChangedHook(ctx, old, 'rescheduled', { rescheduledTo: booking.id });
  announceBooking(ctx, booking, 'rescheduled');
  await confirmToInbox(ctx, booking);
  await scheduleReminder(ctx, booking);
  return staffView(ctx, booking.id);
};
