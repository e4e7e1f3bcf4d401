/**
 * Booking (issue 4): the service catalogue, a store's capacity setup, availability and bookings.
 * Times are ISO strings with offset; dates (YYYY-MM-DD) are days in the tenant's time zone.
 */
import { z } from 'zod';
import { clockTime, isoDay, mobilePhone, uuid } from './common.ts';
import { bookingChannels, bookingStatuses, serviceCategories } from './service.ts';
import { openingHours } from './stores.ts';

const instant = z.iso.datetime({ offset: true });

// ── Service catalogue (服务项目) ─────────────────────────────────────────────────────────────────────

export const serviceTypeInput = z
  .strictObject({
    /** Null: offered by every store of the group. */
    storeId: uuid.nullable().default(null),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{2,32}$/, { message: 'service_code' }),
    name: z.string().trim().min(1).max(40),
    category: z.enum(serviceCategories),
    durationMinutes: z.number().int().min(10).max(1440),
    priceMinFen: z.number().int().min(0).max(100_000_000),
    priceMaxFen: z.number().int().min(0).max(100_000_000),
    /** What the owner should bring (行驶证、保养手册…). */
    bring: z.string().trim().max(200).nullable().default(null),
    onlineBookable: z.boolean().default(true),
    active: z.boolean().default(true),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .refine((s) => s.priceMaxFen >= s.priceMinFen, { message: 'price_range', path: ['priceMaxFen'] });
export type ServiceTypeInput = z.input<typeof serviceTypeInput>;

export const serviceType = z.object({
  id: uuid,
  storeId: uuid.nullable(),
  code: z.string(),
  name: z.string(),
  category: z.enum(serviceCategories),
  durationMinutes: z.number(),
  priceMinFen: z.number(),
  priceMaxFen: z.number(),
  bring: z.string().nullable(),
  onlineBookable: z.boolean(),
  active: z.boolean(),
  position: z.number(),
});
export type ServiceType = z.infer<typeof serviceType>;
export const serviceTypeList = z.object({ items: z.array(serviceType) });

/** ?storeId= — the group-wide types plus that store's own; without it, every type of the tenant. */
export const serviceTypeQuery = z.strictObject({ storeId: uuid.optional() });

// ── Capacity setup (预约设置) ────────────────────────────────────────────────────────────────────────

export const slotLengths = [15, 20, 30, 60] as const;

export const bookingSettingsInput = z
  .strictObject({
    slotMinutes: z
      .number()
      .int()
      .refine((n) => (slotLengths as readonly number[]).includes(n), { message: 'slot_minutes' }),
    bays: z.number().int().min(1).max(50),
    walkInSharePct: z.number().int().min(0).max(100),
    onlineSharePct: z.number().int().min(0).max(100),
    leadMinutes: z.number().int().min(0).max(10_080),
    horizonDays: z.number().int().min(1).max(180),
  })
  .refine((s) => s.walkInSharePct + s.onlineSharePct <= 100, { message: 'share_sum', path: ['onlineSharePct'] });
export type BookingSettingsInput = z.infer<typeof bookingSettingsInput>;

export const bookingSettings = z.object({
  storeId: uuid,
  slotMinutes: z.number(),
  bays: z.number(),
  walkInSharePct: z.number(),
  onlineSharePct: z.number(),
  leadMinutes: z.number(),
  horizonDays: z.number(),
});
export type BookingSettings = z.infer<typeof bookingSettings>;

export const closureInput = z.strictObject({ date: isoDay, reason: z.string().trim().min(1).max(60) });
export type ClosureInput = z.infer<typeof closureInput>;
export const closure = z.object({ id: uuid, date: z.string(), reason: z.string() });
export type Closure = z.infer<typeof closure>;
export const closureList = z.object({ items: z.array(closure) });
/** Defaults: from today, to a year ahead. */
export const closureQuery = z.strictObject({ from: isoDay.optional(), to: isoDay.optional() });

export const leaveInput = z.strictObject({ date: isoDay, note: z.string().trim().max(100).nullable().default(null) });
export type LeaveInput = z.input<typeof leaveInput>;
export const advisorLeaveDay = z.object({ id: uuid, date: z.string(), note: z.string().nullable() });
export type AdvisorLeaveDay = z.infer<typeof advisorLeaveDay>;
export const advisorLeaveList = z.object({ items: z.array(advisorLeaveDay) });

// ── Availability ─────────────────────────────────────────────────────────────────────────────────────

/**
 * An owner session always gets channel `app`; staff default to `staff`. `from` defaults to today.
 * advisorId: `advisorFree` tells whether that advisor is on duty and unbooked at each slot.
 */
export const availabilityQuery = z.strictObject({
  from: isoDay.optional(),
  days: z.coerce.number().int().min(1).max(60).default(14),
  serviceTypeId: uuid.optional(),
  advisorId: uuid.optional(),
  channel: z.enum(['app', 'staff']).optional(),
});
export type AvailabilityQuery = z.input<typeof availabilityQuery>;

export const availabilitySlot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  /** Places this channel may still book (0: full, show disabled). */
  free: z.number(),
  /** With ?advisorId: that advisor is on duty and free; without: some advisor is free. */
  advisorFree: z.boolean(),
});
export type AvailabilitySlot = z.infer<typeof availabilitySlot>;

