/**
 * Set-based SQL that fills one tenant with believable customers, cars and three years of history.
 * Everything is derived from the row number through hashtext(), so a run is deterministic and needs no
 * round trips per row: 2,000 customers for the demo, a million for the benchmark, the same statements.
 * Parameters: $1 tenant id, $2 customer count, $3 store ids, $4 advisor ids, $5 consultant ids, $6 now,
 * $7 the car models' ids in order.
 * The statements after the first two read the tenant's generated rows, so they are for a fresh tenant.
 */

/** A deterministic non-negative integer from a row number and a salt. */
const h = (expr: string, salt: string) => `abs(hashtext(${expr}::text || '${salt}'))`;

/** An md5 shaped as a version-4 UUID (version and variant nibbles set), as validators expect. */
const uuidOf = (hex: string) => `overlay(overlay(${hex} placing '4' from 13) placing '8' from 17)::uuid`;

/**
 * Deterministic ids, so later statements can link rows without reading them back. Every row gets one (no
 * gen_random_uuid() default): on Citus an INSERT … SELECT that calls a volatile function cannot run on the
 * tenant's shard and goes through the coordinator with COPY, which row-level security refuses.
 */
const id = (kind: string, expr: string) => uuidOf(`md5($1::uuid::text || '${kind}' || ${expr})`);

/**
 * The tenant as a row of one of its tables (its first store): the rows made from a series take their tenant
 * from it. On Citus an INSERT … SELECT is run on the tenant's shard only when the tenant comes from a column
 * of a distributed table read in the same statement (docs/scaling.md §4); the same SQL on every engine.
 */
const tenantRow = `(SELECT s.tenant_id FROM stores s WHERE s.tenant_id = $1::uuid AND s.id = ($3::uuid[])[1]) AS a`;

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程';
const given = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
  '海燕',
  '文',
  '斌',
  '宇',
  '浩然',
  '子涵',
];

/**
 * A member of the customer's home store's team: the staff array lists each store's people in the stores'
 * order, the same number per store (a shorter list — fewer people than stores — is one team for all).
 */
const teamMember = (staff: string, salt: string) => {
  const n = `cardinality(${staff}::uuid[])`;
  const perStore = `greatest(1, ${n} / cardinality($3::uuid[]))`;
  const store = `(${h('i', 'st')} % cardinality($3::uuid[]))`;
  return `CASE WHEN ${n} > 0 THEN (${staff}::uuid[])[1 + (${store} * ${perStore}) % ${n} + ${h('i', salt)} % ${perStore}] END`;
};

export const customersSql = `
INSERT INTO customers (tenant_id, id, kind, name, gender, birthday, occupation, source, preferred_slot, tags,
  malicious, seasonal, home_store_id, sales_consultant_id, service_advisor_id, created_at, updated_at, marketing_opt_out)
SELECT a.tenant_id, ${id('c', 'i')}, 'person',
  substr('${surnames}', 1 + ${h('i', 's')} % ${surnames.length}, 1) || (ARRAY[${given.map((g) => `'${g}'`).join(',')}])[1 + ${h('i', 'g')} % ${given.length}],
  CASE WHEN ${h('i', 'sex')} % 100 < 62 THEN 'male' ELSE 'female' END,
  date '1962-01-01' + (${h('i', 'b')} % 13500),
  (ARRAY['教师','工程师','个体经营','公务员','医生','销售','企业管理','自由职业','退休','财务'])[1 + ${h('i', 'o')} % 10],
  (ARRAY['walk_in','walk_in','walk_in','phone_in','referral','referral','auto_show','partner','online','online'])[1 + ${h('i', 'src')} % 10],
  (ARRAY['morning','noon','afternoon','evening'])[1 + ${h('i', 'slot')} % 4],
  CASE WHEN ${h('i', 't')} % 5 = 0 THEN ARRAY['老客户'] WHEN ${h('i', 't')} % 7 = 0 THEN ARRAY['家庭用车','二胎'] ELSE '{}'::text[] END,
  ${h('i', 'mal')} % 200 = 0,
  ${h('i', 'sea')} % 50 = 0,
  ($3::uuid[])[1 + ${h('i', 'st')} % cardinality($3::uuid[])],
  ${teamMember('$5', 'sc')},
  ${teamMember('$4', 'sa')},
  $6::timestamptz - make_interval(days => 30 + ${h('i', 'cr')} % 1100), $6::timestamptz,
  ${h('i', 'mo')} % 12 = 0
FROM ${tenantRow} CROSS JOIN generate_series(1, $2::int) AS i`;

