import type { CareRuleKey, CareTiming, ContactTopic, Role, TouchChannel, TouchKind } from '@m4s/contracts';

/** One timing field: its allowed range (whole numbers). Out of range is an "impossible timing". */
type Field = { min: number; max: number };

export type RuleDefault = {
  topic: ContactTopic;
  kind: TouchKind;
  channel: TouchChannel;
  taskRole: Role | null;
  timing: CareTiming;
  limits: Record<string, Field>;
  /** Lower goes first when a cap bites: what the visit requires, then reminders, then offers. */
  priority: number;
  anchor: { 'zh-CN': string; en: string };
  /** Line in ../shared/domain the default comes from (docs/care.md lists them). */
  source: string;
  /**
   * Until when the rule's touch still makes sense (a touch held back by a cap waits up to then, then is
   * recorded as expired): `days` after the anchor date's start, or after the moment it was due.
   */
  expires: { after: 'anchor' | 'due'; days: number };
  /** A message rule whose step also gives `taskRole` a call task (seed 002's recall notice + advisor's call). */
  followUpCall?: true;
};

const days = (min: number, max: number): Field => ({ min, max });

/**
 * The maintenance chase (first_maintenance, next_service; care/rule-sql.ts chaseSelection): a message a
 * week before the due day, on the day, 14 and 42 days after, then the service advisor's call at 49 days;
 * cars overdue by more than a year are win-back's.
 */
const chaseTiming = { daysBefore: 7, afterDays1: 14, afterDays2: 42, callAfterDays: 49, stopAfterDays: 365 };
const chaseLimits = {
  daysBefore: days(0, 30),
  afterDays1: days(1, 90),
  afterDays2: days(2, 180),
  callAfterDays: days(3, 270),
  stopAfterDays: days(30, 730),
};

/**
 * Every care rule's default (seed 001 via the domain notes). Follow-up calls go to the role the seed's
 * script speaks as: 3-day call the sales consultant (L2212), 7-day the CS specialist (L2266), 1-month the
 * service advisor (L2305), post-repair the CS specialist (ch3-4 §2.3). Offers (win-back discounts,
 * trade-in) are marketing: an owner who opted out of marketing does not get them; the rest is care.
 */
