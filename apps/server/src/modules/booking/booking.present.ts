import type { Booking, BookingRow } from '@m4s/contracts';
import type { StaffActor } from '../../platform/context.ts';
import { maskPhone, seesFullContact } from '../customers/customers.mask.ts';
import type { BookingDetail } from './booking.queries.ts';

/** Still booked and its slot still ahead: the owner may 改约 or 取消. */
export const isChangeable = (b: { status: string; startsAt: Date }, now: Date) =>
  b.status === 'booked' && b.startsAt.getTime() > now.getTime();

/** `reminderAt`: reminder.job's reminderSchedule for this booking (when the reminder comes, or null). */
export const toBooking = (r: BookingDetail, now: Date, reminderAt: Date | null): Booking => ({
  id: r.b.id,
  status: r.b.status,
  channel: r.b.channel,
  startsAt: r.b.startsAt.toISOString(),
  endsAt: r.b.endsAt.toISOString(),
  concerns: r.b.concerns,
  pickup: r.b.pickup ?? null,
  createdAt: r.b.createdAt.toISOString(),
  cancelledAt: r.b.cancelledAt?.toISOString() ?? null,
  cancelReason: r.b.cancelReason,
  rescheduledFrom: r.b.rescheduledFrom,
  rescheduledTo: r.nextId,
  rescheduledToStartsAt: r.nextStartsAt?.toISOString() ?? null,
  reminderAt: reminderAt?.toISOString() ?? null,
  store: r.store,
  serviceType: r.type,
  expectedWaitMinutes: r.type.durationMinutes,
  vehicle: { id: r.b.vehicleId, plate: r.plate, modelName: r.modelName },
  advisor: r.b.advisorId && r.advisorName ? { id: r.b.advisorId, name: r.advisorName } : null,
  visitId: r.visitId,
  changeable: isChangeable(r.b, now),
});

/** The staff list: the phone in full only for roles that call customers, or the customer's own staff. */
export const toBookingRow = (r: BookingDetail, actor: StaffActor): BookingRow => {
  const full = seesFullContact(actor, r.customer);
  return {
    id: r.b.id,
    storeId: r.b.storeId,
    startsAt: r.b.startsAt.toISOString(),
    endsAt: r.b.endsAt.toISOString(),
    status: r.b.status,
    channel: r.b.channel,
    concerns: r.b.concerns,
    pickup: r.b.pickup ?? null,
    customer: {
      id: r.customer.id,
      name: r.customer.name,
      phone: r.phone ? (full ? r.phone : maskPhone(r.phone)) : null,
      phoneMasked: Boolean(r.phone) && !full,
    },
    vehicle: { id: r.b.vehicleId, plate: r.plate, modelName: r.modelName },
    serviceType: {
      id: r.type.id,
      name: r.type.name,
      category: r.type.category,
      durationMinutes: r.type.durationMinutes,
    },
    advisor: r.b.advisorId && r.advisorName ? { id: r.b.advisorId, name: r.advisorName } : null,
    visitId: r.visitId,
  };
};