/** i·7919 mod 10⁸ is a bijection for i < 10⁸, so every generated number is distinct. */
export const phonesSql = `
INSERT INTO customer_phones (tenant_id, id, customer_id, phone, is_primary)
SELECT a.tenant_id, ${id('p', 'i')}, ${id('c', 'i')}, '13' || (5 + i % 5)::text || lpad(((i::bigint * 7919) % 100000000)::text, 8, '0'), true
FROM ${tenantRow} CROSS JOIN generate_series(1, $2::int) AS i`;

/**
 * ISO 3779 check digit of a 17-character VIN body (position 9 is ignored: its weight is 0). A searched CASE:
 * Citus 13 sends a simple `CASE x WHEN 10` inside a subquery to the shard as `WHEN NULL::boolean`.
 */
const vinCheck = (body: string) => `(SELECT CASE WHEN s % 11 = 10 THEN 'X' ELSE (s % 11)::text END FROM (
  SELECT sum(translate(substr(${body}, p, 1), 'ABCDEFGHJKLMNPRSTUVWXYZ', '12345678123457923456789')::int
    * (ARRAY[8,7,6,5,4,3,2,10,0,9,8,7,6,5,4,3,2])[p]) AS s FROM generate_series(1, 17) AS p) AS x)`;

/** 1.2 cars per customer (everyone has one, every fifth a second), bought within the last three years. */
export const vehiclesSql = `
INSERT INTO vehicles (tenant_id, id, vin, plate, brand_id, series_id, model_id, model_year, colour, purchase_date,
  selling_store_id, insurer, insurance_policy_no, insurance_expiry, inspection_due, owner_id, created_at, updated_at)
SELECT a.tenant_id, ${id('v', 'j')}, overlay(body placing ${vinCheck('body')} from 9 for 1),
  substr('沪沪沪浙苏', 1 + ${h('j', 'pp')} % 5, 1) || substr('ABCDEFGHJKLMN', 1 + ${h('j', 'pl')} % 13, 1)
    || CASE WHEN fuel IN ('ev', 'phev') THEN 'D' ELSE '' END || lpad((${h('j', 'pn')} % 100000)::text, 5, '0'),
  brand_id, series_id, model_id, least(year, extract(year FROM purchase)::int),
  (ARRAY['珍珠白','曜石黑','星空灰','冰川银','宝石蓝','中国红'])[1 + ${h('j', 'col')} % 6], purchase,
  CASE WHEN ${h('j', 'sold')} % 10 < 7 THEN ($3::uuid[])[1 + ${h('j', 'ss')} % cardinality($3::uuid[])] END,
  (ARRAY['中国人保','平安保险','太平洋保险','国寿财险'])[1 + ${h('j', 'ins')} % 4],
  'P' || lpad((${h('j', 'pol')} % 100000000)::text, 12, '0'),
  (purchase + make_interval(years => greatest(1, extract(year FROM age($6::timestamptz, purchase))::int + 1)))::date,
  (purchase + make_interval(years => CASE WHEN age($6::timestamptz, purchase) < interval '6 years' THEN 6 ELSE 8 END))::date,
  ${id('c', 'i')}, purchase::timestamptz, $6::timestamptz
FROM ${tenantRow} CROSS JOIN (
  -- The model is picked per car first ($7: every model's id, in order), so the join is an equality the
  -- planner hashes. Derived tables, not a WITH: Citus sent a CTE's reference tables (car_models) to the
  -- shard under their own names, where a query on a shard cannot read a distributed table.
  SELECT src.*, (ARRAY['LSV','LFV','LVG','LHG','LGB','LSG','LBV','LE4','LGX','LRW'])[1 + ${h('j', 'w')} % 10]
    || 'A' || lpad((${h('j', 'vds')} % 10000)::text, 4, '0') || '0' || substr('ABCDEFGHJKLMNPRST', least(year, extract(year FROM purchase)::int) - 2009, 1)
    || ((j / 1000000) % 10)::text || lpad((j % 1000000)::text, 6, '0') AS body
  FROM (
    SELECT j, ((j - 1) % $2::int) + 1 AS i, mo.id AS model_id, mo.series_id, se.brand_id, mo.year, mo.fuel,
      ($6::timestamptz)::date - (20 + ${h('j', 'pd')} % 1075) AS purchase
    FROM (
      SELECT j, ($7::text[])[1 + ${h('j', 'm')} % cardinality($7::text[])] AS model_id
      FROM generate_series(1, ($2::int * 6) / 5) AS j
    ) AS picks
    JOIN car_models mo ON mo.id = picks.model_id
    JOIN car_series se ON se.id = mo.series_id
  ) AS src
) AS v`;

