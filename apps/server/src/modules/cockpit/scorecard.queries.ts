import { z } from 'zod';
import type { SqlExecutor } from '../../platform/db/types.ts';
import { col, maybeRow, parseRows } from '../../platform/db/rows.ts';

/**
 * The scorecard's components from the tables that hold them (docs/cockpit.md, formulas there), per staff member
 * of one store and a period [$3, $4); $5 now (a due time still ahead is not counted yet). CSAT comes from the
 * indices module (its figures by advisor).
 */
export type PeriodInput = { tenantId: string; storeId: string; from: Date; to: Date; now: Date };
const params = (i: PeriodInput) => [i.tenantId, i.storeId, i.from, i.to, i.now];

/**
 * Visits delivered in the period, per advisor: repeat service (the car had a repair order opened in the 365 days
 * before this check-in, other than the visit's own) and efficiency (into a bay within 30 minutes of check-in).
 */
const deliveredSql = `
  WITH d AS (
    SELECT v.tenant_id, v.id, v.advisor_id, v.customer_id, v.vehicle_id, v.checked_in_at, v.repair_order_id
      FROM visits v
     WHERE v.tenant_id = $1 AND v.store_id = $2::uuid AND v.status = 'delivered'
       AND v.delivered_at >= $3 AND v.delivered_at < $4 AND v.advisor_id IS NOT NULL AND $5::timestamptz IS NOT NULL
  ),
  bay AS (
    SELECT e.visit_id, min(e.at) AS at
      FROM visit_events e JOIN d ON d.tenant_id = e.tenant_id AND d.id = e.visit_id
     WHERE e.tenant_id = $1 AND e.status = 'in_bay'
     GROUP BY e.visit_id
  )
  SELECT d.advisor_id::text AS staff_id, count(*)::int AS delivered,
         count(DISTINCT d.customer_id)::int AS customers,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM repair_orders o
            WHERE o.tenant_id = $1 AND o.vehicle_id = d.vehicle_id
              AND o.date_in < d.checked_in_at AND o.date_in >= d.checked_in_at - interval '365 days'
              AND o.id IS DISTINCT FROM d.repair_order_id))::int AS repeat,
         count(bay.at)::int AS timed,
         count(*) FILTER (WHERE bay.at - d.checked_in_at <= interval '30 minutes')::int AS quick
    FROM d LEFT JOIN bay ON bay.visit_id = d.id
   GROUP BY d.advisor_id`;

const deliveredRow = z.object({
  staff_id: col.text,
  delivered: col.number,
  customers: col.number,
  repeat: col.number,
  timed: col.number,
  quick: col.number,
});
export const deliveredFigures = async (sql: SqlExecutor, i: PeriodInput) =>
  parseRows(deliveredRow, await sql.executeSql(deliveredSql, params(i)), 'cockpit.deliveredFigures');

/** Referrals made in the period at the store (not ineligible), to the consultant they are attributed to, else who recorded them. */
const referralSql = `
  SELECT coalesce(r.consultant_id, r.recorded_by)::text AS staff_id, count(*)::int AS n
    FROM referrals r
   WHERE r.tenant_id = $1 AND r.store_id = $2::uuid AND r.created_at >= $3 AND r.created_at < $4
     AND r.status <> 'ineligible' AND coalesce(r.consultant_id, r.recorded_by) IS NOT NULL
     AND $5::timestamptz IS NOT NULL
   GROUP BY 1`;
const nRow = z.object({ staff_id: col.text, n: col.number });
export const referralCounts = async (sql: SqlExecutor, i: PeriodInput) =>
  parseRows(nRow, await sql.executeSql(referralSql, params(i)), 'cockpit.referralCounts');

/**
 * Complaint handling: hot alerts assigned to the person and complaints they handle, due in the period (and
 * already due): on time when the alert was closed, or the complaint answered, by its due time.
 */
const handlingSql = `
  SELECT a.assignee_id::text AS staff_id, count(*)::int AS due,
         count(*) FILTER (WHERE a.closed_at IS NOT NULL AND a.closed_at <= a.due_at)::int AS on_time
    FROM recovery_alerts a
   WHERE a.tenant_id = $1 AND a.store_id = $2::uuid AND a.due_at >= $3 AND a.due_at < $4 AND a.due_at <= $5
     AND a.assignee_id IS NOT NULL
   GROUP BY a.assignee_id
  UNION ALL
  SELECT k.handler_id::text, count(*)::int,
         count(*) FILTER (WHERE k.answered_at IS NOT NULL AND k.answered_at <= k.answer_due)::int
    FROM complaints k
   WHERE k.tenant_id = $1 AND k.store_id = $2::uuid AND k.answer_due >= $3 AND k.answer_due < $4
     AND k.answer_due <= $5 AND k.handler_id IS NOT NULL
   GROUP BY k.handler_id`;
