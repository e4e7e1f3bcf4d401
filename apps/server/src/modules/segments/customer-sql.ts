/**
 * One statement classifying every customer in scope as of {asOf} and writing a segment_changes row per
 * dimension that moved (an unpivot of old against new, seen before the upsert). The figures come from
 * repair orders (every order is one workshop visit); days are the tenant's local days. `since_*` are the
 * first local day still "within N months" of asOf: a visit exactly N months ago counts, one day more does
 * not. The rules and their sources are in docs/segments.md. `scoped`: only the customers in the temp table
 * classify_scope (classify.ts), else the whole tenant.
 *
 * `stable_until` is the first day a class could move with no new data: the day the oldest visit of the
 * window leaves the 12 months, the last visit passes a recency limit, the first maintenance stops being
 * recent or the customer becomes "long since". It is never later than the move (by the arithmetic of
 * month ends, a day early at worst; then the next day). A row is rewritten only when something in it
 * differs, so a night when nothing moves writes nothing.
 */
export const customerStatement = (scoped: boolean) => `
WITH tz AS (SELECT timezone AS name FROM tenants WHERE id = {tenantId}::uuid),
b AS (
  SELECT {asOf}::date AS as_of,
         (({asOf}::date + 1)::timestamp AT TIME ZONE (SELECT name FROM tz)) AS day_end,
         ({asOf}::date - interval '12 months')::date AS since_year,
         ({asOf}::date - make_interval(months => {aMonths}::int))::date AS since_a,
         ({asOf}::date - make_interval(months => {bMonths}::int))::date AS since_b,
         ({asOf}::date - make_interval(months => {cMonths}::int))::date AS since_c,
         ({asOf}::date - make_interval(months => {dMonths}::int))::date AS since_d,
         ({asOf}::date - make_interval(months => {paidMonths}::int))::date AS since_paid,
         ({asOf}::date - make_interval(months => {generalMonths}::int))::date AS since_general,
         ({asOf}::date - make_interval(months => {lapseMinMonths}::int))::date AS since_lapse_min,
         ({asOf}::date - make_interval(months => {lapseMaxMonths}::int))::date AS since_lapse_max
),
c AS (
  SELECT id, seasonal, (created_at AT TIME ZONE (SELECT name FROM tz))::date AS created_on
    FROM customers
   WHERE tenant_id = {tenantId}::uuid AND erased_at IS NULL
     ${scoped ? 'AND id IN (SELECT customer_id FROM classify_scope)' : ''}
),
ro AS (
  SELECT customer_id, (date_in AT TIME ZONE (SELECT name FROM tz))::date AS day, type, total_fen, parts_cost_fen
    FROM repair_orders
   WHERE tenant_id = {tenantId}::uuid AND date_in < (SELECT day_end FROM b) AND customer_id IN (SELECT id FROM c)
),
agg AS (
  SELECT ro.customer_id,
         count(*) FILTER (WHERE ro.day >= b.since_year)::int AS visits,
         count(*)::int AS visits_ever,
         COALESCE(sum(ro.total_fen) FILTER (WHERE ro.day >= b.since_year), 0)::bigint AS spend,
         COALESCE(sum(ro.total_fen - ro.parts_cost_fen) FILTER (WHERE ro.day >= b.since_year), 0)::bigint AS profit,
         count(*) FILTER (WHERE ro.day >= b.since_year AND ro.type = 'maintenance')::int AS maintenance,
         min(ro.day) AS first_on, max(ro.day) AS last_on,
         min(ro.day) FILTER (WHERE ro.day >= b.since_year) AS window_first,
         min(ro.day) FILTER (WHERE ro.type = 'maintenance') AS first_maintenance_on,
         max(ro.day) FILTER (WHERE ro.total_fen > 0 AND ro.type NOT IN ('warranty_claim', 'campaign')) AS last_paid_on
    FROM ro CROSS JOIN b GROUP BY ro.customer_id
),
-- The first car bought, and the earliest first-service due day (the car's forecast, vehicle_segments, just
-- computed by the vehicle statement) among the cars bought in the last 12 months.
cars AS (
  SELECT v.owner_id, min(v.purchase_date) AS bought_on,
         min(vs.predicted_service_on) FILTER (WHERE v.purchase_date >= b.since_year AND v.purchase_date <= b.as_of)
           AS first_due_on,
         max(v.purchase_date) FILTER (WHERE v.purchase_date >= b.since_year AND v.purchase_date <= b.as_of)
           AS newest_bought_on
    FROM vehicles v CROSS JOIN b
    LEFT JOIN vehicle_segments vs ON vs.tenant_id = v.tenant_id AND vs.vehicle_id = v.id
   WHERE v.tenant_id = {tenantId}::uuid AND v.owner_id IN (SELECT id FROM c) GROUP BY v.owner_id
),
m AS (
  SELECT c.id, c.seasonal, COALESCE(a.visits, 0) AS visits, COALESCE(a.visits_ever, 0) AS visits_ever,
         COALESCE(a.spend, 0) AS spend,
         COALESCE(a.profit, 0) AS profit, COALESCE(a.maintenance, 0) AS maintenance,
         a.first_on, a.last_on, a.first_maintenance_on, a.last_paid_on, a.window_first,
         -- Recency of someone who never came: since the car was bought, else since the customer was filed.
         COALESCE(a.last_on, cars.bought_on, c.created_on) AS recency_on,
         -- A new owner (no visit in 12 months, a car bought in them) stays one while that car is in its first
         -- year (a year without a visit is what churned means) and until its first service is overdue by more
         -- than the grace, whichever is later.
         CASE WHEN COALESCE(a.visits, 0) = 0 AND cars.newest_bought_on IS NOT NULL
              THEN greatest((cars.newest_bought_on + interval '12 months')::date,
                            (cars.first_due_on + make_interval(months => {graceMonths}::int))::date) END AS owner_until
    FROM c LEFT JOIN agg a ON a.customer_id = c.id LEFT JOIN cars ON cars.owner_id = c.id
),
-- Whole months since the last (first) visit: f_* the months fully past (the visit is "≥ k months ago"),
-- r_* the smallest k with the visit "within k months" — the bands' own calendar arithmetic.
mo AS (
  SELECT m.*, b.as_of,
         m.last_on IS NOT NULL AND (b.as_of - make_interval(months => l.f))::date = m.last_on AS last_exact, l.f AS f_last,
         fi.f AS f_first, (b.as_of - make_interval(months => fi.f))::date = m.first_on AS first_exact
    FROM m CROSS JOIN b
    CROSS JOIN LATERAL (SELECT x.k - CASE WHEN (b.as_of - make_interval(months => x.k))::date < m.last_on THEN 1 ELSE 0 END AS f
                          FROM (SELECT ((extract(year FROM b.as_of) - extract(year FROM m.last_on)) * 12
                                        + extract(month FROM b.as_of) - extract(month FROM m.last_on))::int AS k) x) l
    CROSS JOIN LATERAL (SELECT x.k - CASE WHEN (b.as_of - make_interval(months => x.k))::date < m.first_on THEN 1 ELSE 0 END AS f
                          FROM (SELECT ((extract(year FROM b.as_of) - extract(year FROM m.first_on)) * 12
                                        + extract(month FROM b.as_of) - extract(month FROM m.first_on))::int AS k) x) fi
),
-- Materialized: the distances and the class are read many times below; inlined, each reading recomputed them.
k AS MATERIALIZED (
  SELECT mo.*, b.since_year,
         mo.f_last + CASE WHEN mo.last_exact THEN 0 ELSE 1 END AS r_last,
         mo.f_first + CASE WHEN mo.first_exact THEN 0 ELSE 1 END AS r_first,
         CASE WHEN mo.visits = 0 AND mo.owner_until >= b.as_of THEN 'new_owner'
              WHEN mo.visits >= {activeMinVisits}::int THEN 'active'
              WHEN mo.visits >= {swingMinVisits}::int THEN 'swing'
              WHEN mo.visits >= 1 THEN 'swing_to_churn'
              ELSE 'churned' END AS frequency,
         -- Seed 002's bands, first match wins.
         CASE WHEN mo.last_on >= b.since_a AND mo.visits >= {aMinVisits}::int AND mo.spend >= {aMinSpend}::bigint THEN 'A'
              WHEN mo.last_on >= b.since_b AND mo.visits BETWEEN {bMinVisits}::int AND {bMaxVisits}::int
                   AND mo.spend BETWEEN {bMinSpend}::bigint AND {bMaxSpend}::bigint THEN 'B'
              WHEN mo.first_maintenance_on >= b.since_c AND mo.visits BETWEEN 1 AND {cMaxVisits}::int
                   AND mo.spend <= {cMaxSpend}::bigint THEN 'C'
              WHEN mo.recency_on <= b.since_d AND mo.visits <= {dMaxVisits}::int AND mo.spend <= {dMaxSpend}::bigint THEN 'D'
         END AS band,
         -- Between the bands (customers with history): the distance to each band, R in months, F in visits and
         -- M in fen outside its range, each over its unit. C is open to a customer whose first visit (any
         -- kind) is in the 12 months, its R counted from that first visit.
         CASE WHEN mo.last_on IS NOT NULL THEN
           greatest(mo.f_last + CASE WHEN mo.last_exact THEN 0 ELSE 1 END - {aMonths}::int, 0)::numeric / {nearMonths}::int
           + greatest({aMinVisits}::int - mo.visits, 0)::numeric / {nearVisits}::int
           + greatest({aMinSpend}::bigint - mo.spend, 0)::numeric / {nearSpend}::bigint END AS d_a,
         CASE WHEN mo.last_on IS NOT NULL THEN
           greatest(mo.f_last + CASE WHEN mo.last_exact THEN 0 ELSE 1 END - {bMonths}::int, 0)::numeric / {nearMonths}::int
           + (greatest({bMinVisits}::int - mo.visits, 0) + greatest(mo.visits - {bMaxVisits}::int, 0))::numeric / {nearVisits}::int
           + (greatest({bMinSpend}::bigint - mo.spend, 0) + greatest(mo.spend - {bMaxSpend}::bigint, 0))::numeric
             / {nearSpend}::bigint END AS d_b,
         CASE WHEN mo.first_on >= b.since_year THEN
           greatest(mo.f_first + CASE WHEN mo.first_exact THEN 0 ELSE 1 END - {cMonths}::int, 0)::numeric / {nearMonths}::int
           + greatest(mo.visits - {cMaxVisits}::int, 0)::numeric / {nearVisits}::int
           + greatest(mo.spend - {cMaxSpend}::bigint, 0)::numeric / {nearSpend}::bigint END AS d_c,
         CASE WHEN mo.last_on IS NOT NULL THEN
           greatest({dMonths}::int - mo.f_last, 0)::numeric / {nearMonths}::int
           + greatest(mo.visits - {dMaxVisits}::int, 0)::numeric / {nearVisits}::int
           + greatest(mo.spend - {dMaxSpend}::bigint, 0)::numeric / {nearSpend}::bigint END AS d_d,
         CASE WHEN mo.visits_ever >= 2 THEN round((mo.last_on - mo.first_on)::numeric / (mo.visits_ever - 1))::int END
           AS usual_gap,
         b.since_a, b.since_b, b.since_c, b.since_d, b.since_paid, b.since_general, b.since_lapse_min, b.since_lapse_max
    FROM mo CROSS JOIN b
),
r AS (
  SELECT k.*,
         CASE WHEN k.band IS NOT NULL THEN k.band WHEN k.last_on IS NULL THEN 'none'
              WHEN k.d_a <= least(k.d_b, k.d_c, k.d_d) THEN 'A'
              WHEN k.d_b <= least(k.d_c, k.d_d) THEN 'B'
              WHEN k.d_c <= k.d_d THEN 'C'
              ELSE 'D' END AS rfm,
         CASE WHEN k.band IS NOT NULL THEN 'band' WHEN k.last_on IS NULL THEN 'no_history' ELSE 'nearest' END AS rfm_basis,
         CASE WHEN k.band IS NOT NULL THEN 0
              WHEN k.last_on IS NOT NULL THEN round(least(k.d_a, k.d_b, k.d_c, k.d_d)::numeric, 2) END AS rfm_distance,
         k.visits >= {highVisits}::int AND k.spend >= {highAverage}::bigint * k.visits AS best,
         -- The first whole month since the last visit at which D would be strictly nearer than the band taken.
         floor({dMonths}::int - {nearMonths}::int * (least(k.d_a, k.d_b, k.d_c, k.d_d)
               - (k.d_d - greatest({dMonths}::int - k.f_last, 0)::numeric / {nearMonths}::int)))::int + 1 AS d_overtake
    FROM k
),
h AS (
  -- High value: A, or the 12 months' spend at least B's minimum, or the value matrix's best.
  SELECT r.*, (r.rfm = 'A' OR r.spend >= {bMinSpend}::bigint OR r.best) AND r.last_on IS NOT NULL AS high_value
    FROM r
),
fresh AS (
  SELECT h.id AS customer_id, h.visits, h.spend, h.first_on, h.last_on, h.frequency, h.rfm, h.rfm_basis,
         h.rfm_distance, h.seasonal, h.usual_gap,
         CASE WHEN h.frequency = 'new_owner' THEN h.owner_until END AS owner_until,
         round(greatest(h.profit, 0) * {clvFactor}::numeric)::bigint AS clv,
         COALESCE(h.high_value AND h.last_on <= h.since_lapse_min
           AND (h.last_on <= h.since_lapse_max OR (h.as_of - h.last_on) > {lapseFactor}::float8 * h.usual_gap), false)
           AS lapsing,
         least(
           CASE WHEN h.window_first IS NOT NULL
                THEN greatest(((h.window_first + 1) + interval '12 months')::date, h.as_of + 1) END,
           CASE WHEN h.last_on >= h.since_a
                THEN greatest(((h.last_on + 1) + make_interval(months => {aMonths}::int))::date, h.as_of + 1) END,
           CASE WHEN h.last_on >= h.since_b
                THEN greatest(((h.last_on + 1) + make_interval(months => {bMonths}::int))::date, h.as_of + 1) END,
           CASE WHEN h.last_on >= h.since_general
                THEN greatest(((h.last_on + 1) + make_interval(months => {generalMonths}::int))::date, h.as_of + 1) END,
           CASE WHEN h.first_maintenance_on >= h.since_c
                THEN greatest(((h.first_maintenance_on + 1) + make_interval(months => {cMonths}::int))::date, h.as_of + 1) END,
           CASE WHEN h.last_paid_on >= h.since_paid
                THEN greatest(((h.last_paid_on + 1) + make_interval(months => {paidMonths}::int))::date, h.as_of + 1) END,
           CASE WHEN h.recency_on > h.since_d
                THEN greatest((h.recency_on + make_interval(months => {dMonths}::int))::date, h.as_of + 1) END,
           -- A new owner's last day passes.
           CASE WHEN h.frequency = 'new_owner' THEN h.owner_until + 1 END,
           -- Between the bands (docs/segments.md "When a nearest band can move"): the band taken moves away by
           -- a month at each whole month its R is outside (A, B, C late; D not yet 6 months); inside, it holds
           -- until its R limit (the band terms above, and C's below) or until D, the only band whose distance
           -- falls with time, comes strictly nearer.
           CASE WHEN h.rfm_basis = 'nearest' AND ((h.rfm = 'A' AND h.r_last > {aMonths}::int)
                                               OR (h.rfm = 'B' AND h.r_last > {bMonths}::int))
                THEN greatest(((h.last_on + 1) + make_interval(months => h.r_last))::date, h.as_of + 1) END,
           CASE WHEN h.rfm_basis = 'nearest' AND h.rfm = 'C'
                THEN greatest(((h.first_on + 1) + make_interval(months => greatest(h.r_first, {cMonths}::int)))::date,
                              h.as_of + 1) END,
           CASE WHEN h.rfm_basis = 'nearest' AND h.rfm = 'D' AND h.f_last < {dMonths}::int
                THEN greatest((h.last_on + make_interval(months => h.f_last + 1))::date, h.as_of + 1) END,
           CASE WHEN h.rfm_basis = 'nearest' AND h.rfm <> 'D' AND h.d_overtake > h.f_last
                     AND h.d_overtake <= {dMonths}::int
                THEN greatest((h.last_on + make_interval(months => h.d_overtake))::date, h.as_of + 1) END,
           -- A high-value customer's lapse: the minimum months, their usual gap × the factor, the maximum months.
           CASE WHEN h.high_value AND h.last_on > h.since_lapse_min
                THEN greatest((h.last_on + make_interval(months => {lapseMinMonths}::int))::date, h.as_of + 1) END,
           CASE WHEN h.high_value AND h.last_on > h.since_lapse_max
                THEN greatest((h.last_on + make_interval(months => {lapseMaxMonths}::int))::date, h.as_of + 1) END,
           CASE WHEN h.high_value AND (h.as_of - h.last_on) <= {lapseFactor}::float8 * h.usual_gap
                THEN greatest(h.last_on + floor({lapseFactor}::float8 * h.usual_gap)::int + 1, h.as_of + 1) END
         ) AS stable_until,
         CASE WHEN h.maintenance >= {loyalMaintenance}::int AND h.visits > {loyalMoreThan}::int
                   AND h.last_paid_on >= h.since_paid THEN 'loyal'
              WHEN h.visits >= {generalMinVisits}::int AND h.last_on >= h.since_general THEN 'general'
              ELSE 'swing' END AS loyalty,
         CASE WHEN h.best THEN 'best'
              WHEN h.visits > 0 AND h.spend >= {highAverage}::bigint * h.visits THEN 'spend_happy'
              WHEN h.visits >= {highVisits}::int THEN 'frequent'
              ELSE 'uncertain' END AS value_quadrant
    FROM h
),
changed AS (
  INSERT INTO segment_changes (tenant_id, subject_kind, subject_id, dimension, from_value, to_value, changed_on, created_at)
  SELECT {tenantId}::uuid, 'customer', f.customer_id, x.dimension, x.from_value, x.to_value, {asOf}::date, {now}::timestamptz
    FROM fresh f
    LEFT JOIN customer_segments o ON o.tenant_id = {tenantId}::uuid AND o.customer_id = f.customer_id
    CROSS JOIN LATERAL (VALUES ('frequency', o.frequency, f.frequency), ('rfm', o.rfm, f.rfm),
                               ('loyalty', o.loyalty, f.loyalty), ('value', o.value_quadrant, f.value_quadrant))
                 AS x(dimension, from_value, to_value)
   WHERE x.from_value IS DISTINCT FROM x.to_value
  RETURNING 1
),
saved AS (
  INSERT INTO customer_segments AS o (tenant_id, customer_id, frequency, rfm, loyalty, value_quadrant, visits_12m,
                                 spend_12m_fen, first_visit_on, last_visit_on, clv_fen, stable_until, seasonal, lapsing,
                                 rfm_basis, rfm_distance, usual_gap_days, new_owner_until, computed_on, updated_at)
  SELECT {tenantId}::uuid, customer_id, frequency, rfm, loyalty, value_quadrant, visits, spend, first_on, last_on, clv,
         stable_until, seasonal, lapsing, rfm_basis, rfm_distance, usual_gap, owner_until, {asOf}::date, {now}::timestamptz
    FROM fresh
  ON CONFLICT (tenant_id, customer_id) DO UPDATE SET
    frequency = excluded.frequency, rfm = excluded.rfm, loyalty = excluded.loyalty,
    value_quadrant = excluded.value_quadrant, visits_12m = excluded.visits_12m, spend_12m_fen = excluded.spend_12m_fen,
    first_visit_on = excluded.first_visit_on, last_visit_on = excluded.last_visit_on, clv_fen = excluded.clv_fen,
    stable_until = excluded.stable_until, seasonal = excluded.seasonal, lapsing = excluded.lapsing,
    rfm_basis = excluded.rfm_basis, rfm_distance = excluded.rfm_distance, usual_gap_days = excluded.usual_gap_days,
    new_owner_until = excluded.new_owner_until, computed_on = excluded.computed_on, updated_at = excluded.updated_at
  WHERE (o.frequency, o.rfm, o.loyalty, o.value_quadrant, o.visits_12m, o.spend_12m_fen, o.first_visit_on,
         o.last_visit_on, o.clv_fen, o.stable_until, o.seasonal, o.lapsing, o.rfm_basis, o.rfm_distance,
         o.usual_gap_days, o.new_owner_until)
        IS DISTINCT FROM (excluded.frequency, excluded.rfm, excluded.loyalty, excluded.value_quadrant,
         excluded.visits_12m, excluded.spend_12m_fen, excluded.first_visit_on, excluded.last_visit_on,
         excluded.clv_fen, excluded.stable_until, excluded.seasonal, excluded.lapsing, excluded.rfm_basis,
         excluded.rfm_distance, excluded.usual_gap_days, excluded.new_owner_until)
  RETURNING 1
)
SELECT (SELECT count(*) FROM fresh)::int AS rows, (SELECT count(*) FROM saved)::int AS written,
       (SELECT count(*) FROM changed)::int AS changes
`;
