import { maintenanceWork } from '../../platform/db/maintenance-work.ts';

/**
 * One statement classifying every vehicle in scope as of {asOf} (a local date of the tenant's zone) and
 * writing segment_changes for each stage that moved — a data-modifying CTE sees the rows before the
 * upsert, so the old stage is compared in the same statement. `scoped`: only the cars in the temp table
 * classify_vehicles (classify.ts), else the whole tenant. Parameters (see classify.ts `named`): tenantId,
 * asOf, now, the lifecycle limits, the warranty default, the platform's service intervals (first and later;
 * a tenant's service_intervals rows per brand and series come first) and the pace's window and
 * fallback (vehicles/mileage.ts paceWindow, platformKmPerDay). Mileage values flagged as contradicting the
 * car's series (mileage_readings.flag, repair_orders.mileage_flag) are left out. The rules mirror the
 * TypeScript they come from: kmPerDay (vehicles/mileage.ts), effectiveWarranty (same file) and
 * estimateNextService (garage/next-service.ts); docs/segments.md.
 *
 * `stable_until` is the first day the stage could move with no new data: a purchase anniversary still
 * ahead, or the day the estimated odometer could pass a limit (never later than the real crossing; a
 * day early at worst). A row is rewritten only when something in it differs — the estimate excepted,
 * which moves every day: it is kept as of computed_on and extrapolated by its readers.
 */
