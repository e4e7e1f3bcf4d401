import { z } from 'zod';
import { couponKinds, couponOrigins, couponStatuses, repairOrderTypes, type CouponTemplateInput } from '@m4s/contracts';
import { col, maybeRow, oneRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** Coupon templates and the coupons customers hold (docs/loyalty.md). */

/** What a coupon gives and where, as a template row and a coupon row (joined with its template) carry it. */
const terms = {
  name: col.text,
  kind: z.enum(couponKinds),
  amount_fen: col.number,
  percent_off: col.number,
  cap_fen: col.number,
  item: col.text,
  min_spend_fen: col.number,
  store_ids: z.array(z.string()),
  order_types: z.array(z.enum(repairOrderTypes)),
};
const templateRow = z.object({
  id: col.text,
  ...terms,
  valid_days: col.number,
  points_cost: col.numberOrNull,
  active: col.bool,
  issued: col.number,
  redeemed: col.number,
});
export type TemplateRow = z.output<typeof templateRow>;

const templateColumns = `t.id, t.name, t.kind, t.amount_fen, t.percent_off, t.cap_fen, t.item, t.min_spend_fen, t.valid_days,
  t.store_ids::text[] AS store_ids, t.order_types, t.points_cost, t.active`;

export const templates = async (sql: SqlExecutor, tenantId: string, id?: string) =>
  parseRows(
    templateRow,
    await sql.executeSql(
      `SELECT ${templateColumns},
         (SELECT count(*) FROM coupons c WHERE c.tenant_id = $1 AND c.tenant_id = t.tenant_id AND c.template_id = t.id)
           AS issued,
         (SELECT count(*) FROM coupons c WHERE c.tenant_id = $1 AND c.tenant_id = t.tenant_id AND c.template_id = t.id
            AND c.status = 'redeemed') AS redeemed
       FROM coupon_templates t WHERE t.tenant_id = $1 AND ($2::uuid IS NULL OR t.id = $2::uuid)
       ORDER BY t.created_at, t.id`,
      [tenantId, id ?? null],
    ),
  );

const templateValues = (t: CouponTemplateInput) => [
  t.name,
  t.kind,
  t.amountFen,
  t.percentOff,
  t.capFen,
  t.item,
  t.minSpendFen,
  t.validDays,
  t.storeIds,
  t.orderTypes,
  t.pointsCost,
  t.active,
];

export const insertTemplate = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  t: CouponTemplateInput,
  at: Date,
) => {
  await sql.executeSql(
    `INSERT INTO coupon_templates (tenant_id, id, name, kind, amount_fen, percent_off, cap_fen, item, min_spend_fen,
       valid_days, store_ids, order_types, points_cost, active, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::uuid[], $12::text[], $13, $14, $15)`,
    [tenantId, id, ...templateValues(t), at],
  );
};

export const updateTemplate = async (sql: SqlExecutor, tenantId: string, id: string, t: CouponTemplateInput) => {
  const { rows } = await sql.executeSql(
    `UPDATE coupon_templates SET name = $3, kind = $4, amount_fen = $5, percent_off = $6, cap_fen = $7, item = $8,
       min_spend_fen = $9, valid_days = $10, store_ids = $11::uuid[], order_types = $12::text[], points_cost = $13,
       active = $14
     WHERE tenant_id = $1 AND id = $2 RETURNING id`,
    [tenantId, id, ...templateValues(t)],
  );
  return rows.length === 1;
};

