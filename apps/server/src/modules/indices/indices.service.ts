import {
  csat,
  factorSetIssueMessage,
  factorSetIssues,
  gapOf,
  indexKinds,
  indexPresets,
  npsOf,
  weightedIndex,
  type FactorSet,
  type FactorSetInput,
  type FigureRow,
  type Figures,
  type FiguresQuery,
  type IndexKind,
} from '@m4s/contracts';
import { factorSetInput, figuresQuery } from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { storeScope } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { addDays, dayBounds } from '../../platform/time/zone.ts';
import { storeNames } from '../stores/stores.service.ts';
import { figureRows, staffNames } from './figures.queries.ts';
import * as q from './indices.queries.ts';

const toSet = (row: q.FactorSetRow, current: boolean): FactorSet => ({
  id: row.id,
  kind: row.kind,
  number: row.number,
  name: row.name,
  factors: row.factors,
  createdAt: row.createdAt.toISOString(),
  createdBy: row.createdBy,
  current,
});
const preset = (kind: IndexKind): FactorSet => ({
  id: null,
  kind,
  number: 0,
  name: indexPresets[kind].name,
  factors: [...indexPresets[kind].factors],
  createdAt: null,
  createdBy: null,
  current: true,
});

/** Every version, newest first per kind; a kind the tenant has not saved shows its preset (number 0). */
export const factorSets = async (ctx: StaffCtx): Promise<{ items: FactorSet[] }> => {
  const rows = await q.listFactorSets(ctx.db, ctx.tenantId);
  const items = indexKinds.flatMap((kind) => {
    const mine = rows.filter((r) => r.kind === kind);
    return mine.length === 0 ? [preset(kind)] : mine.map((r, i) => toSet(r, i === 0));
  });
  return { items };
};

/**
 * A new version of a factor set: refused (400, naming the sum or the factor) when the weights do not sum to
 * 100% or a key repeats; the version before stays as it was, superseded.
 */
export const saveFactorSet = async (ctx: StaffCtx, raw: FactorSetInput): Promise<FactorSet> => {
  const input = factorSetInput.parse(raw);
  const issues = factorSetIssues(input.factors);
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: issues.map((issue) => ({
        path: 'index' in issue ? `factors.${issue.index}.key` : 'factors',
        message: factorSetIssueMessage(ctx.request.locale, issue),
      })),
    });
  }
  const number = (await q.lastNumber(ctx.db, ctx.tenantId, input.kind)) + 1;
  const row = await q.insertFactorSet(ctx.db, {
    tenantId: ctx.tenantId,
    kind: input.kind,
    number,
    name: input.name,
    factors: input.factors,
    createdAt: ctx.clock.now(),
    createdBy: ctx.actor.id,
  });
  await audit(ctx, {
    action: 'index.factor_set_saved',
    target: { type: 'index_factor_set', id: row.id },
    details: { kind: input.kind, number, factors: input.factors.length },
  });
  return toSet(row, true);
};

/** The store a request may see: a store role its own (another is 403), a group role any or all. */
export const scopedStore = (ctx: StaffCtx, asked: string | undefined): string | null => {
  const own = storeScope(ctx.actor);
  if (own && asked && asked !== own) throw new AppError('FORBIDDEN');
  return own ?? asked ?? null;
};

/** [from 00:00, the day after `to` 00:00) in the tenant's zone; `to` before `from` is a 400. */
export const rangeOf = async (ctx: StaffCtx, from: string, to: string) => {
  if (to < from) throw AppError.field('to', 'date_range_order');
  const zone = await tenantZone(ctx);
  return { zone, from: dayBounds(from, zone).from, to: dayBounds(addDays(to, 1), zone).from };
};

/** Names for the group keys: stores, staff, an imported advisor's name ('name:…'); service types stay keys. */
export const labelsFor = async (ctx: StaffCtx, by: string, keys: (string | null)[]) => {
  const known = keys.filter((k): k is string => k !== null);
  if (by === 'store') return await storeNames(ctx);
  if (by === 'service_type') return new Map(known.map((k) => [k, k]));
  const ids = known.filter((k) => /^[0-9a-f-]{36}$/.test(k));
  const names = await staffNames(ctx.sql, ctx.tenantId, ids);
  for (const k of known) if (k.startsWith('name:')) names.set(k, k.slice(5));
  return names;
};

/** Rows by period and group key, made on first sight. */
export const groupsOf = <T>(make: (period: string, key: string | null) => T) => {
  const groups = new Map<string, T>();
  const groupOf = (period: string, key: string | null): T => {
    const id = `${period}|${key ?? ''}`;
    const found = groups.get(id);
    if (found) return found;
    const made = make(period, key);
    groups.set(id, made);
    return made;
  };
  return { groups, groupOf };
};

/** CSAT, NPS, CSI, SSI and the gap per period and store / advisor / service type (docs/indices.md). */
export const figures = async (ctx: StaffCtx, raw: FiguresQuery): Promise<Figures> => {
  const query: z.output<typeof figuresQuery> = figuresQuery.parse(raw);
  const storeId = scopedStore(ctx, query.storeId);
  const range = await rangeOf(ctx, query.from, query.to);
  const rows = await figureRows(ctx.sql, {
    tenantId: ctx.tenantId,
    ...range,
    period: query.period,
    by: query.by,
    storeId,
  });
  const sets = (await factorSets(ctx)).items.filter((s) => s.current);
  const [csiSet, ssiSet] = [
    sets.find((s) => s.kind === 'csi') ?? preset('csi'),
    sets.find((s) => s.kind === 'ssi') ?? preset('ssi'),
  ];
  const { groups, groupOf } = groupsOf<FigureRow>((period, key) => ({
    period,
    key,
    label: null,
    responses: 0,
    csatAnswers: 0,
    csat: null,
    verySatisfied: null,
    npsAnswers: 0,
    nps: null,
    csi: null,
    csiCoverage: 0,
    ssi: null,
    ssiCoverage: 0,
    gap: null,
    factors: {},
  }));
  for (const r of rows) {
    const g = groupOf(r.period, r.gkey);
    if (r.row_kind === 'factor' && r.factor && r.score !== null) {
      g.factors[r.factor] = Math.round(r.score * 10) / 10;
      continue;
    }
    g.responses = r.n;
    g.csatAnswers = r.sat_answers;
    g.csat = csat({ verySatisfied: r.very, satisfied: r.satisfied, successful: r.sat_answers });
    g.verySatisfied = csat({ verySatisfied: r.very, satisfied: 0, successful: r.sat_answers });
    g.npsAnswers = r.nps_answers;
    g.nps = npsOf({ promoters: r.promoters, detractors: r.detractors, answers: r.nps_answers });
  }
  const labels = await labelsFor(
    ctx,
    query.by,
    [...groups.values()].map((g) => g.key),
  );
  for (const g of groups.values()) {
    const csi = weightedIndex(csiSet.factors, g.factors);
    const ssi = weightedIndex(ssiSet.factors, g.factors);
    Object.assign(g, {
      label: g.key === null ? null : (labels.get(g.key) ?? null),
      csi: csi.index,
      csiCoverage: csi.coverage,
      ssi: ssi.index,
      ssiCoverage: ssi.coverage,
      gap: gapOf(g.factors),
    });
  }
  return { rows: [...groups.values()], csi: csiSet, ssi: ssiSet };
};
