import type { BookingStats, BookingStatsDay } from '@m4s/contracts';
import { z } from 'zod';
import { authorize, storeScope } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { col, maybeRow, parseRows } from '../../platform/db/rows.ts';
import { AppError } from '../../platform/errors.ts';
import { slotGrid, storeClock } from './availability.queries.ts';
import { addDays, daysBetween } from './booking.time.ts';
import { capsOf } from './capacity.ts';
import * as sq from './setup.queries.ts';

const maxDays = 92;

/** Bookings per tenant-local day, replaced ones (rescheduled) left out: they are not cancellations. */
const countsSql = `
  SELECT (b.starts_at AT TIME ZONE t.timezone)::date::text AS day,
         count(*) FILTER (WHERE b.status <> 'cancelled')::int AS booked,
         count(*) FILTER (WHERE b.status = 'cancelled')::int AS cancelled,
         count(*) FILTER (WHERE b.status = 'no_show')::int AS no_show
    FROM bookings b
    JOIN tenants t ON t.id = b.tenant_id
   WHERE b.tenant_id = $1 AND b.store_id = ANY(string_to_array($2, ',')::uuid[])
     AND (b.starts_at AT TIME ZONE t.timezone)::date BETWEEN $3::date AND $4::date
     AND NOT EXISTS (SELECT 1 FROM bookings n WHERE n.tenant_id = b.tenant_id AND n.rescheduled_from = b.id)
   GROUP BY 1`;

/**
 * The waits, from the visits' stage timeline: check-in to the first time in a bay, and the last
 * "ready" to delivery, for visits checked in during the period (tenant-local days).
 */
const waitsSql = `
  WITH ev AS (
    SELECT v.id, v.checked_in_at,
           min(e.at) FILTER (WHERE e.status = 'checked_in') AS checked_in,
           min(e.at) FILTER (WHERE e.status = 'in_bay') AS in_bay,
           max(e.at) FILTER (WHERE e.status = 'ready') AS ready,
           min(e.at) FILTER (WHERE e.status = 'delivered') AS delivered
      FROM visits v
      JOIN tenants t ON t.id = v.tenant_id
      JOIN visit_events e ON e.tenant_id = v.tenant_id AND e.visit_id = v.id
     WHERE v.tenant_id = $1 AND v.store_id = ANY(string_to_array($2, ',')::uuid[])
       AND (v.checked_in_at AT TIME ZONE t.timezone)::date BETWEEN $3::date AND $4::date
     GROUP BY v.id, v.checked_in_at
  )
  SELECT (avg(extract(epoch FROM in_bay - coalesce(checked_in, checked_in_at))) / 60)::float8 AS to_bay,
         (avg(extract(epoch FROM delivered - ready)) FILTER (WHERE delivered > ready) / 60)::float8 AS to_pickup
    FROM ev`;

const countsRow = z.object({ day: col.text, booked: col.number, cancelled: col.number, no_show: col.number });
const waitsRow = z.object({ to_bay: col.numberOrNull, to_pickup: col.numberOrNull });

const num = (v: number | null | undefined) => (v == null ? null : Math.round(v * 10) / 10);

/** 服务指标: per day booked vs capacity, cancelled and no-shows; the period's rates and waits. */
export const bookingStats = async (
  ctx: StaffCtx,
  filter: { storeId?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<BookingStats> => {
  const scoped = filter.storeId ?? storeScope(ctx.actor);
  if (scoped) {
    if (!(await sq.storeExists(ctx.db, ctx.tenantId, scoped))) throw new AppError('NOT_FOUND');
    authorize(ctx.actor, 'visit.read', { storeId: scoped });
  }
  const storeIds = scoped ? [scoped] : (await sq.activeStores(ctx.db, ctx.tenantId)).map((s) => s.id);
  const first = storeIds[0];
  const clock = first ? await storeClock(ctx.sql, ctx.tenantId, first, ctx.clock.now()) : null;
  const to = filter.to ?? clock?.today ?? ctx.clock.now().toISOString().slice(0, 10);
  const from = filter.from ?? addDays(to, -29);
  const span = daysBetween(from, to) + 1;
  if (span < 1) throw AppError.field('to', 'date_range_order');
  if (span > maxDays) throw AppError.field('to', 'range_too_long');

  const days = new Map<string, BookingStatsDay>();
  for (let i = 0; i < span; i += 1) {
    const date = addDays(from, i);
    days.set(date, { date, booked: 0, capacity: 0, cancelled: 0, noShow: 0 });
  }
  for (const storeId of storeIds) {
    const c = await storeClock(ctx.sql, ctx.tenantId, storeId, ctx.clock.now());
    if (!c) continue;
    const grid = await slotGrid(ctx.sql, {
      tenantId: ctx.tenantId,
      storeId,
      from,
      days: span,
      advisorId: null,
      minStart: null,
      maxDay: null,
    });
    for (const row of grid) {
      const day = days.get(row.day);
      if (day && row.startsMs !== null) day.capacity += capsOf(row.capacity, c).bookable;
    }
  }
  const ids = storeIds.length > 0 ? storeIds : ['00000000-0000-0000-0000-000000000000'];
  const counts = await ctx.sql.executeSql(countsSql, [ctx.tenantId, ids.join(','), from, to]);
  for (const r of parseRows(countsRow, counts, 'booking stats counts')) {
    const day = days.get(r.day);
    if (!day) continue;
    day.booked = r.booked;
    day.cancelled = r.cancelled;
    day.noShow = r.no_show;
  }
  const all = [...days.values()];
  const booked = all.reduce((n, d) => n + d.booked, 0);
  const cancelled = all.reduce((n, d) => n + d.cancelled, 0);
  const noShow = all.reduce((n, d) => n + d.noShow, 0);
  const waits = maybeRow(
    waitsRow,
    await ctx.sql.executeSql(waitsSql, [ctx.tenantId, ids.join(','), from, to]),
    'booking stats waits',
  );
  return {
    days: all,
    noShowRate: booked > 0 ? noShow / booked : null,
    cancellationRate: booked + cancelled > 0 ? cancelled / (booked + cancelled) : null,
    avgArrivalToBayMinutes: num(waits?.to_bay),
    avgReadyToPickupMinutes: num(waits?.to_pickup),
  };
};
