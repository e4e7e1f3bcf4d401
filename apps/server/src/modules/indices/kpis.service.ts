import { csat, kpiQuery, kpiTargets, type KpiQuery, type KpiRow, type Kpis, type Locale } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { tenantCompactDay } from '../../platform/time/tenant-zone.ts';
import type { XlsxSheet } from '../imports/xlsx-out.ts';
import { groupsOf, labelsFor, rangeOf, scopedStore } from './indices.service.ts';
import * as q from './kpis.queries.ts';
import { recoveryOnTimeByPeriod } from '../recovery/alerts.service.ts';

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** The follow-up KPIs of ch3-4 §5 per period and store / agent / advisor, and the ranked reasons. */
export const kpis = async (ctx: StaffCtx, raw: KpiQuery): Promise<Kpis> => {
  const query = kpiQuery.parse(raw);
  const storeId = scopedStore(ctx, query.storeId);
  const range = await rangeOf(ctx, query.from, query.to);
  const input = { tenantId: ctx.tenantId, ...range, period: query.period, by: query.by, storeId };
  const [due, attempts, sat, reasons] = [
    await q.callsDue(ctx.sql, input),
    await q.attemptCounts(ctx.sql, input),
    await q.callSatisfaction(ctx.sql, input),
    await q.dissatisfactionReasons(ctx.sql, input),
  ];
  const recovery = await recoveryOnTimeByPeriod(ctx, input, query.by === 'store' ? 'store' : 'person');
  const { groups, groupOf } = groupsOf<KpiRow & { very: number; satisfied: number; completedAttempts: number }>(
    (period, key) => ({
      period,
      key,
      label: null,
      callsDue: 0,
      callsCompleted: 0,
      followUpRate: null,
      attempts: 0,
      connected: 0,
      connectionRate: null,
      wrongNumbers: 0,
      recordAccuracy: null,
      successful: 0,
      satisfactionRate: null,
      verySatisfiedRate: null,
      agentDays: 0,
      productivity: null,
      recoveryClosed: 0,
      recoveryOnTime: 0,
      recoveryOnTimeRate: null,
      very: 0,
      satisfied: 0,
      completedAttempts: 0,
    }),
  );
  for (const r of due) Object.assign(groupOf(r.period, r.gkey), { callsDue: r.due, callsCompleted: r.completed });
  for (const r of attempts)
    Object.assign(groupOf(r.period, r.gkey), {
      attempts: r.attempts,
      connected: r.connected,
      wrongNumbers: r.bad,
      completedAttempts: r.completed,
      agentDays: r.agent_days,
    });
  for (const r of recovery)
    Object.assign(groupOf(r.period, r.gkey), { recoveryClosed: r.closed, recoveryOnTime: r.on_time });
  for (const r of sat)
    Object.assign(groupOf(r.period, r.gkey), { successful: r.answers, very: r.very, satisfied: r.satisfied });
  const labels = await labelsFor(
    ctx,
    query.by,
    [...groups.values()].map((g) => g.key),
  );
  const rows = [...groups.values()]
    .sort((a, b) => a.period.localeCompare(b.period) || (a.key ?? '').localeCompare(b.key ?? ''))
    .map(({ very, satisfied, completedAttempts, ...g }): KpiRow => ({
      ...g,
      label: g.key === null ? null : (labels.get(g.key) ?? null),
      followUpRate: rate(g.callsCompleted, g.callsDue),
      connectionRate: rate(g.connected, g.attempts),
      recordAccuracy: rate(g.connected, g.connected + g.wrongNumbers),
      satisfactionRate: csat({ verySatisfied: very, satisfied, successful: g.successful }),
      verySatisfiedRate: csat({ verySatisfied: very, satisfied: 0, successful: g.successful }),
      productivity: g.agentDays === 0 ? null : Math.round((completedAttempts / g.agentDays) * 10) / 10,
      recoveryOnTimeRate: rate(g.recoveryOnTime, g.recoveryClosed),
    }));
  const total = reasons.reduce((s, r) => s + r.n, 0);
  return {
    rows,
    reasons: reasons.map((r) => ({
      reason: r.reason,
      label: r.label ?? r.reason,
      count: r.n,
      share: rate(r.n, total) ?? 0,
    })),
    targets: { ...kpiTargets },
  };
};

const words = {
  'zh-CN': {
    sheet: '回访KPI',
    file: '回访KPI',
    reasons: '不满意原因',
    dims: { store: '门店', agent: '回访专员', advisor: '服务顾问' },
    unknown: '未关联',
    columns: [
      '周期',
      '',
      '应回访',
      '已完成',
      '回访率%',
      '拨打次数',
      '接通',
      '接通率%',
      '错号/停机/空号',
      '档案准确率%',
      '成功回访',
      '满意率%',
      '非常满意率%',
      '人天',
      '人均日完成',
      '补救预警已关闭',
      '按时处理率%',
    ],
    reasonColumns: ['原因', '次数', '占比%'],
  },
  en: {
    sheet: 'Follow-up KPIs',
    file: 'follow-up-kpis',
    reasons: 'Dissatisfaction reasons',
    dims: { store: 'Store', agent: 'Agent', advisor: 'Advisor' },
    unknown: 'Not linked',
    columns: [
      'Period',
      '',
      'Calls due',
      'Completed',
      'Follow-up rate %',
      'Attempts',
      'Connected',
      'Connection rate %',
      'Wrong/disconnected/empty',
      'Record accuracy %',
      'Successful follow-ups',
      'Satisfaction rate %',
      'Very satisfied %',
      'Agent-days',
      'Completed per agent-day',
      'Hot alerts closed',
      'Recovery on time %',
    ],
    reasonColumns: ['Reason', 'Count', 'Share %'],
  },
} satisfies Record<Locale, unknown>;

/**
 * The KPIs as a spreadsheet: one sheet, the KPI rows, a blank row, then the reasons ranked. Read in the
 * request's transaction (the rows are few: periods × stores or people); audited.
 */
export const kpiSheet = async (ctx: StaffCtx, raw: KpiQuery): Promise<XlsxSheet> => {
  const query = kpiQuery.parse(raw);
  const data = await kpis(ctx, query);
  const w = words[ctx.request.locale];
  await audit(ctx, {
    action: 'index.kpis_exported',
    details: { from: query.from, to: query.to, period: query.period, by: query.by, rows: data.rows.length },
  });
  const day = await tenantCompactDay(ctx, ctx.clock.now());
  const rows: (string | number | null)[][] = data.rows.map((r) => [
    r.period,
    r.label ?? w.unknown,
    r.callsDue,
    r.callsCompleted,
    r.followUpRate,
    r.attempts,
    r.connected,
    r.connectionRate,
    r.wrongNumbers,
    r.recordAccuracy,
    r.successful,
    r.satisfactionRate,
    r.verySatisfiedRate,
    r.agentDays,
    r.productivity,
    r.recoveryClosed,
    r.recoveryOnTimeRate,
  ]);
  const reasonRows = [[], [w.reasons], w.reasonColumns, ...data.reasons.map((r) => [r.label, r.count, r.share])];
  return {
    fileName: `${w.file}-${day}.xlsx`,
    fallbackName: `follow-up-kpis-${day}.xlsx`,
    sheetName: w.sheet,
    columns: w.columns.map((header, i) => ({ header: i === 1 ? w.dims[query.by] : header, width: i < 2 ? 16 : 12 })),
    pages: (async function* () {
      yield rows;
      yield reasonRows;
    })(),
  };
};
