// The KPI board, its breakdowns, targets and improvement plans (docs/kpis.md). Every figure is read from
// the two rollups (never the repair orders); CSAT and NPS come from the indices module as it computes them.
import { randomUUID } from 'node:crypto';
import {
  kpiBreakdownQuery,
  kpiDefinition,
  kpiDefinitions,
  kpiPlanBody,
  kpiPlanPatch,
  kpiScopeQuery,
  kpiTargetBody,
  kpiValue,
  meetsTarget,
  type KpiBoard,
  type KpiBreakdown,
  type KpiBreakdownQuery,
  type KpiDefinition,
  type KpiFigure,
  type KpiMeasure,
  type KpiPlan,
  type KpiPlanBody,
  type KpiScopeQuery,
  type KpiTarget,
  type KpiTargetBody,
} from '@m4s/contracts';
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { storeScope } from '../../platform/auth/permissions.ts';
import { addMonths } from '../../platform/time/zone.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { figures, labelsFor } from '../indices/indices.service.ts';
import { storeNames } from '../stores/stores.service.ts';
import * as q from './kpis.queries.ts';
import { zeroId } from './snapshot.queries.ts';
import { lastDayOf, monthOf } from './snapshot.service.ts';

type Measures = Partial<Record<KpiMeasure, number>>;
const groupBy = <T>(rows: T[], key: (r: T) => string) => {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
};

/** The scope a request may see: a store role its own store (another is 403), a group role any or all. */
export const scopeOf = (ctx: StaffCtx, query: { storeId?: string; advisorId?: string }): q.Scope => {
  const own = storeScope(ctx.actor);
  if (own && query.storeId && query.storeId !== own) throw new AppError('FORBIDDEN');
  return { tenantId: ctx.tenantId, storeId: own ?? query.storeId ?? null, advisorId: query.advisorId ?? null };
};

/** The month asked for (YYYY-MM) as its first day, the current month in the tenant's zone by default. */
export const monthFor = async (ctx: StaffCtx, month: string | undefined) =>
  month ? `${month}-01` : monthOf(await tenantToday(ctx));

const fromSnapshot = (r: q.CustomerSums | undefined): Measures => (r ? { ...r, retained_x4: r.retained * 4 } : {});
const fromVisits = (rows: q.VisitSums[], type: string | undefined): Measures => {
  const of = rows.filter((r) => r.ro_type === type);
  const sum = (k: 'orders' | 'revenue_fen' | 'parts_cost_fen') => of.reduce((s, r) => s + r[k], 0);
  return {
    orders: sum('orders'),
    revenue_fen: sum('revenue_fen'),
    gross_fen: sum('revenue_fen') - sum('parts_cost_fen'),
  };
};
const ratioParts = (def: KpiDefinition, m: Measures) => ({
  numerator: def.denominator === null ? null : (m[def.numerator as KpiMeasure] ?? 0),
  denominator: def.denominator === null ? null : (m[def.denominator] ?? 0),
});

/** CSAT and NPS of a month from the indices module (store rows combined by their answers: exact for both). */
const satisfaction = async (ctx: StaffCtx, month: string, s: q.Scope) => {
  const to = lastDayOf(month);
  const by = s.advisorId ? 'advisor' : 'store';
  const data = await figures(ctx, { from: month, to, period: 'month', by, storeId: s.storeId ?? undefined });
  const rows = data.rows.filter((r) => !s.advisorId || r.key === s.advisorId);
  const weigh = (value: 'csat' | 'nps', n: 'csatAnswers' | 'npsAnswers') => {
    const answered = rows.filter((r) => r[value] !== null && r[n] > 0);
    const total = answered.reduce((a, r) => a + r[n], 0);
    return total === 0 ? null : Math.round((answered.reduce((a, r) => a + r[value]! * r[n], 0) / total) * 100) / 100;
  };
  return { csat: weigh('csat', 'csatAnswers'), nps: weigh('nps', 'npsAnswers') };
};

type TargetMap = Map<string, { target: number; source: 'store' | 'tenant' }>;
const targetMap = async (ctx: StaffCtx): Promise<TargetMap> => {
  const map: TargetMap = new Map();
  for (const t of await q.targetsOf(ctx.sql, ctx.tenantId))
    map.set(`${t.kpi}|${t.store_id ?? ''}`, { target: t.target, source: t.store_id ? 'store' : 'tenant' });
  return map;
};
/** The store's own target, else the tenant's, else the KPI's default (seed 002). */
export const targetFor = (def: KpiDefinition, targets: TargetMap, storeId: string | null) => {
  const hit = (storeId && targets.get(`${def.id}|${storeId}`)) || targets.get(`${def.id}|`);
  if (hit) return hit;
  return def.defaultTarget === null
    ? { target: null, source: 'none' as const }
    : { target: def.defaultTarget, source: 'default' as const };
};

