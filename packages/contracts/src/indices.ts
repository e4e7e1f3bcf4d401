import { z } from 'zod';
import { isoDay } from './common.ts';

/**
 * Satisfaction indices (issue 14, What 6; seed 001 ch5-7 §1 and ch3-4 §5): CSAT, NPS, and SSI / CSI as
 * weighted factor scores on 0–1000, with J.D. Power China 2009's factors and weights as presets. The
 * arithmetic is here, pure, shared by the server (which sums the answers in SQL), the admin's factor-set
 * editor and the tests; docs/indices.md says how an answer becomes a factor score.
 */
export const indexKinds = ['csi', 'ssi'] as const;
export type IndexKind = (typeof indexKinds)[number];

/** A factor's key is what a questionnaire question names in its `factor` (surveys.ts). */
export const factorKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'survey_factor' });

export const indexFactor = z.object({
  key: factorKey,
  label: z.string().trim().min(1).max(60),
  /** Percent of the index, up to one decimal (10.6). */
  weight: z.number().min(0).max(100),
});
export type IndexFactor = z.infer<typeof indexFactor>;

/** J.D. Power China 2009 CSI (ch5-7 §1.4): facility 15, service initiation 15, advisor 15, quality 35, pickup 20. */
export const csi2009: readonly IndexFactor[] = [
  { key: 'facility', label: '经销商设施', weight: 15 },
  { key: 'service_initiation', label: '服务启动', weight: 15 },
  { key: 'advisor', label: '服务顾问', weight: 15 },
  { key: 'quality', label: '服务质量', weight: 35 },
  { key: 'pickup', label: '服务后交车', weight: 20 },
];

/** J.D. Power China 2009 SSI (ch5-7 §1.3): the seven factors and their weights (sum 100.0%). */
export const ssi2009: readonly IndexFactor[] = [
  { key: 'sales_initiation', label: '销售启动', weight: 10.6 },
  { key: 'dealer_facility', label: '经销商设施', weight: 13.6 },
  { key: 'deal_terms', label: '交易条件', weight: 11.6 },
  { key: 'paperwork', label: '书面文件', weight: 11.8 },
  { key: 'salesperson', label: '销售顾问', weight: 11.8 },
  { key: 'delivery_timing', label: '交车时间', weight: 15 },
  { key: 'delivery_process', label: '交车过程', weight: 25.6 },
];

export const indexPresets: Record<IndexKind, { name: string; factors: readonly IndexFactor[] }> = {
  csi: { name: 'J.D. Power 中国 2009 CSI', factors: csi2009 },
  ssi: { name: 'J.D. Power 中国 2009 SSI', factors: ssi2009 },
};

/** The weights' sum, to one decimal (float noise removed: 10.6 + 13.6 + … is 100.0). */
export const weightSum = (factors: readonly Pick<IndexFactor, 'weight'>[]) =>
  Math.round(factors.reduce((s, f) => s + f.weight, 0) * 10) / 10;

export type FactorSetIssue =
  | { code: 'weights_sum'; sum: number }
  | { code: 'duplicate_factor'; key: string; index: number }
  | { code: 'no_factors' }
  | { code: 'expectation_key'; key: string; index: number };

/** A factor set is refused when its weights do not sum to 100% (naming the sum) or a key repeats. */
export const factorSetIssues = (factors: readonly IndexFactor[]): FactorSetIssue[] => {
  const issues: FactorSetIssue[] = [];
  if (factors.length === 0) return [{ code: 'no_factors' }];
  const seen = new Set<string>();
  factors.forEach((f, index) => {
    if (seen.has(f.key)) issues.push({ code: 'duplicate_factor', key: f.key, index });
    if (f.key.endsWith(expectationSuffix)) issues.push({ code: 'expectation_key', key: f.key, index });
    seen.add(f.key);
  });
  const sum = weightSum(factors);
  if (sum !== 100) issues.push({ code: 'weights_sum', sum });
  return issues;
};

export const factorSetIssueMessage = (locale: 'zh-CN' | 'en', issue: FactorSetIssue): string => {
  const zh = locale === 'zh-CN';
  switch (issue.code) {
    case 'weights_sum':
      return zh
        ? `各因子权重之和须为 100%，当前为 ${issue.sum}%`
        : `The factors' weights must sum to 100%; they sum to ${issue.sum}%`;
    case 'duplicate_factor':
      return zh ? `因子 ${issue.key} 重复` : `Factor ${issue.key} appears twice`;
    case 'expectation_key':
      return zh
        ? `因子 ${issue.key} 不能以 _expect 结尾（该后缀表示期望值题目）`
        : `Factor ${issue.key} cannot end in _expect (the suffix marks expectation questions)`;
    case 'no_factors':
      return zh ? '请至少设置一个因子' : 'Add at least one factor';
  }
};