export const ruleDefaults: Record<CareRuleKey, RuleDefault> = {
  delivery_care: {
    topic: 'follow_up',
    kind: 'care',
    channel: 'call',
    taskRole: 'sales_consultant',
    priority: 10,
    timing: { hoursAfter: 2 },
    limits: { hoursAfter: days(1, 48) },
    anchor: {
      'zh-CN': '新车交车时间（未记录时间的按交车日16:00计）',
      en: 'New-car hand-over time (16:00 on the delivery date when no time was recorded)',
    },
    source: 'seed-001-ch3-4.md §2.2 (交车后2小时关怀回访)',
    expires: { after: 'due', days: 2 },
  },
  follow_up_3d: {
    topic: 'follow_up',
    kind: 'care',
    channel: 'call',
    taskRole: 'sales_consultant',
    priority: 10,
    timing: { daysAfter: 3 },
    limits: { daysAfter: days(1, 14) },
    anchor: { 'zh-CN': '新车交车日', en: 'New-car delivery date' },
    source: 'seed-001-ch1-2.md §6.4 (D+3, L939); seed-001-ch3-4.md §2.2',
    expires: { after: 'due', days: 3 },
  },
  follow_up_7d: {
    topic: 'follow_up',
    kind: 'care',
    channel: 'call',
    taskRole: 'cs_specialist',
    priority: 10,
    timing: { daysAfter: 7 },
    limits: { daysAfter: days(2, 21) },
    anchor: { 'zh-CN': '新车交车日', en: 'New-car delivery date' },
    source: 'seed-001-ch1-2.md §6.4 (D+7, L939); seed-001-ch3-4.md §2.2',
    expires: { after: 'due', days: 7 },
  },
  follow_up_1m: {
    topic: 'follow_up',
    kind: 'care',
    channel: 'call',
    taskRole: 'service_advisor',
    priority: 10,
    timing: { daysAfter: 30 },
    limits: { daysAfter: days(14, 60) },
    anchor: { 'zh-CN': '新车交车日', en: 'New-car delivery date' },
    source: 'seed-001-ch3-4.md §2.2 (1个月回访, L2305)',
    expires: { after: 'due', days: 14 },
  },
  first_maintenance: {
    topic: 'maintenance',
    kind: 'care',
    channel: 'sms',
    taskRole: null,
    priority: 20,
    // months/km: the first interval of a car not yet classified whose brand has no 保养间隔 row (the
    // classified forecast uses the brand's or the platform's, service_intervals). After the due day the
    // chase follows next_service's cadence (afterDays1 … stopAfterDays).
    timing: { daysBefore: 7, months: 3, km: 5000 },
    limits: { daysBefore: days(0, 30), months: days(1, 12), km: days(1000, 15000) },
    anchor: {
      'zh-CN':
        '首保日（按品牌/车系保养间隔，默认交车后3个月或5000公里，以先到者为准）；逾期后按“下次保养提醒”的节奏继续提醒并转服务顾问电话跟进',
      en: 'First service (the brand/series interval, default 3 months or 5,000 km, whichever first); once overdue, chased on the next-service cadence up to an advisor call',
    },
    source: 'seed-001-ch1-2.md §6.4 (L963)',
    // A chase step makes sense for a week after its own day (the next step takes over).
    expires: { after: 'due', days: 7 },
  },
  booking_reminder: {
    topic: 'booking',
    kind: 'transactional',
    channel: 'sms',
    taskRole: null,
    priority: 0,
    timing: { daysBefore: 1 },
    limits: { daysBefore: days(1, 1) },
    anchor: { 'zh-CN': '预约到店时间（前一天18:00）', en: 'Booking start (18:00 the day before)' },
    source: 'seed-001-ch1-2.md §6.4 (L978)',
    expires: { after: 'anchor', days: 0 },
  },
  next_service: {
    topic: 'maintenance',
    kind: 'care',
    channel: 'sms',
    taskRole: null,
    priority: 20,
    timing: chaseTiming,
    limits: chaseLimits,
    anchor: {
      'zh-CN': '预计下次保养日：提前7天、当天、逾期14天、42天提醒，逾期49天转服务顾问电话跟进',
      en: 'Predicted next service: reminded 7 days before, on the day, 14 and 42 days after, then an advisor call at 49 days',
    },
    source: 'seed-001-ch1-2.md §6.4 (L1076, L1151)',
    // A chase step makes sense for a week after its own day (the next step takes over).
    expires: { after: 'due', days: 7 },
  },
  post_repair: {
    topic: 'follow_up',
    kind: 'care',
    channel: 'call',
    taskRole: 'cs_specialist',
    priority: 10,
    timing: { hoursAfter: 24 },
    limits: { hoursAfter: days(1, 72) },
    anchor: { 'zh-CN': '维修保养交车时间', en: 'Workshop visit hand-back time' },
    source: 'seed 002 三(五) (维修后24小时内电话回访); seed-001-ch3-4.md §2.3 (3日内回访, L2077)',
    expires: { after: 'due', days: 3 },
  },
  insurance_30d: {
    topic: 'insurance',
    kind: 'care',
    channel: 'sms',
    taskRole: null,
    priority: 30,
    timing: { daysBefore: 30 },
    limits: { daysBefore: days(8, 60) },
    anchor: { 'zh-CN': '商业险到期日', en: 'Insurance expiry date' },
    source: 'PRODUCT.md §4; seed 002 (保险即将到期提醒)',
    expires: { after: 'anchor', days: 0 },
  },
  insurance_7d: {
    topic: 'insurance',
    kind: 'care',
    channel: 'sms',
    taskRole: null,
    priority: 30,
    timing: { daysBefore: 7 },
    limits: { daysBefore: days(1, 14) },
    anchor: { 'zh-CN': '商业险到期日', en: 'Insurance expiry date' },
    source: 'PRODUCT.md §4; seed 002 (保险即将到期提醒)',
    expires: { after: 'anchor', days: 0 },
  },
  inspection_due: {
    topic: 'inspection',
    kind: 'care',
    channel: 'sms',
    taskRole: null,
    priority: 30,
    timing: { daysBefore: 30 },
    limits: { daysBefore: days(1, 60) },
    anchor: { 'zh-CN': '年检到期日', en: 'Annual inspection due date' },
    source: 'PRODUCT.md §4',
    expires: { after: 'anchor', days: 0 },
  },
  warranty_expiry: {
    topic: 'warranty',
    kind: 'care',
    channel: 'sms',
    taskRole: null,
    priority: 30,
    timing: { daysBefore: 30 },
    limits: { daysBefore: days(1, 90) },
    anchor: {
      'zh-CN': '整车质保到期日：按年限或按预计里程，以先到者为准（已过保的车不发）',
      en: 'Warranty end: by years or by the forecast mileage, whichever first (never to a car out of warranty)',
    },
    source: 'PRODUCT.md §4',
    expires: { after: 'anchor', days: 0 },
  },
  birthday: {
    topic: 'birthday',
    kind: 'care',
    channel: 'sms',
    taskRole: null,
    priority: 40,
    timing: { daysBefore: 0 },
    limits: { daysBefore: days(0, 7) },
    anchor: { 'zh-CN': '客户生日（2月29日在平年按2月28日）', en: 'Birthday (29 Feb → 28 Feb in common years)' },
    source: 'seed-001-ch5-7.md §6 (L4287)',
    expires: { after: 'anchor', days: 1 },
  },
  win_back: {
    topic: 'win_back',
    kind: 'marketing',
    channel: 'sms',
    taskRole: 'service_advisor',
    priority: 50,
    timing: { monthsWithout: 6, everyMonths: 3, steps: 3 },
    limits: { monthsWithout: days(2, 24), everyMonths: days(1, 12), steps: days(1, 6) },
    anchor: {
      'zh-CN': '最近一次进厂日：未进厂满6、9、12个月各一次召回通知，并由服务顾问致电',
      en: 'Last workshop visit: a recall notice at 6, 9 and 12 months without a visit, each with the advisor’s call',
    },
    source: 'seed 002 二(二)4 D类 (6个月未到店：召回通知 + 服务顾问主动致电); seed-001-ch5-7.md §6 (L4281)',
    expires: { after: 'anchor', days: 60 },
    followUpCall: true,
  },
  trade_in: {
    topic: 'trade_in',
    kind: 'marketing',
    channel: 'call',
    taskRole: 'sales_consultant',
    priority: 60,
    timing: { years: 5, km: 150000, everyMonths: 12 },
    limits: { years: days(2, 15), km: days(30000, 600000), everyMonths: days(6, 36) },
    anchor: {
      'zh-CN': '车龄满5年之日或预计里程达到15万公里之日，之后每12个月（购车周年日）',
      en: 'The day the car is 5 years old or its forecast reaches 150,000 km, then every 12 months (purchase anniversary)',
    },
    source: 'seed-001-ch1-2.md §6.4 (L1175, L1211–1213)',
    expires: { after: 'anchor', days: 90 },
  },
  churn_prevention: {
    topic: 'follow_up',
    kind: 'care',
    channel: 'call',
    taskRole: 'service_advisor',
    priority: 40,
    timing: { fromMonth: 12, toMonth: 24 },
    limits: { fromMonth: days(6, 36), toMonth: days(7, 48) },
    anchor: {
      'zh-CN': '购车第二年：进入第二年当天（摇摆客户，或购车后从未回厂的车主）或转为摇摆/流失边缘当天（每车一次）',
      en: 'Year 2: the day the car enters it (swing owners, and owners who never came back since the purchase) or its owner turns swing (once per car)',
    },
    source: 'seed-001-ch3-4.md §3.2; seed 002 (流失风险客户主动挽回)',
    expires: { after: 'anchor', days: 60 },
  },
  declined_service: {
    topic: 'maintenance',
    kind: 'care',
    channel: 'call',
    taskRole: 'service_advisor',
    priority: 30,
    timing: { daysAfter: 30 },
    limits: { daysAfter: days(3, 180) },
    anchor: { 'zh-CN': '客户婉拒估价项目之日', en: 'Date the owner declined estimate lines' },
    source: 'seed-001-ch1-2.md §6.4; PRODUCT.md §4',
    expires: { after: 'anchor', days: 60 },
  },
};

