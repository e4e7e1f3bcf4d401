import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff } from '../../../test/harness.ts';

describe('a sale records the moment of the hand-over (the 2-hour care call counts from it)', () => {
  test('the delivery date follows the time in the tenant’s zone; a date of another day is refused; no time is fine', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const post = (body: object) => admin.send('POST', `/api/customers/${t.customerId}/sales-orders`, body);
    // 17:30 UTC is 01:30 the next day in Shanghai: the delivery day is the local one.
    const res = await post({
      vehicleId: t.vehicleId,
      orderDate: '2026-05-01',
      deliveredAt: '2026-05-03T17:30:00Z',
      priceFen: 1,
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json<{ deliveryDate: string }>().deliveryDate, '2026-05-04');
    assert.equal(res.json<{ deliveredAt: string }>().deliveredAt, '2026-05-03T17:30:00.000Z');
    const bad = await post({
      orderDate: '2026-05-01',
      deliveryDate: '2026-05-03',
      deliveredAt: '2026-05-03T17:30:00Z',
      priceFen: 1,
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json<{ details: { issues: unknown[] } }>().details.issues[0], {
      path: 'deliveryDate',
      message: '交车日期与交车时间不是同一天',
    });
    const dateOnly = await post({ orderDate: '2026-05-01', deliveryDate: '2026-05-02', priceFen: 1 });
    assert.equal(dateOnly.json<{ deliveredAt: string | null }>().deliveredAt, null);
    const overview = await admin.get(`/api/customers/${t.customerId}/overview`);
    const sales = overview.json<{ salesOrders: { deliveredAt: string | null }[] }>().salesOrders;
    assert.deepEqual(sales.map((s) => s.deliveredAt).sort(), ['2026-05-03T17:30:00.000Z', null].sort());
  });
});