export class WeightSumError extends Error {
  constructor(readonly sum: number) {
    super(`factor weights sum to ${sum}%, not 100%`);
  }
}

/**
 * The index on 0–1000: Σ wᵢ × scoreᵢ with Σ wᵢ = 100% (ch5-7 §1.5). A factor without answers (null) leaves
 * the index over the factors that have them, their weights scaled up to 100% (`coverage` says how much of
 * the weight was measured); no factor measured gives null. Weights that do not sum to 100% are refused.
 */
export const weightedIndex = (
  factors: readonly IndexFactor[],
  scores: Readonly<Record<string, number | null | undefined>>,
): { index: number | null; coverage: number } => {
  const sum = weightSum(factors);
  if (sum !== 100) throw new WeightSumError(sum);
  let weight = 0;
  let total = 0;
  for (const f of factors) {
    const s = scores[f.key];
    if (s === null || s === undefined) continue;
    weight += f.weight;
    total += f.weight * Math.min(1000, Math.max(0, s));
  }
  if (weight === 0) return { index: null, coverage: 0 };
  return { index: Math.round((total / weight) * 10) / 10, coverage: Math.round(weight * 10) / 10 };
};

/** CSAT (客户满意率, ch3-4 §5): (very satisfied + satisfied) ÷ successful follow-ups, in percent. */
export const csat = (n: { verySatisfied: number; satisfied: number; successful: number }): number | null =>
  n.successful === 0 ? null : Math.round(((n.verySatisfied + n.satisfied) / n.successful) * 1000) / 10;

/** How a 0–10 answer counts for NPS: 9–10 promoter, 7–8 passive, 0–6 detractor. */
export const npsClass = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/** NPS in points (−100…100): % promoters (9–10) − % detractors (0–6), one decimal. */
export const nps = (scores: readonly number[]): number | null => {
  if (scores.length === 0) return null;
  const promoters = scores.filter((s) => npsClass(s) === 'promoter').length;
  const detractors = scores.filter((s) => npsClass(s) === 'detractor').length;
  return npsOf({ promoters, detractors, answers: scores.length });
};
export const npsOf = (n: { promoters: number; detractors: number; answers: number }): number | null =>
  n.answers === 0 ? null : Math.round(((n.promoters - n.detractors) / n.answers) * 1000) / 10;

/**
 * 客户满意度 = 客户体验 − 客户期望 (ch5-7 §1.1), both on the same scale: 0 basically satisfied, above 0 more
 * than worth it (物超所值), below 0 dissatisfied.
 */
export const gapVerdicts = ['basic', 'delighted', 'dissatisfied'] as const;
export type GapVerdict = (typeof gapVerdicts)[number];
export const satisfactionGap = (experience: number, expectation: number): { gap: number; verdict: GapVerdict } => {
  const gap = Math.round((experience - expectation) * 10) / 10;
  return { gap, verdict: gap === 0 ? 'basic' : gap > 0 ? 'delighted' : 'dissatisfied' };
};
/** A question whose factor is `<factor>_expect` asks the expectation of that factor. */
export const expectationSuffix = '_expect';

/** The gap over the factors that have both an experience and an expectation score (their mean). */
export const gapOf = (scores: Readonly<Record<string, number | null | undefined>>): number | null => {
  const gaps: number[] = [];
  for (const [key, expected] of Object.entries(scores)) {
    if (!key.endsWith(expectationSuffix) || expected === null || expected === undefined) continue;
    const experienced = scores[key.slice(0, -expectationSuffix.length)];
    if (experienced === null || experienced === undefined) continue;
    gaps.push(experienced - expected);
  }
  return gaps.length === 0 ? null : Math.round((gaps.reduce((a, b) => a + b, 0) / gaps.length) * 10) / 10;
};

// ——— The API's shapes ———

export const factorSet = z.object({
  id: z.uuid().nullable(),
  kind: z.enum(indexKinds),
  /** 0: the shipped preset (no tenant version yet). */
  number: z.number().int(),
  name: z.string(),
  factors: z.array(indexFactor),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  /** Answers have been summed with it (a saved version is never edited; a new one supersedes it). */
  current: z.boolean(),
});
export type FactorSet = z.infer<typeof factorSet>;
export const factorSetList = z.object({ items: z.array(factorSet) });

