import { z } from 'zod';
import { newRowId } from '../platform/db/ids.ts';
import { insertValues } from '../platform/db/insert-values.ts';
import { col, parseRows } from '../platform/db/rows.ts';
import type { Database } from '../platform/db/types.ts';

/**
 * A few of the demo's regular customers had one large accident repair (¥8,000: bodywork, a bumper, a
 * headlamp) in their last year, 20 days before their last visit, and have not been back for 75–300 days:
 * high-value customers going quiet, so 客户分群 · 标记 · 高价值客户久未到店 has people to show on day one
 * (docs/segments.md "Lapsing high-value customers"; whether each is flagged is the rule's, not the seed's).
 * Deterministic: the 20 customers picked by a hash of their id among those whose last visit is in that range.
 */
const pickSql = `
WITH last AS (
  SELECT DISTINCT ON (customer_id) customer_id, vehicle_id, store_id, advisor_id, date_in
    FROM repair_orders WHERE tenant_id = $1::uuid AND customer_id IS NOT NULL
   ORDER BY customer_id, date_in DESC
)
SELECT l.customer_id, l.vehicle_id, l.store_id, l.advisor_id,
       'RO' || to_char(l.date_in - interval '20 days', 'YYMMDD') || '-L'
         || upper(substr(md5(l.customer_id::text || 'lapsing'), 1, 10)) AS number,
       l.date_in - interval '20 days' AS date_in
  FROM last l
 WHERE l.date_in BETWEEN $2::timestamptz - interval '300 days' AND $2::timestamptz - interval '75 days'
   -- Not the demo owners' customers (their cars' histories are the owner app's walkthrough).
   AND NOT EXISTS (SELECT 1 FROM customer_phones p WHERE p.tenant_id = $1::uuid AND p.customer_id = l.customer_id
                                                  AND p.phone LIKE '1380000000_')
 ORDER BY md5(l.customer_id::text || 'lapsing') LIMIT 20`;

const picked = z.object({
  customer_id: col.text,
  vehicle_id: col.textOrNull,
  store_id: col.textOrNull,
  advisor_id: col.textOrNull,
  number: col.text,
  date_in: col.instant,
});

const lines = [
  [1, 'labour', '事故车钣金喷漆工时', null, 12.0, 360000, 0],
  [2, 'part', '前保险杠总成', 'BMP-F-01', null, 260000, 170000],
  [3, 'part', '前大灯总成', 'LMP-F-01', null, 180000, 120000],
] as const;

/** Read, then written as plain VALUES inserts (a writable CTE into a tenant table is refused on Citus). */
export const seedDemoLapsing = (db: Database, input: { tenantId: string; now: Date }) =>
  db.transaction({ tenantId: input.tenantId }, async ({ sql }) => {
    const { tenantId } = input;
    const picks = parseRows(picked, await sql.executeSql(pickSql, [tenantId, input.now.toISOString()]), 'lapsing');
    const orders = picks.map((p) => ({ ...p, id: newRowId() }));
    const day = 86_400_000;
    await insertValues(sql, {
      into: 'repair_orders',
      tenantId,
      columns: [
        'id',
        'number',
        'vehicle_id',
        'customer_id',
        'store_id',
        'type',
        'date_in',
        'date_out',
        'advisor_id',
        'technician',
        'labour_fen',
        'parts_fen',
        'total_fen',
        'parts_cost_fen',
        'created_at',
      ],
      rows: orders.map((o) => [
        o.id,
        o.number,
        o.vehicle_id,
        o.customer_id,
        o.store_id,
        'accident',
        o.date_in,
        new Date(o.date_in.getTime() + 2 * day),
        o.advisor_id,
        '郑师傅',
        360000,
        440000,
        800000,
        290000,
        o.date_in,
      ]),
    });
    await insertValues(sql, {
      into: 'repair_order_lines',
      tenantId,
      columns: [
        'id',
        'repair_order_id',
        'position',
        'kind',
        'description',
        'part_no',
        'quantity',
        'labour_hours',
        'amount_fen',
        'cost_fen',
      ],
      rows: orders.flatMap((o) =>
        lines.map(([pos, kind, description, partNo, hours, amount, cost]) => [
          newRowId(),
          o.id,
          pos,
          kind,
          description,
          partNo,
          1,
          hours,
          amount,
          cost,
        ]),
      ),
    });
  });
