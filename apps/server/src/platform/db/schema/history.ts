import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { repairOrderTypes, workKinds } from '@m4s/contracts';
import { customers } from './customers.ts';
import { staff } from './people.ts';
import { stores, tenantKeyColumns, tenantTableRules, fen } from './tenancy.ts';
import { vehicles } from './vehicles.ts';

/** A new-car sale and its delivery. `external_ref` is the DMS's order number, for idempotent import. */
export const salesOrders = pgTable(
  'sales_orders',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    storeId: uuid('store_id'),
    consultantId: uuid('consultant_id'),
    /** The consultant as an imported file named them when no one staff member has the name; NULL with consultant_id. */
    consultantName: text('consultant_name'),
    orderDate: date('order_date', { mode: 'string' }).notNull(),
    deliveryDate: date('delivery_date', { mode: 'string' }),
    /** The recorded moment of the hand-over; NULL when only the date is known (care counts from 16:00 local). */
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    priceFen: fen('price_fen').notNull(),
    externalRef: text('external_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'sales_orders'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.consultantId], foreignColumns: [staff.tenantId, staff.id] }),
    index('sales_orders_customer_idx').on(t.tenantId, t.customerId),
    index('sales_orders_vehicle_idx').on(t.tenantId, t.vehicleId),
    // The care sweep's look-ups by day (deliveries N days ago).
    index('sales_orders_delivery_idx').on(t.tenantId, t.deliveryDate),
    uniqueIndex('sales_orders_external_ref_key').on(t.tenantId, t.externalRef),
  ],
).enableRLS();

/** A workshop visit's repair order (维修工单); amounts in fen, totals kept with their lines. */
export const repairOrders = pgTable(
  'repair_orders',
  {
    ...tenantKeyColumns(),
    number: text('number').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    storeId: uuid('store_id'),
    type: text('type', { enum: repairOrderTypes }).notNull(),
    dateIn: timestamp('date_in', { withTimezone: true }).notNull(),
    dateOut: timestamp('date_out', { withTimezone: true }),
    mileageKm: integer('mileage_km'),
    /** Why mileage_km is kept aside (as mileage_readings.flag); NULL: trusted. */
    mileageFlag: text('mileage_flag'),
    advisorId: uuid('advisor_id'),
    /** The advisor as an imported file named them when no one staff member has the name; NULL with advisor_id. */
    advisorName: text('advisor_name'),
    technician: text('technician'),
    labourFen: fen('labour_fen').notNull().default(0),
    partsFen: fen('parts_fen').notNull().default(0),
    totalFen: fen('total_fen').notNull().default(0),
    partsCostFen: fen('parts_cost_fen').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'repair_orders'),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.advisorId], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('repair_orders_number_key').on(t.tenantId, t.number),
    index('repair_orders_vehicle_idx').on(t.tenantId, t.vehicleId, t.dateIn),
    index('repair_orders_customer_idx').on(t.tenantId, t.customerId, t.dateIn),
    // The care sweep's look-ups by day (win-back: visits of one day; post-repair: cars out on one day).
    index('repair_orders_date_in_idx').on(t.tenantId, t.dateIn),
    index('repair_orders_date_out_idx').on(t.tenantId, t.dateOut),
    // The contact gate's post-visit pause: a customer's orders by the day the car left (or came in).
    index('repair_orders_customer_out_idx').on(t.tenantId, t.customerId, sql`COALESCE(${t.dateOut}, ${t.dateIn})`),
  ],
).enableRLS();

export const repairOrderLines = pgTable(
  'repair_order_lines',
  {
    ...tenantKeyColumns(),
    repairOrderId: uuid('repair_order_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['labour', 'part'] }).notNull(),
    description: text('description').notNull(),
    partNo: text('part_no'),
    quantity: numeric('quantity', { precision: 10, scale: 2, mode: 'number' }).notNull().default(1),
    labourHours: numeric('labour_hours', { precision: 6, scale: 2, mode: 'number' }),
    amountFen: fen('amount_fen').notNull(),
    costFen: fen('cost_fen').notNull().default(0),
    /** What the line did; NULL on insert is classified from the description (app_work_kind, migration 0025). */
    work: text('work', { enum: workKinds })
      .notNull()
      .default(sql`NULL`),
  },
  (t) => [
    ...tenantTableRules(t, 'repair_order_lines'),
    foreignKey({
      columns: [t.tenantId, t.repairOrderId],
      foreignColumns: [repairOrders.tenantId, repairOrders.id],
    }).onDelete('cascade'),
    uniqueIndex('repair_order_lines_position_key').on(t.tenantId, t.repairOrderId, t.position),
    index('repair_order_lines_maintenance_idx')
      .on(t.tenantId, t.repairOrderId)
      .where(sql`${t.work} = 'maintenance'`),
  ],
).enableRLS();
