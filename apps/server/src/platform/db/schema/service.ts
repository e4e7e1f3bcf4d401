import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bookingChannels, bookingStatuses, serviceCategories } from '@m4s/contracts';
import { customers } from './customers.ts';
import { coupons } from './loyalty.ts';
import { owners, staff } from './people.ts';
import { stores, tenantKeyColumns, tenantTableRules, fen, stamp } from './tenancy.ts';
import { vehicles } from './vehicles.ts';

/** What a store offers (保养, 维修, 检测…), with its typical duration and price range. Null store: every store. */
export const serviceTypes = pgTable(
  'service_types',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: text('category', { enum: serviceCategories }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    priceMinFen: fen('price_min_fen').notNull().default(0),
    priceMaxFen: fen('price_max_fen').notNull().default(0),
    /** What the owner should bring (行驶证, 保养手册…), shown on the booking confirmation. */
    bring: text('bring'),
    onlineBookable: boolean('online_bookable').notNull().default(true),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'service_types'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    uniqueIndex('service_types_code_key').on(t.tenantId, t.code),
  ],
).enableRLS();

/**
 * A store's booking capacity: slot length, bays, and the shares of each slot held back for walk-ins and
 * offered online. A slot's capacity is min(bays, advisors on duty); opening hours are the store's own.
 */
export const bookingSettings = pgTable(
  'booking_settings',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id').notNull(),
    slotMinutes: integer('slot_minutes').notNull().default(30),
    bays: integer('bays').notNull().default(4),
    /** Percent of a slot's capacity kept for walk-ins (no booking may take it). */
    walkInSharePct: integer('walk_in_share_pct').notNull().default(20),
    /** Percent of a slot's capacity the owner app may book. */
    onlineSharePct: integer('online_share_pct').notNull().default(50),
    /** The earliest a booking may start, in minutes from now. */
    leadMinutes: integer('lead_minutes').notNull().default(60),
    /** How far ahead bookings open, in days. */
    horizonDays: integer('horizon_days').notNull().default(30),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'booking_settings'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    uniqueIndex('booking_settings_store_key').on(t.tenantId, t.storeId),
  ],
).enableRLS();

/** Holidays and closures: the store takes no bookings that day. */
export const storeClosures = pgTable(
  'store_closures',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'store_closures'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    uniqueIndex('store_closures_day_key').on(t.tenantId, t.storeId, t.date),
  ],
).enableRLS();

/** An advisor's days off (leave, training): not on duty, not bookable, not counted in capacity. */
export const advisorLeave = pgTable(
  'advisor_leave',
  {
    ...tenantKeyColumns(),
    staffId: uuid('staff_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    note: text('note'),
  },
  (t) => [
    ...tenantTableRules(t, 'advisor_leave'),
    foreignKey({ columns: [t.tenantId, t.staffId], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('advisor_leave_day_key').on(t.tenantId, t.staffId, t.date),
  ],
).enableRLS();

/**
 * One row per store and slot start that has bookings: the counters a booking increments with a guarded
 * UPDATE (… WHERE total < capacity), so no slot is ever overbooked however many book at once.
 */
export const bookingSlots = pgTable(
  'booking_slots',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id').notNull(),
    startsAt: stamp('starts_at').notNull(),
    total: integer('total').notNull().default(0),
    online: integer('online').notNull().default(0),
  },
  (t) => [
    ...tenantTableRules(t, 'booking_slots'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    uniqueIndex('booking_slots_start_key').on(t.tenantId, t.storeId, t.startsAt),
  ],
).enableRLS();

type Pickup = { address: string; windowStart: string; windowEnd: string; contactPhone: string | null };

/** A booked visit (预约). `idempotency_key`: the owner app's retry of the same booking returns the first. */
export const bookings = pgTable(
  'bookings',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    ownerId: uuid('owner_id'),
    serviceTypeId: uuid('service_type_id').notNull(),
    advisorId: uuid('advisor_id'),
    startsAt: stamp('starts_at').notNull(),
    endsAt: stamp('ends_at').notNull(),
    channel: text('channel', { enum: bookingChannels }).notNull(),
    status: text('status', { enum: bookingStatuses }).notNull().default('booked'),
    concerns: text('concerns'),
    pickup: jsonb('pickup').$type<Pickup | null>(),
    idempotencyKey: text('idempotency_key'),
    createdBy: uuid('created_by'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
    cancelledAt: stamp('cancelled_at'),
    cancelReason: text('cancel_reason'),
    rescheduledFrom: uuid('rescheduled_from'),
    reminderSentAt: stamp('reminder_sent_at'),
    /** A coupon the owner booked with (docs/campaigns.md: a booking with a campaign's coupon is attributed to it). */
    couponId: uuid('coupon_id'),
  },
  (t) => [
    ...tenantTableRules(t, 'bookings'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [owners.tenantId, owners.id] }),
    foreignKey({ columns: [t.tenantId, t.serviceTypeId], foreignColumns: [serviceTypes.tenantId, serviceTypes.id] }),
    foreignKey({ columns: [t.tenantId, t.advisorId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.couponId], foreignColumns: [coupons.tenantId, coupons.id] }),
    index('bookings_coupon_idx')
      .on(t.tenantId, t.couponId)
      .where(sql`coupon_id IS NOT NULL`),
    index('bookings_store_start_idx').on(t.tenantId, t.storeId, t.startsAt),
    index('bookings_customer_idx').on(t.tenantId, t.customerId, t.startsAt),
    index('bookings_owner_idx').on(t.tenantId, t.ownerId, t.startsAt),
    index('bookings_vehicle_booked_idx')
      .on(t.tenantId, t.vehicleId, t.startsAt)
      .where(sql`status = 'booked'`),
    // The booking view joins the booking a reschedule replaced (found slow at a million customers).
    index('bookings_rescheduled_from_idx')
      .on(t.tenantId, t.rescheduledFrom)
      .where(sql`rescheduled_from IS NOT NULL`),
    uniqueIndex('bookings_idempotency_key').on(t.tenantId, t.ownerId, t.idempotencyKey),
    // An advisor takes one booking per slot.
    uniqueIndex('bookings_advisor_slot_key')
      .on(t.tenantId, t.advisorId, t.startsAt)
      .where(sql`status IN ('booked', 'arrived') AND advisor_id IS NOT NULL`),
  ],
).enableRLS();