export const ownershipsSql = `
INSERT INTO vehicle_ownerships (tenant_id, id, vehicle_id, customer_id, from_date)
SELECT v.tenant_id, ${id('o', 'v.id::text')}, v.id, v.owner_id, v.purchase_date FROM vehicles v
WHERE v.tenant_id = $1::uuid AND v.owner_id IS NOT NULL AND v.purchase_date IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM vehicle_ownerships o WHERE o.tenant_id = v.tenant_id AND o.vehicle_id = v.id)`;

/**
 * Seven cars in ten were bought at the group's stores. Sales of the last year record the hand-over's time
 * (09:30–17:30 local, half-hour steps); older ones have the date only, as a DMS of the time would.
 */
export const salesSql = `
INSERT INTO sales_orders (tenant_id, id, customer_id, vehicle_id, store_id, consultant_id, order_date, delivery_date,
  delivered_at, price_fen, external_ref)
SELECT v.tenant_id, ${id('s', 'v.id::text')}, v.owner_id, v.id, v.selling_store_id, c.sales_consultant_id, v.purchase_date - 12, v.purchase_date,
  CASE WHEN v.purchase_date > ($6::timestamptz AT TIME ZONE t.timezone)::date - 365
    THEN (v.purchase_date + time '09:30' + make_interval(mins => 30 * (abs(hashtext(v.vin)) % 17))) AT TIME ZONE t.timezone END,
  (mo.price_fen * (90 + abs(hashtext(v.id::text)) % 11) / 100), 'GEN-SO-' || v.vin
FROM vehicles v JOIN car_models mo ON mo.id = v.model_id
JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
JOIN tenants t ON t.id = v.tenant_id
WHERE v.tenant_id = $1::uuid AND v.selling_store_id IS NOT NULL`;

