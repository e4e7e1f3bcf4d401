/**
 * The night's set-based statements (docs/loyalty.md). Each reads and writes one tenant ($1) so that Citus
 * routes it to one shard: the tenant id written comes from a source row, ids are md5 of a nonce made in
 * Node per run and the row's key (no volatile function), windows partition by tenant_id first.
 *
 * A balance moves only under the member's row: each statement's UPDATE of loyalty_members takes the rows
 * (waiting for a checkout that holds one) and the entries' running balances are counted from what it left.
 */

/**
 * A row id from a key, without a volatile function (Citus): md5 of the run's nonce and the key, with the
 * version and variant nibbles of a random (v4) uuid so that it is a valid one for the API's schemas.
 */
const uuidOf = (key: string) =>
  `overlay(overlay(md5(${key}) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;

/** The day a point earned at `at` is gone after: the last day of the Nth month after its month (rules.ts). */
const expiresOn = (at: string) =>
  `CASE WHEN $3::int = 0 THEN NULL ELSE (date_trunc('month', (${at} AT TIME ZONE tz.timezone)::date)
     + make_interval(months => $3::int + 1) - interval '1 day')::date END`;

/**
 * What the night earns, as candidates (tenant_id, customer_id, source, source_id, store_id, at, points):
 * paid repair orders by type (points per yuan of $5 jsonb, times the tier multiplier of $6 jsonb) and car
 * purchases — the customer's first, second, later ($7, $8, $9) — dated from $2 up to before $4, which no
 * entry has earned yet. $10: the birthday points, for members whose birthday is the day $11 ('MM-DD').
 */
const candidates = `
  SELECT ro.tenant_id, ro.customer_id, 'repair_order' AS source, ro.id::text AS source_id, ro.store_id,
         coalesce(ro.date_out, ro.date_in) AS at,
         floor(ro.total_fen / 100.0 * coalesce(($5::jsonb ->> ro.type)::numeric, 0)
               * coalesce(($6::jsonb ->> lm.tier)::numeric, 1))::int AS points
  FROM repair_orders ro
  LEFT JOIN loyalty_members lm ON lm.tenant_id = ro.tenant_id AND lm.customer_id = ro.customer_id
  WHERE ro.tenant_id = $1 AND coalesce(ro.date_out, ro.date_in) >= $2 AND coalesce(ro.date_out, ro.date_in) < $4
    AND NOT EXISTS (SELECT 1 FROM points_ledger l WHERE l.tenant_id = ro.tenant_id AND l.source = 'repair_order'
                    AND l.source_id = ro.id::text AND l.kind = 'earn')
  UNION ALL
  SELECT p.tenant_id, p.customer_id, 'purchase', p.id::text, p.store_id, p.at,
         CASE WHEN p.nth = 1 THEN $7::int WHEN p.nth = 2 THEN $8::int ELSE $9::int END
  FROM (SELECT so.tenant_id, so.id, so.customer_id, so.store_id,
               (so.order_date + time '12:00') AT TIME ZONE tz.timezone AS at,
               row_number() OVER (PARTITION BY so.tenant_id, so.customer_id ORDER BY so.order_date, so.id) AS nth
        FROM sales_orders so JOIN tenants tz ON tz.id = so.tenant_id
        WHERE so.tenant_id = $1) p
  WHERE p.at >= $2 AND p.at < $4
    AND NOT EXISTS (SELECT 1 FROM points_ledger l WHERE l.tenant_id = p.tenant_id AND l.source = 'purchase'
                    AND l.source_id = p.id::text AND l.kind = 'earn')
  UNION ALL
  SELECT c.tenant_id, c.id, 'birthday', c.id::text || ':' || left($11::text, 4), NULL, $4::timestamptz, $10::int
  FROM customers c
  WHERE c.tenant_id = $1 AND $10::int > 0 AND c.birthday IS NOT NULL AND c.erased_at IS NULL
    AND to_char(c.birthday, 'MM-DD') = substr($11::text, 6, 5)
    AND EXISTS (SELECT 1 FROM loyalty_members m WHERE m.tenant_id = c.tenant_id AND m.customer_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM points_ledger l WHERE l.tenant_id = c.tenant_id AND l.source = 'birthday'
                    AND l.source_id = c.id::text || ':' || left($11::text, 4) AND l.kind = 'earn')`;

/** Members for every customer who earns tonight (their balance rows must exist to be locked). */
export const ensureMembers = `
  INSERT INTO loyalty_members (tenant_id, customer_id, updated_at)
  SELECT DISTINCT c.tenant_id, c.customer_id, now()
  FROM (${candidates}) c
  WHERE c.points > 0 AND $3::int IS NOT NULL AND $12::text IS NOT NULL
  ON CONFLICT (tenant_id, customer_id) DO NOTHING`;

/**
 * Earns: the balances move first (taking the members' rows), then one entry per candidate with its running
 * balance. Params as `candidates`, $12 the nonce for ids. Answers how many entries and points.
 */
export const earn = `
  WITH cand AS (
    SELECT c.*, tz.timezone FROM (${candidates}) c JOIN tenants tz ON tz.id = c.tenant_id WHERE c.points > 0),
  tot AS (SELECT tenant_id, customer_id, sum(points)::int AS s FROM cand GROUP BY tenant_id, customer_id),
  m AS (
    UPDATE loyalty_members lm SET balance = lm.balance + tot.s, updated_at = now()
    FROM tot WHERE lm.tenant_id = $1 AND lm.tenant_id = tot.tenant_id AND lm.customer_id = tot.customer_id
    RETURNING lm.tenant_id, lm.customer_id, lm.balance - tot.s AS before),
  ins AS (
    INSERT INTO points_ledger (tenant_id, id, customer_id, kind, points, balance_after, source, source_id, store_id,
                               at, expires_on)
    SELECT cand.tenant_id, ${uuidOf('$12::text || cand.source || cand.source_id')}, cand.customer_id, 'earn',
           cand.points,
           m.before + sum(cand.points) OVER (PARTITION BY cand.tenant_id, cand.customer_id
                                             ORDER BY cand.at, cand.source, cand.source_id),
           cand.source, cand.source_id, cand.store_id, cand.at,
           ${expiresOn('cand.at').replace(/tz\.timezone/g, 'cand.timezone')}
    FROM cand JOIN m ON m.tenant_id = cand.tenant_id AND m.customer_id = cand.customer_id
    RETURNING points)
  SELECT count(*)::int AS entries, coalesce(sum(points), 0)::bigint AS points FROM ins`;

/**
 * What each member has to expire as of the day $2 (points whose expiry day is before it): what was added
 * with such a day beyond everything ever taken away — oldest points go first.
 */
const due = `
  SELECT l.tenant_id, l.customer_id,
         coalesce(sum(l.points) FILTER (WHERE l.points > 0 AND l.expires_on < $2::date), 0)
           + coalesce(sum(l.points) FILTER (WHERE l.points < 0), 0) AS due
  FROM points_ledger l WHERE l.tenant_id = $1
  GROUP BY l.tenant_id, l.customer_id`;

/** Takes the rows of the members with points to expire, so that `expire` reads balances nobody moves. */
export const lockExpiring = `
  WITH f AS (${due})
  UPDATE loyalty_members lm SET updated_at = now()
  FROM f WHERE lm.tenant_id = $1 AND lm.tenant_id = f.tenant_id AND lm.customer_id = f.customer_id
    AND f.due > 0 AND lm.balance > 0`;

/**
 * Expires what is due, at most the balance (after `lockExpiring` in the same transaction). $3 the nonce,
 * $4 the moment written.
 */
export const expire = `
  WITH f AS (${due}),
  x AS (
    SELECT lm.tenant_id, lm.customer_id, least(lm.balance, f.due)::int AS n, lm.balance - least(lm.balance, f.due) AS after
    FROM loyalty_members lm JOIN f ON f.tenant_id = lm.tenant_id AND f.customer_id = lm.customer_id
    WHERE lm.tenant_id = $1 AND f.due > 0 AND lm.balance > 0),
  m AS (
    UPDATE loyalty_members lm SET balance = x.after
    FROM x WHERE lm.tenant_id = $1 AND lm.tenant_id = x.tenant_id AND lm.customer_id = x.customer_id
    RETURNING x.tenant_id, x.customer_id, x.n, x.after),
  ins AS (
    INSERT INTO points_ledger (tenant_id, id, customer_id, kind, points, balance_after, source, source_id, at)
    SELECT m.tenant_id, ${uuidOf('$3::text || m.customer_id::text')}, m.customer_id, 'expire', -m.n, m.after, 'expiry',
           m.customer_id::text || ':' || $2::text, $4::timestamptz
    FROM m
    RETURNING points)
  SELECT count(*)::int AS entries, coalesce(-sum(points), 0)::bigint AS points FROM ins`;

/**
 * The tiers, as of the day $2: each member's points earned since $3 and paid repair spend since $3
 * (warranty and campaign orders excluded), the highest tier reached ($4 codes, $5 minimum points, $6
 * minimum spend, ascending; $7 the basis). Up at once; down only after the grace ($8 months) has run out.
 * Moves are written to tier_changes ($9 the nonce). `count`: the number of tiers, each tested by a plain
 * boolean per basis: a simple `CASE $7 WHEN …` reaches the Citus shards mis-written ("operator does not exist:
 * text = boolean", gate.sql.ts). The new tier's code is picked in a CTE (`nt`): an array subscript by a column
 * in the UPDATE's SET crashed the Citus 13 coordinator (signal 11). `fig` is MATERIALIZED: inlined, its
 * sums were planned again for every tier test that reads them (84 sub-plans a member: over 20 minutes at
 * 100,000 members). The sums are grouped once per table and joined (`earned`, `spent`), not two correlated
 * subqueries a member: at 1,000,000 members those were two million index probes into 4.75 million repair
 * orders (bench/loyalty.ts, bench/RESULTS.md).
 */
const reached = (i: number) =>
  `CASE WHEN ($7::text <> 'spend' AND fig.pts >= ($5::int[])[${i}])
    OR ($7::text <> 'points' AND fig.spend >= ($6::bigint[])[${i}]) THEN ${i} ELSE 0 END`;

export const tiers = (count: number) => `
  WITH earned AS (
    SELECT l.tenant_id, l.customer_id, sum(l.points) AS pts FROM points_ledger l
    WHERE l.tenant_id = $1 AND l.kind = 'earn' AND l.at >= $3
    GROUP BY l.tenant_id, l.customer_id),
  spent AS (
    SELECT ro.tenant_id, ro.customer_id, sum(ro.total_fen) AS spend FROM repair_orders ro
    WHERE ro.tenant_id = $1 AND ro.type NOT IN ('warranty_claim', 'campaign') AND coalesce(ro.date_out, ro.date_in) >= $3
    GROUP BY ro.tenant_id, ro.customer_id),
  fig AS MATERIALIZED (
    SELECT lm.tenant_id, lm.customer_id, lm.tier, lm.grace_until,
      coalesce(e.pts, 0)::int AS pts, coalesce(sp.spend, 0)::bigint AS spend
    FROM loyalty_members lm
    LEFT JOIN earned e ON e.tenant_id = lm.tenant_id AND e.customer_id = lm.customer_id
    LEFT JOIN spent sp ON sp.tenant_id = lm.tenant_id AND sp.customer_id = lm.customer_id
    WHERE lm.tenant_id = $1),
  rk AS (
    SELECT fig.*,
      coalesce(array_position($4::text[], fig.tier), 1) AS cur,
      NULLIF(GREATEST(0, ${Array.from({ length: count }, (_, i) => reached(i + 1)).join(', ')}), 0) AS target
    FROM fig),
  nx AS (
    SELECT rk.*,
      CASE WHEN rk.target >= rk.cur THEN rk.target
           WHEN rk.grace_until IS NOT NULL AND rk.grace_until < $2::date THEN rk.target
           WHEN rk.grace_until IS NULL AND $8::int = 0 THEN rk.target
           ELSE rk.cur END AS nxt
    FROM rk),
  nt AS (SELECT nx.*, ($4::text[])[nx.nxt] AS nxt_tier FROM nx),
  upd AS (
    UPDATE loyalty_members lm SET
      points_12m = nx.pts, spend_12m_fen = nx.spend,
      tier = nx.nxt_tier,
      tier_since = CASE WHEN nx.nxt <> nx.cur OR lm.tier_since IS NULL THEN $2::date ELSE lm.tier_since END,
      grace_until = CASE WHEN nx.nxt < nx.cur OR nx.target >= nx.nxt THEN NULL
                         WHEN lm.grace_until IS NULL THEN ($2::date + make_interval(months => $8::int))::date
                         ELSE lm.grace_until END
    FROM nt nx WHERE lm.tenant_id = $1 AND lm.tenant_id = nx.tenant_id AND lm.customer_id = nx.customer_id
    RETURNING lm.tenant_id, lm.customer_id, nx.tier AS before, lm.tier AS after, nx.pts, nx.spend, nx.nxt, nx.cur),
  moved AS (
    INSERT INTO tier_changes (tenant_id, id, customer_id, from_tier, to_tier, day, points_12m, spend_12m_fen)
    SELECT upd.tenant_id, ${uuidOf('$9::text || upd.customer_id::text')}, upd.customer_id, upd.before, upd.after,
           $2::date, upd.pts, upd.spend
    FROM upd WHERE upd.before <> upd.after
    RETURNING 1)
  SELECT (SELECT count(*) FROM upd)::int AS members,
         (SELECT count(*) FROM moved)::int AS moved`;

/** Coupons past their last day: issued → expired ($2 the day). */
export const expireCoupons = `
  WITH x AS (UPDATE coupons SET status = 'expired' WHERE tenant_id = $1 AND status = 'issued' AND valid_until < $2::date
             RETURNING 1)
  SELECT count(*)::int AS n FROM x`;

/**
 * A template's coupon to every member of tier $3 who has no coupon of key $5 || customer id yet: the
 * annual pack ('annual:<template>:<year>:'), the birthday gift. $2 template, $4 valid until, $6 now,
 * $7 the nonce. $8: only customers whose birthday is the day 'MM-DD' (null: any).
 */
export const issueToTier = `
  WITH ins AS (
    INSERT INTO coupons (tenant_id, id, template_id, customer_id, code, origin, issue_key, issued_at, valid_until)
    SELECT lm.tenant_id, ${uuidOf('$7::text || lm.customer_id::text')}, t.id, lm.customer_id,
           upper(right(md5($7::text || lm.customer_id::text), 12)), 'rule', $5::text || lm.customer_id::text,
           $6::timestamptz, $4::date
    FROM loyalty_members lm
    JOIN coupon_templates t ON t.tenant_id = $1 AND t.tenant_id = lm.tenant_id AND t.id = $2 AND t.active
    JOIN customers c ON c.tenant_id = $1 AND c.tenant_id = lm.tenant_id AND c.id = lm.customer_id
      AND c.erased_at IS NULL
    WHERE lm.tenant_id = $1 AND lm.tier = $3
      AND ($8::text IS NULL OR to_char(c.birthday, 'MM-DD') = $8::text)
    ON CONFLICT (tenant_id, issue_key) DO NOTHING
    RETURNING 1)
  SELECT count(*)::int AS n FROM ins`;

/**
 * The new-owner pack: customers whose first repair order came out within the 30 days before $3 (the
 * moment the day starts) get template $2's coupon once ('newowner:<template>:'). $4 valid until, $5 now,
 * $6 the nonce.
 */
export const issueNewOwner = `
  WITH firsts AS (
    SELECT ro.tenant_id, ro.customer_id, min(coalesce(ro.date_out, ro.date_in)) AS first_at
    FROM repair_orders ro WHERE ro.tenant_id = $1
    GROUP BY ro.tenant_id, ro.customer_id
    HAVING min(coalesce(ro.date_out, ro.date_in)) >= $3::timestamptz - interval '30 days'
       AND min(coalesce(ro.date_out, ro.date_in)) < $3::timestamptz),
  ins AS (
    INSERT INTO coupons (tenant_id, id, template_id, customer_id, code, origin, issue_key, issued_at, valid_until)
    SELECT f.tenant_id, ${uuidOf('$6::text || f.customer_id::text')}, t.id, f.customer_id,
           upper(right(md5($6::text || f.customer_id::text), 12)), 'rule',
           'newowner:' || t.id::text || ':' || f.customer_id::text, $5::timestamptz, $4::date
    FROM firsts f JOIN coupon_templates t ON t.tenant_id = $1 AND t.tenant_id = f.tenant_id AND t.id = $2 AND t.active
    ON CONFLICT (tenant_id, issue_key) DO NOTHING
    RETURNING 1)
  SELECT count(*)::int AS n FROM ins`;

/** Coupons whose last day is $2 (the reminder's day) not reminded yet, with their holder and name. */
export const couponsToRemind = `
  SELECT c.id, c.customer_id, t.name, c.valid_until::text AS valid_until
  FROM coupons c JOIN coupon_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id
  WHERE c.tenant_id = $1 AND c.status = 'issued' AND c.valid_until = $2::date AND c.reminded_at IS NULL`;

export const markReminded = `UPDATE coupons SET reminded_at = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])`;

/**
 * Members whose points of expiry day $2 are still held (the reminder's day is $2 minus the tenant's days):
 * what was added with an expiry day up to $2 beyond everything taken away.
 */
export const pointsToRemind = `
  SELECT l.customer_id,
         (coalesce(sum(l.points) FILTER (WHERE l.points > 0 AND l.expires_on <= $2::date), 0)
           + coalesce(sum(l.points) FILTER (WHERE l.points < 0), 0))::int AS points
  FROM points_ledger l WHERE l.tenant_id = $1
  GROUP BY l.tenant_id, l.customer_id
  HAVING coalesce(sum(l.points) FILTER (WHERE l.points > 0 AND l.expires_on = $2::date), 0) > 0
     AND coalesce(sum(l.points) FILTER (WHERE l.points > 0 AND l.expires_on <= $2::date), 0)
       + coalesce(sum(l.points) FILTER (WHERE l.points < 0), 0) > 0`;
