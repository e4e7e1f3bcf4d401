import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  foreignKey,
  index,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { kpiIds, planStatuses } from '@m4s/contracts';
import { staff } from './people.ts';
import { tenantPolicy } from './tenant-table.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules, tenants } from './tenancy.ts';

const count = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);
const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);

/**
 * The repair-order rollup (docs/kpis.md): orders, revenue and parts cost per month (tenant time), store,
 * advisor, type, vehicle-age band and the customer's loyalty grade at the time of writing. Kept by the
 * statement trigger `app_kpi_visits` (migration 0063) as repair orders are inserted, updated or deleted:
 * a view never scans the repair orders. No store / advisor: the zero uuid.
 */
export const kpiVisitMonths = pgTable(
  'kpi_visit_months',
  {
    tenantId: tenantId(),
    month: date('month', { mode: 'string' }).notNull(),
    storeId: uuid('store_id').notNull(),
    advisorId: uuid('advisor_id').notNull(),
    roType: text('ro_type').notNull(),
    ageBand: smallint('age_band').notNull(),
    loyalty: text('loyalty').notNull(),
    orders: count('orders'),
    revenueFen: count('revenue_fen'),
    partsCostFen: count('parts_cost_fen'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.month, t.storeId, t.advisorId, t.roType, t.ageBand, t.loyalty] }),
    tenantPolicy('kpi_visit_months'),
  ],
).enableRLS();

/**
 * The customer snapshot (docs/kpis.md): what moves by time alone (retained, lost, captured), counted by the
 * nightly step `kpis.snapshot` as of the month's latest night, per the customer's home store, service
 * advisor, the vehicle-age band of their newest car and their loyalty grade.
 */
export const kpiCustomerMonths = pgTable(
  'kpi_customer_months',
  {
    tenantId: tenantId(),
    month: date('month', { mode: 'string' }).notNull(),
    storeId: uuid('store_id').notNull(),
    advisorId: uuid('advisor_id').notNull(),
    ageBand: smallint('age_band').notNull(),
    loyalty: text('loyalty').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    retained: count('retained'),
    lost: count('lost'),
    lost6m: count('lost_6m'),
    active12m: count('active_12m'),
    repeat12m: count('repeat_12m'),
    visits12m: count('visits_12m'),
    maintenance12m: count('maintenance_12m'),
    lostAtStart: count('lost_at_start'),
    wonBack: count('won_back'),
    soldVehicles: count('sold_vehicles'),
    soldReturned: count('sold_returned'),
    soldDue: count('sold_due'),
    firstBack: count('first_back'),
    clvFen: count('clv_fen'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.month, t.storeId, t.advisorId, t.ageBand, t.loyalty] }),
    tenantPolicy('kpi_customer_months'),
  ],
).enableRLS();

/** A target set for the tenant (store_id NULL) or one store, overriding the KPI's default (audited). */
export const kpiTargets = pgTable(
  'kpi_targets',
  {
    ...tenantKeyColumns(),
    kpi: text('kpi', { enum: kpiIds }).notNull(),
    storeId: uuid('store_id'),
    target: numeric('target', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'kpi_targets'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.updatedBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('kpi_targets_key').on(
      t.tenantId,
      t.kpi,
      sql`COALESCE(${t.storeId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
).enableRLS();

/** An improvement plan (PDCA, ch7 §4.7) for a KPI off target: owner, baseline, target, dates, status. */
export const kpiPlans = pgTable(
  'kpi_plans',
  {
    ...tenantKeyColumns(),
    kpi: text('kpi', { enum: kpiIds }).notNull(),
    storeId: uuid('store_id'),
    ownerId: uuid('owner_id').notNull(),
    title: text('title').notNull(),
    baseline: numeric('baseline', { precision: 14, scale: 2, mode: 'number' }),
    target: numeric('target', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: planStatuses }).notNull().default('plan'),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'kpi_plans'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    index('kpi_plans_kpi_idx').on(t.tenantId, t.kpi, t.status),
  ],
).enableRLS();