/** The lines a visit of each type gets (labour first, then parts; some parts only every few visits). */
const lineCatalogue = `(VALUES
  (1, 'labour', '常规保养工时', NULL, 1.0, 1.0, 18000, 0, ARRAY['maintenance','campaign'], 1),
  (2, 'part', '全合成机油 4L', 'OIL-5W30-4L', 1.0, NULL, 42000, 26000, ARRAY['maintenance'], 1),
  (3, 'part', '机油滤清器', 'FLT-OIL-01', 1.0, NULL, 6800, 3500, ARRAY['maintenance'], 1),
  (4, 'part', '空气滤清器', 'FLT-AIR-01', 1.0, NULL, 12800, 6200, ARRAY['maintenance'], 2),
  (5, 'part', '空调滤清器', 'FLT-CAB-01', 1.0, NULL, 9800, 4100, ARRAY['maintenance'], 3),
  (6, 'part', '前刹车片', 'BRK-PAD-F', 1.0, NULL, 68000, 39000, ARRAY['maintenance','general_repair'], 5),
  (7, 'labour', '故障诊断与维修工时', NULL, 1.0, 2.5, 45000, 0, ARRAY['general_repair','warranty_claim'], 1),
  (8, 'part', '点火线圈', 'IGN-COIL-01', 2.0, NULL, 76000, 44000, ARRAY['general_repair','warranty_claim'], 2),
  (9, 'labour', '钣金喷漆工时', NULL, 1.0, 6.0, 180000, 0, ARRAY['accident'], 1),
  (10, 'part', '前保险杠总成', 'BMP-F-01', 1.0, NULL, 260000, 170000, ARRAY['accident'], 1),
  (11, 'part', '召回更换件', 'RCL-KIT-01', 1.0, NULL, 0, 0, ARRAY['campaign'], 1)
) AS p(pos, kind, description, part_no, qty, hours, amount, cost, types, every)`;

/** Which catalogue lines a repair order has; the same rule for its lines and for its totals. */
const linesOf = (pick: string, type: string) => `${type} = ANY(p.types) AND (${pick} + p.pos) % p.every = 0`;
/** A repair order's own number for picking its lines, computed once per order. */
const pickOf = (roId: string) => `abs(hashtext(${roId}::text || 'lines'))`;
/** A line's amount: warranty work is paid by the maker, not the customer. */
const amountOf = (type: string) => `CASE WHEN ${type} = 'warranty_claim' THEN 0 ELSE p.amount END`;

/**
 * Workshop visits: the first maintenance at 5,000 km or three months, then every 5,000–10,000 km at
 * the car's own pace (20–90 km a day); one car in ten churns after about 14 months. The totals are
 * summed from the lines the order will get, so no second pass over the orders is needed. Derived tables, not
 * WITH: Citus runs an INSERT … SELECT whose source is a CTE through the coordinator (with COPY, which row-level
 * security refuses); `OFFSET 0` keeps each computed once per order, as the CTEs' MATERIALIZED did.
 */
