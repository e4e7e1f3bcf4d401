// The KPI system of chapter 7 (seed 001 ch5-7 §4, issue 18, docs/kpis.md) as data: each KPI names its
// formula, the named measures over which it is computed (numerator and denominator), its unit, direction,
// default target (seed 002 where it gives one), period, lifecycle stage and source line. The arithmetic is
// pure and exact here; the server fills the measures from its rollups, the tests from the textbook.

/** The named measures a KPI is a ratio of (docs/kpis.md, "Measures"): each is one column of a rollup. */
export const kpiMeasures = [
  // The nightly customer snapshot (kpi_customer_months), as of the month's last night.
  'retained',
  'retained_x4',
  'lost',
  'lost_6m',
  'active_12m',
  'repeat_12m',
  'visits_12m',
  'maintenance_12m',
  'lost_at_start',
  'won_back',
  'sold_vehicles',
  'sold_returned',
  'sold_due',
  'first_back',
  'clv_fen',
  // The repair-order rollup (kpi_visit_months), kept by a trigger as orders are written.
  'orders',
  'revenue_fen',
  'gross_fen',
] as const;
export type KpiMeasure = (typeof kpiMeasures)[number];

export const kpiUnits = ['percent', 'times', 'yuan', 'score'] as const;
export type KpiUnit = (typeof kpiUnits)[number];
export const kpiCategories = ['intake', 'profit', 'satisfaction'] as const;
export type KpiCategory = (typeof kpiCategories)[number];
/** The textbook's lifecycle priorities (§4.6): in warranty, 3–5 years, over 5 years; 'all' for the rest. */
export const kpiStages = ['warranty', 'years_3_5', 'over_5', 'all'] as const;
export type KpiStage = (typeof kpiStages)[number];
/** Where a KPI's measures are kept: the customer snapshot, the repair-order rollup, or the indices module. */
export const kpiSources = ['customers', 'visits', 'indices'] as const;
/** Repair-order types a visit KPI is restricted to (null: every type). */
export type KpiVisitType = 'maintenance' | 'general_repair' | 'accident';

export type KpiDefinition = {
  id: string;
  name: { 'zh-CN': string; en: string };
  formula: { 'zh-CN': string; en: string };
  category: KpiCategory;
  numerator: KpiMeasure | 'csat' | 'nps';
  denominator: KpiMeasure | null;
  /** What the ratio is multiplied by before it is shown (100 for a percentage, 1 for times, 0.01 fen → yuan). */
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  defaultTarget: number | null;
  /** 'rolling_year': the 12 months to the month's end (the textbook's yearly figures); 'month': the month. */
  period: 'rolling_year' | 'month';
  stage: KpiStage;
  source: (typeof kpiSources)[number];
  visitType?: KpiVisitType;
  /** Where the textbook (or seed 002) gives it. */
  line: string;
};

