import { z } from 'zod';
import type { SqlExecutor } from '../../platform/db/types.ts';
import { col, maybeRow, parseRows } from '../../platform/db/rows.ts';

/**
 * The morning view's counts (docs/cockpit.md). Every branch reads one table through an index whose leading
 * columns are (tenant_id, store_id | status …) and only today's or the open rows: no branch reads repair orders
 * or a period's history. $1 tenant, $2/$3 today's bounds, $4 store or null, $5 staff or null, $6 now.
 */
const todaySql = `
  SELECT v.store_id::text AS store_id, v.advisor_id::text AS staff_id, 'carsIn' AS figure, count(*)::int AS n
    FROM visits v
   WHERE v.tenant_id = $1 AND v.checked_in_at >= $2 AND v.checked_in_at < $3
     AND ($4::uuid IS NULL OR v.store_id = $4::uuid) AND ($5::uuid IS NULL OR v.advisor_id = $5::uuid)
   GROUP BY v.store_id, v.advisor_id
  UNION ALL
  SELECT v.store_id::text, v.advisor_id::text,
         CASE WHEN v.status = 'ready' THEN 'ready' ELSE 'waiting' END, count(*)::int
    FROM visits v
   WHERE v.tenant_id = $1 AND v.status <> 'delivered'
     AND ($4::uuid IS NULL OR v.store_id = $4::uuid) AND ($5::uuid IS NULL OR v.advisor_id = $5::uuid)
   GROUP BY 1, 2, 3
  UNION ALL
  SELECT b.store_id::text, b.advisor_id::text, 'bookings', count(*)::int
    FROM bookings b
   WHERE b.tenant_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 AND b.status <> 'cancelled'
     AND ($4::uuid IS NULL OR b.store_id = $4::uuid) AND ($5::uuid IS NULL OR b.advisor_id = $5::uuid)
   GROUP BY b.store_id, b.advisor_id
  UNION ALL
  SELECT c.store_id::text, c.assignee_id::text, 'tasksLate', count(*)::int
    FROM care_tasks c
   WHERE c.tenant_id = $1 AND c.status IN ('open', 'snoozed') AND c.kind <> 'data_fix' AND c.due_at < $6
     AND ($4::uuid IS NULL OR c.store_id = $4::uuid) AND ($5::uuid IS NULL OR c.assignee_id = $5::uuid)
   GROUP BY c.store_id, c.assignee_id
  UNION ALL
  SELECT a.store_id::text, a.assignee_id::text, 'alertsOpen', count(*)::int
    FROM recovery_alerts a
   WHERE a.tenant_id = $1 AND a.status = 'open'
     AND ($4::uuid IS NULL OR a.store_id = $4::uuid) AND ($5::uuid IS NULL OR a.assignee_id = $5::uuid)
   GROUP BY a.store_id, a.assignee_id
  UNION ALL
  SELECT k.store_id::text, k.handler_id::text, 'complaintsOpen', count(*)::int
    FROM complaints k
   WHERE k.tenant_id = $1 AND k.status = 'open'
     AND ($4::uuid IS NULL OR k.store_id = $4::uuid) AND ($5::uuid IS NULL OR k.handler_id = $5::uuid)
   GROUP BY k.store_id, k.handler_id`;

export type TodayInput = {
  tenantId: string;
  from: Date;
  to: Date;
  storeId: string | null;
  staffId: string | null;
  now: Date;
};
const params = (i: TodayInput) => [i.tenantId, i.from, i.to, i.storeId, i.staffId, i.now];

const countRow = z.object({ store_id: col.textOrNull, staff_id: col.textOrNull, figure: col.text, n: col.number });
export const todayCounts = async (sql: SqlExecutor, input: TodayInput) =>
  parseRows(countRow, await sql.executeSql(todaySql, params(input)), 'cockpit.todayCounts');

