import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testClock } from '../../../test/harness.ts';
import { dayIn } from '../../platform/time/zone.ts';
import { couponDiscount } from './rules.ts';
import { createTemplate, deliver, loyaltyWorld, readyVisit, sqlOwner } from './test-kit.ts';

/** What the checkout left: the visit's status and repair order, the coupon's status, the ledger's entries. */
const traces = async (tenantId: string, visitId: string, couponId: string) => {
  const [v] = await sqlOwner('SELECT status, repair_order_id FROM visits WHERE id = $1', [visitId]);
  const [c] = await sqlOwner('SELECT status FROM coupons WHERE id = $1', [couponId]);
  const [n] = await sqlOwner('SELECT count(*)::int AS entries FROM points_ledger WHERE tenant_id = $1', [tenantId]);
  return { visit: v?.status, order: v?.repair_order_id !== null, coupon: c?.status, entries: n?.entries };
};

describe('membership: a coupon at checkout is validated (docs/loyalty.md)', () => {
  test('what a coupon takes off: an amount (never more than the bill), a percent up to its cap, a free item nothing', () => {
    const terms = {
      amountFen: 0,
      percentOff: 0,
      capFen: 0,
      minSpendFen: 0,
      storeIds: [],
      orderTypes: [],
      status: 'issued' as const,
      validUntil: '2099-12-31',
    };
    assert.equal(couponDiscount({ ...terms, kind: 'amount', amountFen: 5000 }, 30_000), 5000);
    assert.equal(couponDiscount({ ...terms, kind: 'amount', amountFen: 5000 }, 3000), 3000);
    // 30% of ¥2,000 is ¥600, capped at ¥500; of ¥1,000 it is ¥300; with no cap (0) the whole 30%.
    assert.equal(couponDiscount({ ...terms, kind: 'percent', percentOff: 30, capFen: 50_000 }, 200_000), 50_000);
    assert.equal(couponDiscount({ ...terms, kind: 'percent', percentOff: 30, capFen: 50_000 }, 100_000), 30_000);
    assert.equal(couponDiscount({ ...terms, kind: 'percent', percentOff: 30, capFen: 0 }, 200_000), 60_000);
    assert.equal(couponDiscount({ ...terms, kind: 'percent', percentOff: 15, capFen: 0 }, 999), 149);
    assert.equal(couponDiscount({ ...terms, kind: 'free_item' }, 200_000), 0);
  });

  test('another customer’s, one for another kind of service or past its last day is refused, nothing written', async () => {
    const w = await loyaltyWorld();
    // 保养 only; a bare visit (no booking) is general repair.
    const templateId = await createTemplate(w.admin, { orderTypes: ['maintenance'], pointsCost: null });
    const other = await w.admin.send('POST', '/api/customers', {
      name: '他人',
      phones: ['13955552222'],
      source: 'walk_in',
    });
    assert.equal(other.statusCode, 201, other.body);
    const otherId = other.json<{ id: string }>().id;
    const issued = await w.admin.send('POST', '/api/loyalty/coupons', {
      templateId,
      customerIds: [w.t.customerId, otherId],
    });
    assert.equal(issued.statusCode, 201, issued.body);
    const rows = await sqlOwner('SELECT id, customer_id FROM coupons WHERE tenant_id = $1', [w.t.id]);
    const mine = String(rows.find((r) => r.customer_id === w.t.customerId)?.id);
    const theirs = String(rows.find((r) => r.customer_id === otherId)?.id);
    const visit = await readyVisit(w, 20_000);
    const refusal = async (couponId: string) => {
      const res = await deliver(w.cashier, visit, 15_000, { couponId });
      assert.equal(res.statusCode, 409, res.body);
      return res.json<{ details: { issues: { path: string; message: string }[] } }>().details.issues[0];
    };

    assert.deepEqual(await refusal(theirs), { path: 'loyalty.couponId', message: '找不到该客户的这张卡券' });
    assert.equal((await refusal(mine))?.message, '该卡券不适用于本次服务类型');
    const offered = (await w.cashier.get(`/api/loyalty/visits/${visit}`)).json<{
      coupons: { id: string; usable: boolean }[];
    }>();
    assert.deepEqual(
      offered.coupons.map((c) => [c.id, c.usable]),
      [[mine, false]],
    );

    // Valid for any service now, but its last day was yesterday.
    await sqlOwner(`UPDATE coupon_templates SET order_types = '{}' WHERE id = $1`, [templateId]);
    const today = dayIn(testClock.now(), 'Asia/Shanghai');
    await sqlOwner(`UPDATE coupons SET valid_until = $2::date - 1 WHERE id = $1`, [mine, today]);
    assert.equal((await refusal(mine))?.message, '该卡券已过期');
    assert.deepEqual(await traces(w.t.id, visit, mine), {
      visit: 'ready',
      order: false,
      coupon: 'issued',
      entries: 0,
    });

    // Its last day is still a day it is good for.
    await sqlOwner(`UPDATE coupons SET valid_until = $2::date WHERE id = $1`, [mine, today]);
    const paid = await deliver(w.cashier, visit, 15_000, { couponId: mine });
    assert.equal(paid.statusCode, 200, paid.body);
    assert.deepEqual(await traces(w.t.id, visit, mine), {
      visit: 'delivered',
      order: true,
      coupon: 'redeemed',
      entries: 1,
    });
    // The other customer's coupon was never touched.
    const [t] = await sqlOwner('SELECT status FROM coupons WHERE id = $1', [theirs]);
    assert.equal(t?.status, 'issued');
  });
});