/** Unknown store ids among these (a template names only the tenant's stores). */
export const unknownStores = async (sql: SqlExecutor, tenantId: string, ids: readonly string[]) => {
  if (ids.length === 0) return [];
  const found = parseRows(
    z.object({ id: col.text }),
    await sql.executeSql('SELECT id FROM stores WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, ids]),
  );
  return ids.filter((id) => !found.some((f) => f.id === id));
};

const couponRow = z.object({
  id: col.text,
  code: col.text,
  template_id: col.text,
  customer_id: col.text,
  ...terms,
  status: z.enum(couponStatuses),
  origin: z.enum(couponOrigins),
  issued_at: col.instant,
  valid_until: col.text,
  redeemed_at: col.instantOrNull,
  discount_fen: col.numberOrNull,
});
export type CouponRow = z.output<typeof couponRow>;

const couponSelect = `SELECT c.id, c.code, c.template_id, c.customer_id, t.name, t.kind, t.amount_fen, t.percent_off,
    t.cap_fen, t.item, t.min_spend_fen, t.store_ids::text[] AS store_ids, t.order_types, c.status, c.origin, c.issued_at,
    c.valid_until::text AS valid_until, c.redeemed_at, c.discount_fen
  FROM coupons c JOIN coupon_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id`;

export const couponsOf = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  parseRows(
    couponRow,
    await sql.executeSql(
      `${couponSelect} WHERE c.tenant_id = $1 AND c.customer_id = $2
       ORDER BY (c.status = 'issued') DESC, c.valid_until, c.id LIMIT 200`,
      [tenantId, customerId],
    ),
  );

export const couponById = async (sql: SqlExecutor, tenantId: string, id: string) =>
  maybeRow(couponRow, await sql.executeSql(`${couponSelect} WHERE c.tenant_id = $1 AND c.id = $2`, [tenantId, id]));

export type NewCoupon = {
  id: string;
  templateId: string;
  customerId: string;
  code: string;
  origin: (typeof couponOrigins)[number];
  issueKey: string;
  issuedAt: Date;
  validUntil: string;
  issuedBy: string | null;
};

/** Issues one coupon unless its issue key was used: true when it was written. */
export const insertCoupon = async (sql: SqlExecutor, tenantId: string, c: NewCoupon) => {
  const { rows } = await sql.executeSql(
    `INSERT INTO coupons (tenant_id, id, template_id, customer_id, code, origin, issue_key, issued_at, valid_until, issued_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (tenant_id, issue_key) DO NOTHING RETURNING id`,
    [tenantId, c.id, c.templateId, c.customerId, c.code, c.origin, c.issueKey, c.issuedAt, c.validUntil, c.issuedBy],
  );
  return rows.length === 1;
};

/**
 * issued → redeemed in one conditional statement: of two checkouts at once, the second finds it redeemed
 * (it waited for the first's row lock and re-checked the status) and changes nothing.
 */
export const redeemCoupon = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  r: { at: Date; visitId: string | null; storeId: string | null; discountFen: number; today: string },
) => {
  const { rows } = await sql.executeSql(
    `UPDATE coupons SET status = 'redeemed', redeemed_at = $3, redeemed_visit_id = $4, redeemed_store_id = $5,
       discount_fen = $6
     WHERE tenant_id = $1 AND id = $2 AND status = 'issued' AND valid_until >= $7::date RETURNING id`,
    [tenantId, id, r.at, r.visitId, r.storeId, r.discountFen, r.today],
  );
  return rows.length === 1;
};

export const voidCoupon = async (sql: SqlExecutor, tenantId: string, id: string) => {
  const { rows } = await sql.executeSql(
    `UPDATE coupons SET status = 'void' WHERE tenant_id = $1 AND id = $2 AND status = 'issued' RETURNING id`,
    [tenantId, id],
  );
  return rows.length === 1;
};

/** Which of these ids are the tenant's customers (issuing by hand names only existing ones). */
export const existingCustomers = async (sql: SqlExecutor, tenantId: string, ids: readonly string[]) =>
  parseRows(
    z.object({ id: col.text }),
    await sql.executeSql('SELECT id FROM customers WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, ids]),
  ).map((r) => r.id);

export const countCoupons = async (sql: SqlExecutor, tenantId: string) =>
  oneRow(
    z.object({ n: col.number }),
    await sql.executeSql('SELECT count(*) AS n FROM coupons WHERE tenant_id = $1', [tenantId]),
  ).n;
