import { z } from 'zod';

/**
 * The management cockpit (issue 18, What 3–4; docs/cockpit.md): the morning view — today's cars in, waiting,
 * ready, bookings, late tasks, open hot alerts and complaints, drillable group → store → advisor — and the staff
 * scorecard with seed 002's weights (CSAT 30%, repeat service 20%, referral 15%, efficiency 15%, complaint
 * handling 20%).
 */
export const todayFigureKeys = [
  'carsIn',
  'waiting',
  'ready',
  'bookings',
  'tasksLate',
  'alertsOpen',
  'complaintsOpen',
] as const;
export type TodayFigureKey = (typeof todayFigureKeys)[number];

const count = z.number().int().min(0);
export const todayFigures = z.object({
  carsIn: count,
  waiting: count,
  ready: count,
  bookings: count,
  tasksLate: count,
  alertsOpen: count,
  complaintsOpen: count,
});
export type TodayFigures = z.infer<typeof todayFigures>;

export const cockpitLevels = ['group', 'store', 'advisor'] as const;
export type CockpitLevel = (typeof cockpitLevels)[number];

/** No store: the group (a group role); a store: its advisors; an advisor: their own figures. */
export const todayQuery = z.strictObject({ storeId: z.uuid().optional(), advisorId: z.uuid().optional() });
export type TodayQuery = z.input<typeof todayQuery>;

/** One row of the level below: a store (group level) or an advisor (store level); its figures. */
export const todayRow = todayFigures.extend({ key: z.string(), label: z.string() });
export type TodayRow = z.infer<typeof todayRow>;

export const today = z.object({
  day: z.string(),
  level: z.enum(cockpitLevels),
  storeId: z.uuid().nullable(),
  storeName: z.string().nullable(),
  advisorId: z.uuid().nullable(),
  advisorName: z.string().nullable(),
  totals: todayFigures,
  rows: z.array(todayRow),
});
export type Today = z.infer<typeof today>;

export const todayItemsQuery = todayQuery.extend({ figure: z.enum(todayFigureKeys) });
export type TodayItemsQuery = z.input<typeof todayItemsQuery>;

/** What stands behind a number: a visit, booking, task, hot alert or complaint, with its customer. */
export const cockpitItem = z.object({
  id: z.uuid(),
  kind: z.enum(['visit', 'booking', 'task', 'alert', 'complaint', 'referral']),
  at: z.string(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  plate: z.string().nullable(),
  storeName: z.string().nullable(),
  staffName: z.string().nullable(),
  status: z.string(),
  /** For scorecard items: whether it counts for the person (satisfied, repeat, on time…); null for today's. */
  counts: z.boolean().nullable(),
});
export type CockpitItem = z.infer<typeof cockpitItem>;
export const cockpitItems = z.object({ items: z.array(cockpitItem), truncated: z.boolean() });
export type CockpitItems = z.infer<typeof cockpitItems>;

/** A month's figures for the trend chart, with what makes it unlike its neighbours (seasonality). */
export const trendQuery = todayQuery.extend({ months: z.coerce.number().int().min(3).max(24).default(12) });
export const trendMonth = z.object({
  month: z.string(),
  carsIn: count,
  delivered: count,
  bookings: count,
  complaints: count,
  /** Working days of the month in the tenant's calendar (national holidays, adjusted days, its own days). */
  workingDays: count,
  /** The national holidays that fall in the month (春节…): the seasonality note. */
  holidays: z.array(z.string()),
});
export type TrendMonth = z.infer<typeof trendMonth>;
export const trend = z.object({ months: z.array(trendMonth) });
export type Trend = z.infer<typeof trend>;

// ── Staff scorecard ─────────────────────────────────────────────────────────────────────────────────
export const scoreComponents = ['csat', 'repeat', 'referral', 'efficiency', 'complaint'] as const;
export type ScoreComponent = (typeof scoreComponents)[number];

/** Seed 002's weights (percent). */
export const defaultScoreWeights: Record<ScoreComponent, number> = {
  csat: 30,
  repeat: 20,
  referral: 15,
  efficiency: 15,
  complaint: 20,
};
/**
 * What each component's rate is held against (a rate at or above the target scores 100): CSAT ≥ 90% and repeat
 * service ≥ 85% are seed 002's targets; a referral from one served customer in ten; every car into a bay within
 * 30 minutes; every hot alert and complaint handled by its due time.
 */
export const scoreTargets: Record<ScoreComponent, number> = {
  csat: 0.9,
  repeat: 0.85,
  referral: 0.1,
  efficiency: 1,
  complaint: 1,
};

const weight = z.number().int().min(0).max(100);
export const scoreWeights = z
  .strictObject({ csat: weight, repeat: weight, referral: weight, efficiency: weight, complaint: weight })
  .refine((w) => w.csat + w.repeat + w.referral + w.efficiency + w.complaint === 100, {
    message: 'score_weights_sum',
    path: ['csat'],
  });
export type ScoreWeights = z.infer<typeof scoreWeights>;
export const scoreWeightsView = z.object({
  weights: z.object({ csat: weight, repeat: weight, referral: weight, efficiency: weight, complaint: weight }),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type ScoreWeightsView = z.infer<typeof scoreWeightsView>;

/** A month, YYYY-MM. */
export const scorePeriod = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, { message: 'score_period' });
export const scorecardQuery = z.strictObject({ storeId: z.uuid().optional(), period: scorePeriod.optional() });
export type ScorecardQuery = z.input<typeof scorecardQuery>;
export const myScorecardQuery = z.strictObject({ period: scorePeriod.optional() });
export const scoreItemsQuery = z.strictObject({
  period: scorePeriod.optional(),
  component: z.enum(scoreComponents).default('repeat'),
});

export const scoreLine = z.object({
  component: z.enum(scoreComponents),
  weight,
  /** What counts ÷ what is counted; rate null when nothing was counted (the component then drops out). */
  numerator: count,
  denominator: count,
  rate: z.number().nullable(),
  target: z.number(),
  /** 0–100: the rate against its target, capped at 100. */
  score: z.number().nullable(),
});
export type ScoreLine = z.infer<typeof scoreLine>;

export const scorecard = z.object({
  staffId: z.uuid(),
  name: z.string(),
  storeId: z.uuid().nullable(),
  storeName: z.string().nullable(),
  period: z.string(),
  lines: z.array(scoreLine),
  /** Weighted over the components with data, 0–100, one decimal; null when none has any. */
  total: z.number().nullable(),
  /** Within the store (1 = best; equal totals share a rank); null without a total. */
  rank: z.number().int().nullable(),
  of: count,
});
export type Scorecard = z.infer<typeof scorecard>;
export const scorecards = z.object({ period: z.string(), storeId: z.uuid(), items: z.array(scorecard) });
export type Scorecards = z.infer<typeof scorecards>;
