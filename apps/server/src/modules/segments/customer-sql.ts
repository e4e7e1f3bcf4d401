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
         ({asOf}::date - make_interval(months => {generalMonths}::int))::date AS since_general
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
         COALESCE(sum(ro.total_fen) FILTER (WHERE ro.day >= b.since_year), 0)::bigint AS spend,
         COALESCE(sum(ro.total_fen - ro.parts_cost_fen) FILTER (WHERE ro.day >= b.since_year), 0)::bigint AS profit,
         count(*) FILTER (WHERE ro.day >= b.since_year AND ro.type = 'maintenance')::int AS maintenance,
         min(ro.day) AS first_on, max(ro.day) AS last_on,
         min(ro.day) FILTER (WHERE ro.day >= b.since_year) AS window_first,
         min(ro.day) FILTER (WHERE ro.type = 'maintenance') AS first_maintenance_on,
         max(ro.day) FILTER (WHERE ro.total_fen > 0 AND ro.type NOT IN ('warranty_claim', 'campaign')) AS last_paid_on
    FROM ro CROSS JOIN b GROUP BY ro.customer_id
),
cars AS (
  SELECT owner_id, min(purchase_date) AS bought_on FROM vehicles
   WHERE tenant_id = {tenantId}::uuid AND owner_id IN (SELECT id FROM c) GROUP BY owner_id
),
m AS (
  SELECT c.id, c.seasonal, COALESCE(a.visits, 0) AS visits, COALESCE(a.spend, 0) AS spend,
         COALESCE(a.profit, 0) AS profit, COALESCE(a.maintenance, 0) AS maintenance,
         a.first_on, a.last_on, a.first_maintenance_on, a.last_paid_on, a.window_first,
         -- Recency of someone who never came: since the car was bought, else since the customer was filed.
         COALESCE(a.last_on, cars.bought_on, c.created_on) AS recency_on
    FROM c LEFT JOIN agg a ON a.customer_id = c.id LEFT JOIN cars ON cars.owner_id = c.id
),
fresh AS (
  SELECT m.id AS customer_id, m.visits, m.spend, m.first_on, m.last_on,
         round(greatest(m.profit, 0) * {clvFactor}::numeric)::bigint AS clv,
         least(
           CASE WHEN m.window_first IS NOT NULL
                THEN greatest(((m.window_first + 1) + interval '12 months')::date, b.as_of + 1) END,
           CASE WHEN m.last_on >= b.since_a
                THEN greatest(((m.last_on + 1) + make_interval(months => {aMonths}::int))::date, b.as_of + 1) END,
           CASE WHEN m.last_on >= b.since_b
                THEN greatest(((m.last_on + 1) + make_interval(months => {bMonths}::int))::date, b.as_of + 1) END,
           CASE WHEN m.last_on >= b.since_general
                THEN greatest(((m.last_on + 1) + make_interval(months => {generalMonths}::int))::date, b.as_of + 1) END,
           CASE WHEN m.first_maintenance_on >= b.since_c
                THEN greatest(((m.first_maintenance_on + 1) + make_interval(months => {cMonths}::int))::date, b.as_of + 1) END,
           CASE WHEN m.last_paid_on >= b.since_paid
                THEN greatest(((m.last_paid_on + 1) + make_interval(months => {paidMonths}::int))::date, b.as_of + 1) END,
           CASE WHEN m.recency_on > b.since_d
                THEN greatest((m.recency_on + make_interval(months => {dMonths}::int))::date, b.as_of + 1) END
         ) AS stable_until,
         CASE WHEN m.seasonal THEN 'seasonal'
              WHEN m.visits >= {activeMinVisits}::int THEN 'active'
              WHEN m.visits >= {swingMinVisits}::int THEN 'swing'
              WHEN m.visits >= 1 THEN 'swing_to_churn'
              ELSE 'churned' END AS frequency,
         CASE WHEN m.last_on >= b.since_a AND m.visits >= {aMinVisits}::int AND m.spend >= {aMinSpend}::bigint THEN 'A'
              WHEN m.last_on >= b.since_b AND m.visits BETWEEN {bMinVisits}::int AND {bMaxVisits}::int
                   AND m.spend BETWEEN {bMinSpend}::bigint AND {bMaxSpend}::bigint THEN 'B'
              WHEN m.first_maintenance_on >= b.since_c AND m.visits BETWEEN 1 AND {cMaxVisits}::int
                   AND m.spend <= {cMaxSpend}::bigint THEN 'C'
              WHEN m.recency_on <= b.since_d AND m.visits <= {dMaxVisits}::int AND m.spend <= {dMaxSpend}::bigint THEN 'D'
              ELSE 'none' END AS rfm,
         CASE WHEN m.maintenance >= {loyalMaintenance}::int AND m.visits > {loyalMoreThan}::int
                   AND m.last_paid_on >= b.since_paid THEN 'loyal'
              WHEN m.visits >= {generalMinVisits}::int AND m.last_on >= b.since_general THEN 'general'
              ELSE 'swing' END AS loyalty,
         CASE WHEN m.visits >= {highVisits}::int AND m.spend >= {highAverage}::bigint * m.visits THEN 'best'
              WHEN m.visits > 0 AND m.spend >= {highAverage}::bigint * m.visits THEN 'spend_happy'
              WHEN m.visits >= {highVisits}::int THEN 'frequent'
              ELSE 'uncertain' END AS value_quadrant
    FROM m CROSS JOIN b
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
                                 spend_12m_fen, first_visit_on, last_visit_on, clv_fen, stable_until, computed_on,
                                 updated_at)
  SELECT {tenantId}::uuid, customer_id, frequency, rfm, loyalty, value_quadrant, visits, spend, first_on, last_on, clv,
         stable_until, {asOf}::date, {now}::timestamptz
    FROM fresh
  ON CONFLICT (tenant_id, customer_id) DO UPDATE SET
    frequency = excluded.frequency, rfm = excluded.rfm, loyalty = excluded.loyalty,
    value_quadrant = excluded.value_quadrant, visits_12m = excluded.visits_12m, spend_12m_fen = excluded.spend_12m_fen,
    first_visit_on = excluded.first_visit_on, last_visit_on = excluded.last_visit_on, clv_fen = excluded.clv_fen,
    stable_until = excluded.stable_until, computed_on = excluded.computed_on, updated_at = excluded.updated_at
  WHERE (o.frequency, o.rfm, o.loyalty, o.value_quadrant, o.visits_12m, o.spend_12m_fen, o.first_visit_on,
         o.last_visit_on, o.clv_fen, o.stable_until)
        IS DISTINCT FROM (excluded.frequency, excluded.rfm, excluded.loyalty, excluded.value_quadrant,
         excluded.visits_12m, excluded.spend_12m_fen, excluded.first_visit_on, excluded.last_visit_on,
         excluded.clv_fen, excluded.stable_until)
  RETURNING 1
)
SELECT (SELECT count(*) FROM fresh)::int AS rows, (SELECT count(*) FROM saved)::int AS written,
       (SELECT count(*) FROM changed)::int AS changes
`;
