import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';

const vins = ['LSVAM4187C2184847', '1M8GDM9AXKP042788', '1HGCM82633A004352', 'JH4KA7561PC008269'];

describe('vehicles', () => {
  test('a car with a valid VIN and plate is registered to its owner, with the brand’s warranty and a mileage series', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const res = await admin.send('POST', '/api/vehicles', {
      vin: vins[0]?.toLowerCase(),
      plate: '沪A·D1234 5',
      brandId: 'byd',
      purchaseDate: '2024-03-01',
      ownerId: t.customerId,
    });
    assert.equal(res.statusCode, 201, res.body);
    const v = res.json();
    assert.equal(v.vin, vins[0]);
    assert.equal(v.plate, '沪AD12345');
    assert.equal(v.brandName, '比亚迪');
    assert.equal(v.warranty.years, 6);
    assert.equal(v.warranty.endsOn, '2030-03-01');
    const m1 = await admin.send('POST', `/api/vehicles/${v.id}/mileage`, {
      km: 5000,
      source: 'check_in',
      readAt: '2024-06-09T02:00:00Z',
    });
    assert.equal(m1.statusCode, 200, m1.body);
    const back = await admin.send('POST', `/api/vehicles/${v.id}/mileage`, { km: 4000, source: 'owner' });
    assert.equal(back.statusCode, 400);
    assert.equal(back.json().details.issues[0].path, 'km');
    const list = (await admin.get(`/api/customers/${t.customerId}/vehicles`)).json().items;
    const mine = list.find((x: { id: string }) => x.id === v.id);
    assert.equal(mine.mileage.latestKm, 5000);
    assert.ok(mine.mileage.kmPerDay > 40 && mine.mileage.kmPerDay < 60, String(mine.mileage.kmPerDay));
  });

  test('an invalid VIN check digit, a bad plate and a duplicate VIN are refused by field', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const bad = await admin.send('POST', '/api/vehicles', { vin: '1M8GDM9A1KP042788', plate: 'ABC123' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .details.issues.map((i: { path: string }) => i.path)
        .sort(),
      ['plate', 'vin'],
    );
    assert.equal((await admin.send('POST', '/api/vehicles', { vin: vins[1] })).statusCode, 201);
    const dup = await admin.send('POST', '/api/vehicles', { vin: vins[1] });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().details.issues[0].path, 'vin');
  });

  test('a car changes hands: the new owner has it, the old ownership stays in its history', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const buyer = (
      await admin.send('POST', '/api/customers', { name: '新车主', phones: ['15900001111'], source: 'referral' })
    ).json();
    const v = (
      await admin.send('POST', '/api/vehicles', { vin: vins[2], ownerId: t.customerId, purchaseDate: '2021-05-01' })
    ).json();
    const moved = await admin.send('POST', `/api/vehicles/${v.id}/transfer`, {
      customerId: buyer.id,
      date: '2025-06-01',
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().ownerId, buyer.id);
    const sellers = (await admin.get(`/api/customers/${t.customerId}/vehicles`))
      .json()
      .items.map((x: { id: string }) => x.id);
    assert.ok(!sellers.includes(v.id));
    assert.equal((await admin.get(`/api/customers/${buyer.id}/vehicles`)).json().items.length, 1);
    const { db } = await testApp();
    const history = await db.owner.executeSql(
      'SELECT customer_id, from_date::text AS f, to_date::text AS t FROM vehicle_ownerships WHERE tenant_id = $1 AND vehicle_id = $2 ORDER BY from_date',
      [t.id, v.id],
    );
    assert.deepEqual(history.rows, [
      { customer_id: t.customerId, f: '2021-05-01', t: '2025-06-01' },
      { customer_id: buyer.id, f: '2025-06-01', t: null },
    ]);
    const again = await admin.send('POST', `/api/vehicles/${v.id}/transfer`, {
      customerId: buyer.id,
      date: '2025-06-02',
    });
    assert.equal(again.json().details.issues[0].path, 'customerId');
  });
});

describe('vehicle privacy', () => {
  test('regular drivers’ phone numbers are masked for roles that do not call customers', async () => {
    const t = await createTestTenant(['group_admin', 'cashier']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const v = (
      await admin.send('POST', '/api/vehicles', {
        vin: 'JH4KA7561PC008269',
        ownerId: t.customerId,
        regularDrivers: [{ name: '李娜', phone: '13711112222', relation: '配偶' }],
      })
    ).json();
    assert.equal(v.regularDrivers[0].phone, '13711112222');
    const cashier = await signInStaff(t.slug, 'cashier');
    const seen = (await cashier.get(`/api/vehicles/${v.id}`)).json();
    assert.equal(seen.regularDrivers[0].phone, '137****2222');
  });
});