const planOut = (p: q.PlanRow): KpiPlan => ({
  id: p.id,
  kpi: p.kpi,
  storeId: p.store_id,
  storeName: p.store_name,
  ownerId: p.owner_id,
  ownerName: p.owner_name,
  title: p.title,
  baseline: p.baseline,
  target: p.target,
  startsOn: p.starts_on,
  dueOn: p.due_on,
  status: p.status,
  note: p.note,
  createdAt: p.created_at.toISOString(),
});

/** Every KPI of the month against its target, with the month before and the same month a year ago. */
export const board = async (ctx: StaffCtx, raw: KpiScopeQuery): Promise<KpiBoard> => {
  const query = kpiScopeQuery.parse(raw);
  const s = scopeOf(ctx, query);
  const month = await monthFor(ctx, query.month);
  const months = { now: month, previous: addMonths(month, -1), lastYear: addMonths(month, -12) };
  const list = Object.values(months);
  const snap = new Map((await q.snapshotSums(ctx.sql, s, list, 'month')).map((r) => [r.gkey, r]));
  const visits = await q.visitRollupSums(ctx.sql, s, list, 'month');
  const sat = Object.fromEntries(await Promise.all(list.map(async (m) => [m, await satisfaction(ctx, m, s)] as const)));
  const targets = await targetMap(ctx);
  const plans = (await q.plansOf(ctx.sql, ctx.tenantId, {})).filter(
    (p) => p.status !== 'done' && (s.storeId === null ? true : p.store_id === s.storeId || p.store_id === null),
  );
  const measuresOf = (def: KpiDefinition, m: string): Measures =>
    def.source === 'visits'
      ? fromVisits(
          visits.filter((r) => r.gkey === m),
          def.visitType,
        )
      : fromSnapshot(snap.get(m));
  const valueOf = (def: KpiDefinition, m: string) =>
    def.source === 'indices' ? sat[m]![def.numerator as 'csat' | 'nps'] : kpiValue(def, measuresOf(def, m));
  const items = kpiDefinitions.map((def): KpiFigure => {
    const actual = valueOf(def, months.now);
    const t = targetFor(def, targets, s.storeId);
    const parts =
      def.source === 'indices' ? { numerator: null, denominator: null } : ratioParts(def, measuresOf(def, months.now));
    return {
      id: def.id,
      actual,
      ...parts,
      target: t.target,
      targetSource: t.source,
      meets: meetsTarget(def, actual, t.target),
      previous: valueOf(def, months.previous),
      lastYear: valueOf(def, months.lastYear),
      asOf: def.source === 'customers' ? (snap.get(months.now)?.as_of ?? null) : null,
      plans: plans.filter((p) => p.kpi === def.id).map(planOut),
    };
  });
  return { month: month.slice(0, 7), items };
};

const ageLabels: Record<string, string> = { '-1': '?', '10': '10+' };
/** One KPI by store, advisor, vehicle-age band or loyalty grade: each row's value and its share of the whole. */
export const breakdown = async (ctx: StaffCtx, kpi: string, raw: KpiBreakdownQuery): Promise<KpiBreakdown> => {
  const query = kpiBreakdownQuery.parse(raw);
  const def = kpiDefinition(kpi);
  if (!def) throw new AppError('NOT_FOUND');
  if (def.source === 'indices') throw AppError.field('kpi', 'kpi_no_breakdown');
  const s = scopeOf(ctx, query);
  const month = await monthFor(ctx, query.month);
  const measures: { key: string; m: Measures }[] =
    def.source === 'visits'
      ? [...groupBy(await q.visitRollupSums(ctx.sql, s, [month], query.by), (r) => r.gkey)].map(([key, rows]) => ({
          key,
          m: fromVisits(rows, def.visitType),
        }))
      : (await q.snapshotSums(ctx.sql, s, [month], query.by)).map((r) => ({ key: r.gkey, m: fromSnapshot(r) }));
  const total: Measures = {};
  for (const { m } of measures)
    for (const [k, v] of Object.entries(m) as [KpiMeasure, number][]) total[k] = (total[k] ?? 0) + v;
  const labels =
    query.by === 'store'
      ? await storeNames(ctx)
      : query.by === 'advisor'
        ? await labelsFor(
            ctx,
            'advisor',
            measures.map((r) => r.key).filter((k) => k !== zeroId),
          )
        : new Map<string, string>();
  const rowOf = (key: string, m: Measures) => {
    const parts = ratioParts(def, m);
    const whole = ratioParts(def, total).denominator ?? 0;
    return {
      key,
      label: labels.get(key) ?? (query.by === 'age' ? (ageLabels[key] ?? key) : query.by === 'loyalty' ? key : null),
      actual: kpiValue(def, m),
      numerator: parts.numerator ?? 0,
      denominator: parts.denominator ?? 0,
      share: whole > 0 ? Math.round(((parts.denominator ?? 0) / whole) * 10000) / 100 : null,
    };
  };
  const rows = measures
    .filter((r) => (ratioParts(def, r.m).denominator ?? 0) > 0)
    .map((r) => rowOf(r.key, r.m))
    .sort((a, b) =>
      query.by === 'age' ? Number(a.key) - Number(b.key) : (a.label ?? '').localeCompare(b.label ?? ''),
    );
  return { kpi, month: month.slice(0, 7), by: query.by, total: { ...rowOf('total', total), label: null }, rows };
};

