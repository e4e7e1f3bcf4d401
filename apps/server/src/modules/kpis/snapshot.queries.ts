// The nightly customer snapshot's SQL (docs/kpis.md, "The customer snapshot"): what moves by time alone —
// retained, lost, captured — counted per home store, service advisor, vehicle-age band and loyalty grade
// as of one day. $1 is always the tenant; every table and subquery names it (Citus, docs/scaling.md §4).
import { z } from 'zod';
import { col, parseRows } from '../../platform/db/rows.ts';
import { insertValues } from '../../platform/db/insert-values.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

export const zeroId = '00000000-0000-0000-0000-000000000000';

/** The snapshot's windows: instants in the tenant's zone (end = the day after `asOf`, 00:00) and sale days. */
export type SnapshotWindows = {
  tenantId: string;
  end: Date;
  m6: Date;
  m12: Date;
  m24: Date;
  m36: Date;
  /** The day after `asOf` (sales_orders.delivery_date is a day). */
  endDay: string;
  /** Cars delivered in [dueFrom, dueTo) are due their first service by now (3 to 15 months ago). */
  dueFrom: string;
  dueTo: string;
};

/** Age in whole years of a car bought on `purchase` on the day before `$2`, banded 0…10; -1 unknown. */
export const ageBandSql = (purchase: string, onDay: string) =>
  `CASE WHEN ${purchase} IS NULL THEN -1 ELSE LEAST(10, GREATEST(0, extract(year FROM age(${onDay}, ${purchase}))::int)) END`;

const keyCols = {
  store_id: col.text,
  advisor_id: col.text,
  age_band: col.number,
  loyalty: col.text,
};
const customerRow = z.object({
  ...keyCols,
  retained: col.number,
  lost: col.number,
  lost_6m: col.number,
  active_12m: col.number,
  repeat_12m: col.number,
  visits_12m: col.number,
  maintenance_12m: col.number,
  lost_at_start: col.number,
  won_back: col.number,
  clv_fen: col.number,
});

/**
 * Per customer with a repair order in the 36 months to `end`: visits in the last 12 months (all, and
 * maintenance), whether one fell in the last 6, in the 12 before (months 13–24) and in months 25–36.
 * Retained: a visit in the 24 months; lost: none in the last 12 (一年未回店, ch7 L4055); lost at the year's
 * start: a visit in months 25–36 and none in 13–24; won back: one of those back in the last 12.
 */
export const customerVisitFlagsSql = `
  SELECT r.customer_id,
         count(*) FILTER (WHERE r.date_in >= $3) AS n12,
         count(*) FILTER (WHERE r.date_in >= $3 AND r.type = 'maintenance') AS m12,
         bool_or(r.date_in >= $6) AS v6,
         bool_or(r.date_in >= $4 AND r.date_in < $3) AS v24,
         bool_or(r.date_in < $4) AS v36
    FROM repair_orders r
   WHERE r.tenant_id = $1 AND r.date_in >= $5 AND r.date_in < $2
   GROUP BY r.customer_id`;

/** The newest car of each owner (its purchase date gives the customer's vehicle-age band). */
const newestCarSql = `
  SELECT DISTINCT ON (v.tenant_id, v.owner_id) v.owner_id, v.purchase_date
    FROM vehicles v
   WHERE v.tenant_id = $1 AND v.owner_id IS NOT NULL
   ORDER BY v.tenant_id, v.owner_id, v.purchase_date DESC NULLS LAST, v.id`;

export const customerCounts = async (sql: SqlExecutor, w: SnapshotWindows) => {
  const result = await sql.executeSql(
    `WITH f AS (${customerVisitFlagsSql}), car AS (${newestCarSql})
     SELECT COALESCE(c.home_store_id, '${zeroId}'::uuid)::text AS store_id,
            COALESCE(c.service_advisor_id, '${zeroId}'::uuid)::text AS advisor_id,
            ${ageBandSql('car.purchase_date', '($7::date - 1)')} AS age_band,
            COALESCE(s.loyalty, 'none') AS loyalty,
            count(*) FILTER (WHERE f.n12 > 0 OR f.v24) AS retained,
            count(*) FILTER (WHERE f.n12 = 0 AND f.v24) AS lost,
            count(*) FILTER (WHERE (f.n12 > 0 OR f.v24) AND NOT f.v6) AS lost_6m,
            count(*) FILTER (WHERE f.n12 > 0) AS active_12m,
            count(*) FILTER (WHERE f.n12 > 1) AS repeat_12m,
            COALESCE(sum(f.n12), 0) AS visits_12m,
            COALESCE(sum(f.m12), 0) AS maintenance_12m,
            count(*) FILTER (WHERE f.v36 AND NOT f.v24) AS lost_at_start,
            count(*) FILTER (WHERE f.v36 AND NOT f.v24 AND f.n12 > 0) AS won_back,
            COALESCE(sum(s.clv_fen) FILTER (WHERE f.n12 > 0 OR f.v24), 0) AS clv_fen
       FROM f
       JOIN customers c ON c.tenant_id = $1 AND c.id = f.customer_id
       LEFT JOIN car ON car.owner_id = f.customer_id
       LEFT JOIN customer_segments s ON s.tenant_id = $1 AND s.customer_id = f.customer_id
      WHERE c.erased_at IS NULL
      GROUP BY 1, 2, 3, 4`,
    [w.tenantId, w.end, w.m12, w.m24, w.m36, w.m6, w.endDay],
  );
  return parseRows(customerRow, result, 'kpis.customerCounts');
};