/** booking_reminder is sent by modules/booking's reminder job; the sweep leaves it alone. */
export const sweptRule = (key: CareRuleKey) => key !== 'booking_reminder';

export type RuleIssue = { path: string; key: string };

/**
 * A stored timing read against the rule's fields today: fields the rule no longer has are dropped, missing
 * ones take their default (a tenant tuned before a field existed keeps its other choices).
 */
export const currentTiming = (key: CareRuleKey, stored: CareTiming | null | undefined): CareTiming => {
  const spec = ruleDefaults[key];
  return Object.fromEntries(Object.keys(spec.limits).map((name) => [name, stored?.[name] ?? spec.timing[name] ?? 0]));
};

/**
 * Field issues of a tuned rule: timing fields must be exactly the rule's, whole, inside their range, and
 * consistent (a window that ends before it starts, a "before" offset wider than the anchor window, win-back
 * steps past 24 months); a call needs a role, a message has none unless its rule adds a call to it
 * (win-back: the recall notice and the advisor's call; no role = notice only); a transactional rule
 * cannot become a call.
 */
export const ruleIssues = (
  key: CareRuleKey,
  input: { timing: CareTiming; channel: TouchChannel; taskRole: Role | null },
): RuleIssue[] => {
  const spec = ruleDefaults[key];
  const issues: RuleIssue[] = [];
  for (const name of Object.keys(input.timing))
    if (!(name in spec.limits)) issues.push({ path: `timing.${name}`, key: 'care_timing_unknown' });
  for (const [name, range] of Object.entries(spec.limits)) {
    const value = input.timing[name];
    if (value === undefined) issues.push({ path: `timing.${name}`, key: 'care_timing_missing' });
    else if (value < 0) issues.push({ path: `timing.${name}`, key: 'care_timing_negative' });
    else if (value < range.min || value > range.max) issues.push({ path: `timing.${name}`, key: 'care_timing_range' });
  }
  const t = input.timing;
  if (key === 'first_maintenance' && t.daysBefore !== undefined && t.months !== undefined)
    if (t.daysBefore >= t.months * 28) issues.push({ path: 'timing.daysBefore', key: 'care_timing_window' });
  // The chase's steps come in order: +afterDays1 < +afterDays2 < the call < the stop.
  if (key === 'first_maintenance' || key === 'next_service') {
    const order = ['afterDays1', 'afterDays2', 'callAfterDays', 'stopAfterDays'] as const;
    order.forEach((name, i) => {
      const prev = i > 0 ? t[order[i - 1] as string] : undefined;
      const value = t[name];
      if (prev !== undefined && value !== undefined && value <= prev)
        issues.push({ path: `timing.${name}`, key: 'care_timing_window' });
    });
  }
  if (key === 'churn_prevention' && t.fromMonth !== undefined && t.toMonth !== undefined && t.toMonth <= t.fromMonth)
    issues.push({ path: 'timing.toMonth', key: 'care_timing_window' });
  // Win-back's steps must all fall inside the two years a customer is followed (the last at most 24 months).
  if (key === 'win_back' && [t.monthsWithout, t.everyMonths, t.steps].every((x) => x !== undefined))
    if (Number(t.monthsWithout) + Number(t.everyMonths) * (Number(t.steps) - 1) > 24)
      issues.push({ path: 'timing.steps', key: 'care_timing_steps' });
  if (input.channel === 'call' && !input.taskRole) issues.push({ path: 'taskRole', key: 'care_call_role' });
  if (input.channel !== 'call' && input.taskRole && !spec.followUpCall)
    issues.push({ path: 'taskRole', key: 'care_role_not_call' });
  if (spec.kind === 'transactional' && input.channel === 'call')
    issues.push({ path: 'channel', key: 'care_transactional_call' });
  return issues;
};