const targetOut = (t: Awaited<ReturnType<typeof q.targetsOf>>[number]): KpiTarget => ({
  kpi: t.kpi,
  storeId: t.store_id,
  target: t.target,
  updatedAt: t.updated_at.toISOString(),
});
export const targets = async (ctx: StaffCtx) => ({ items: (await q.targetsOf(ctx.sql, ctx.tenantId)).map(targetOut) });

/** Sets (or with null removes) the tenant's or a store's target; audited with the old value. */
export const setTarget = async (ctx: StaffCtx, raw: KpiTargetBody) => {
  const body = kpiTargetBody.parse(raw);
  const own = storeScope(ctx.actor);
  if (own && body.storeId !== own) throw new AppError('FORBIDDEN');
  const before = (await q.targetsOf(ctx.sql, ctx.tenantId)).find(
    (t) => t.kpi === body.kpi && t.store_id === body.storeId,
  );
  if (body.target === null) await q.deleteTarget(ctx.sql, ctx.tenantId, body.kpi, body.storeId);
  else
    await q.upsertTarget(ctx.sql, {
      tenantId: ctx.tenantId,
      id: randomUUID(),
      kpi: body.kpi,
      storeId: body.storeId,
      target: body.target,
      by: ctx.actor.id,
      at: ctx.clock.now(),
    });
  await audit(ctx, {
    action: 'kpi.target_set',
    target: body.storeId ? { type: 'store', id: body.storeId } : undefined,
    details: { kpi: body.kpi, storeId: body.storeId, from: before?.target ?? null, to: body.target },
  });
  return targets(ctx);
};

export const plans = async (ctx: StaffCtx, query: { kpi?: string; storeId?: string }) => {
  const own = storeScope(ctx.actor);
  const rows = await q.plansOf(ctx.sql, ctx.tenantId, { kpi: query.kpi, storeId: own ?? query.storeId });
  return { items: rows.map(planOut) };
};

const onePlan = async (ctx: StaffCtx, id: string) => {
  const [row] = await q.plansOf(ctx.sql, ctx.tenantId, { id });
  if (!row) throw new AppError('NOT_FOUND');
  const own = storeScope(ctx.actor);
  if (own && row.store_id !== own) throw new AppError('NOT_FOUND');
  return row;
};

export const createPlan = async (ctx: StaffCtx, raw: KpiPlanBody): Promise<KpiPlan> => {
  const body = kpiPlanBody.parse(raw);
  const own = storeScope(ctx.actor);
  if (own && body.storeId !== own) throw new AppError('FORBIDDEN');
  const id = randomUUID();
  await q.insertPlan(ctx.sql, { tenantId: ctx.tenantId, id, ...body, by: ctx.actor.id, at: ctx.clock.now() });
  await audit(ctx, { action: 'kpi.plan_created', target: { type: 'kpi_plan', id }, details: { kpi: body.kpi } });
  return planOut(await onePlan(ctx, id));
};

export const updatePlan = async (ctx: StaffCtx, id: string, raw: z.input<typeof kpiPlanPatch>): Promise<KpiPlan> => {
  const body = kpiPlanPatch.parse(raw);
  const before = await onePlan(ctx, id);
  if (body.dueOn && body.dueOn < before.starts_on) throw AppError.field('dueOn', 'date_range_order');
  await q.updatePlan(ctx.sql, {
    tenantId: ctx.tenantId,
    id,
    status: body.status ?? null,
    note: body.note,
    dueOn: body.dueOn ?? null,
    at: ctx.clock.now(),
  });
  await audit(ctx, {
    action: 'kpi.plan_updated',
    target: { type: 'kpi_plan', id },
    details: { from: before.status, to: body.status ?? before.status, dueOn: body.dueOn ?? null },
  });
  return planOut(await onePlan(ctx, id));
};
