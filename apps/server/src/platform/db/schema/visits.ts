import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { decisionVias, estimateLineStatuses, paymentMethods, visitStatuses, workKinds } from '@m4s/contracts';
import { customers } from './customers.ts';
import { repairOrders } from './history.ts';
import { owners, staff } from './people.ts';
import { bookings } from './service.ts';
import { stores, tenantKeyColumns, tenantTableRules, fen, stamp } from './tenancy.ts';
import { vehicles } from './vehicles.ts';

/**
 * A car in the workshop, from check-in to delivery (booked or walk-in). Delivery writes the repair
 * order from the approved estimate lines and the next-service date and mileage (保养提示贴).
 */
export const visits = pgTable(
  'visits',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id').notNull(),
    bookingId: uuid('booking_id'),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    advisorId: uuid('advisor_id'),
    status: text('status', { enum: visitStatuses }).notNull().default('checked_in'),
    checkedInAt: stamp('checked_in_at').notNull(),
    mileageKm: integer('mileage_km'),
    concerns: text('concerns'),
    inspectionNotes: text('inspection_notes'),
    promisedAt: stamp('promised_at'),
    repairOrderId: uuid('repair_order_id'),
    nextServiceDate: date('next_service_date', { mode: 'string' }),
    nextServiceKm: integer('next_service_km'),
    deliveredAt: stamp('delivered_at'),
    ratingScore: integer('rating_score'),
    ratingComment: text('rating_comment'),
    ratedAt: stamp('rated_at'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'visits'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.bookingId], foreignColumns: [bookings.tenantId, bookings.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.advisorId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.repairOrderId], foreignColumns: [repairOrders.tenantId, repairOrders.id] }),
    uniqueIndex('visits_booking_key').on(t.tenantId, t.bookingId),
    // One open visit per car: two check-ins of the same walk-in at once cannot both succeed.
    uniqueIndex('visits_open_vehicle_key')
      .on(t.tenantId, t.vehicleId)
      .where(sql`status <> 'delivered'`),
    index('visits_store_idx').on(t.tenantId, t.storeId, t.checkedInAt),
    index('visits_vehicle_idx').on(t.tenantId, t.vehicleId, t.checkedInAt),
  ],
).enableRLS();

/** Every stage change, timestamped: the owner's live timeline and the wait-time figures read it. */
export const visitEvents = pgTable(
  'visit_events',
  {
    ...tenantKeyColumns(),
    visitId: uuid('visit_id').notNull(),
    status: text('status', { enum: visitStatuses }).notNull(),
    at: stamp('at').notNull(),
    staffId: uuid('staff_id'),
    note: text('note'),
  },
  (t) => [
    ...tenantTableRules(t, 'visit_events'),
    foreignKey({ columns: [t.tenantId, t.visitId], foreignColumns: [visits.tenantId, visits.id] }),
    foreignKey({ columns: [t.tenantId, t.staffId], foreignColumns: [staff.tenantId, staff.id] }),
    index('visit_events_visit_idx').on(t.tenantId, t.visitId, t.at),
  ],
).enableRLS();

/** Exterior-inspection photos taken at check-in (a data URL each, at most ~1 MB). */
export const visitPhotos = pgTable(
  'visit_photos',
  {
    ...tenantKeyColumns(),
    visitId: uuid('visit_id').notNull(),
    dataUrl: text('data_url').notNull(),
    caption: text('caption'),
    staffId: uuid('staff_id'),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'visit_photos'),
    foreignKey({ columns: [t.tenantId, t.visitId], foreignColumns: [visits.tenantId, visits.id] }),
    foreignKey({ columns: [t.tenantId, t.staffId], foreignColumns: [staff.tenantId, staff.id] }),
    index('visit_photos_visit_idx').on(t.tenantId, t.visitId),
  ],
).enableRLS();

/**
 * The estimate (估价单), line by line. The owner approves or declines each proposed line; declined lines
 * stay as declined services (with their date) for later follow-up; work found during the repair is
 * added with `added_during_repair` and goes through the same approval.
 */
export const estimateLines = pgTable(
  'estimate_lines',
  {
    ...tenantKeyColumns(),
    visitId: uuid('visit_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['labour', 'part'] }).notNull(),
    description: text('description').notNull(),
    partNo: text('part_no'),
    quantity: numeric('quantity', { precision: 10, scale: 2, mode: 'number' }).notNull().default(1),
    labourHours: numeric('labour_hours', { precision: 6, scale: 2, mode: 'number' }),
    amountFen: fen('amount_fen').notNull(),
    costFen: fen('cost_fen').notNull().default(0),
    /** What the line does; NULL on insert is classified from the description (app_work_kind, migration 0025). */
    work: text('work', { enum: workKinds })
      .notNull()
      .default(sql`NULL`),
    status: text('status', { enum: estimateLineStatuses }).notNull().default('draft'),
    addedDuringRepair: boolean('added_during_repair').notNull().default(false),
    proposedAt: stamp('proposed_at'),
    decidedAt: stamp('decided_at'),
    decidedVia: text('decided_via', { enum: decisionVias }),
    /** The staff member who recorded a phone or in-person decision (null when the owner decided in the app). */
    recordedBy: uuid('recorded_by'),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'estimate_lines'),
    foreignKey({ columns: [t.tenantId, t.visitId], foreignColumns: [visits.tenantId, visits.id] }),
    foreignKey({ columns: [t.tenantId, t.recordedBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('estimate_lines_position_key').on(t.tenantId, t.visitId, t.position),
    index('estimate_lines_declined_idx').on(t.tenantId, t.status, t.decidedAt),
  ],
).enableRLS();

/** Payment at delivery: method, amount and the cashier who took it. */
export const payments = pgTable(
  'payments',
  {
    ...tenantKeyColumns(),
    visitId: uuid('visit_id').notNull(),
    method: text('method', { enum: paymentMethods }).notNull(),
    amountFen: fen('amount_fen').notNull(),
    cashierId: uuid('cashier_id'),
    paidAt: stamp('paid_at').notNull(),
    /** A payment taken back (migration 0052): the visit's points are reversed; the row stays. */
    voidedAt: stamp('voided_at'),
    voidedBy: uuid('voided_by'),
    voidReason: text('void_reason'),
  },
  (t) => [
    ...tenantTableRules(t, 'payments'),
    foreignKey({ columns: [t.tenantId, t.visitId], foreignColumns: [visits.tenantId, visits.id] }),
    foreignKey({ columns: [t.tenantId, t.cashierId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.voidedBy], foreignColumns: [staff.tenantId, staff.id] }),
    index('payments_visit_idx').on(t.tenantId, t.visitId),
  ],
).enableRLS();

/** The owner app's message centre (消息中心): what was said to the owner in the app, read or not. */
export const inboxMessages = pgTable(
  'inbox_messages',
  {
    ...tenantKeyColumns(),
    ownerId: uuid('owner_id').notNull(),
    kind: text('kind', { enum: ['transactional', 'care', 'marketing'] }).notNull(),
    topic: text('topic').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Where in the owner app the message leads, e.g. /visits/<id>. */
    link: text('link'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    readAt: stamp('read_at'),
  },
  (t) => [
    ...tenantTableRules(t, 'inbox_messages'),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [owners.tenantId, owners.id] }),
    index('inbox_messages_owner_idx').on(t.tenantId, t.ownerId, t.createdAt),
  ],
).enableRLS();