const pct = 'percent' as const;
/** Every KPI, in the order of the textbook. */
export const kpiDefinitions: readonly KpiDefinition[] = [
  {
    id: 'first_maintenance_capture',
    name: { 'zh-CN': '首次保养获得率', en: 'First-maintenance capture' },
    formula: { 'zh-CN': '首保回厂车辆 ÷ 本店售出应首保车辆', en: 'first services ÷ cars we sold that are due one' },
    category: 'intake',
    numerator: 'first_back',
    denominator: 'sold_due',
    unit: pct,
    direction: 'higher',
    defaultTarget: 100,
    period: 'rolling_year',
    stage: 'warranty',
    source: 'customers',
    line: 'seed 001 ch7 L3994–4000; seed 002 首保转化率 100%',
  },
  {
    id: 'maintenance_capture',
    name: { 'zh-CN': '保养获得率', en: 'Maintenance capture' },
    formula: { 'zh-CN': '保养台次 ÷ (保有客户数 × 4)', en: 'maintenance visits ÷ (retained customers × 4)' },
    category: 'intake',
    numerator: 'maintenance_12m',
    denominator: 'retained_x4',
    unit: pct,
    direction: 'higher',
    defaultTarget: null,
    period: 'rolling_year',
    stage: 'warranty',
    source: 'customers',
    line: 'seed 001 ch7 L4002–4008',
  },
  {
    id: 'service_retention',
    name: { 'zh-CN': '服务保持率', en: 'Service retention' },
    formula: {
      'zh-CN': '本年回厂的本店售出车辆 ÷ 本店售出车辆（按销售年份）',
      en: 'cars we sold that came back this year ÷ cars we sold (by sale year)',
    },
    category: 'intake',
    numerator: 'sold_returned',
    denominator: 'sold_vehicles',
    unit: pct,
    direction: 'higher',
    defaultTarget: null,
    period: 'rolling_year',
    stage: 'all',
    source: 'customers',
    line: 'seed 001 ch7 L4034–4046',
  },
  {
    id: 'return_frequency',
    name: { 'zh-CN': '客户回店频率', en: 'Return frequency' },
    formula: { 'zh-CN': '年维修台次 ÷ 保有客户数', en: 'visits in the year ÷ retained customers' },
    category: 'intake',
    numerator: 'visits_12m',
    denominator: 'retained',
    unit: 'times',
    direction: 'higher',
    defaultTarget: null,
    period: 'rolling_year',
    stage: 'years_3_5',
    source: 'customers',
    line: 'seed 001 ch7 L4047–4053',
  },
  {
    id: 'churn',
    name: { 'zh-CN': '流失率', en: 'Churn' },
    formula: {
      'zh-CN': '流失客户数（一年未回店）÷ 保有客户数',
      en: 'lost customers (no visit for a year) ÷ retained customers',
    },
    category: 'intake',
    numerator: 'lost',
    denominator: 'retained',
    unit: pct,
    direction: 'lower',
    defaultTarget: null,
    period: 'rolling_year',
    stage: 'over_5',
    source: 'customers',
    line: 'seed 001 ch7 L4055–4077',
  },
  {
    id: 'churn_6m',
    name: { 'zh-CN': '流失率（6个月未到店）', en: 'Churn (no visit for 6 months)' },
    formula: { 'zh-CN': '6个月未到店客户 ÷ 保有客户数', en: 'customers not back for 6 months ÷ retained customers' },
    category: 'intake',
    numerator: 'lost_6m',
    denominator: 'retained',
    unit: pct,
    direction: 'lower',
    defaultTarget: 5,
    period: 'rolling_year',
    stage: 'all',
    source: 'customers',
    line: 'seed 002 七(一) 流失率 ≤ 5%',
  },
  {
    id: 'repeat_service',
    name: { 'zh-CN': '复购率', en: 'Repeat service' },
    formula: {
      'zh-CN': '一年内二次到店客户 ÷ 一年内到店客户',
      en: 'customers with a second visit in the year ÷ customers with a visit',
    },
    category: 'intake',
    numerator: 'repeat_12m',
    denominator: 'active_12m',
    unit: pct,
    direction: 'higher',
    defaultTarget: 85,
    period: 'rolling_year',
    stage: 'all',
    source: 'customers',
    line: 'seed 002 七(一) 复购率 ≥ 85%',
  },
  {
    id: 'win_back',
    name: { 'zh-CN': '流失客户挽回率', en: 'Win-back of lost customers' },
    formula: {
      'zh-CN': '年初已流失、本年回店的客户 ÷ 年初已流失客户',
      en: 'customers lost a year ago who came back ÷ customers lost a year ago',
    },
    category: 'intake',
    numerator: 'won_back',
    denominator: 'lost_at_start',
    unit: pct,
    direction: 'higher',
    defaultTarget: 20,
    period: 'rolling_year',
    stage: 'over_5',
    source: 'customers',
    line: 'seed 002 一(二) 流失客户挽回率 20%',
  },
  ...(['maintenance', 'general_repair', 'accident'] as const).flatMap((type): KpiDefinition[] => {
    const zh = { maintenance: '保养', general_repair: '一般维修', accident: '事故维修' }[type];
    const en = { maintenance: 'Maintenance', general_repair: 'General repair', accident: 'Accident repair' }[type];
    const line = { maintenance: 'L4083–4091', general_repair: 'L4093–4101', accident: 'L4103–4111' }[type];
    return [
      {
        id: `revenue_per_visit_${type}`,
        name: { 'zh-CN': `${zh}车单价`, en: `${en} revenue per visit` },
        formula: { 'zh-CN': '维修收入 ÷ 维修台次', en: 'revenue ÷ visits' },
        category: 'profit',
        numerator: 'revenue_fen',
        denominator: 'orders',
        unit: 'yuan',
        direction: 'higher',
        defaultTarget: null,
        period: 'month',
        stage: 'years_3_5',
        source: 'visits',
        visitType: type,
        line: `seed 001 ch7 ${line}`,
      },
      {
        id: `margin_${type}`,
        name: { 'zh-CN': `${zh}毛利率`, en: `${en} margin` },
        formula: { 'zh-CN': '(维修收入 − 配件成本) ÷ 维修收入', en: '(revenue − parts cost) ÷ revenue' },
        category: 'profit',
        numerator: 'gross_fen',
        denominator: 'revenue_fen',
        unit: pct,
        direction: 'higher',
        defaultTarget: null,
        period: 'month',
        stage: 'all',
        source: 'visits',
        visitType: type,
        line: `seed 001 ch7 ${line}`,
      },
    ];
  }),
  {
    id: 'clv',
    name: { 'zh-CN': '客户终身价值（平均）', en: 'Customer lifetime value (average)' },
    formula: { 'zh-CN': '保有客户 CLV 之和 ÷ 保有客户数', en: 'sum of retained customers’ CLV ÷ retained customers' },
    category: 'profit',
    numerator: 'clv_fen',
    denominator: 'retained',
    unit: 'yuan',
    direction: 'higher',
    defaultTarget: null,
    period: 'rolling_year',
    stage: 'all',
    source: 'customers',
    line: 'docs/segments.md (CLV); seed 001 ch7 §4.3',
  },
  {
    id: 'csat',
    name: { 'zh-CN': '客户满意度 CSAT', en: 'CSAT' },
    formula: { 'zh-CN': '满意及以上回答 ÷ 回答（满意度模块）', en: 'satisfied answers ÷ answers (indices module)' },
    category: 'satisfaction',
    numerator: 'csat',
    denominator: null,
    unit: pct,
    direction: 'higher',
    defaultTarget: 90,
    period: 'month',
    stage: 'all',
    source: 'indices',
    line: 'seed 002 七(一) CSAT ≥ 90%; docs/indices.md',
  },
  {
    id: 'nps',
    name: { 'zh-CN': '净推荐值 NPS', en: 'NPS' },
    formula: { 'zh-CN': '推荐者 % − 贬损者 %（满意度模块）', en: 'promoters % − detractors % (indices module)' },
    category: 'satisfaction',
    numerator: 'nps',
    denominator: null,
    unit: 'score',
    direction: 'higher',
    defaultTarget: 50,
    period: 'month',
    stage: 'all',
    source: 'indices',
    line: 'seed 002 七(一) NPS ≥ 50; docs/indices.md',
  },
];

