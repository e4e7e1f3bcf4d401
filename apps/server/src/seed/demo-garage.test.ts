import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInOwner, testApp } from '../../test/harness.ts';
import { owners } from '../platform/db/schema/index.ts';
import { demoOwnerPhones } from './demo.ts';
import { seedDemoGarage } from './demo-garage.ts';

describe('demo owner-app data', () => {
  test('the first demo owner has a confirmed car with history, the second a pending request, the third a car to bind', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
      await tx.insert(owners).values(demoOwnerPhones.map((phone) => ({ tenantId: t.id, phone })));
    });
    await seedDemoGarage(db, { tenantId: t.id, storeIds: [t.storeId, t.otherStoreId], now: new Date() });

    const first = await signInOwner(t.slug, '13800000001');
    const garage = (await first.get('/api/owner/vehicles')).json();
    assert.equal(garage.vehicles.length, 1);
    const [car] = garage.vehicles;
    assert.equal(car.plate, '沪AK2736');
    assert.equal(car.nextService.basis, 'last_maintenance');
    const history = (await first.get(`/api/owner/vehicles/${car.vehicleId}/history`)).json();
    assert.equal(history.visits.length, 6);
    assert.ok(history.visits.every((v: { dateIn: string }) => Date.parse(v.dateIn) < Date.now()));

    const second = await signInOwner(t.slug, '13800000002');
    assert.equal((await second.get('/api/owner/vehicles')).json().requests[0].status, 'pending');

    const third = await signInOwner(t.slug, '13800000003');
    const bind = await third.send('POST', '/api/owner/vehicles/bind', { vinLast6: '371958', plate: '浙A·D62158' });
    assert.equal(bind.statusCode, 201, bind.body);
  });
});
