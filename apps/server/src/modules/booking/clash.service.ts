import type { BookingClashes } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { dayBounds, dayIn } from '../../platform/time/zone.ts';
import { bookingLink } from './booking.notify.ts';
import * as q from './clash.queries.ts';

/** Who asks: the owner app links to its own pages; staff to the advisor's visit page and the admin's calendar. */
export type ClashAudience = 'owner' | 'staff';

const links = {
  owner: { visit: (id: string) => `/visits/${id}`, booking: (id: string) => bookingLink(id) },
  staff: {
    visit: (id: string) => `/advisor/visits/${id}`,
    booking: (_id: string, day: string) => `/admin/booking-calendar?date=${day}`,
  },
} as const;

/**
 * What a new booking of this car would clash with: its open visit (the car is in the workshop) and its
 * bookings still booked from today on, each with its tenant-local day. `except` is the booking being
 * rescheduled. Shown before the booking form is filled (GET …/booking-clashes) and checked again when
 * it is submitted (assertNoClash), from the same rows.
 */
export const carClashes = async (
  ctx: Ctx,
  vehicleId: string,
  audience: ClashAudience,
  except: string | null = null,
): Promise<BookingClashes> => {
  const zone = await tenantZone(ctx);
  const from = dayBounds(dayIn(ctx.clock.now(), zone), zone).from;
  const visit = await q.openVisitOfCar(ctx.db, ctx.tenantId, vehicleId);
  const coming = await q.comingBookingsOfCar(ctx.db, ctx.tenantId, vehicleId, from);
  const link = links[audience];
  return {
    visit: visit && {
      id: visit.id,
      status: visit.status,
      storeName: visit.storeName,
      checkedInAt: visit.checkedInAt.toISOString(),
      link: link.visit(visit.id),
    },
    bookings: coming
      .filter((b) => b.id !== except)
      .map((b) => {
        const day = dayIn(b.startsAt, zone);
        return {
          id: b.id,
          startsAt: b.startsAt.toISOString(),
          endsAt: b.endsAt.toISOString(),
          day,
          storeName: b.storeName,
          serviceName: b.serviceName,
          link: link.booking(b.id, day),
        };
      }),
  };
};

type ClashCheck = {
  vehicleId: string;
  startsAt: Date;
  audience: ClashAudience;
  /** The clash was shown and the booking confirmed anyway (`confirmClash`); an owner's never covers an open visit. */
  confirmed: boolean;
  except: string | null;
};

/**
 * Refuses a booking of a car that is in the workshop, or already booked that (tenant-local) day, with a
 * 409 naming the clash and its link, unless it was confirmed after being shown: staff may confirm either;
 * an owner may confirm a second booking on a day (two errands, told twice), never one of a car in the
 * workshop. The car is locked first (clash.queries' lockCar), so two bookings of one car at once cannot
 * both pass the check.
 */
export const assertNoClash = async (ctx: Ctx, check: ClashCheck) => {
  await q.lockCar(ctx.sql, ctx.tenantId, check.vehicleId);
  if (check.audience === 'staff' && check.confirmed) return;
  const clashes = await carClashes(ctx, check.vehicleId, check.audience, check.except);
  const day = dayIn(check.startsAt, await tenantZone(ctx));
  const sameDay = clashes.bookings.filter((b) => b.day === day);
  const suffix = check.audience === 'staff' ? '_staff' : '';
  const refuse = (message: string) =>
    new AppError('CONFLICT', undefined, {
      issues: [{ path: 'startsAt', message: `${message}${suffix}` }],
      clash: { visit: clashes.visit, bookings: sameDay },
    });
  if (clashes.visit) throw refuse('booking_clash_visit');
  if (sameDay.length > 0 && !check.confirmed) throw refuse('booking_clash_booking');
};
