// The KPI board's reads over the two rollups, the targets and the plans (docs/kpis.md). $1 is always the
// tenant; every table names it (Citus). The rollups are small (months × stores × advisors × bands × grades):
// a view sums a few hundred rows at most, never the repair orders.
import { z } from 'zod';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

export type Scope = { tenantId: string; storeId: string | null; advisorId: string | null };
export type Dim = 'month' | 'store' | 'advisor' | 'age' | 'loyalty';
const dimSql: Record<Dim, string> = {
  month: 'k.month::text',
  store: 'k.store_id::text',
  advisor: 'k.advisor_id::text',
  age: 'k.age_band::text',
  loyalty: 'k.loyalty',
};
const scopeWhere = `k.tenant_id = $1 AND ($2::uuid IS NULL OR k.store_id = $2::uuid) AND ($3::uuid IS NULL OR k.advisor_id = $3::uuid)`;

const customerSums = z.object({
  gkey: col.text,
  as_of: col.textOrNull,
  retained: col.number,
  lost: col.number,
  lost_6m: col.number,
  active_12m: col.number,
  repeat_12m: col.number,
  visits_12m: col.number,
  maintenance_12m: col.number,
  lost_at_start: col.number,
  won_back: col.number,
  sold_vehicles: col.number,
  sold_returned: col.number,
  sold_due: col.number,
  first_back: col.number,
  clv_fen: col.number,
});
export type CustomerSums = z.infer<typeof customerSums>;
const sums = (names: readonly string[]) => names.map((n) => `COALESCE(sum(k.${n}), 0) AS ${n}`).join(', ');

/** The customer snapshot summed over the scope, grouped by `by`, for the given months. */
export const snapshotSums = async (sql: SqlExecutor, s: Scope, months: string[], by: Dim) => {
  const result = await sql.executeSql(
    `SELECT ${dimSql[by]} AS gkey, max(k.as_of)::text AS as_of,
            ${sums(['retained', 'lost', 'lost_6m', 'active_12m', 'repeat_12m', 'visits_12m', 'maintenance_12m', 'lost_at_start', 'won_back', 'sold_vehicles', 'sold_returned', 'sold_due', 'first_back', 'clv_fen'])}
       FROM kpi_customer_months k
      WHERE ${scopeWhere} AND k.month = ANY($4::date[])
      GROUP BY 1`,
    [s.tenantId, s.storeId, s.advisorId, months],
  );
  return parseRows(customerSums, result, 'kpis.snapshotSums');
};

const visitSums = z.object({
  gkey: col.text,
  ro_type: col.text,
  orders: col.number,
  revenue_fen: col.number,
  parts_cost_fen: col.number,
});
export type VisitSums = z.infer<typeof visitSums>;
/** The repair-order rollup summed over the scope, by `by` and type, for the given months. */
export const visitRollupSums = async (sql: SqlExecutor, s: Scope, months: string[], by: Dim) => {
  const result = await sql.executeSql(
    `SELECT ${dimSql[by]} AS gkey, k.ro_type, ${sums(['orders', 'revenue_fen', 'parts_cost_fen'])}
       FROM kpi_visit_months k
      WHERE ${scopeWhere} AND k.month = ANY($4::date[])
      GROUP BY 1, 2`,
    [s.tenantId, s.storeId, s.advisorId, months],
  );
  return parseRows(visitSums, result, 'kpis.visitRollupSums');
};

const targetRow = z.object({
  kpi: col.text,
  store_id: col.textOrNull,
  target: col.number,
  updated_at: col.instant,
});
export const targetsOf = async (sql: SqlExecutor, tenantId: string) => {
  const result = await sql.executeSql(
    `SELECT kpi, store_id::text AS store_id, target, updated_at FROM kpi_targets WHERE tenant_id = $1
      ORDER BY kpi, store_id NULLS FIRST`,
    [tenantId],
  );
  return parseRows(targetRow, result, 'kpis.targets');
};