const vehicleRow = z.object({
  ...keyCols,
  sold_vehicles: col.number,
  sold_returned: col.number,
  sold_due: col.number,
  first_back: col.number,
});

/**
 * The cars this dealer sold (a delivered sales order) and still on a customer's record, per the owner's home
 * store and advisor, the car's age band and the owner's grade: returned in the last 12 months (service
 * retention by sale year), due their first service (delivered 3–15 months ago) and back for it (a
 * maintenance order after the delivery).
 */
export const soldVehicleSql = `
  SELECT DISTINCT ON (so.tenant_id, so.vehicle_id) so.vehicle_id, so.delivery_date
    FROM sales_orders so
   WHERE so.tenant_id = $1 AND so.vehicle_id IS NOT NULL AND so.delivery_date IS NOT NULL AND so.delivery_date < $3
   ORDER BY so.tenant_id, so.vehicle_id, so.delivery_date DESC`;
export const vehicleVisitsSql = `
  SELECT r.vehicle_id, bool_or(r.date_in >= $6) AS back12, min(r.date_in) FILTER (WHERE r.type = 'maintenance') AS first_m
    FROM repair_orders r
   WHERE r.tenant_id = $1 AND r.date_in < $2
   GROUP BY r.vehicle_id`;

export const vehicleCounts = async (sql: SqlExecutor, w: SnapshotWindows) => {
  const result = await sql.executeSql(
    `WITH sold AS (${soldVehicleSql}), rv AS (${vehicleVisitsSql})
     SELECT COALESCE(c.home_store_id, '${zeroId}'::uuid)::text AS store_id,
            COALESCE(c.service_advisor_id, '${zeroId}'::uuid)::text AS advisor_id,
            ${ageBandSql('COALESCE(v.purchase_date, sold.delivery_date)', '($3::date - 1)')} AS age_band,
            COALESCE(s.loyalty, 'none') AS loyalty,
            count(*) AS sold_vehicles,
            count(*) FILTER (WHERE rv.back12) AS sold_returned,
            count(*) FILTER (WHERE sold.delivery_date >= $4 AND sold.delivery_date < $5) AS sold_due,
            count(*) FILTER (WHERE sold.delivery_date >= $4 AND sold.delivery_date < $5
                               AND rv.first_m >= sold.delivery_date) AS first_back
       FROM sold
       JOIN vehicles v ON v.tenant_id = $1 AND v.id = sold.vehicle_id
       JOIN customers c ON c.tenant_id = $1 AND c.id = v.owner_id
       LEFT JOIN rv ON rv.vehicle_id = sold.vehicle_id
       LEFT JOIN customer_segments s ON s.tenant_id = $1 AND s.customer_id = v.owner_id
      WHERE c.erased_at IS NULL
      GROUP BY 1, 2, 3, 4`,
    [w.tenantId, w.end, w.endDay, w.dueFrom, w.dueTo, w.m12],
  );
  return parseRows(vehicleRow, result, 'kpis.vehicleCounts');
};

export const snapshotColumns = [
  'month',
  'store_id',
  'advisor_id',
  'age_band',
  'loyalty',
  'as_of',
  'retained',
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
] as const;

/** Replaces one month's snapshot with `rows` (values in `snapshotColumns` order). */
export const replaceMonth = async (sql: SqlExecutor, tenantId: string, month: string, rows: unknown[][]) => {
  await sql.executeSql('DELETE FROM kpi_customer_months WHERE tenant_id = $1 AND month = $2', [tenantId, month]);
  await insertValues(sql, { into: 'kpi_customer_months', tenantId, columns: snapshotColumns, rows });
};

const monthRow = z.object({ month: col.text, as_of: col.text });
/** The months the snapshot holds, with the day each was taken. */
export const snapshotMonths = async (sql: SqlExecutor, tenantId: string, from: string) => {
  const result = await sql.executeSql(
    `SELECT DISTINCT month::text AS month, as_of::text AS as_of FROM kpi_customer_months
      WHERE tenant_id = $1 AND month >= $2`,
    [tenantId, from],
  );
  return parseRows(monthRow, result, 'kpis.snapshotMonths');
};
