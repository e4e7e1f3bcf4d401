import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { frequencyClasses, lifecycleStages, loyaltyGrades, rfmBases, rfmClasses, valueQuadrants } from '@m4s/contracts';
import { customers } from './customers.ts';
import { tenantPolicy } from './tenant-table.ts';
import { fen, stamp, tenantKeyColumns, tenantTableRules, tenants } from './tenancy.ts';
import { vehicles } from './vehicles.ts';

/**
 * Each customer's classes as of the last classification (nightly, and after a visit is delivered), with the
 * figures they were computed from. One row per customer; moves are kept in segment_changes.
 */
export const customerSegments = pgTable(
  'customer_segments',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    frequency: text('frequency', { enum: frequencyClasses }).notNull(),
    rfm: text('rfm', { enum: rfmClasses }).notNull(),
    loyalty: text('loyalty', { enum: loyaltyGrades }).notNull(),
    valueQuadrant: text('value_quadrant', { enum: valueQuadrants }).notNull(),
    /** Workshop visits (repair orders) and their amount over the 12 months before computedOn. */
    visits12m: integer('visits_12m').notNull(),
    spend12mFen: fen('spend_12m_fen').notNull(),
    firstVisitOn: date('first_visit_on', { mode: 'string' }),
    lastVisitOn: date('last_visit_on', { mode: 'string' }),
    /** Customer lifetime value (Dwyer model over the tenant's horizon), in fen. */
    clvFen: fen('clv_fen').notNull().default(0),
    /** The day the row was last written (its figures are as of that day; its classes hold until stableUntil). */
    computedOn: date('computed_on', { mode: 'string' }).notNull(),
    /** The first day a class may move by time alone (a visit leaving the 12 months…); null: only new data moves it. */
    stableUntil: date('stable_until', { mode: 'string' }),
    /** customers.seasonal as classified: kept out of the churn measure (migration 0026). */
    seasonal: boolean('seasonal').notNull().default(false),
    /** A high-value customer whose last visit is overdue by their own rhythm (docs/segments.md). */
    lapsing: boolean('lapsing').notNull().default(false),
    /** How the RFM class was reached: inside the seed's band, the nearest band, or no history. */
    rfmBasis: text('rfm_basis', { enum: rfmBases }).notNull().default('band'),
    /** The distance to the band taken (0 inside it; null with no history). */
    rfmDistance: numeric('rfm_distance', { precision: 8, scale: 2, mode: 'number' }),
    /** Average days between visits over the customer's history (null under 2 visits). */
    usualGapDays: integer('usual_gap_days'),
    /** A new owner's last day as one (the first service's due day + the grace); null otherwise. */
    newOwnerUntil: date('new_owner_until', { mode: 'string' }),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'customer_segments'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    uniqueIndex('customer_segments_customer_key').on(t.tenantId, t.customerId),
    index('customer_segments_frequency_idx').on(t.tenantId, t.frequency),
    index('customer_segments_rfm_idx').on(t.tenantId, t.rfm),
    index('customer_segments_stable_idx').on(t.tenantId, t.stableUntil),
    index('customer_segments_lapsing_idx')
      .on(t.tenantId)
      .where(sql`lapsing`),
  ],
).enableRLS();

/** Each vehicle's lifecycle stage and predicted next service, as of the last classification. */
export const vehicleSegments = pgTable(
  'vehicle_segments',
  {
    ...tenantKeyColumns(),
    vehicleId: uuid('vehicle_id').notNull(),
    stage: text('stage', { enum: lifecycleStages }).notNull(),
    /** From the mileage readings; null when there are fewer than two. */
    kmPerDay: numeric('km_per_day', { precision: 8, scale: 2, mode: 'number' }),
    /** Estimated odometer on computedOn; later days add kmPerDay (care/variables.ts). */
    estimatedKm: integer('estimated_km'),
    predictedServiceOn: date('predicted_service_on', { mode: 'string' }),
    predictedServiceKm: integer('predicted_service_km'),
    computedOn: date('computed_on', { mode: 'string' }).notNull(),
    /** The first day the stage may move by time or predicted mileage alone; null: only new data moves it. */
    stableUntil: date('stable_until', { mode: 'string' }),
    /** What predictedServiceOn counts from: the last maintenance work's day, else the purchase (migration 0025). */
    serviceBasisOn: date('service_basis_on', { mode: 'string' }),
    /** True while the car has had no maintenance since its purchase: the forecast is its first service. */
    firstService: boolean('first_service'),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'vehicle_segments'),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    uniqueIndex('vehicle_segments_vehicle_key').on(t.tenantId, t.vehicleId),
    index('vehicle_segments_stage_idx').on(t.tenantId, t.stage),
    index('vehicle_segments_service_idx').on(t.tenantId, t.predictedServiceOn),
    index('vehicle_segments_stable_idx').on(t.tenantId, t.stableUntil),
  ],
).enableRLS();

/**
 * Customers whose classification inputs changed since the last run (a repair order, a mileage reading, a
 * car bought or transferred, the customer edited). Written by triggers (migration 0015), read and cleared
 * by the nightly classification; `markedAt` tells a mark made while the run was going from one it read.
 */
export const segmentDirty = pgTable(
  'segment_dirty',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: uuid('customer_id').notNull(),
    markedAt: stamp('marked_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId] }), tenantPolicy('segment_dirty')],
).enableRLS();

/** Every move between classes ("moved from active to swing on date X"); subject is a customer or a vehicle. */
export const segmentChanges = pgTable(
  'segment_changes',
  {
    ...tenantKeyColumns(),
    subjectKind: text('subject_kind', { enum: ['customer', 'vehicle'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    dimension: text('dimension', { enum: ['stage', 'frequency', 'rfm', 'loyalty', 'value'] }).notNull(),
    /** Null for the first classification of the subject. */
    fromValue: text('from_value'),
    toValue: text('to_value').notNull(),
    changedOn: date('changed_on', { mode: 'string' }).notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'segment_changes'),
    index('segment_changes_dimension_idx').on(t.tenantId, t.dimension, t.changedOn),
    index('segment_changes_subject_idx').on(t.tenantId, t.subjectId),
  ],
).enableRLS();
