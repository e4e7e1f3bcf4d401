// The nightly customer snapshot (docs/kpis.md): one month's figures as of one day, replaced each night of
// the month, so a month's row is its last night's (its month end once the month is over). A month missing
// from the last 13 (a new installation) is taken as of its last day, once, for the year-on-year figures.
import type { Ctx } from '../../platform/context.ts';
import { addDays, addMonths, instantOf } from '../../platform/time/zone.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import {
  customerCounts,
  replaceMonth,
  snapshotColumns,
  snapshotMonths,
  vehicleCounts,
  type SnapshotWindows,
} from './snapshot.queries.ts';

export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
export const lastDayOf = (month: string) => addDays(addMonths(month, 1), -1);

/** The windows of a snapshot taken on `asOf` (a day in the tenant's zone). */
export const windowsOf = (tenantId: string, asOf: string, zone: string): SnapshotWindows & { zone: string } => {
  const endDay = addDays(asOf, 1);
  const at = (day: string) => instantOf(day, '00:00', zone);
  return {
    tenantId,
    zone,
    end: at(endDay),
    m6: at(addMonths(endDay, -6)),
    m12: at(addMonths(endDay, -12)),
    m24: at(addMonths(endDay, -24)),
    m36: at(addMonths(endDay, -36)),
    endDay,
    dueFrom: addMonths(endDay, -15),
    dueTo: addMonths(endDay, -3),
  };
};

type Counts = Record<(typeof snapshotColumns)[number], unknown>;

/** Counts one month's snapshot as of `asOf` and replaces what the month held. */
export const takeSnapshot = async (ctx: Pick<Ctx, 'tenantId' | 'sql'>, asOf: string, zone: string) => {
  const w = windowsOf(ctx.tenantId, asOf, zone);
  const month = monthOf(asOf);
  const rows = new Map<string, Counts>();
  const rowOf = (k: { store_id: string; advisor_id: string; age_band: number; loyalty: string }) => {
    const key = `${k.store_id}|${k.advisor_id}|${k.age_band}|${k.loyalty}`;
    let row = rows.get(key);
    if (!row) {
      row = Object.fromEntries(snapshotColumns.map((c) => [c, 0])) as Counts;
      Object.assign(row, { month, as_of: asOf, ...k });
      rows.set(key, row);
    }
    return row;
  };
  for (const r of await customerCounts(ctx.sql, w)) Object.assign(rowOf(r), r);
  for (const r of await vehicleCounts(ctx.sql, w)) Object.assign(rowOf(r), r);
  await replaceMonth(
    ctx.sql,
    ctx.tenantId,
    month,
    [...rows.values()].map((r) => snapshotColumns.map((c) => r[c])),
  );
  return rows.size;
};

/** The night's step: this month as of `day`, and any of the 13 months before it that the snapshot lacks. */
export const snapshotNight = async (ctx: Pick<Ctx, 'tenantId' | 'sql' | 'db'>, day: string) => {
  const zone = await tenantZone(ctx);
  const first = addMonths(monthOf(day), -13);
  const have = new Set((await snapshotMonths(ctx.sql, ctx.tenantId, first)).map((m) => m.month));
  let backfilled = 0;
  for (let i = 13; i >= 1; i -= 1) {
    const month = addMonths(monthOf(day), -i);
    if (have.has(month)) continue;
    await takeSnapshot(ctx, lastDayOf(month), zone);
    backfilled += 1;
  }
  const groups = await takeSnapshot(ctx, day, zone);
  return { groups, backfilled };
};
