import {
  roleGrants,
  todayFigureKeys,
  type CockpitItem,
  type CockpitItems,
  type CockpitLevel,
  type Today,
  type TodayFigures,
  type TodayItemsQuery,
  type TodayQuery,
  type Trend,
} from '@m4s/contracts';
import { storeScope } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { dayStatus } from '../../platform/time/work-calendar.ts';
import { addDays, addMonths, dayBounds, dayIn } from '../../platform/time/zone.ts';
import { tenantWorkCalendar } from '../calendar/calendar.service.ts';
import * as q from './cockpit.queries.ts';

export type Scope = { level: CockpitLevel; storeId: string | null; advisorId: string | null };

/**
 * What a request may see (docs/cockpit.md): a group role the group, any store or advisor; a store role its own
 * store (another is 403) and its staff; an own-scope role (advisor, consultant) only themselves.
 */
export const scopeOf = async (ctx: StaffCtx, asked: { storeId?: string; advisorId?: string }): Promise<Scope> => {
  if (roleGrants[ctx.actor.role].scope === 'own') {
    if (asked.storeId && asked.storeId !== ctx.actor.storeId) throw new AppError('FORBIDDEN');
    if (asked.advisorId && asked.advisorId !== ctx.actor.id) throw new AppError('FORBIDDEN');
    return { level: 'advisor', storeId: ctx.actor.storeId, advisorId: ctx.actor.id };
  }
  const own = storeScope(ctx.actor);
  if (own && asked.storeId && asked.storeId !== own) throw new AppError('FORBIDDEN');
  const storeId = own ?? asked.storeId ?? null;
  if (storeId && !(await q.storesOf(ctx.sql, ctx.tenantId)).some((s) => s.id === storeId))
    throw AppError.field('storeId', 'store_unknown_cockpit');
  if (asked.advisorId) {
    const m = await q.staffOne(ctx.sql, ctx.tenantId, asked.advisorId);
    if (!m || (storeId !== null && m.store_id !== storeId)) throw AppError.field('advisorId', 'advisor_unknown');
    return { level: 'advisor', storeId: m.store_id, advisorId: m.id };
  }
  return { level: storeId ? 'store' : 'group', storeId, advisorId: null };
};

const zero = (): TodayFigures => ({
  carsIn: 0,
  waiting: 0,
  ready: 0,
  bookings: 0,
  tasksLate: 0,
  alertsOpen: 0,
  complaintsOpen: 0,
});
const isFigure = (f: string): f is keyof TodayFigures => (todayFigureKeys as readonly string[]).includes(f);

/** Today's bounds in the tenant's zone and the query's filters for a scope. */
const todayInput = async (ctx: StaffCtx, s: Scope) => {
  const zone = await tenantZone(ctx);
  const day = dayIn(ctx.clock.now(), zone);
  const { from, to } = dayBounds(day, zone);
  // An advisor's own figures follow the person wherever a row's store is.
  const storeId = s.level === 'advisor' ? null : s.storeId;
  return { day, input: { tenantId: ctx.tenantId, from, to, storeId, staffId: s.advisorId, now: ctx.clock.now() } };
};

/** 今日: the figures of the scope, and of each store (group) or advisor (store) below it. */
export const today = async (ctx: StaffCtx, query: TodayQuery): Promise<Today> => {
  const s = await scopeOf(ctx, query);
  const { day, input } = await todayInput(ctx, s);
  const counts = await q.todayCounts(ctx.sql, input);
  const totals = zero();
  const per = new Map<string, TodayFigures>();
  for (const c of counts) {
    if (!isFigure(c.figure)) continue;
    totals[c.figure] += c.n;
    const key = s.level === 'group' ? c.store_id : c.staff_id;
    const row = per.get(key ?? '') ?? zero();
    row[c.figure] += c.n;
    per.set(key ?? '', row);
  }
  const stores = await q.storesOf(ctx.sql, ctx.tenantId);
  const storeName = stores.find((x) => x.id === s.storeId)?.name ?? null;
  const unassigned = ctx.request.locale === 'en' ? 'Unassigned' : '未分配';
  let rows: Today['rows'] = [];
  let advisorName: string | null = null;
  if (s.level === 'group') {
    rows = stores.map((x) => ({ key: x.id, label: x.name, ...(per.get(x.id) ?? zero()) }));
  } else if (s.level === 'store' && s.storeId) {
    const staff = await q.staffOfStore(ctx.sql, ctx.tenantId, s.storeId);
    const shown = staff.filter((m) => (m.role === 'service_advisor' && m.status === 'active') || per.has(m.id));
    rows = shown.map((m) => ({ key: m.id, label: m.name, ...(per.get(m.id) ?? zero()) }));
    if (per.has('')) rows.push({ key: 'none', label: unassigned, ...per.get('')! });
  } else if (s.advisorId) {
    advisorName = (await q.staffOne(ctx.sql, ctx.tenantId, s.advisorId))?.name ?? null;
  }
  return {
    day,
    level: s.level,
    storeId: s.storeId,
    storeName,
    advisorId: s.advisorId,
    advisorName,
    totals,
    rows,
  };
};

const itemLimit = 500;

export const toItem = (r: q.ItemRow): CockpitItem => ({
  id: r.id,
  kind: r.kind,
  at: r.at.toISOString(),
  customerId: r.customer_id,
  customerName: r.customer_name,
  plate: r.plate,
  storeName: r.store_name,
  staffName: r.staff_name,
  status: r.status,
  counts: r.counts,
});

/** The rows behind one of today's numbers (at most 500, newest first). */
export const todayItems = async (ctx: StaffCtx, query: TodayItemsQuery): Promise<CockpitItems> => {
  const s = await scopeOf(ctx, query);
  const { input } = await todayInput(ctx, s);
  const rows = await q.todayItems(ctx.sql, input, query.figure, itemLimit + 1);
  return { items: rows.slice(0, itemLimit).map(toItem), truncated: rows.length > itemLimit };
};

/** The last `months` months (this one included): counts, working days and the holidays in each. */
export const trend = async (ctx: StaffCtx, query: TodayQuery & { months?: number }): Promise<Trend> => {
  const s = await scopeOf(ctx, query);
  const zone = await tenantZone(ctx);
  const thisMonth = `${dayIn(ctx.clock.now(), zone).slice(0, 7)}-01`;
  const first = addMonths(thisMonth, 1 - (query.months ?? 12));
  const end = addMonths(thisMonth, 1);
  const counts = await q.trendCounts(ctx.sql, {
    tenantId: ctx.tenantId,
    from: dayBounds(first, zone).from,
    to: dayBounds(end, zone).from,
    zone,
    storeId: s.level === 'advisor' ? null : s.storeId,
    staffId: s.advisorId,
  });
  const cal = await tenantWorkCalendar(ctx, { from: first, to: addDays(end, -1) });
  const months: Trend['months'] = [];
  for (let m = first; m < end; m = addMonths(m, 1)) {
    const key = m.slice(0, 7);
    const n = (figure: string) => counts.find((c) => c.month === key && c.figure === figure)?.n ?? 0;
    let workingDays = 0;
    const holidays = new Set<string>();
    for (let d = m; d < addMonths(m, 1); d = addDays(d, 1)) {
      const st = dayStatus(cal, d);
      if (st.working) workingDays++;
      if (st.kind === 'holiday' && st.name) holidays.add(st.name);
    }
    months.push({
      month: key,
      carsIn: n('carsIn'),
      delivered: n('delivered'),
      bookings: n('bookings'),
      complaints: n('complaints'),
      workingDays,
      holidays: [...holidays],
    });
  }
  return { months };
};