export const vehicleStatement = (scoped: boolean) => `
WITH tz AS (SELECT timezone AS name FROM tenants WHERE id = {tenantId}::uuid),
bounds AS (
  SELECT {asOf}::date AS as_of, (({asOf}::date + 1)::timestamp AT TIME ZONE (SELECT name FROM tz)) AS day_end
),
delivered AS (
  SELECT vehicle_id, max(delivery_date) AS on_day FROM sales_orders
   WHERE tenant_id = {tenantId}::uuid AND vehicle_id IS NOT NULL AND delivery_date IS NOT NULL
     ${scoped ? 'AND vehicle_id IN (SELECT vehicle_id FROM classify_vehicles)' : ''}
   GROUP BY vehicle_id
),
v AS (
  SELECT v.id, COALESCE(v.purchase_date, d.on_day) AS bought_on,
         COALESCE(v.warranty_years, b.warranty_years, {warrantyYears}::int) AS w_years,
         CASE WHEN v.warranty_km IS NOT NULL THEN v.warranty_km
              WHEN v.warranty_years IS NULL AND b.warranty_years IS NOT NULL THEN b.warranty_km
              ELSE {warrantyKm}::int END AS w_km,
         COALESCE(b.typical_km_per_day, {typicalKmPerDay}::int) AS typical_kpd,
         -- The car's intervals: its series' row, else its brand's, else the platform's (service_intervals).
         COALESCE(si_s.first_months, si_b.first_months, {firstMonths}::int) AS first_months,
         COALESCE(si_s.first_km, si_b.first_km, {firstKm}::int) AS first_km,
         COALESCE(si_s.later_months, si_b.later_months, {serviceMonths}::int) AS later_months,
         COALESCE(si_s.later_km, si_b.later_km, {serviceKm}::int) AS later_km
    FROM vehicles v
    LEFT JOIN car_brands b ON b.id = v.brand_id
    LEFT JOIN delivered d ON d.vehicle_id = v.id
    LEFT JOIN service_intervals si_s ON si_s.tenant_id = v.tenant_id AND si_s.brand_id = v.brand_id
         AND si_s.series_id = v.series_id
    LEFT JOIN service_intervals si_b ON si_b.tenant_id = v.tenant_id AND si_b.brand_id = v.brand_id
         AND si_b.series_id IS NULL
   WHERE v.tenant_id = {tenantId}::uuid ${scoped ? 'AND v.id IN (SELECT vehicle_id FROM classify_vehicles)' : ''}
),
pts AS (
  SELECT vehicle_id, read_at AS at, km FROM mileage_readings
   WHERE tenant_id = {tenantId}::uuid AND flag IS NULL AND read_at < (SELECT day_end FROM bounds)
     AND vehicle_id IN (SELECT id FROM v)
  UNION ALL
  SELECT vehicle_id, date_in, mileage_km FROM repair_orders ro
   WHERE tenant_id = {tenantId}::uuid AND mileage_km IS NOT NULL AND mileage_flag IS NULL
     AND date_in < (SELECT day_end FROM bounds) AND vehicle_id IN (SELECT id FROM v)
     -- The reading taken at the order's check-in is the same value: counted once.
     AND NOT EXISTS (SELECT 1 FROM mileage_readings m
                      WHERE m.tenant_id = ro.tenant_id AND m.vehicle_id = ro.vehicle_id AND m.read_at = ro.date_in
                        AND m.km = ro.mileage_km AND m.flag IS NULL)
),
ranked AS (
  SELECT vehicle_id, at, km, row_number() OVER w AS rn, first_value(at) OVER w AS newest_at
    FROM pts WINDOW w AS (PARTITION BY vehicle_id ORDER BY at DESC, km DESC)
),
span AS (
  SELECT vehicle_id, max(at) AS last_at, max(km) FILTER (WHERE rn = 1) AS last_km,
         min(at) FILTER (WHERE rn <= {paceReadings}::int AND at >= newest_at - make_interval(days => {paceMaxAgeDays}::int)) AS fit_from,
         regr_slope(km, extract(epoch FROM at) / 86400)
           FILTER (WHERE rn <= {paceReadings}::int AND at >= newest_at - make_interval(days => {paceMaxAgeDays}::int)) AS slope
    FROM ranked GROUP BY vehicle_id
),
-- The last maintenance WORK: an order with a line of the maintenance kind (repair_order_lines.work), or
-- one recorded without lines (a DMS header) whose type is maintenance. A wiper on a 保养 booking is not one.
maint AS (
  SELECT DISTINCT ON (vehicle_id) vehicle_id, (date_in AT TIME ZONE (SELECT name FROM tz))::date AS on_day,
         mileage_km AS km
    FROM repair_orders r
   WHERE tenant_id = {tenantId}::uuid AND date_in < (SELECT day_end FROM bounds)
     AND vehicle_id IN (SELECT id FROM v)
     AND ${maintenanceWork('r', '{tenantId}::uuid')}
   ORDER BY vehicle_id, date_in DESC
),
pace AS (
  SELECT v.*, s.last_at, s.last_km, (s.last_at AT TIME ZONE (SELECT name FROM tz))::date AS last_on,
         m.on_day AS maint_on, m.km AS maint_km,
         CASE WHEN s.last_at - s.fit_from >= make_interval(days => {paceMinSpanDays}::int)
                THEN round(greatest(0, s.slope)::numeric, 1)
              WHEN v.bought_on IS NOT NULL
                   AND s.last_at - (v.bought_on::timestamp AT TIME ZONE 'UTC') >= make_interval(days => {paceMinSpanDays}::int)
                THEN round(greatest(0, s.last_km / (extract(epoch FROM s.last_at - (v.bought_on::timestamp AT TIME ZONE 'UTC')) / 86400))::numeric, 1)
              WHEN v.bought_on IS NOT NULL THEN v.typical_kpd
         END AS km_per_day
    FROM v LEFT JOIN span s ON s.vehicle_id = v.id LEFT JOIN maint m ON m.vehicle_id = v.id
),
est AS (
  SELECT p.*,
         CASE WHEN p.last_km IS NULL THEN NULL
              ELSE round(p.last_km + COALESCE(p.km_per_day, 0) * greatest(0, (SELECT as_of FROM bounds) - p.last_on))::int
         END AS estimated_km,
         COALESCE(p.maint_on, p.bought_on) AS basis_on,
         CASE WHEN p.maint_on IS NOT NULL THEN p.maint_km WHEN p.bought_on IS NOT NULL THEN 0 END AS basis_km
    FROM pace p
),
due AS (
  -- No maintenance since the purchase: the first-maintenance interval; after one, the later interval.
  SELECT e.*,
         (e.basis_on + make_interval(months => CASE WHEN e.maint_on IS NULL THEN e.first_months
                                                    ELSE e.later_months END))::date AS by_time,
         e.basis_km + CASE WHEN e.maint_on IS NULL THEN e.first_km ELSE e.later_km END AS due_km
    FROM est e
),
due_km AS (
  SELECT d.*,
         CASE WHEN d.basis_on IS NOT NULL AND d.due_km IS NOT NULL AND d.km_per_day > 0 THEN
           greatest(d.basis_on,
             CASE WHEN d.last_on >= d.basis_on
                    THEN d.last_on + floor((d.due_km - d.last_km) / d.km_per_day + 0.5)::int
                  ELSE d.basis_on + floor((d.due_km - d.basis_km) / d.km_per_day + 0.5)::int END)
         END AS by_km
    FROM due d
),
fresh AS (
  SELECT id AS vehicle_id, km_per_day, estimated_km,
         least(
           CASE WHEN (SELECT as_of FROM bounds) <= (bought_on + make_interval(months => {newCarMonths}::int))::date
                THEN (bought_on + make_interval(months => {newCarMonths}::int))::date + 1 END,
           CASE WHEN (SELECT as_of FROM bounds) <= (bought_on + make_interval(years => w_years))::date
                THEN (bought_on + make_interval(years => w_years))::date + 1 END,
           CASE WHEN (SELECT as_of FROM bounds) <= (bought_on + make_interval(years => {tradeInYears}::int))::date
                THEN (bought_on + make_interval(years => {tradeInYears}::int))::date + 1 END,
           CASE WHEN km_per_day > 0 AND w_km IS NOT NULL AND estimated_km <= w_km
                THEN greatest(last_on + floor((w_km - last_km) / km_per_day)::int, (SELECT as_of FROM bounds) + 1) END,
           CASE WHEN km_per_day > 0 AND estimated_km <= {tradeInKm}::int
                THEN greatest(last_on + floor(({tradeInKm}::int - last_km) / km_per_day)::int, (SELECT as_of FROM bounds) + 1) END
         ) AS stable_until,
         CASE WHEN by_km IS NOT NULL AND by_km < by_time THEN by_km ELSE by_time END AS predicted_service_on,
         due_km AS predicted_service_km,
         basis_on AS service_basis_on,
         CASE WHEN basis_on IS NOT NULL THEN maint_on IS NULL END AS first_service,
         CASE
           WHEN (bought_on IS NOT NULL
                 AND (SELECT as_of FROM bounds) > (bought_on + make_interval(years => {tradeInYears}::int))::date)
             OR estimated_km > {tradeInKm}::int THEN 'trade_in'
           WHEN bought_on IS NOT NULL
             AND (SELECT as_of FROM bounds) <= (bought_on + make_interval(months => {newCarMonths}::int))::date THEN 'new_car'
           WHEN bought_on IS NOT NULL
             AND (SELECT as_of FROM bounds) <= (bought_on + make_interval(years => w_years))::date
             AND (w_km IS NULL OR COALESCE(estimated_km, 0) <= w_km) THEN 'warranty'
           ELSE 'out_of_warranty'
         END AS stage
    FROM due_km
),
changed AS (
  INSERT INTO segment_changes (tenant_id, subject_kind, subject_id, dimension, from_value, to_value, changed_on, created_at)
  SELECT {tenantId}::uuid, 'vehicle', f.vehicle_id, 'stage', o.stage, f.stage, {asOf}::date, {now}::timestamptz
    FROM fresh f
    LEFT JOIN vehicle_segments o ON o.tenant_id = {tenantId}::uuid AND o.vehicle_id = f.vehicle_id
   WHERE o.stage IS DISTINCT FROM f.stage
  RETURNING 1
),
saved AS (
  INSERT INTO vehicle_segments AS o (tenant_id, vehicle_id, stage, km_per_day, estimated_km, predicted_service_on,
                                predicted_service_km, service_basis_on, first_service, stable_until, computed_on,
                                updated_at)
  SELECT {tenantId}::uuid, vehicle_id, stage, km_per_day, estimated_km, predicted_service_on, predicted_service_km,
         service_basis_on, first_service, stable_until, {asOf}::date, {now}::timestamptz
    FROM fresh
  ON CONFLICT (tenant_id, vehicle_id) DO UPDATE SET
    stage = excluded.stage, km_per_day = excluded.km_per_day, estimated_km = excluded.estimated_km,
    predicted_service_on = excluded.predicted_service_on, predicted_service_km = excluded.predicted_service_km,
    service_basis_on = excluded.service_basis_on, first_service = excluded.first_service, stable_until = excluded.stable_until, computed_on = excluded.computed_on, updated_at = excluded.updated_at
  WHERE (o.stage, o.km_per_day, o.predicted_service_on, o.predicted_service_km, o.service_basis_on,
         o.first_service, o.stable_until)
        IS DISTINCT FROM (excluded.stage, excluded.km_per_day, excluded.predicted_service_on,
                          excluded.predicted_service_km, excluded.service_basis_on, excluded.first_service,
                          excluded.stable_until)
     OR abs(COALESCE(o.estimated_km + round(COALESCE(o.km_per_day, 0) * ({asOf}::date - o.computed_on)), -1)
            - COALESCE(excluded.estimated_km, -1)) > 1
  RETURNING 1
)
SELECT (SELECT count(*) FROM fresh)::int AS rows, (SELECT count(*) FROM saved)::int AS written,
       (SELECT count(*) FROM changed)::int AS changes
`;
