import { z } from 'zod';
import { customerFlags, rfmBases, segmentDimensions } from './lifecycle.ts';

// The API of the segment overview (issue 5) and each tenant's classification thresholds. The rules and
// their sources are in docs/segments.md; money is in fen, periods in whole months.

const months = z.int({ message: 'segment_months' }).min(0, { message: 'segment_months' }).max(120, {
  message: 'segment_months',
});
const visits = z.int({ message: 'segment_visits' }).min(0, { message: 'segment_visits' }).max(1000, {
  message: 'segment_visits',
});
const fen = z.int({ message: 'segment_amount' }).min(0, { message: 'segment_amount' }).max(10_000_000_000, {
  message: 'segment_amount',
});
const rate = z.number({ message: 'segment_rate' }).min(0, { message: 'segment_rate' }).max(1, {
  message: 'segment_rate',
});

const factor = z.number({ message: 'segment_factor' }).min(1, { message: 'segment_factor' }).max(10, {
  message: 'segment_factor',
});

const rulesShape = z.strictObject({
  /**
   * Visits in the 12 months before the day: active ≥ activeMinVisits, swing ≥ swingMinVisits, 1, 0; a
   * customer with no visit and a car bought in the last 12 months is a new owner until the car's first
   * service is overdue by more than newOwnerGraceMonths.
   */
  frequency: z.strictObject({ activeMinVisits: visits, swingMinVisits: visits, newOwnerGraceMonths: months }),
  /** Seed 002's table: A loyal, B potential, C new (first maintenance), D at risk; first match wins. */
  rfm: z.strictObject({
    a: z.strictObject({ maxMonths: months, minVisits: visits, minSpendFen: fen }),
    b: z.strictObject({ maxMonths: months, minVisits: visits, maxVisits: visits, minSpendFen: fen, maxSpendFen: fen }),
    c: z.strictObject({ maxMonths: months, maxVisits: visits, maxSpendFen: fen }),
    d: z.strictObject({ minMonths: months, maxVisits: visits, maxSpendFen: fen }),
    /**
     * A customer with history outside every band takes the nearest: the distance to a band is the months
     * of R, the visits of F and the fen of M outside its range, each divided by its unit, summed.
     */
    nearest: z.strictObject({ months: months, visits: visits, spendFen: fen }),
  }),
  /**
   * Lapsing high-value customers (A, or 12-month spend ≥ B's minimum, or the value matrix's best): the last
   * visit at least minMonths ago and either longer ago than gapFactor × their usual gap or ≥ maxMonths.
   */
  lapsing: z.strictObject({ minMonths: months, gapFactor: factor, maxMonths: months }),
  /** ch5-7 §2.4: loyal = ≥ maintenance visits, > visits, last paid repair ≤ months; general below. */
  loyalty: z.strictObject({
    minMaintenanceVisits: visits,
    moreThanVisits: visits,
    paidRepairMonths: months,
    generalMinVisits: visits,
    generalMaxMonths: months,
  }),
  /** Value matrix: high frequency = visits ≥ highFrequencyVisits; high spend = average ≥ highAverageFen. */
  value: z.strictObject({ highFrequencyVisits: visits, highAverageFen: fen }),
  /** Dwyer CLV: the years counted, the yearly retention rate and the discount rate. */
  clv: z.strictObject({
    years: z.int({ message: 'segment_years' }).min(1, { message: 'segment_years' }).max(30, {
      message: 'segment_years',
    }),
    retentionRate: rate,
    discountRate: rate,
  }),
});
export type SegmentRules = z.infer<typeof rulesShape>;

type Issue = { path: (string | number)[]; message: string };

/** The combinations that cannot classify anyone sensibly; each names the field to fix. */
export const segmentRuleIssues = (r: SegmentRules): Issue[] => {
  const issues: Issue[] = [];
  const { a, b, c, d } = r.rfm;
  if (r.frequency.swingMinVisits < 2 || r.frequency.swingMinVisits >= r.frequency.activeMinVisits)
    issues.push({ path: ['frequency', 'swingMinVisits'], message: 'segment_frequency_order' });
  if (b.minVisits > b.maxVisits) issues.push({ path: ['rfm', 'b', 'maxVisits'], message: 'segment_range' });
  if (b.minSpendFen > b.maxSpendFen) issues.push({ path: ['rfm', 'b', 'maxSpendFen'], message: 'segment_range' });
  if (a.minSpendFen < b.minSpendFen) issues.push({ path: ['rfm', 'a', 'minSpendFen'], message: 'segment_a_spend' });
  if (a.minVisits <= b.maxVisits) issues.push({ path: ['rfm', 'a', 'minVisits'], message: 'segment_a_visits' });
  if (a.maxMonths > b.maxMonths) issues.push({ path: ['rfm', 'a', 'maxMonths'], message: 'segment_a_months' });
  if (c.maxSpendFen > b.minSpendFen) issues.push({ path: ['rfm', 'c', 'maxSpendFen'], message: 'segment_c_spend' });
  if (d.minMonths < 1) issues.push({ path: ['rfm', 'd', 'minMonths'], message: 'segment_d_months' });
  for (const unit of ['months', 'visits', 'spendFen'] as const)
    if (r.rfm.nearest[unit] < 1) issues.push({ path: ['rfm', 'nearest', unit], message: 'segment_unit' });
  if (r.lapsing.maxMonths < r.lapsing.minMonths)
    issues.push({ path: ['lapsing', 'maxMonths'], message: 'segment_range' });
  if (r.loyalty.generalMinVisits > r.loyalty.moreThanVisits)
    issues.push({ path: ['loyalty', 'generalMinVisits'], message: 'segment_general_visits' });
  if (r.clv.retentionRate >= 1 && r.clv.discountRate === 0)
    issues.push({ path: ['clv', 'retentionRate'], message: 'segment_rate' });
  return issues;
};

