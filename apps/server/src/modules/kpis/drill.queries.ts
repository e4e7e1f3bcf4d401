// The drill-down's SQL (docs/kpis.md, "Drill-down"): the customers, cars or repair orders behind one KPI
// number in a scope, paged. Driven from the customers (or orders) of the scope, each customer's orders read
// through its index; $1 is always the tenant and every table names it (Citus).
import { z } from 'zod';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';
import { soldVehicleSql, zeroId } from './snapshot.queries.ts';

export type DrillWindows = {
  end: Date;
  m6: Date;
  m12: Date;
  m24: Date;
  m36: Date;
  endDay: string;
  dueFrom: string;
  dueTo: string;
  zone: string;
};
export type DrillPage = {
  tenantId: string;
  storeId: string | null;
  advisorId: string | null;
  limit: number;
  offset: number;
};

/**
 * Which customers a KPI counts (its population) and which of them are in its numerator; `first`: the rows a
 * manager acts on come first — the lost for churn, those not captured for a capture rate.
 */
type Filter = { population: string; counted: string; first: 'counted' | 'missing' };
export const customerKpiFilters: Record<string, Filter> = {
  maintenance_capture: { population: 'f.retained', counted: 'f.m12 > 0', first: 'missing' },
  return_frequency: { population: 'f.retained', counted: 'f.n12 > 0', first: 'missing' },
  churn: { population: 'f.retained', counted: 'f.n12 = 0', first: 'counted' },
  churn_6m: { population: 'f.retained', counted: 'NOT f.v6', first: 'counted' },
  repeat_service: { population: 'f.n12 > 0', counted: 'f.n12 > 1', first: 'missing' },
  win_back: { population: 'f.lost_start', counted: 'f.n12 > 0', first: 'missing' },
  clv: { population: 'f.retained', counted: 'true', first: 'counted' },
};
const firstOrder = (f: Filter, counted: string) => (f.first === 'counted' ? `(${counted}) DESC` : `(${counted})`);
export const vehicleKpiFilters: Record<string, Filter> = {
  first_maintenance_capture: {
    population: 'sold.delivery_date >= $7 AND sold.delivery_date < $8',
    counted: 'rv.first_m >= sold.delivery_date',
    first: 'missing',
  },
  service_retention: { population: 'true', counted: 'rv.back12', first: 'missing' },
};

const scope = (storeCol: string, advisorCol: string) =>
  `($2::uuid IS NULL OR ${storeCol} = $2::uuid OR ($2::uuid = '${zeroId}'::uuid AND ${storeCol} IS NULL))
   AND ($3::uuid IS NULL OR ${advisorCol} = $3::uuid OR ($3::uuid = '${zeroId}'::uuid AND ${advisorCol} IS NULL))`;
const phoneOf = `(SELECT p.phone FROM customer_phones p WHERE p.tenant_id = $1 AND p.customer_id = c.id
                   ORDER BY p.is_primary DESC, p.phone LIMIT 1)`;

const drillRow = z.object({
  customer_id: col.text,
  name: col.text,
  phone: col.textOrNull,
  sales_consultant_id: col.textOrNull,
  service_advisor_id: col.textOrNull,
  store_name: col.textOrNull,
  advisor_name: col.textOrNull,
  counted: col.bool,
  visits: col.number,
  maintenance_visits: col.number,
  last_visit_on: col.textOrNull,
  order_number: col.textOrNull,
  amount_fen: col.numberOrNull,
  total: col.number,
});
export type DrillRow = z.infer<typeof drillRow>;

/** Customers of the scope (home store, service advisor) in the KPI's population, those not counted first. */
export const customerDrill = async (sql: SqlExecutor, kpi: string, w: DrillWindows, p: DrillPage) => {
  const f = customerKpiFilters[kpi]!;
  const result = await sql.executeSql(
    `WITH f AS (
       SELECT c.tenant_id, c.id, c.name, c.sales_consultant_id, c.service_advisor_id, c.home_store_id, x.*,
              (x.n12 > 0 OR x.v24) AS retained, (x.v36 AND NOT x.v24) AS lost_start
         FROM customers c
        CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE r.date_in >= $6) AS n12,
                 count(*) FILTER (WHERE r.date_in >= $6 AND r.type = 'maintenance') AS m12,
                 COALESCE(bool_or(r.date_in >= $9), false) AS v6,
                 COALESCE(bool_or(r.date_in >= $7 AND r.date_in < $6), false) AS v24,
                 COALESCE(bool_or(r.date_in < $7), false) AS v36,
                 (max(r.date_in) AT TIME ZONE $10)::date::text AS last_visit_on
            FROM repair_orders r
           WHERE r.tenant_id = $1 AND r.customer_id = c.id AND r.date_in >= $8 AND r.date_in < $5) x
        WHERE c.tenant_id = $1 AND c.erased_at IS NULL AND ${scope('c.home_store_id', 'c.service_advisor_id')})
     SELECT f.id::text AS customer_id, f.name, ${phoneOf.replaceAll('c.id', 'f.id')} AS phone,
            f.sales_consultant_id::text AS sales_consultant_id, f.service_advisor_id::text AS service_advisor_id,
            st.name AS store_name, a.name AS advisor_name, (${f.counted}) AS counted, f.n12 AS visits,
            f.m12 AS maintenance_visits, f.last_visit_on, NULL::text AS order_number, NULL::bigint AS amount_fen,
            count(*) OVER (PARTITION BY f.tenant_id) AS total
       FROM f
       LEFT JOIN stores st ON st.tenant_id = $1 AND st.id = f.home_store_id
       LEFT JOIN staff a ON a.tenant_id = $1 AND a.id = f.service_advisor_id
      WHERE ${f.population}
      ORDER BY ${firstOrder(f, f.counted)}, f.m12, f.name, f.id
      LIMIT $4 OFFSET $11`,
    [p.tenantId, p.storeId, p.advisorId, p.limit, w.end, w.m12, w.m24, w.m36, w.m6, w.zone, p.offset],
  );
  return parseRows(drillRow, result, 'kpis.customerDrill');
};

