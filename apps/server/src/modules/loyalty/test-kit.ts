import assert from 'node:assert/strict';
import type { CouponTemplateInput } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { testApp, testClock, type Agent } from '../../../test/harness.ts';
import { asJob } from '../booking/test-kit.ts';
import { visitWorld, type VisitWorld } from '../visits/test-kit.ts';

export type LoyaltyWorld = VisitWorld & { cs: Agent };

/** The visits' world (an owner bound to the test car, a cashier, an advisor) for membership tests. */
export const loyaltyWorld = async (): Promise<LoyaltyWorld> => {
  const w = await visitWorld();
  return { ...w, cs: w.admin };
};

/** Runs `fn` in the tenant's transaction as the night does. */
export const asNight = <T>(tenantId: string, fn: (ctx: Ctx) => Promise<T>) => asJob(tenantId, fn);

export const sqlOwner = async (text: string, values: unknown[] = []) => {
  const { db } = await testApp();
  return (await db.owner.executeSql(text, values)).rows;
};

let vin = 0;
/** Another car of the customer (one open visit per car: two checkouts at once need two cars). */
export const anotherCar = async (w: VisitWorld) => {
  vin++;
  const v = `LFV2A21K8J39${String(vin).padStart(5, '0')}`;
  const [row] = await sqlOwner(`INSERT INTO vehicles (tenant_id, vin, owner_id) VALUES ($1, $2, $3) RETURNING id`, [
    w.t.id,
    v,
    w.t.customerId,
  ]);
  return String(row?.id);
};

/**
 * A visit of the car at the store, ready for delivery, with one approved line of `amountFen` (written
 * directly: the walk through estimate and stages is the visits suite's).
 */
export const readyVisit = async (
  w: VisitWorld,
  amountFen: number,
  opts: { vehicleId?: string; storeId?: string } = {},
) => {
  const now = testClock.now();
  const [visit] = await sqlOwner(
    `INSERT INTO visits (tenant_id, store_id, customer_id, vehicle_id, status, checked_in_at, mileage_km)
     VALUES ($1, $2, $3, $4, 'ready', $5, 20000) RETURNING id`,
    [w.t.id, opts.storeId ?? w.t.storeId, w.t.customerId, opts.vehicleId ?? w.t.vehicleId, now],
  );
  const id = String(visit?.id);
  await sqlOwner(
    `INSERT INTO estimate_lines (tenant_id, visit_id, position, kind, description, amount_fen, status, proposed_at)
     VALUES ($1, $2, 0, 'labour', '保养工时', $3, 'approved', $4)`,
    [w.t.id, id, amountFen, now],
  );
  return id;
};

export const deliver = (
  staff: Agent,
  visitId: string,
  amountFen: number,
  loyalty?: { couponId?: string; points?: number },
) =>
  staff.send('POST', `/api/visits/${visitId}/deliver`, {
    payment: { method: 'wechat', amountFen },
    ...(loyalty ? { loyalty } : {}),
  });

export const template = (over: Partial<CouponTemplateInput> = {}) => ({
  name: '保养立减50元',
  kind: 'amount',
  amountFen: 5000,
  minSpendFen: 10_000,
  validDays: 90,
  pointsCost: 500,
  ...over,
});

export const createTemplate = async (admin: Agent, over: Partial<CouponTemplateInput> = {}) => {
  const res = await admin.send('POST', '/api/loyalty/templates', template(over));
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string }>().id;
};

export const balanceOf = async (tenantId: string, customerId: string) => {
  const [row] = await sqlOwner('SELECT balance FROM loyalty_members WHERE tenant_id = $1 AND customer_id = $2', [
    tenantId,
    customerId,
  ]);
  return row ? Number(row.balance) : 0;
};

export const ledgerSum = async (tenantId: string, customerId: string) => {
  const [row] = await sqlOwner(
    'SELECT coalesce(sum(points), 0) AS s FROM points_ledger WHERE tenant_id = $1 AND customer_id = $2',
    [tenantId, customerId],
  );
  return Number(row?.s ?? 0);
};

/** Gives the customer points by a manager's adjustment through the API. */
export const grant = async (admin: Agent, customerId: string, points: number) => {
  const res = await admin.send('POST', `/api/loyalty/members/${customerId}/adjust`, { points, reason: '测试赠送积分' });
  assert.equal(res.statusCode, 200, res.body);
};

/**
 * A tenant's membership rows for the cross-tenant suite and the fuzz world: a coupon template, a coupon of
 * the test customer and an earned entry in their wallet (written directly).
 */
export const loyaltyRowsFor = async (t: { id: string; storeId: string; customerId: string }) => {
  const [tpl] = await sqlOwner(
    `INSERT INTO coupon_templates (tenant_id, name, kind, amount_fen, valid_days, points_cost, created_at)
     VALUES ($1, '越界券', 'amount', 1000, 30, 100, now()) RETURNING id`,
    [t.id],
  );
  const templateId = String(tpl?.id);
  const [coupon] = await sqlOwner(
    `INSERT INTO coupons (tenant_id, template_id, customer_id, code, origin, issue_key, issued_at, valid_until)
     VALUES ($1, $2, $3, upper(md5(random()::text)), 'hand', 'x:' || random()::text, now(), current_date + 30)
     RETURNING id`,
    [t.id, templateId, t.customerId],
  );
  await sqlOwner(`INSERT INTO loyalty_members (tenant_id, customer_id, balance) VALUES ($1, $2, 500)`, [
    t.id,
    t.customerId,
  ]);
  await sqlOwner(
    `INSERT INTO points_ledger (tenant_id, customer_id, kind, points, balance_after, source, source_id, store_id, at)
     VALUES ($1, $2, 'earn', 500, 500, 'survey', 'x:' || random()::text, $3, now())`,
    [t.id, t.customerId, t.storeId],
  );
  return { templateId, couponId: String(coupon?.id) };
};
