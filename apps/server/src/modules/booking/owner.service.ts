import type {
  Booking,
  OwnerBookingInput,
  OwnerStore,
  ServiceType,
  bookingRescheduleInput,
  ownerBookingInput,
} from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { OwnerCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { bindingsOfOwner } from '../garage/garage.service.ts';
import { announceBooking, confirmToInbox } from './booking.notify.ts';
import { bookingIcs } from './calendar.ts';
import { carClashes } from './clash.service.ts';
import { cancelAndRelease, placeBooking } from './booking.place.ts';
import { isChangeable, toBooking } from './booking.present.ts';
import * as q from './booking.queries.ts';
import { bookingChangedHook, bookingCreatedHook } from './booking.webhooks.ts';
import { reminderSchedule, scheduleReminder } from './reminder.job.ts';
import * as sq from './setup.queries.ts';
import { lockIdempotencyKey } from './slots.queries.ts';

export type { OwnerBookingInput };
type OwnerBookingData = z.output<typeof ownerBookingInput>;
type RescheduleData = z.output<typeof bookingRescheduleInput>;

/** The tenant's open stores with what the booking flow shows, and the advisors one may ask for. */
export const ownerStores = async (ctx: OwnerCtx): Promise<OwnerStore[]> => {
  const [stores, advisors] = await Promise.all([
    sq.activeStores(ctx.db, ctx.tenantId),
    sq.advisorsByStore(ctx.db, ctx.tenantId),
  ]);
  return stores.map((s) => ({
    id: s.id,
    name: s.name,
    city: s.city,
    address: s.address,
    phone: s.phone,
    openingHours: s.openingHours,
    advisors: advisors.filter((a) => a.storeId === s.id).map((a) => ({ id: a.id, name: a.name })),
  }));
};

export const ownerServiceTypes = (ctx: OwnerCtx, storeId: string | undefined): Promise<ServiceType[]> =>
  sq.listServiceTypes(ctx.db, ctx.tenantId, { ...(storeId ? { storeId } : {}), onlineOnly: true });

/** A car this owner may book: one with a confirmed binding (modules/garage's query); anything else is 404. */
const confirmedCar = async (ctx: OwnerCtx, vehicleId: string) => {
  const rows = await bindingsOfOwner(ctx.db, ctx.tenantId, ctx.actor.id);
  const car = rows.find((r) => r.current && r.v.id === vehicleId);
  if (!car) throw new AppError('NOT_FOUND');
  if (!car.v.ownerId) throw AppError.field('vehicleId', 'vehicle_without_owner');
  return { vehicleId: car.v.id, customerId: car.v.ownerId };
};

/** What booking this car would clash with (shown before the form is filled); another's car is 404. */
export const ownerClashes = async (ctx: OwnerCtx, vehicleId: string, except: string | undefined) => {
  await confirmedCar(ctx, vehicleId);
  return carClashes(ctx, vehicleId, 'owner', except ?? null);
};

/** The owner's own booking, or 404 — another owner's booking does not exist for them. */
export const ownerBooking = async (ctx: OwnerCtx, id: string): Promise<Booking> => {
  const row = await q.bookingById(ctx.db, ctx.tenantId, id);
  if (!row || row.b.ownerId !== ctx.actor.id) throw new AppError('NOT_FOUND');
  const reminderAt = await reminderSchedule(ctx);
  return toBooking(row, ctx.clock.now(), reminderAt(row.b));
};

/** 添加到日历: the owner's booking as an iCalendar file, named after it. */
export const ownerBookingCalendar = async (
  ctx: OwnerCtx,
  id: string,
  host: string,
): Promise<{ filename: string; ics: string }> => {
  const b = await ownerBooking(ctx, id);
  return { filename: `booking-${b.id.slice(0, 8)}.ics`, ics: bookingIcs(b, ctx.clock.now(), host) };
};

/** Upcoming (booked or arrived, not yet over) soonest first, then the latest 20 others. */
export const ownerBookings = async (ctx: OwnerCtx): Promise<Booking[]> => {
  const now = ctx.clock.now();
  const reminderAt = await reminderSchedule(ctx);
  const rows = (await q.bookingsOfOwner(ctx.db, ctx.tenantId, ctx.actor.id)).map((r) =>
    toBooking(r, now, reminderAt(r.b)),
  );
  const live = (b: Booking) =>
    (b.status === 'booked' || b.status === 'arrived') && Date.parse(b.endsAt) > now.getTime();
  const upcoming = rows.filter(live);
  const past = rows
    .filter((b) => !live(b))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .slice(0, 20);
  return [...upcoming, ...past];
};

/**
 * 预约: the same Idempotency-Key from the same owner answers the first booking (created: false), also
 * when the two requests race — the key is locked for the transaction before it is looked up.
 */
export const createOwnerBooking = async (
  ctx: OwnerCtx,
  input: OwnerBookingData,
  idempotencyKey: string | undefined,
): Promise<{ created: boolean; booking: Booking }> => {
  if (!idempotencyKey) throw AppError.field('idempotencyKey', 'idempotency_key');
  await lockIdempotencyKey(ctx.sql, ctx.tenantId, `owner:${ctx.actor.id}`, idempotencyKey);
  const earlier = await q.bookingByKey(ctx.db, ctx.tenantId, { ownerId: ctx.actor.id }, idempotencyKey);
  if (earlier) return { created: false, booking: await ownerBooking(ctx, earlier) };
  const car = await confirmedCar(ctx, input.vehicleId);
  const { booking } = await placeBooking(ctx, {
    ...car,
    storeId: input.storeId,
    serviceTypeId: input.serviceTypeId,
    startsAt: new Date(input.startsAt),
    advisorId: input.advisorId,
    concerns: input.concerns,
    pickup: input.pickup,
    channel: 'app',
    ownerId: ctx.actor.id,
    createdBy: null,
    idempotencyKey,
    rescheduledFrom: null,
    clash: { audience: 'owner', confirmed: input.confirmClash },
    couponId: input.couponId ?? null,
  });
  await audit(ctx, {
    action: 'booking.created',
    target: { type: 'booking', id: booking.id },
    details: { storeId: booking.storeId, startsAt: booking.startsAt.toISOString(), channel: 'app' },
  });
  await bookingCreatedHook(ctx, booking);
  announceBooking(ctx, booking, 'created');
  await confirmToInbox(ctx, booking);
  await scheduleReminder(ctx, booking);
  return { created: true, booking: await ownerBooking(ctx, booking.id) };
};

/** Locks the owner's booking and checks it may still change (booked, slot ahead); 409 otherwise. */
const changeableOwnBooking = async (ctx: OwnerCtx, id: string) => {
  const b = await q.lockBooking(ctx.db, ctx.tenantId, id);
  if (!b || b.ownerId !== ctx.actor.id) throw new AppError('NOT_FOUND');
  if (!isChangeable(b, ctx.clock.now()))
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'booking_not_changeable' }] });
  return b;
};

