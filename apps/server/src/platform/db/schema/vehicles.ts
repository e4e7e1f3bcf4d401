import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { mileageSources } from '@m4s/contracts';
import { carBrands } from './catalogue.ts';
import { customers } from './customers.ts';
import { stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';

type Driver = { name: string; phone: string | null; relation: string | null };

/**
 * A car known to the dealer group. The VIN is unique in a tenant; the current owner is a customer,
 * and every change of hands is kept in vehicle_ownerships so the car's history stays with the car.
 */
export const vehicles = pgTable(
  'vehicles',
  {
    ...tenantKeyColumns(),
    vin: text('vin').notNull(),
    plate: text('plate'),
    brandId: text('brand_id').references(() => carBrands.id),
    /** The global catalogue's or the tenant's own (catalogue_series): checked by a trigger (migration 0032). */
    seriesId: text('series_id'),
    /** The global catalogue's or the tenant's own (catalogue_models): checked by a trigger (migration 0032). */
    modelId: text('model_id'),
    /** Brand / series / model as an imported file wrote them when the catalogue had no match (NULL once matched). */
    brandText: text('brand_text'),
    seriesText: text('series_text'),
    modelText: text('model_text'),
    modelYear: integer('model_year'),
    colour: text('colour'),
    purchaseDate: date('purchase_date', { mode: 'string' }),
    sellingStoreId: uuid('selling_store_id'),
    warrantyYears: integer('warranty_years'),
    warrantyKm: integer('warranty_km'),
    insurer: text('insurer'),
    insurancePolicyNo: text('insurance_policy_no'),
    insuranceExpiry: date('insurance_expiry', { mode: 'string' }),
    inspectionDue: date('inspection_due', { mode: 'string' }),
    regularDrivers: jsonb('regular_drivers').$type<Driver[]>().notNull().default([]),
    ownerId: uuid('owner_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'vehicles'),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.sellingStoreId], foreignColumns: [stores.tenantId, stores.id] }),
    uniqueIndex('vehicles_vin_key').on(t.tenantId, t.vin),
    index('vehicles_plate_idx').on(t.tenantId, t.plate),
    index('vehicles_owner_idx').on(t.tenantId, t.ownerId),
    // The care sweep's reminders by day (insurance 30 and 7 days ahead, the annual inspection).
    index('vehicles_insurance_idx').on(t.tenantId, t.insuranceExpiry),
    index('vehicles_inspection_idx').on(t.tenantId, t.inspectionDue),
    // …and by purchase date (first maintenance, the year-2 churn prevention).
    index('vehicles_purchase_idx').on(t.tenantId, t.purchaseDate),
    // The few cars that keep a catalogue text (an import's unlisted values, migration 0032).
    index('vehicles_catalogue_text_idx')
      .on(t.tenantId)
      .where(sql`brand_text IS NOT NULL OR series_text IS NOT NULL OR model_text IS NOT NULL`),
  ],
).enableRLS();

export const vehicleOwnerships = pgTable(
  'vehicle_ownerships',
  {
    ...tenantKeyColumns(),
    vehicleId: uuid('vehicle_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }),
  },
  (t) => [
    ...tenantTableRules(t, 'vehicle_ownerships'),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    index('vehicle_ownerships_vehicle_idx').on(t.tenantId, t.vehicleId),
    index('vehicle_ownerships_customer_idx').on(t.tenantId, t.customerId),
  ],
).enableRLS();

/** Odometer readings over time; the km-per-day estimate and next-service forecasts read them. */
export const mileageReadings = pgTable(
  'mileage_readings',
  {
    ...tenantKeyColumns(),
    vehicleId: uuid('vehicle_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
    km: integer('km').notNull(),
    source: text('source', { enum: mileageSources }).notNull(),
    /**
     * Why the reading is kept aside (vehicles/mileage.ts MileageProblem): it contradicts the trusted series.
     * NULL: trusted. Flagged readings wait for a person and never feed the forecast.
     */
    flag: text('flag'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'mileage_readings'),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    index('mileage_readings_vehicle_idx').on(t.tenantId, t.vehicleId, t.readAt),
  ],
).enableRLS();