export const repairOrdersSql = `
INSERT INTO repair_orders (tenant_id, id, number, vehicle_id, customer_id, store_id, type, date_in, date_out, mileage_km,
  advisor_id, technician, labour_fen, parts_fen, total_fen, parts_cost_fen, created_at)
SELECT tenant_id, ro_id, 'RO' || to_char(day, 'YYMMDD') || '-' || upper(substr(seed, 1, 12)), id, owner_id, store_id, type,
  day + make_interval(hours => 1 + abs(hashtext(seed || 'h')) % 8),
  day + make_interval(hours => 3 + abs(hashtext(seed || 'h')) % 8),
  km + abs(hashtext(seed || 'km')) % 300, service_advisor_id,
  (ARRAY['周师傅','吴师傅','郑师傅','王师傅'])[1 + abs(hashtext(seed || 't')) % 4],
  t.labour, t.parts, t.labour + t.parts, t.cost, day
FROM (
  SELECT ids.*, ${pickOf('ro_id')} AS pick,
    CASE WHEN k = 1 THEN 'maintenance'
         WHEN abs(hashtext(seed)) % 40 = 0 THEN 'accident'
         WHEN abs(hashtext(seed)) % 40 < 5 THEN 'general_repair'
         WHEN abs(hashtext(seed)) % 40 = 5 AND day < purchase_date + 730 THEN 'warranty_claim'
         WHEN abs(hashtext(seed)) % 40 = 6 THEN 'campaign'
         ELSE 'maintenance' END AS type
  FROM (
    SELECT dated.*, ${uuidOf('seed')} AS ro_id
    FROM (
      SELECT visits.*, purchase_date + (km / rate) AS day, md5(id::text || 'ro' || k) AS seed
      FROM (
        SELECT v.*, k, least(5000, rate * 90) + (k - 1) * interval_km AS km
        FROM (
          SELECT v.tenant_id, v.id, v.owner_id, v.purchase_date, c.service_advisor_id,
            coalesce(c.home_store_id, ($3::uuid[])[1]) AS store_id,
            20 + abs(hashtext(v.id::text || 'r')) % 70 AS rate,
            5000 + abs(hashtext(v.id::text || 'iv')) % 5001 AS interval_km,
            abs(hashtext(v.id::text || 'churn')) % 10 = 0 AS churned
          FROM vehicles v JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
          WHERE v.tenant_id = $1::uuid
        ) AS v CROSS JOIN generate_series(1, 14) AS k
      ) AS visits
    ) AS dated
    WHERE day <= ($6::timestamptz)::date - 1 AND (NOT churned OR day <= purchase_date + 420)
    OFFSET 0
  ) AS ids
  OFFSET 0
) AS typed CROSS JOIN LATERAL (
  SELECT coalesce(sum(${amountOf('typed.type')}) FILTER (WHERE p.kind = 'labour'), 0) AS labour,
         coalesce(sum(${amountOf('typed.type')}) FILTER (WHERE p.kind = 'part'), 0) AS parts,
         coalesce(sum(p.cost) FILTER (WHERE p.kind = 'part'), 0) AS cost
  FROM ${lineCatalogue} WHERE ${linesOf('typed.pick', 'typed.type')}
) AS t`;

/** Each line's work kind is classified once per catalogue line (app_work_kind, migration 0025), not per row. */
export const repairLinesSql = `
WITH p AS MATERIALIZED (SELECT p.*, app_work_kind(p.description) AS work FROM ${lineCatalogue})
INSERT INTO repair_order_lines (tenant_id, id, repair_order_id, position, kind, description, part_no, quantity, labour_hours, amount_fen, cost_fen, work)
SELECT ro.tenant_id, ${id('l', "ro.id::text || '.' || p.pos")}, ro.id, p.pos, p.kind, p.description, p.part_no, p.qty, p.hours,
  ${amountOf('ro.type')}, CASE WHEN p.kind = 'part' THEN p.cost ELSE 0 END, p.work
FROM repair_orders ro JOIN p ON ${linesOf(pickOf('ro.id'), 'ro.type')}
WHERE ro.tenant_id = $1::uuid`;

export const mileageSql = `
INSERT INTO mileage_readings (tenant_id, id, vehicle_id, read_at, km, source)
SELECT tenant_id, ${id('m', 'id::text')}, vehicle_id, date_in, mileage_km, 'check_in' FROM repair_orders WHERE tenant_id = $1::uuid AND mileage_km IS NOT NULL`;

/** A follow-up call three days after most visits, as the CS team would have logged it. */
export const followUpsSql = `
INSERT INTO interactions (tenant_id, id, customer_id, at, channel, summary, promise, source)
SELECT tenant_id, ${id('f', 'id::text')}, customer_id, date_out + interval '3 days', 'phone',
  (ARRAY['维修后三日回访：客户对服务满意','维修后三日回访：客户反映等待时间偏长','维修后三日回访：未接通，次日再拨','维修后三日回访：客户建议增加周末服务时段'])[1 + abs(hashtext(id::text || 'f')) % 4],
  CASE WHEN abs(hashtext(id::text || 'f')) % 4 = 1 THEN '下次到店优先安排工位' END, 'generator'
FROM repair_orders WHERE tenant_id = $1::uuid AND date_out IS NOT NULL AND abs(hashtext(id::text || 'fu')) % 10 < 6`;
