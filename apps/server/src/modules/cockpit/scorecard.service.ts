import {
  defaultScoreWeights,
  roleGrants,
  scoreComponents,
  scoreTargets,
  type CockpitItems,
  type ScoreComponent,
  type ScoreLine,
  type Scorecard,
  type Scorecards,
  type ScoreWeights,
  type ScoreWeightsView,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { storeScope } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { addDays, addMonths, dayBounds, dayIn } from '../../platform/time/zone.ts';
import { figures } from '../indices/indices.service.ts';
import * as q from './cockpit.queries.ts';
import { toItem } from './cockpit.service.ts';
import * as sq from './scorecard.queries.ts';

/** The tenant's weights: its own once saved, seed 002's before. */
export const getWeights = async (ctx: StaffCtx): Promise<ScoreWeightsView> => {
  const row = await sq.savedWeights(ctx.sql, ctx.tenantId);
  if (!row) return { weights: { ...defaultScoreWeights }, isDefault: true, updatedAt: null };
  const { updated_at, ...weights } = row;
  return { weights, isDefault: false, updatedAt: updated_at.toISOString() };
};

/** New weights (the schema refuses any that do not sum to 100); audited with the old and the new. */
export const saveWeights = async (ctx: StaffCtx, weights: ScoreWeights): Promise<ScoreWeightsView> => {
  const before = await getWeights(ctx);
  await sq.upsertWeights(ctx.sql, ctx.tenantId, weights, ctx.actor.id, ctx.clock.now());
  await audit(ctx, {
    action: 'cockpit.weights_saved',
    target: { type: 'scorecard_weights', id: ctx.tenantId },
    details: { before: before.weights, after: weights },
  });
  return await getWeights(ctx);
};

/** A month YYYY-MM in the tenant's zone: its bounds; a month after this one is a 400. */
const periodOf = async (ctx: StaffCtx, asked: string | undefined) => {
  const zone = await tenantZone(ctx);
  const current = dayIn(ctx.clock.now(), zone).slice(0, 7);
  const period = asked ?? current;
  if (period > current) throw AppError.field('period', 'score_period_future');
  const first = `${period}-01`;
  const next = addMonths(first, 1);
  return { period, first, last: addDays(next, -1), from: dayBounds(first, zone).from, to: dayBounds(next, zone).from };
};

const round1 = (n: number) => Math.round(n * 10) / 10;
type Counted = Record<ScoreComponent, { numerator: number; denominator: number }>;

/** The lines and the weighted total of one person's counts. */
export const scoreOf = (counted: Counted, weights: Record<ScoreComponent, number>) => {
  const lines: ScoreLine[] = scoreComponents.map((component) => {
    const { numerator, denominator } = counted[component];
    const rate = denominator === 0 ? null : numerator / denominator;
    const target = scoreTargets[component];
    const score = rate === null ? null : round1(Math.min(1, rate / target) * 100);
    return { component, weight: weights[component], numerator, denominator, rate, target, score };
  });
  const scored = lines.filter((l) => l.score !== null && l.weight > 0);
  const weight = scored.reduce((s, l) => s + l.weight, 0);
  const total = weight === 0 ? null : round1(scored.reduce((s, l) => s + l.weight * (l.score ?? 0), 0) / weight);
  return { lines, total };
};

/** Equal totals share a rank (1, 1, 3); a card without a total has none. */
const ranked = (cards: Scorecard[]) => {
  const totals = cards.map((c) => c.total).filter((t): t is number => t !== null);
  for (const c of cards) {
    c.rank = c.total === null ? null : 1 + totals.filter((t) => t > c.total!).length;
    c.of = totals.length;
  }
  return cards;
};

/** Every scorecard of a store's advisors (and `also`, when they are staff of it) for a period. */
const storeCards = async (ctx: StaffCtx, storeId: string, asked: string | undefined, also?: string) => {
  const p = await periodOf(ctx, asked);
  const stores = await q.storesOf(ctx.sql, ctx.tenantId);
  const store = stores.find((s) => s.id === storeId);
  if (!store) throw AppError.field('storeId', 'store_unknown_cockpit');
  const staff = (await q.staffOfStore(ctx.sql, ctx.tenantId, storeId)).filter(
    (m) => (m.role === 'service_advisor' && m.status === 'active') || m.id === also,
  );
  const input = { tenantId: ctx.tenantId, storeId, from: p.from, to: p.to, now: ctx.clock.now() };
  const [delivered, referrals, handling, csat, weights] = await Promise.all([
    sq.deliveredFigures(ctx.sql, input),
    sq.referralCounts(ctx.sql, input),
    sq.handlingCounts(ctx.sql, input),
    figures(ctx, { from: p.first, to: p.last, period: 'month', by: 'advisor', storeId }),
    getWeights(ctx),
  ]);
  const cards = staff.map((m): Scorecard => {
    const d = delivered.find((x) => x.staff_id === m.id);
    const sat = csat.rows.filter((r) => r.key === m.id);
    const satAnswers = sat.reduce((s, r) => s + r.csatAnswers, 0);
    const satisfied = sat.reduce((s, r) => s + Math.round(((r.csat ?? 0) / 100) * r.csatAnswers), 0);
    const handled = handling.filter((x) => x.staff_id === m.id);
    const counted: Counted = {
      csat: { numerator: satisfied, denominator: satAnswers },
      repeat: { numerator: d?.repeat ?? 0, denominator: d?.delivered ?? 0 },
      referral: {
        numerator: referrals.find((x) => x.staff_id === m.id)?.n ?? 0,
        denominator: d?.customers ?? 0,
      },
      efficiency: { numerator: d?.quick ?? 0, denominator: d?.timed ?? 0 },
      complaint: {
        numerator: handled.reduce((s, x) => s + x.on_time, 0),
        denominator: handled.reduce((s, x) => s + x.due, 0),
      },
    };
    const { lines, total } = scoreOf(counted, weights.weights);
    return {
      staffId: m.id,
      name: m.name,
      storeId,
      storeName: store.name,
      period: p.period,
      lines,
      total,
      rank: null,
      of: 0,
    };
  });
  return { period: p.period, cards: ranked(cards) };
};

/** A store's scorecards, best first (managers: a store role its own store, a group role any). */
export const scorecards = async (
  ctx: StaffCtx,
  query: { storeId?: string | undefined; period?: string | undefined },
): Promise<Scorecards> => {
  if (roleGrants[ctx.actor.role].scope === 'own') throw new AppError('FORBIDDEN');
  const own = storeScope(ctx.actor);
  if (own && query.storeId && query.storeId !== own) throw new AppError('FORBIDDEN');
  const storeId = own ?? query.storeId ?? (await q.storesOf(ctx.sql, ctx.tenantId))[0]?.id;
  if (!storeId) throw AppError.field('storeId', 'required');
  const { period, cards } = await storeCards(ctx, storeId, query.period);
  const order = (c: Scorecard) => c.rank ?? Number.MAX_SAFE_INTEGER;
  return { period, storeId, items: cards.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name)) };
};

