import type { Database } from '../platform/db/types.ts';

/**
 * A few of the demo's regular customers had one large accident repair (¥8,000: bodywork, a bumper, a
 * headlamp) in their last year, 20 days before their last visit, and have not been back for 75–300 days:
 * high-value customers going quiet, so 客户分群 · 标记 · 高价值客户久未到店 has people to show on day one
 * (docs/segments.md "Lapsing high-value customers"; whether each is flagged is the rule's, not the seed's).
 * Deterministic: the 20 customers picked by a hash of their id among those whose last visit is in that range.
 */
const lapsingSql = `
WITH last AS (
  SELECT DISTINCT ON (customer_id) customer_id, vehicle_id, store_id, advisor_id, date_in
    FROM repair_orders WHERE tenant_id = $1::uuid AND customer_id IS NOT NULL
   ORDER BY customer_id, date_in DESC
),
pick AS (
  SELECT l.*, md5(l.customer_id::text || 'lapsing') AS seed FROM last l
   WHERE l.date_in BETWEEN $2::timestamptz - interval '300 days' AND $2::timestamptz - interval '75 days'
     -- Not the demo owners' customers (their cars' histories are the owner app's walkthrough).
     AND NOT EXISTS (SELECT 1 FROM customer_phones p WHERE p.tenant_id = $1::uuid AND p.customer_id = l.customer_id
                                                    AND p.phone LIKE '1380000000_')
   ORDER BY md5(l.customer_id::text || 'lapsing') LIMIT 20
),
made AS (
  INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, date_out,
                             advisor_id, technician, labour_fen, parts_fen, total_fen, parts_cost_fen, created_at)
  SELECT $1::uuid, 'RO' || to_char(date_in - interval '20 days', 'YYMMDD') || '-L' || upper(substr(seed, 1, 10)),
         vehicle_id, customer_id, store_id, 'accident', date_in - interval '20 days',
         date_in - interval '20 days' + interval '2 days', advisor_id, '郑师傅', 360000, 440000, 800000, 290000,
         date_in - interval '20 days'
    FROM pick
  RETURNING id
)
INSERT INTO repair_order_lines (tenant_id, repair_order_id, position, kind, description, part_no, quantity,
                                labour_hours, amount_fen, cost_fen)
SELECT $1::uuid, made.id, l.pos, l.kind, l.description, l.part_no, 1, l.hours, l.amount, l.cost
  FROM made CROSS JOIN (VALUES
    (1, 'labour', '事故车钣金喷漆工时', NULL, 12.0, 360000, 0),
    (2, 'part', '前保险杠总成', 'BMP-F-01', NULL, 260000, 170000),
    (3, 'part', '前大灯总成', 'LMP-F-01', NULL, 180000, 120000)
  ) AS l(pos, kind, description, part_no, hours, amount, cost)`;

export const seedDemoLapsing = (db: Database, input: { tenantId: string; now: Date }) =>
  db.transaction({ tenantId: input.tenantId }, async ({ sql }) => {
    await sql.executeSql(lapsingSql, [input.tenantId, input.now.toISOString()]);
  });