export const segmentRules = rulesShape.superRefine((r, ctx) => {
  for (const issue of segmentRuleIssues(r)) ctx.addIssue({ code: 'custom', ...issue });
});

/** What each dimension sorts into (the `value` dimension is the value-matrix quadrant). */
export const segmentDimension = z.enum(segmentDimensions);
/** A list of customers is a class of a dimension, or a flag (`flag`: seasonal, lapsing). */
export const segmentListDimension = z.enum([...segmentDimensions, 'flag']);
export type SegmentListDimension = z.infer<typeof segmentListDimension>;
export const customerFlag = z.enum(customerFlags);

export const segmentClassCount = z.object({ value: z.string(), count: z.int(), movedIn: z.int(), movedOut: z.int() });
export const segmentOverview = z.object({
  /** The day of the last classification (null before the first one). */
  computedOn: z.string().nullable(),
  /** Movement counts changes after this day (the same day last month) up to computedOn. */
  since: z.string().nullable(),
  dimensions: z.array(z.object({ dimension: segmentDimension, classes: z.array(segmentClassCount) })),
  /** Customers carrying each flag (seasonal customers are counted in their visit class too). */
  flags: z.array(z.object({ flag: customerFlag, count: z.int() })),
  /**
   * The churn measure: churned customers ÷ the customers measured (every classified customer except the
   * seasonal/relocated and the new owners). The `churned` class count above excludes the seasonal too.
   */
  churn: z.object({ churned: z.int(), measured: z.int(), rate: z.number().nullable(), seasonalExcluded: z.int() }),
});
export type SegmentOverview = z.infer<typeof segmentOverview>;

export const segmentCustomersQuery = z.strictObject({
  dimension: segmentListDimension,
  value: z.string().min(1).max(40),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const segmentExportQuery = segmentCustomersQuery.pick({ dimension: true, value: true });

export const segmentCustomer = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked unless the viewer's role works the phones (customers.mask.ts). */
  phone: z.string().nullable(),
  plates: z.array(z.string()),
  lastVisitOn: z.string().nullable(),
  visits12m: z.int(),
  spend12mFen: z.int(),
  clvFen: z.int(),
});
export type SegmentCustomer = z.infer<typeof segmentCustomer>;
export const segmentCustomerPage = z.object({ items: z.array(segmentCustomer), total: z.int() });
export type SegmentCustomerPage = z.infer<typeof segmentCustomerPage>;

/** Why a customer is in their RFM class: R (days since the last visit), F, M and how the class was reached. */
export const rfmWhy = z.object({
  basis: z.enum(rfmBases),
  /** Days since the last visit (null: never came). */
  recencyDays: z.int().nullable(),
  visits12m: z.int(),
  spend12mFen: z.int(),
  /** The distance to the band taken (0 inside it; null with no history). */
  distance: z.number().nullable(),
});
export type RfmWhy = z.infer<typeof rfmWhy>;

/** One customer's classes as of the last classification, and why (the customer page). */
export const segmentCustomerClasses = z.object({
  classified: z.boolean(),
  computedOn: z.string().nullable(),
  frequency: z.string().nullable(),
  rfm: z.string().nullable(),
  loyalty: z.string().nullable(),
  value: z.string().nullable(),
  seasonal: z.boolean(),
  lapsing: z.boolean(),
  visits12m: z.int(),
  spend12mFen: z.int(),
  firstVisitOn: z.string().nullable(),
  lastVisitOn: z.string().nullable(),
  clvFen: z.int(),
  /** A new owner: the last day they stay one (their car's first service due + the grace). */
  newOwnerUntil: z.string().nullable(),
  /** Average days between the customer's visits (null under 2 visits). */
  usualGapDays: z.int().nullable(),
  rfmWhy: rfmWhy.nullable(),
});
export type SegmentCustomerClasses = z.infer<typeof segmentCustomerClasses>;

export const segmentRecomputeResult = z.object({ queued: z.literal(true), asOf: z.string() });