export const factorSetInput = z.object({
  kind: z.enum(indexKinds),
  name: z.string().trim().min(1).max(100),
  factors: z.array(indexFactor).min(1).max(20),
});
export type FactorSetInput = z.input<typeof factorSetInput>;

export const indexDimensions = ['store', 'advisor', 'service_type'] as const;
export type IndexDimension = (typeof indexDimensions)[number];
export const indexPeriods = ['week', 'month'] as const;
export type IndexPeriod = (typeof indexPeriods)[number];

export const figuresQuery = z.strictObject({
  from: isoDay,
  to: isoDay,
  period: z.enum(indexPeriods).default('month'),
  by: z.enum(indexDimensions).default('store'),
  storeId: z.uuid().optional(),
});
export type FiguresQuery = z.input<typeof figuresQuery>;

export const figureRow = z.object({
  period: z.string(),
  /** The store, advisor (staff id or the repair order's name) or service type; null: not known. */
  key: z.string().nullable(),
  label: z.string().nullable(),
  responses: z.number().int(),
  csatAnswers: z.number().int(),
  csat: z.number().nullable(),
  verySatisfied: z.number().nullable(),
  npsAnswers: z.number().int(),
  nps: z.number().nullable(),
  csi: z.number().nullable(),
  csiCoverage: z.number(),
  ssi: z.number().nullable(),
  ssiCoverage: z.number(),
  gap: z.number().nullable(),
  factors: z.record(z.string(), z.number()),
});
export type FigureRow = z.infer<typeof figureRow>;
export const figures = z.object({
  rows: z.array(figureRow),
  csi: factorSet,
  ssi: factorSet,
});
export type Figures = z.infer<typeof figures>;

export const kpiDimensions = ['store', 'agent', 'advisor'] as const;
export type KpiDimension = (typeof kpiDimensions)[number];
export const kpiQuery = z.strictObject({
  from: isoDay,
  to: isoDay,
  period: z.enum(indexPeriods).default('month'),
  by: z.enum(kpiDimensions).default('store'),
  storeId: z.uuid().optional(),
});
export type KpiQuery = z.input<typeof kpiQuery>;

/** The follow-up KPIs of ch3-4 §5 for one period and one store / agent / advisor. */
export const kpiRow = z.object({
  period: z.string(),
  key: z.string().nullable(),
  label: z.string().nullable(),
  /** Calls that fell due, and of them completed: the follow-up rate (target 100%). */
  callsDue: z.number().int(),
  callsCompleted: z.number().int(),
  followUpRate: z.number().nullable(),
  /** Attempts, and those someone answered: the connection rate. */
  attempts: z.number().int(),
  connected: z.number().int(),
  connectionRate: z.number().nullable(),
  /** Wrong / disconnected / empty numbers found, and the share of dialled numbers that were right. */
  wrongNumbers: z.number().int(),
  recordAccuracy: z.number().nullable(),
  /** Satisfaction over successful follow-ups (target ≥ 90%), and the very-satisfied share. */
  successful: z.number().int(),
  satisfactionRate: z.number().nullable(),
  verySatisfiedRate: z.number().nullable(),
  /** Completed calls per agent per working day (ch3-4 §5: ≥ 50 for a short survey). */
  agentDays: z.number().int(),
  productivity: z.number().nullable(),
  /** Hot alerts closed in the period, those closed by their due time, and the share (docs/recovery.md). */
  recoveryClosed: z.number().int(),
  recoveryOnTime: z.number().int(),
  recoveryOnTimeRate: z.number().nullable(),
});
export type KpiRow = z.infer<typeof kpiRow>;
export const dissatisfactionReason = z.object({
  reason: z.string(),
  label: z.string(),
  count: z.number().int(),
  share: z.number(),
});
export type DissatisfactionReason = z.infer<typeof dissatisfactionReason>;
export const kpis = z.object({
  rows: z.array(kpiRow),
  reasons: z.array(dissatisfactionReason),
  targets: z.object({ followUpRate: z.number(), satisfactionRate: z.number(), productivity: z.number() }),
});
export type Kpis = z.infer<typeof kpis>;
export const kpiTargets = { followUpRate: 100, satisfactionRate: 90, productivity: 50 } as const;