const handlingRow = z.object({ staff_id: col.text, due: col.number, on_time: col.number });
export const handlingCounts = async (sql: SqlExecutor, i: PeriodInput) =>
  parseRows(handlingRow, await sql.executeSql(handlingSql, params(i)), 'cockpit.handlingCounts');

/** The rows behind one component for one person ($6): what is counted, and whether it counts for them. */
const itemsSql: Record<'visits' | 'referral' | 'complaint', (counts: string) => string> = {
  visits: (what) => `
    SELECT 'visit' AS kind, v.id, v.delivered_at AS at, v.customer_id, v.vehicle_id, v.store_id, v.advisor_id AS staff_id,
           v.status, ${what} AS counts
      FROM visits v
     WHERE v.tenant_id = $1 AND v.store_id = $2::uuid AND v.status = 'delivered' AND v.delivered_at >= $3
       AND v.delivered_at < $4 AND v.advisor_id = $6::uuid AND $5::timestamptz IS NOT NULL`,
  referral: () => `
    SELECT 'referral' AS kind, r.id, r.created_at AS at, r.referrer_id AS customer_id, NULL::uuid AS vehicle_id,
           r.store_id, coalesce(r.consultant_id, r.recorded_by) AS staff_id, r.status, true AS counts
      FROM referrals r
     WHERE r.tenant_id = $1 AND r.store_id = $2::uuid AND r.created_at >= $3 AND r.created_at < $4
       AND r.status <> 'ineligible' AND coalesce(r.consultant_id, r.recorded_by) = $6::uuid AND $5::timestamptz IS NOT NULL`,
  complaint: () => `
    SELECT 'alert' AS kind, a.id, a.due_at AS at, a.customer_id, a.vehicle_id, a.store_id, a.assignee_id AS staff_id,
           a.status, (a.closed_at IS NOT NULL AND a.closed_at <= a.due_at) AS counts
      FROM recovery_alerts a
     WHERE a.tenant_id = $1 AND a.store_id = $2::uuid AND a.due_at >= $3 AND a.due_at < $4 AND a.due_at <= $5
       AND a.assignee_id = $6::uuid
    UNION ALL
    SELECT 'complaint', k.id, k.answer_due, k.customer_id, k.vehicle_id, k.store_id, k.handler_id, k.stage,
           (k.answered_at IS NOT NULL AND k.answered_at <= k.answer_due)
      FROM complaints k
     WHERE k.tenant_id = $1 AND k.store_id = $2::uuid AND k.answer_due >= $3 AND k.answer_due < $4
       AND k.answer_due <= $5 AND k.handler_id = $6::uuid`,
};
const repeatSql = `EXISTS (SELECT 1 FROM repair_orders o
   WHERE o.tenant_id = $1 AND o.vehicle_id = v.vehicle_id AND o.date_in < v.checked_in_at
     AND o.date_in >= v.checked_in_at - interval '365 days' AND o.id IS DISTINCT FROM v.repair_order_id)`;
const quickSql = `(SELECT min(e.at) FROM visit_events e
   WHERE e.tenant_id = $1 AND e.visit_id = v.id AND e.status = 'in_bay') - v.checked_in_at <= interval '30 minutes'`;

export const scoreItemsSql = (component: 'repeat' | 'efficiency' | 'referral' | 'complaint' | 'csat') =>
  component === 'repeat'
    ? itemsSql.visits(repeatSql)
    : component === 'efficiency'
      ? itemsSql.visits(`coalesce(${quickSql}, false)`)
      : component === 'csat'
        ? itemsSql.visits('NULL::boolean')
        : itemsSql[component]('');

/** The tenant's saved weights, if any. */
const weightsRow = z.object({
  csat: col.number,
  repeat: col.number,
  referral: col.number,
  efficiency: col.number,
  complaint: col.number,
  updated_at: col.instant,
});
export const savedWeights = async (sql: SqlExecutor, tenantId: string) =>
  maybeRow(
    weightsRow,
    await sql.executeSql(
      `SELECT w.csat, w.repeat, w.referral, w.efficiency, w.complaint, w.updated_at
         FROM scorecard_weights w WHERE w.tenant_id = $1`,
      [tenantId],
    ),
    'cockpit.savedWeights',
  );

export type WeightValues = { csat: number; repeat: number; referral: number; efficiency: number; complaint: number };
export const upsertWeights = async (sql: SqlExecutor, tenantId: string, w: WeightValues, by: string, at: Date) => {
  await sql.executeSql(
    `INSERT INTO scorecard_weights (tenant_id, csat, repeat, referral, efficiency, complaint, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant_id) DO UPDATE SET csat = EXCLUDED.csat, repeat = EXCLUDED.repeat,
       referral = EXCLUDED.referral, efficiency = EXCLUDED.efficiency, complaint = EXCLUDED.complaint,
       updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [tenantId, w.csat, w.repeat, w.referral, w.efficiency, w.complaint, at, by],
  );
};
