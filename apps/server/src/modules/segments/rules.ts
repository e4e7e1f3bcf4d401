import { segmentRules, type SegmentRules } from '@m4s/contracts';

/**
 * The classification thresholds every tenant starts with. Sources (docs/segments.md): frequency ch3-4
 * §3.2 (L1382–1390); RFM seed 002's table (A ≤3 months ≥4 visits ≥¥15,000; B ≤6 months 2–3 visits
 * ¥8,000–15,000; C first maintenance ≤1 month, 1 visit ≤¥5,000; D ≥6 months ≤1 visit ≤¥5,000; between the
 * bands the nearest, ours); new owners' grace, ours; lapsing, ours; loyalty
 * ch5-7 §2.4 (L4204); value matrix ch3-4 §3.4 (no figures in the text: ours); CLV ch1-2 §3.3.
 */
export const defaultSegmentRules: SegmentRules = {
  frequency: { activeMinVisits: 3, swingMinVisits: 2, newOwnerGraceMonths: 1 },
  rfm: {
    a: { maxMonths: 3, minVisits: 4, minSpendFen: 1_500_000 },
    b: { maxMonths: 6, minVisits: 2, maxVisits: 3, minSpendFen: 800_000, maxSpendFen: 1_500_000 },
    c: { maxMonths: 1, maxVisits: 1, maxSpendFen: 500_000 },
    d: { minMonths: 6, maxVisits: 1, maxSpendFen: 500_000 },
    // Ours (docs/segments.md "Between the bands"): a step of the seed's own scale per dimension.
    nearest: { months: 2, visits: 2, spendFen: 500_000 },
  },
  // Ours (docs/segments.md "Lapsing high-value customers").
  lapsing: { minMonths: 2, gapFactor: 1.5, maxMonths: 6 },
  loyalty: {
    minMaintenanceVisits: 3,
    moreThanVisits: 4,
    paidRepairMonths: 3,
    generalMinVisits: 2,
    generalMaxMonths: 6,
  },
  value: { highFrequencyVisits: 3, highAverageFen: 200_000 },
  clv: { years: 5, retentionRate: 0.8, discountRate: 0.08 },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const mergeOver = (base: unknown, over: unknown): unknown => {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [k, mergeOver(v, over[k])]));
};

/**
 * The tenant's stored thresholds (tenants.segment_rules, `{}` by default) over the defaults, key by key.
 * Stored rules that no longer validate (a field renamed since) fall back to the defaults whole rather
 * than classify with half a rule set.
 */
export const effectiveRules = (stored: unknown): SegmentRules => {
  const parsed = segmentRules.safeParse(mergeOver(defaultSegmentRules, stored));
  return parsed.success ? parsed.data : defaultSegmentRules;
};

/**
 * The Dwyer model's sum for one customer, as a multiplier of the profit of the last 12 months: year t
 * (1…years) keeps retention^(t−1) of the customer and is discounted by (1+discount)^(t−1) — year 1 is
 * the current period, undiscounted, as in the textbook's table.
 */
export const dwyerFactor = ({ years, retentionRate, discountRate }: SegmentRules['clv']): number => {
  let factor = 0;
  for (let t = 0; t < years; t += 1) factor += (retentionRate / (1 + discountRate)) ** t;
  return factor;
};

export type DwyerInput = {
  customers: number;
  retentionRate: number;
  transactionsPerYear: number;
  averageAmount: number;
  /** Variable, marketing and acquisition costs as a share of revenue. */
  costRate: number;
  discountRate: number;
  years: number;
};

/** The textbook's year-by-year table (ch1-2 §3.3): customers, revenue, net value, cumulative NPV, CLV. */
export const dwyerTable = (i: DwyerInput) => {
  const rows: { year: number; customers: number; revenue: number; npv: number; cumulativeNpv: number }[] = [];
  let cumulativeNpv = 0;
  for (let t = 0; t < i.years; t += 1) {
    const customers = i.customers * i.retentionRate ** t;
    const revenue = customers * i.transactionsPerYear * i.averageAmount;
    const npv = (revenue * (1 - i.costRate)) / (1 + i.discountRate) ** t;
    cumulativeNpv += npv;
    rows.push({ year: t + 1, customers, revenue, npv, cumulativeNpv });
  }
  return { rows, clv: clvPerCustomer(cumulativeNpv, i.customers) };
};

/** CLV = cumulative NPV ÷ the customers originally acquired, in yuan to the fen. */
export const clvPerCustomer = (cumulativeNpv: number, customers: number): number =>
  Math.round((cumulativeNpv / customers) * 100) / 100;
