// The monthly reports and their subscriptions (docs/reports.md, migration 0065). $1 is always the tenant.
import { z } from 'zod';
import { col, maybeRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

const reportRow = z.object({
  id: col.text,
  month: col.text,
  store_id: col.textOrNull,
  store_name: col.textOrNull,
  off_target: col.number,
  xlsx_bytes: col.number,
  pdf_bytes: col.number,
  generated_at: col.instant,
  generated_by: col.textOrNull,
  sent_at: col.instantOrNull,
});
export type ReportRow = z.infer<typeof reportRow>;

/** The reports of the tenant (a store's only when `storeId`), newest month first, the group before stores. */
export const listReports = async (
  sql: SqlExecutor,
  tenantId: string,
  f: { storeId: string | null; month?: string; groupToo: boolean },
) =>
  parseRows(
    reportRow,
    await sql.executeSql(
      `SELECT r.id::text, to_char(r.month, 'YYYY-MM') AS month, r.store_id::text, s.name AS store_name, r.off_target,
              octet_length(r.xlsx) AS xlsx_bytes, octet_length(r.pdf) AS pdf_bytes, r.generated_at,
              g.name AS generated_by, r.sent_at
         FROM monthly_reports r
         LEFT JOIN stores s ON s.tenant_id = r.tenant_id AND s.id = r.store_id
         LEFT JOIN staff g ON g.tenant_id = r.tenant_id AND g.id = r.generated_by
        WHERE r.tenant_id = $1
          AND ($2::uuid IS NULL OR r.store_id = $2::uuid OR ($3::boolean AND r.store_id IS NULL))
          AND ($4::date IS NULL OR r.month = $4::date)
        ORDER BY r.month DESC, r.store_id IS NOT NULL, s.name`,
      [tenantId, f.storeId, f.groupToo, f.month ? `${f.month}-01` : null],
    ),
    'reports.list',
  );

const bytes = z.instanceof(Uint8Array);
const fileRow = z.object({ month: col.text, store_id: col.textOrNull, store_name: col.textOrNull, file: bytes });

export const reportFile = async (sql: SqlExecutor, tenantId: string, id: string, which: 'xlsx' | 'pdf') =>
  maybeRow(
    fileRow,
    await sql.executeSql(
      `SELECT to_char(r.month, 'YYYY-MM') AS month, r.store_id::text, s.name AS store_name, r.${which} AS file
         FROM monthly_reports r LEFT JOIN stores s ON s.tenant_id = r.tenant_id AND s.id = r.store_id
        WHERE r.tenant_id = $1 AND r.id = $2`,
      [tenantId, id],
    ),
    'reports.file',
  );

/** Writes a month's report for a scope; a second run replaces the files and keeps the row (and its sent time). */
export const saveReport = async (
  sql: SqlExecutor,
  r: {
    tenantId: string;
    id: string;
    month: string;
    storeId: string | null;
    xlsx: Buffer;
    pdf: Buffer;
    offTarget: number;
    at: Date;
    by: string | null;
  },
) => {
  await sql.executeSql(
    `INSERT INTO monthly_reports (tenant_id, id, month, store_id, xlsx, pdf, off_target, generated_at, generated_by)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id, month, store_id) DO UPDATE
        SET xlsx = EXCLUDED.xlsx, pdf = EXCLUDED.pdf, off_target = EXCLUDED.off_target,
            generated_at = EXCLUDED.generated_at, generated_by = EXCLUDED.generated_by`,
    [r.tenantId, r.id, `${r.month}-01`, r.storeId, r.xlsx, r.pdf, r.offTarget, r.at, r.by],
  );
};

/** The scopes (null: the group) whose report of the month exists already. */
export const scopesDone = async (sql: SqlExecutor, tenantId: string, month: string) =>
  parseRows(
    z.object({ store_id: col.textOrNull, sent: col.bool }),
    await sql.executeSql(
      `SELECT store_id::text, sent_at IS NOT NULL AS sent FROM monthly_reports WHERE tenant_id = $1 AND month = $2::date`,
      [tenantId, `${month}-01`],
    ),
    'reports.scopesDone',
  );

export const markSent = async (sql: SqlExecutor, tenantId: string, month: string, at: Date) => {
  await sql.executeSql(
    `UPDATE monthly_reports SET sent_at = $3 WHERE tenant_id = $1 AND month = $2::date AND sent_at IS NULL`,
    [tenantId, `${month}-01`, at],
  );
};

/** The tenant's name and its stores: the scopes of a month's reports. */
export const tenantStores = async (sql: SqlExecutor, tenantId: string) => {
  const stores = parseRows(
    z.object({ id: col.text }),
    await sql.executeSql(`SELECT id::text FROM stores WHERE tenant_id = $1 ORDER BY name`, [tenantId]),
    'reports.stores',
  );
  const tenant = maybeRow(
    z.object({ name: col.text }),
    await sql.executeSql(`SELECT name FROM tenants WHERE id = $1`, [tenantId]),
    'reports.tenantName',
  );
  return { name: tenant?.name ?? '', storeIds: stores.map((r) => r.id) };
};

const subRow = z.object({
  id: col.text,
  staff_id: col.text,
  staff_role: col.text,
  staff_store_id: col.textOrNull,
  store_id: col.textOrNull,
  store_name: col.textOrNull,
  format: z.enum(['xlsx', 'pdf', 'both']),
  email: col.textOrNull,
});
export type SubRow = z.infer<typeof subRow>;

/** Subscriptions of active staff (one person's when `staffId`). */
export const subscriptionsOf = async (sql: SqlExecutor, tenantId: string, staffId: string | null) =>
  parseRows(
    subRow,
    await sql.executeSql(
      `SELECT r.id::text, r.staff_id::text, p.role AS staff_role, p.store_id::text AS staff_store_id,
              r.store_id::text, s.name AS store_name, r.format, r.email
         FROM report_subscriptions r
         JOIN staff p ON p.tenant_id = r.tenant_id AND p.id = r.staff_id AND p.status = 'active'
         LEFT JOIN stores s ON s.tenant_id = r.tenant_id AND s.id = r.store_id
        WHERE r.tenant_id = $1 AND ($2::uuid IS NULL OR r.staff_id = $2::uuid)
        ORDER BY r.store_id IS NOT NULL, s.name`,
      [tenantId, staffId],
    ),
    'reports.subscriptions',
  );

export const upsertSubscription = async (
  sql: SqlExecutor,
  s: {
    tenantId: string;
    id: string;
    staffId: string;
    storeId: string | null;
    format: string;
    email: string | null;
    at: Date;
  },
) => {
  await sql.executeSql(
    `INSERT INTO report_subscriptions (tenant_id, id, staff_id, store_id, format, email, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, staff_id, store_id) DO UPDATE SET format = EXCLUDED.format, email = EXCLUDED.email`,
    [s.tenantId, s.id, s.staffId, s.storeId, s.format, s.email, s.at],
  );
};

export const deleteSubscription = async (sql: SqlExecutor, tenantId: string, staffId: string, id: string) => {
  const r = await sql.executeSql(
    `DELETE FROM report_subscriptions WHERE tenant_id = $1 AND staff_id = $2 AND id = $3 RETURNING id`,
    [tenantId, staffId, id],
  );
  return r.rows.length > 0;
};
