// The KPI system's API (docs/kpis.md): the board (actual against target, period-on-period and year-on-year),
// the drill-down (group → store → advisor → the customers or visits behind a number), targets per tenant and
// store, improvement plans (PDCA).
import { z } from 'zod';
import { isoDay, isoMonth, uuid } from './common.ts';
import { kpiIds } from './kpis.ts';

export const kpiId = z.enum(kpiIds, { message: 'kpi_unknown' });
/** A KPI in a path: an id no KPI has is a 404 (as any path resource that is not there). */
export const kpiParams = z.strictObject({ kpi: z.string().max(64) });
export const kpiScopeQuery = z.strictObject({
  /** YYYY-MM; the current month when left out. */
  month: isoMonth.optional(),
  storeId: uuid.optional(),
  advisorId: uuid.optional(),
});
export type KpiScopeQuery = z.input<typeof kpiScopeQuery>;

export const planStatuses = ['plan', 'do', 'check', 'act', 'done'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const kpiPlan = z.object({
  id: uuid,
  kpi: z.string(),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  title: z.string(),
  baseline: z.number().nullable(),
  target: z.number(),
  startsOn: z.string(),
  dueOn: z.string(),
  status: z.enum(planStatuses),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type KpiPlan = z.infer<typeof kpiPlan>;

export const kpiFigure = z.object({
  id: z.string(),
  actual: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  target: z.number().nullable(),
  /** Where the target comes from: the store's own, the tenant's, the default of seed 002, none. */
  targetSource: z.enum(['store', 'tenant', 'default', 'none']),
  meets: z.boolean().nullable(),
  previous: z.number().nullable(),
  lastYear: z.number().nullable(),
  /** The day the customer snapshot was taken for the month (null for the visit rollup, always current). */
  asOf: z.string().nullable(),
  plans: z.array(kpiPlan),
});
export type KpiFigure = z.infer<typeof kpiFigure>;
/** The scope asked for is not echoed: an id of another tenant's store is never written back. */
export const kpiBoard = z.object({
  month: z.string(),
  items: z.array(kpiFigure),
});
export type KpiBoard = z.infer<typeof kpiBoard>;

export const kpiBreakdownQuery = kpiScopeQuery.extend({
  by: z.enum(['store', 'advisor', 'age', 'loyalty']).default('store'),
});
export type KpiBreakdownQuery = z.input<typeof kpiBreakdownQuery>;
export const kpiBreakdownRow = z.object({
  key: z.string(),
  label: z.string().nullable(),
  actual: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  /** The row's share of the whole's denominator (churn by age band or grade: its share of the retained). */
  share: z.number().nullable(),
});
export const kpiBreakdown = z.object({
  kpi: z.string(),
  month: z.string(),
  by: z.string(),
  total: kpiBreakdownRow,
  rows: z.array(kpiBreakdownRow),
});
export type KpiBreakdown = z.infer<typeof kpiBreakdown>;

export const kpiDrillQuery = kpiScopeQuery.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type KpiDrillQuery = z.input<typeof kpiDrillQuery>;
export const kpiDrillRow = z.object({
  customerId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  storeName: z.string().nullable(),
  advisorName: z.string().nullable(),
  /** In the numerator (came back, captured, lost…) or only in the denominator. */
  counted: z.boolean(),
  visits: z.number(),
  maintenanceVisits: z.number(),
  lastVisitOn: z.string().nullable(),
  /** The visit rollup's rows: the repair order behind the number. */
  orderNumber: z.string().nullable(),
  amountYuan: z.number().nullable(),
});
export type KpiDrillRow = z.infer<typeof kpiDrillRow>;
export const kpiDrill = z.object({
  kpi: z.string(),
  month: z.string(),
  kind: z.enum(['customers', 'visits']),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(kpiDrillRow),
});
export type KpiDrill = z.infer<typeof kpiDrill>;

export const kpiTarget = z.object({
  kpi: z.string(),
  storeId: z.string().nullable(),
  target: z.number(),
  updatedAt: z.string(),
});
export type KpiTarget = z.infer<typeof kpiTarget>;
export const kpiTargetBody = z.strictObject({
  kpi: kpiId,
  storeId: uuid.nullable().default(null),
  /** null: remove the override (the tenant's or the default applies again). */
  target: z.number().min(-1_000_000).max(100_000_000).nullable(),
});
export type KpiTargetBody = z.input<typeof kpiTargetBody>;

export const kpiPlanBody = z
  .strictObject({
    kpi: kpiId,
    storeId: uuid.nullable().default(null),
    ownerId: uuid,
    title: z.string().trim().min(1).max(200),
    baseline: z.number().nullable().default(null),
    target: z.number(),
    startsOn: isoDay,
    dueOn: isoDay,
    note: z.string().trim().max(2000).nullable().default(null),
  })
  .refine((b) => b.dueOn >= b.startsOn, { path: ['dueOn'], message: 'date_range_order' });
export type KpiPlanBody = z.input<typeof kpiPlanBody>;
export const kpiPlanPatch = z.strictObject({
  status: z.enum(planStatuses).optional(),
  note: z.string().trim().max(2000).nullable().optional(),
  dueOn: isoDay.optional(),
});
export const kpiPlanQuery = z.strictObject({ kpi: kpiId.optional(), storeId: uuid.optional() });