/** The rows behind one of today's numbers (the same conditions as `todaySql`), newest first, at most `limit`. */
const itemSql: Record<string, string> = {
  carsIn: `SELECT 'visit' AS kind, x.id, x.checked_in_at AS at, x.customer_id, x.vehicle_id, x.store_id,
                  x.advisor_id AS staff_id, x.status
             FROM visits x
            WHERE x.tenant_id = $1 AND x.checked_in_at >= $2 AND x.checked_in_at < $3
              AND ($4::uuid IS NULL OR x.store_id = $4::uuid) AND ($5::uuid IS NULL OR x.advisor_id = $5::uuid)`,
  waiting: `SELECT 'visit' AS kind, x.id, x.checked_in_at AS at, x.customer_id, x.vehicle_id, x.store_id,
                   x.advisor_id AS staff_id, x.status
              FROM visits x
             WHERE x.tenant_id = $1 AND x.status <> 'delivered' AND x.status <> 'ready'
               AND ($4::uuid IS NULL OR x.store_id = $4::uuid) AND ($5::uuid IS NULL OR x.advisor_id = $5::uuid)`,
  ready: `SELECT 'visit' AS kind, x.id, x.checked_in_at AS at, x.customer_id, x.vehicle_id, x.store_id,
                 x.advisor_id AS staff_id, x.status
            FROM visits x
           WHERE x.tenant_id = $1 AND x.status = 'ready'
             AND ($4::uuid IS NULL OR x.store_id = $4::uuid) AND ($5::uuid IS NULL OR x.advisor_id = $5::uuid)`,
  bookings: `SELECT 'booking' AS kind, x.id, x.starts_at AS at, x.customer_id, x.vehicle_id, x.store_id,
                    x.advisor_id AS staff_id, x.status
               FROM bookings x
              WHERE x.tenant_id = $1 AND x.starts_at >= $2 AND x.starts_at < $3 AND x.status <> 'cancelled'
                AND ($4::uuid IS NULL OR x.store_id = $4::uuid) AND ($5::uuid IS NULL OR x.advisor_id = $5::uuid)`,
  tasksLate: `SELECT 'task' AS kind, x.id, x.due_at AS at, x.customer_id, x.vehicle_id, x.store_id,
                     x.assignee_id AS staff_id, x.status
                FROM care_tasks x
               WHERE x.tenant_id = $1 AND x.status IN ('open', 'snoozed') AND x.kind <> 'data_fix' AND x.due_at < $6
                 AND ($4::uuid IS NULL OR x.store_id = $4::uuid) AND ($5::uuid IS NULL OR x.assignee_id = $5::uuid)`,
  alertsOpen: `SELECT 'alert' AS kind, x.id, x.opened_at AS at, x.customer_id, x.vehicle_id, x.store_id,
                      x.assignee_id AS staff_id, x.status
                 FROM recovery_alerts x
                WHERE x.tenant_id = $1 AND x.status = 'open'
                  AND ($4::uuid IS NULL OR x.store_id = $4::uuid) AND ($5::uuid IS NULL OR x.assignee_id = $5::uuid)`,
  complaintsOpen: `SELECT 'complaint' AS kind, x.id, x.received_at AS at, x.customer_id, x.vehicle_id, x.store_id,
                          x.handler_id AS staff_id, x.stage AS status
                     FROM complaints x
                    WHERE x.tenant_id = $1 AND x.status = 'open'
                      AND ($4::uuid IS NULL OR x.store_id = $4::uuid) AND ($5::uuid IS NULL OR x.handler_id = $5::uuid)`,
};

/** Names for a list of rows: the customer, the car's plate, the store and the staff member (each by its key). */
const named = (inner: string, limit: number, countsSql: string) => `
  WITH i AS (${inner} ORDER BY 3 DESC LIMIT ${limit})
  SELECT i.kind, i.id::text AS id, i.at, i.customer_id::text AS customer_id, c.name AS customer_name,
         ve.plate, s.name AS store_name, st.name AS staff_name, i.status, ${countsSql} AS counts
    FROM i
    LEFT JOIN customers c ON c.tenant_id = $1 AND c.id = i.customer_id
    LEFT JOIN vehicles ve ON ve.tenant_id = $1 AND ve.id = i.vehicle_id
    LEFT JOIN stores s ON s.tenant_id = $1 AND s.id = i.store_id
    LEFT JOIN staff st ON st.tenant_id = $1 AND st.id = i.staff_id
   ORDER BY i.at DESC`;

const itemRow = z.object({
  kind: z.enum(['visit', 'booking', 'task', 'alert', 'complaint', 'referral']),
  id: col.text,
  at: col.instant,
  customer_id: col.textOrNull,
  customer_name: col.textOrNull,
  plate: col.textOrNull,
  store_name: col.textOrNull,
  staff_name: col.textOrNull,
  status: col.text,
  counts: z.boolean().nullable(),
});
export type ItemRow = z.output<typeof itemRow>;

// Every parameter is named in each statement (a statement leaving one out cannot type it).
const allParams = ' AND $2::timestamptz <= $3::timestamptz AND $6::timestamptz IS NOT NULL';
export const todayItems = async (sql: SqlExecutor, input: TodayInput, figure: string, limit: number) =>
  parseRows(
    itemRow,
    await sql.executeSql(
      named((itemSql[figure] ?? itemSql.carsIn!) + allParams, limit, 'NULL::boolean'),
      params(input),
    ),
    'cockpit.todayItems',
  );