export const kpiIds = kpiDefinitions.map((d) => d.id) as [string, ...string[]];
export const kpiDefinition = (id: string): KpiDefinition | undefined => kpiDefinitions.find((d) => d.id === id);

// ---- The arithmetic. A ratio over nothing is null, never 0. Percentages to two decimals (45.45). ----

const round2 = (n: number) => Math.round(n * 100) / 100;
/** part ÷ whole as a percentage to two decimals: 900 / 1,000 → 90; 5 / 11 → 45.45. */
export const ratePct = (part: number, whole: number): number | null =>
  whole > 0 ? round2((part / whole) * 100) : null;
/** Maintenance capture: visits ÷ (retained × 4) — 12,000 / (5,000 × 4) → 60. */
export const maintenanceCapture = (maintenanceVisits: number, retained: number) =>
  ratePct(maintenanceVisits, retained * 4);
/** Return frequency: visits ÷ retained customers, two decimals — 20,000 / 5,000 → 4. */
export const returnFrequency = (visits: number, retained: number): number | null =>
  retained > 0 ? round2(visits / retained) : null;
/** Revenue per visit in yuan (amounts in fen), two decimals — ¥550,000 / 550 → 1,000. */
export const revenuePerVisitYuan = (revenueFen: number, visits: number): number | null =>
  visits > 0 ? round2(revenueFen / visits / 100) : null;
/** Margin on parts cost only (配件成本, §4.3): (revenue − parts cost) ÷ revenue — ¥550,000 / ¥300,000 → 45.45. */
export const partsMargin = (revenueFen: number, partsCostFen: number) => ratePct(revenueFen - partsCostFen, revenueFen);
/**
 * A segment's share of the retained customers and its own churn (within the segment). The book divides by
 * the whole base but its example's rates are within-segment, and its loyalty example does not add up
 * (0.2·2% + 0.3·5% + 0.5·12% = 7.9%, not the stated 10%): both figures are shown, never forced to agree.
 */
export const segmentChurn = (segment: { retained: number; lost: number }, totalRetained: number) => ({
  share: ratePct(segment.retained, totalRetained),
  rate: ratePct(segment.lost, segment.retained),
  ofTotal: ratePct(segment.lost, totalRetained),
});

/** A KPI's value from its measures (fen, counts); csat/nps come from the indices module as they are. */
export const kpiValue = (def: KpiDefinition, m: Partial<Record<KpiMeasure, number>>): number | null => {
  const n = (k: KpiMeasure) => m[k] ?? 0;
  if (def.denominator === null) return null;
  if (def.id === 'maintenance_capture') return maintenanceCapture(n('maintenance_12m'), n('retained'));
  if (def.unit === 'times') return returnFrequency(n(def.numerator as KpiMeasure), n(def.denominator));
  if (def.unit === 'yuan') return revenuePerVisitYuan(n(def.numerator as KpiMeasure), n(def.denominator));
  return ratePct(n(def.numerator as KpiMeasure), n(def.denominator));
};

/** Whether an actual meets its target, by the KPI's direction; null when either is missing. */
export const meetsTarget = (def: Pick<KpiDefinition, 'direction'>, actual: number | null, target: number | null) =>
  actual === null || target === null ? null : def.direction === 'higher' ? actual >= target : actual <= target;

/** Vehicle-age bands (years since the sale): 0 (first year) … 9, 10 for ten and over, -1 when unknown. */
export const ageBandOf = (purchaseDay: string | null, onDay: string): number => {
  if (!purchaseDay) return -1;
  const [py, pm, pd] = purchaseDay.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDay.split('-').map(Number) as [number, number, number];
  const years = y - py - (m < pm || (m === pm && d < pd) ? 1 : 0);
  return Math.max(0, Math.min(10, years));
};