export const availabilityDay = z.object({
  date: z.string(),
  closed: z.boolean(),
  /** The closure's reason (国庆节) or null; a weekday without opening hours is closed with reason null. */
  reason: z.string().nullable(),
  slots: z.array(availabilitySlot),
});
export type AvailabilityDay = z.infer<typeof availabilityDay>;
export const availability = z.object({ days: z.array(availabilityDay) });
export type Availability = z.infer<typeof availability>;

/** The advisors of a store an owner may pick (on duty that day is checked at booking). */
export const bookableAdvisor = z.object({ id: uuid, name: z.string() });
export type BookableAdvisor = z.infer<typeof bookableAdvisor>;

export const ownerStore = z.object({
  id: uuid,
  name: z.string(),
  city: z.string().nullable(),
  address: z.string(),
  phone: z.string().nullable(),
  openingHours,
  advisors: z.array(bookableAdvisor),
});
export type OwnerStore = z.infer<typeof ownerStore>;
export const ownerStoreList = z.object({ items: z.array(ownerStore) });

// ── Bookings ─────────────────────────────────────────────────────────────────────────────────────────

/** 上门取送车: the address and the pickup window (clock times on the booking's day, tenant time). */
export const pickupInput = z
  .strictObject({
    address: z.string().trim().min(2).max(200),
    windowStart: clockTime,
    windowEnd: clockTime,
    contactPhone: mobilePhone.nullable().default(null),
  })
  .refine((p) => p.windowStart < p.windowEnd, { message: 'period_order', path: ['windowEnd'] });
export type PickupInput = z.input<typeof pickupInput>;
export const pickup = z.object({
  address: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  contactPhone: z.string().nullable(),
});

/** POST /api/owner/bookings, with the header Idempotency-Key (required from the app). */
export const ownerBookingInput = z.strictObject({
  vehicleId: uuid,
  storeId: uuid,
  serviceTypeId: uuid,
  startsAt: instant,
  advisorId: uuid.nullable().default(null),
  concerns: z.string().trim().max(500).nullable().default(null),
  pickup: pickupInput.nullable().default(null),
  /**
   * The owner saw that the car is already booked that day (the app shows it, and asks again on the
   * confirm sheet) and books a second time anyway. Never enough for a car in the workshop.
   */
  confirmClash: z.boolean().default(false),
  /** A coupon of the customer's to use at the visit (a campaign's coupon attributes the booking to it). */
  couponId: uuid.nullable().default(null),
});
export type OwnerBookingInput = z.input<typeof ownerBookingInput>;

/** POST /api/bookings: staff book for a customer (by phone, or at the desk), Idempotency-Key optional. */
export const staffBookingInput = z.strictObject({
  customerId: uuid,
  vehicleId: uuid,
  storeId: uuid,
  serviceTypeId: uuid,
  startsAt: instant,
  advisorId: uuid.nullable().default(null),
  concerns: z.string().trim().max(500).nullable().default(null),
  channel: z.enum(['phone', 'staff']).default('phone'),
  pickup: pickupInput.nullable().default(null),
  /**
   * The desk has seen the clash (the car is in the workshop, or already booked that day) and books anyway.
   * Without it such a booking is refused with 409 and the clash (GET /vehicles/:id/booking-clashes).
   */
  confirmClash: z.boolean().default(false),
  /** A coupon of the customer's to use at the visit (a campaign's coupon attributes the booking to it). */
  couponId: uuid.nullable().default(null),
});
export type StaffBookingInput = z.input<typeof staffBookingInput>;

export const bookingCancelInput = z.strictObject({ reason: z.string().trim().max(200).nullable().default(null) });
export type BookingCancelInput = z.input<typeof bookingCancelInput>;

export const bookingRescheduleInput = z.strictObject({
  startsAt: instant,
  advisorId: uuid.nullable().default(null),
  /** As for a new booking: move onto a day the car is booked already, after seeing it (never a car in the workshop for the owner). */
  confirmClash: z.boolean().default(false),
});
export type BookingRescheduleInput = z.input<typeof bookingRescheduleInput>;