/** The tenant's stores (open ones), and a store's active staff, for the rows' labels. */
const storeRow = z.object({ id: col.text, name: col.text });
export const storesOf = async (sql: SqlExecutor, tenantId: string) =>
  parseRows(
    storeRow,
    await sql.executeSql(
      `SELECT s.id::text AS id, s.name FROM stores s WHERE s.tenant_id = $1 AND s.status = 'active' ORDER BY s.code`,
      [tenantId],
    ),
    'cockpit.storesOf',
  );

const staffRow = z.object({ id: col.text, name: col.text, role: col.text, store_id: col.textOrNull, status: col.text });
export type StaffRow = z.output<typeof staffRow>;
export const staffOfStore = async (sql: SqlExecutor, tenantId: string, storeId: string) =>
  parseRows(
    staffRow,
    await sql.executeSql(
      `SELECT m.id::text AS id, m.name, m.role, m.store_id::text AS store_id, m.status
         FROM staff m WHERE m.tenant_id = $1 AND m.store_id = $2::uuid ORDER BY m.name, m.id`,
      [tenantId, storeId],
    ),
    'cockpit.staffOfStore',
  );
export const staffOne = async (sql: SqlExecutor, tenantId: string, id: string) =>
  maybeRow(
    staffRow,
    await sql.executeSql(
      `SELECT m.id::text AS id, m.name, m.role, m.store_id::text AS store_id, m.status
         FROM staff m WHERE m.tenant_id = $1 AND m.id = $2::uuid`,
      [tenantId, id],
    ),
    'cockpit.staffOne',
  );

/** Any list of item rows (`inner` selects kind, id, at, customer_id, vehicle_id, store_id, staff_id, status, counts). */
export const namedItems = async (sql: SqlExecutor, inner: string, values: unknown[], limit: number) =>
  parseRows(itemRow, await sql.executeSql(named(inner, limit, 'i.counts'), values), 'cockpit.namedItems');

/**
 * Monthly counts for the trend: cars in, delivered, bookings (not cancelled) and complaints received, by the
 * tenant's months. $1 tenant, $2/$3 the span, $4 zone, $5 store or null, $6 staff or null. Each branch is a range
 * of its table's (tenant_id, store_id, time) index for a store, of its time for the group.
 */
const trendSql = `
  SELECT to_char(v.checked_in_at AT TIME ZONE $4, 'YYYY-MM') AS month, 'carsIn' AS figure, count(*)::int AS n
    FROM visits v
   WHERE v.tenant_id = $1 AND v.checked_in_at >= $2 AND v.checked_in_at < $3
     AND ($5::uuid IS NULL OR v.store_id = $5::uuid) AND ($6::uuid IS NULL OR v.advisor_id = $6::uuid)
   GROUP BY 1
  UNION ALL
  SELECT to_char(v.delivered_at AT TIME ZONE $4, 'YYYY-MM'), 'delivered', count(*)::int
    FROM visits v
   WHERE v.tenant_id = $1 AND v.checked_in_at >= $2 - interval '31 days' AND v.checked_in_at < $3
     AND v.delivered_at >= $2 AND v.delivered_at < $3
     AND ($5::uuid IS NULL OR v.store_id = $5::uuid) AND ($6::uuid IS NULL OR v.advisor_id = $6::uuid)
   GROUP BY 1
  UNION ALL
  SELECT to_char(b.starts_at AT TIME ZONE $4, 'YYYY-MM'), 'bookings', count(*)::int
    FROM bookings b
   WHERE b.tenant_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 AND b.status <> 'cancelled'
     AND ($5::uuid IS NULL OR b.store_id = $5::uuid) AND ($6::uuid IS NULL OR b.advisor_id = $6::uuid)
   GROUP BY 1
  UNION ALL
  SELECT to_char(k.received_at AT TIME ZONE $4, 'YYYY-MM'), 'complaints', count(*)::int
    FROM complaints k
   WHERE k.tenant_id = $1 AND k.received_at >= $2 AND k.received_at < $3
     AND ($5::uuid IS NULL OR k.store_id = $5::uuid) AND ($6::uuid IS NULL OR k.handler_id = $6::uuid)
   GROUP BY 1`;
const trendRow = z.object({ month: col.text, figure: col.text, n: col.number });
export const trendCounts = async (
  sql: SqlExecutor,
  i: { tenantId: string; from: Date; to: Date; zone: string; storeId: string | null; staffId: string | null },
) =>
  parseRows(
    trendRow,
    await sql.executeSql(trendSql, [i.tenantId, i.from, i.to, i.zone, i.storeId, i.staffId]),
    'cockpit.trendCounts',
  );