/** The signed-in person's own card and rank in their store. */
export const myScorecard = async (ctx: StaffCtx, query: { period?: string | undefined }): Promise<Scorecard> => {
  if (!ctx.actor.storeId) {
    // A group role has no store to be ranked in: an empty card.
    const p = await periodOf(ctx, query.period);
    const none = { numerator: 0, denominator: 0 };
    const counted = { csat: none, repeat: none, referral: none, efficiency: none, complaint: none };
    const { lines, total } = scoreOf(counted, (await getWeights(ctx)).weights);
    const name = ctx.actor.profile?.name ?? '';
    return {
      staffId: ctx.actor.id,
      name,
      storeId: null,
      storeName: null,
      period: p.period,
      lines,
      total,
      rank: null,
      of: 0,
    };
  }
  const { cards } = await storeCards(ctx, ctx.actor.storeId, query.period, ctx.actor.id);
  const mine = cards.find((c) => c.staffId === ctx.actor.id);
  if (!mine) throw new AppError('NOT_FOUND');
  return mine;
};

/** What stands behind one component of a person's card: the visits, referrals, alerts and complaints counted. */
export const scoreItems = async (
  ctx: StaffCtx,
  staffId: string,
  query: { period?: string | undefined; component: ScoreComponent },
): Promise<CockpitItems> => {
  const scope = roleGrants[ctx.actor.role].scope;
  if (scope === 'own' && staffId !== ctx.actor.id) throw new AppError('FORBIDDEN');
  const m = await q.staffOne(ctx.sql, ctx.tenantId, staffId);
  if (!m) throw new AppError('NOT_FOUND');
  const own = storeScope(ctx.actor);
  if (scope === 'store' && m.store_id !== own) throw new AppError('FORBIDDEN');
  if (!m.store_id) return { items: [], truncated: false };
  const p = await periodOf(ctx, query.period);
  const rows = await q.namedItems(
    ctx.sql,
    sq.scoreItemsSql(query.component),
    [ctx.tenantId, m.store_id, p.from, p.to, ctx.clock.now(), staffId],
    501,
  );
  return { items: rows.slice(0, 500).map(toItem), truncated: rows.length > 500 };
};