export const cancelOwnerBooking = async (ctx: OwnerCtx, id: string, reason: string | null): Promise<Booking> => {
  const b = await changeableOwnBooking(ctx, id);
  await cancelAndRelease(ctx, b, reason);
  // The reason's words stay on the booking (erasure blanks them there); the audit log outlives an erasure.
  await audit(ctx, {
    action: 'booking.cancelled',
    target: { type: 'booking', id },
    details: { withReason: reason !== null },
  });
  await bookingChangedHook(ctx, b, 'cancelled', { reason });
  announceBooking(ctx, b, 'cancelled');
  return ownerBooking(ctx, id);
};

/**
 * 改约: a new booking at the new time (its place taken first, so a full slot leaves the old booking
 * untouched), then the old one cancelled and its place released — one transaction. Answers the new one.
 */
export const rescheduleOwnerBooking = async (ctx: OwnerCtx, id: string, input: RescheduleData): Promise<Booking> => {
  const old = await changeableOwnBooking(ctx, id);
  const startsAt = new Date(input.startsAt);
  if (startsAt.getTime() === old.startsAt.getTime()) throw AppError.field('startsAt', 'booking_same_time');
  const car = await confirmedCar(ctx, old.vehicleId);
  const { booking } = await placeBooking(ctx, {
    ...car,
    storeId: old.storeId,
    serviceTypeId: old.serviceTypeId,
    startsAt,
    advisorId: input.advisorId,
    concerns: old.concerns,
    pickup: old.pickup ?? null,
    channel: old.channel,
    ownerId: ctx.actor.id,
    createdBy: null,
    idempotencyKey: null,
    rescheduledFrom: old.id,
    clash: { audience: 'owner', confirmed: input.confirmClash },
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
  return ownerBooking(ctx, booking.id);
};