/** The cars this dealer sold behind first-maintenance capture or service retention, with their owners. */
export const vehicleDrill = async (sql: SqlExecutor, kpi: string, w: DrillWindows, p: DrillPage) => {
  const f = vehicleKpiFilters[kpi]!;
  const result = await sql.executeSql(
    `WITH sold AS (${soldVehicleSql.replace('$3', () => '$9')})
     SELECT c.id::text AS customer_id, c.name, ${phoneOf} AS phone,
            c.sales_consultant_id::text AS sales_consultant_id, c.service_advisor_id::text AS service_advisor_id,
            st.name AS store_name, a.name AS advisor_name, COALESCE(${f.counted}, false) AS counted, rv.n AS visits,
            rv.m AS maintenance_visits, sold.delivery_date::text AS last_visit_on, v.plate AS order_number,
            NULL::bigint AS amount_fen, count(*) OVER (PARTITION BY c.tenant_id) AS total
       FROM sold
       JOIN vehicles v ON v.tenant_id = $1 AND v.id = sold.vehicle_id
       JOIN customers c ON c.tenant_id = $1 AND c.id = v.owner_id
       CROSS JOIN LATERAL (
         SELECT COALESCE(bool_or(r.date_in >= $6), false) AS back12,
                min(r.date_in) FILTER (WHERE r.type = 'maintenance') AS first_m,
                count(*) FILTER (WHERE r.date_in >= $6) AS n,
                count(*) FILTER (WHERE r.date_in >= $6 AND r.type = 'maintenance') AS m
           FROM repair_orders r WHERE r.tenant_id = $1 AND r.vehicle_id = sold.vehicle_id AND r.date_in < $5) rv
       LEFT JOIN stores st ON st.tenant_id = $1 AND st.id = c.home_store_id
       LEFT JOIN staff a ON a.tenant_id = $1 AND a.id = c.service_advisor_id
      WHERE c.erased_at IS NULL AND ${scope('c.home_store_id', 'c.service_advisor_id')} AND ${f.population}
      ORDER BY ${firstOrder(f, `COALESCE(${f.counted}, false)`)}, c.name, c.id
      LIMIT $4 OFFSET $10`,
    [p.tenantId, p.storeId, p.advisorId, p.limit, w.end, w.m12, w.dueFrom, w.dueTo, w.endDay, p.offset],
  );
  return parseRows(drillRow, result, 'kpis.vehicleDrill');
};

/** The repair orders of one type in a month behind a revenue-per-visit or margin figure (the order's store, advisor). */
export const visitDrill = async (
  sql: SqlExecutor,
  type: string,
  range: { from: Date; to: Date; zone: string },
  p: DrillPage,
) => {
  const result = await sql.executeSql(
    `SELECT c.id::text AS customer_id, c.name, ${phoneOf} AS phone,
            c.sales_consultant_id::text AS sales_consultant_id, c.service_advisor_id::text AS service_advisor_id,
            st.name AS store_name, COALESCE(a.name, r.advisor_name) AS advisor_name, true AS counted, 1 AS visits,
            CASE WHEN r.type = 'maintenance' THEN 1 ELSE 0 END AS maintenance_visits,
            (r.date_in AT TIME ZONE $8)::date::text AS last_visit_on, r.number AS order_number,
            r.total_fen AS amount_fen, count(*) OVER (PARTITION BY r.tenant_id) AS total
       FROM repair_orders r
       JOIN customers c ON c.tenant_id = $1 AND c.id = r.customer_id
       LEFT JOIN stores st ON st.tenant_id = $1 AND st.id = r.store_id
       LEFT JOIN staff a ON a.tenant_id = $1 AND a.id = r.advisor_id
      WHERE r.tenant_id = $1 AND r.type = $5 AND r.date_in >= $6 AND r.date_in < $7
        AND ${scope('r.store_id', 'r.advisor_id')}
      ORDER BY r.date_in DESC, r.id
      LIMIT $4 OFFSET $9`,
    [p.tenantId, p.storeId, p.advisorId, p.limit, type, range.from, range.to, range.zone, p.offset],
  );
  return parseRows(drillRow, result, 'kpis.visitDrill');
};