export const upsertTarget = async (
  sql: SqlExecutor,
  t: { tenantId: string; id: string; kpi: string; storeId: string | null; target: number; by: string; at: Date },
) => {
  await sql.executeSql(
    `INSERT INTO kpi_targets (tenant_id, id, kpi, store_id, target, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, kpi, COALESCE(store_id, '00000000-0000-0000-0000-000000000000'::uuid))
     DO UPDATE SET target = excluded.target, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [t.tenantId, t.id, t.kpi, t.storeId, t.target, t.by, t.at],
  );
};

export const deleteTarget = async (sql: SqlExecutor, tenantId: string, kpi: string, storeId: string | null) => {
  await sql.executeSql(
    `DELETE FROM kpi_targets WHERE tenant_id = $1 AND kpi = $2 AND store_id IS NOT DISTINCT FROM $3::uuid`,
    [tenantId, kpi, storeId],
  );
};

const planRow = z.object({
  id: col.text,
  kpi: col.text,
  store_id: col.textOrNull,
  store_name: col.textOrNull,
  owner_id: col.text,
  owner_name: col.text,
  title: col.text,
  baseline: col.numberOrNull,
  target: col.number,
  starts_on: col.text,
  due_on: col.text,
  status: z.enum(['plan', 'do', 'check', 'act', 'done']),
  note: col.textOrNull,
  created_at: col.instant,
});
export type PlanRow = z.infer<typeof planRow>;
export const plansOf = async (
  sql: SqlExecutor,
  tenantId: string,
  f: { kpi?: string | null; storeId?: string | null; id?: string | null },
) => {
  const result = await sql.executeSql(
    `SELECT p.id::text AS id, p.kpi, p.store_id::text AS store_id, st.name AS store_name, p.owner_id::text AS owner_id,
            o.name AS owner_name, p.title, p.baseline, p.target, p.starts_on::text AS starts_on,
            p.due_on::text AS due_on, p.status, p.note, p.created_at
       FROM kpi_plans p
       JOIN staff o ON o.tenant_id = $1 AND o.id = p.owner_id
       LEFT JOIN stores st ON st.tenant_id = $1 AND st.id = p.store_id
      WHERE p.tenant_id = $1 AND ($2::text IS NULL OR p.kpi = $2) AND ($3::uuid IS NULL OR p.store_id = $3::uuid)
        AND ($4::uuid IS NULL OR p.id = $4::uuid)
      ORDER BY (p.status = 'done'), p.due_on, p.created_at`,
    [tenantId, f.kpi ?? null, f.storeId ?? null, f.id ?? null],
  );
  return parseRows(planRow, result, 'kpis.plans');
};

export const insertPlan = async (
  sql: SqlExecutor,
  p: {
    tenantId: string;
    id: string;
    kpi: string;
    storeId: string | null;
    ownerId: string;
    title: string;
    baseline: number | null;
    target: number;
    startsOn: string;
    dueOn: string;
    note: string | null;
    by: string;
    at: Date;
  },
) => {
  await sql.executeSql(
    `INSERT INTO kpi_plans (tenant_id, id, kpi, store_id, owner_id, title, baseline, target, starts_on, due_on, status,
                            note, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'plan', $11, $12, $13, $13)`,
    [
      p.tenantId,
      p.id,
      p.kpi,
      p.storeId,
      p.ownerId,
      p.title,
      p.baseline,
      p.target,
      p.startsOn,
      p.dueOn,
      p.note,
      p.by,
      p.at,
    ],
  );
};

export const updatePlan = async (
  sql: SqlExecutor,
  p: {
    tenantId: string;
    id: string;
    status: string | null;
    note: string | null | undefined;
    dueOn: string | null;
    at: Date;
  },
) => {
  const result = await sql.executeSql(
    `UPDATE kpi_plans SET status = COALESCE($3, status), note = CASE WHEN $4::boolean THEN $5 ELSE note END,
            due_on = COALESCE($6::date, due_on), updated_at = $7
      WHERE tenant_id = $1 AND id = $2 RETURNING id`,
    [p.tenantId, p.id, p.status, p.note !== undefined, p.note ?? null, p.dueOn, p.at],
  );
  return result.rows.length > 0;
};