/** A booking as its owner (and the staff who made it) sees it: the confirmation page. */
export const booking = z.object({
  id: uuid,
  status: z.enum(bookingStatuses),
  channel: z.enum(bookingChannels),
  startsAt: z.string(),
  endsAt: z.string(),
  concerns: z.string().nullable(),
  pickup: pickup.nullable(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** The booking this one replaced (改约 cancels the old one and makes a new one). */
  rescheduledFrom: uuid.nullable(),
  /** The booking that replaced this one, when it was rescheduled (this one is then cancelled). */
  rescheduledTo: uuid.nullable(),
  /** When the replacing booking starts (已改约 to this time), with rescheduledTo. */
  rescheduledToStartsAt: z.string().nullable(),
  /**
   * When the day-before reminder will be sent (the booking_reminder job's own schedule), or null when
   * none will come: the booking is too close, no longer booked, or the tenant switched the reminder off.
   */
  reminderAt: z.string().nullable(),
  store: z.object({ id: uuid, name: z.string(), address: z.string(), phone: z.string().nullable() }),
  serviceType: z.object({
    id: uuid,
    name: z.string(),
    category: z.enum(serviceCategories),
    durationMinutes: z.number(),
    bring: z.string().nullable(),
    priceMinFen: z.number(),
    priceMaxFen: z.number(),
  }),
  /** How long the owner should expect to wait at the store: the service type's duration. */
  expectedWaitMinutes: z.number(),
  vehicle: z.object({ id: uuid, plate: z.string().nullable(), modelName: z.string().nullable() }),
  advisor: z.object({ id: uuid, name: z.string() }).nullable(),
  visitId: uuid.nullable(),
  /** True while the owner may still 改约 / 取消 (status booked and the slot in the future). */
  changeable: z.boolean(),
});
export type Booking = z.infer<typeof booking>;
export const bookingList = z.object({ items: z.array(booking) });

/**
 * What a new booking of a car would clash with: the car's open visit (it is in the workshop) and its
 * bookings still to come (a second one on the same day is refused unless confirmed). `link` is
 * where the asking app shows it (owner app: /visits/:id, /bookings/:id; staff: the advisor's visit page,
 * the admin's booking calendar of that day).
 */
export const bookingClashQuery = z.strictObject({
  /** The booking being rescheduled: not a clash with itself. */
  except: uuid.optional(),
});
export const bookingClashes = z.object({
  visit: z
    .object({ id: uuid, status: z.string(), storeName: z.string(), checkedInAt: z.string(), link: z.string() })
    .nullable(),
  bookings: z.array(
    z.object({
      id: uuid,
      startsAt: z.string(),
      endsAt: z.string(),
      /** The tenant-local day of startsAt (YYYY-MM-DD): a new booking that day clashes. */
      day: z.string(),
      storeName: z.string(),
      serviceName: z.string(),
      link: z.string(),
    }),
  ),
});
export type BookingClashes = z.infer<typeof bookingClashes>;

/** Staff list per store and day (advisor board, admin calendar). */
export const bookingListQuery = z.strictObject({ storeId: uuid.optional(), date: isoDay.optional() });

export const bookingRow = z.object({
  id: uuid,
  storeId: uuid,
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(bookingStatuses),
  channel: z.enum(bookingChannels),
  concerns: z.string().nullable(),
  pickup: pickup.nullable(),
  customer: z.object({
    id: uuid,
    name: z.string(),
    /** Full or masked (138****0001) by the reader's role; null when the customer has no phone. */
    phone: z.string().nullable(),
    phoneMasked: z.boolean(),
  }),
  vehicle: z.object({ id: uuid, plate: z.string().nullable(), modelName: z.string().nullable() }),
  serviceType: z.object({
    id: uuid,
    name: z.string(),
    category: z.enum(serviceCategories),
    durationMinutes: z.number(),
  }),
  advisor: z.object({ id: uuid, name: z.string() }).nullable(),
  visitId: uuid.nullable(),
  /**
   * On the advisor's board: the car's visit still open from another arrival (it is in the workshop), so
   * the card opens that visit instead of a check-in form that could only be refused.
   */
  openVisitId: uuid.nullable().optional(),
});
export type BookingRow = z.infer<typeof bookingRow>;
export const bookingRowList = z.object({ items: z.array(bookingRow) });

// ── Admin: 服务指标 ─────────────────────────────────────────────────────────────────────────────────

/** Defaults: the last 30 days up to today; storeId absent → every store the reader may see. */
export const bookingStatsQuery = z.strictObject({
  storeId: uuid.optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
});

export const bookingStatsDay = z.object({
  date: z.string(),
  /** Bookings for that day in any status but cancelled. */
  booked: z.number(),
  /** Bookable places that day (staff channel, summed over the store's slots). */
  capacity: z.number(),
  cancelled: z.number(),
  noShow: z.number(),
});
export type BookingStatsDay = z.infer<typeof bookingStatsDay>;

export const bookingStats = z.object({
  days: z.array(bookingStatsDay),
  /** Shares 0–1 of the period's bookings (null when there are none). */
  noShowRate: z.number().nullable(),
  cancellationRate: z.number().nullable(),
  /** From visit_events: checked_in → first in_bay, and ready → delivered (null without data). */
  avgArrivalToBayMinutes: z.number().nullable(),
  avgReadyToPickupMinutes: z.number().nullable(),
});
export type BookingStats = z.infer<typeof bookingStats>;
