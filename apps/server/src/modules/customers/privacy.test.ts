import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';

describe('customer privacy: search by car, PIPL export and erasure', () => {
  test('a customer is found by plate or VIN fragments', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const c = (
      await admin.send('POST', '/api/customers', { name: '车牌查询客户', phones: ['15800002222'], source: 'walk_in' })
    ).json();
    await admin.send('POST', '/api/vehicles', { vin: 'JH4KA7561PC008269', plate: '浙A·12345', ownerId: c.id });
    for (const q of ['浙A1', 'a123', 'PC0082', '008269']) {
      const items = (await admin.get(`/api/customers?q=${encodeURIComponent(q)}`)).json().items;
      assert.ok(
        items.some((i: { id: string }) => i.id === c.id),
        `not found by ${q}`,
      );
    }
  });

  test('the export holds everything unmasked and is audited; only permitted roles may export', async () => {
    const t = await createTestTenant(['group_admin', 'cashier']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const res = await admin.get(`/api/customers/${t.customerId}/export`);
    assert.equal(res.statusCode, 200, res.body);
    const data = res.json();
    assert.equal(data.customer.phones[0].phone, '13000000000');
    assert.equal(data.vehicles.length, 1);
    const audit = (await admin.get('/api/audit?action=customer.exported')).json().items;
    assert.equal(audit.length, 1);
    const cashier = await signInStaff(t.slug, 'cashier');
    assert.equal((await cashier.get(`/api/customers/${t.customerId}/export`)).statusCode, 403);
  });

  test('erasure blanks the person but keeps the car and its repair orders; it is audited', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin', 'store_manager']);
    const admin = await signInStaff(t.slug, 'group.admin');
    await admin.send('POST', '/api/repair-orders', {
      number: 'RO-E-1',
      vehicleId: t.vehicleId,
      type: 'maintenance',
      dateIn: '2025-01-01T00:00:00Z',
      lines: [{ kind: 'labour', description: '保养', amountFen: 10000 }],
    });
    await admin.send('POST', `/api/customers/${t.customerId}/interactions`, {
      channel: 'phone',
      summary: '客户说住在某小区',
    });
    const manager = await signInStaff(t.slug, 'store.manager');
    assert.equal(
      (await manager.send('POST', `/api/customers/${t.customerId}/erase`, { reason: '客户申请' })).statusCode,
      403,
    );
    const erased = await admin.send('POST', `/api/customers/${t.customerId}/erase`, {
      reason: '客户书面申请注销（PIPL 第47条）',
    });
    assert.equal(erased.statusCode, 200, erased.body);
    assert.equal((await admin.get(`/api/customers/${t.customerId}`)).statusCode, 404);
    const left = await db.owner.executeSql(
      `SELECT c.name, c.id_number, (SELECT count(*)::int FROM customer_phones p WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id) AS phones,
              (SELECT count(*)::int FROM interactions i WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.id) AS talks,
              (SELECT count(*)::int FROM repair_orders r WHERE r.tenant_id = c.tenant_id AND r.customer_id = c.id) AS orders,
              (SELECT count(*)::int FROM vehicles v WHERE v.tenant_id = c.tenant_id AND v.owner_id = c.id) AS cars
       FROM customers c WHERE c.tenant_id = $1 AND c.id = $2`,
      [t.id, t.customerId],
    );
    assert.deepEqual(left.rows[0], { name: '已注销客户', id_number: null, phones: 0, talks: 0, orders: 1, cars: 1 });
    const audit = (await admin.get('/api/audit?action=customer.erased')).json().items;
    assert.equal(audit[0].details.reason, '客户书面申请注销（PIPL 第47条）');
  });
});
