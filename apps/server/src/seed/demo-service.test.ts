import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInOwner, signInStaff, testApp } from '../../test/harness.ts';
import { owners } from '../platform/db/schema/index.ts';
import { addDays, localOf } from '../platform/time/zone.ts';
import { demoOwnerPhones } from './demo.ts';
import { seedDemoGarage } from './demo-garage.ts';
import { seedDemoService } from './demo-service.ts';

describe('demo booking data', () => {
  test('catalogue, capacity, closures and bookings for today and tomorrow; the first owner has one in the app', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
      await tx.insert(owners).values(demoOwnerPhones.map((phone) => ({ tenantId: t.id, phone })));
    });
    const now = new Date();
    const storeIds = [t.storeId, t.otherStoreId];
    await seedDemoGarage(db, { tenantId: t.id, storeIds, now });
    await seedDemoService(db, { tenantId: t.id, storeIds, now });

    const admin = await signInStaff(t.slug, 'group.admin');
    const types = (await admin.get('/api/service-types')).json().items as { name: string; bring: string | null }[];
    assert.deepEqual(
      types.map((x) => x.name),
      ['首次保养', '常规保养', '维修', '空调检测', '轮胎更换', '洗车美容', '事故车定损'],
    );
    const settings = (await admin.get(`/api/stores/${t.otherStoreId}/booking-settings`)).json();
    assert.deepEqual(
      [settings.slotMinutes, settings.bays, settings.walkInSharePct, settings.onlineSharePct],
      [30, 4, 20, 50],
    );
    assert.equal((await admin.get(`/api/stores/${t.storeId}/closures`)).json().items.length, 2);
    const today = localOf(now, 'Asia/Shanghai').day;
    const tomorrow = (await admin.get(`/api/bookings?storeId=${t.storeId}&date=${addDays(today, 1)}`)).json().items;
    assert.ok(tomorrow.some((b: { channel: string }) => b.channel === 'app'));
    const allToday = (await admin.get(`/api/bookings?date=${today}`)).json().items;
    assert.ok(allToday.length >= 1);

    const owner = await signInOwner(t.slug, '13800000001');
    const mine = (await owner.get('/api/owner/bookings')).json().items;
    assert.equal(mine.length, 1);
    assert.equal(mine[0].serviceType.name, '常规保养');
    assert.equal(mine[0].vehicle.plate, '沪AK2736');
    const stores = (await owner.get('/api/owner/stores')).json().items as { advisors: unknown[] }[];
    assert.deepEqual(
      stores.map((s) => s.advisors.length),
      [3, 4],
    );
    const { rows } = await db.owner.executeSql(
      `SELECT sum(total)::int AS total, (SELECT count(*)::int FROM bookings WHERE tenant_id = $1) AS bookings
         FROM booking_slots WHERE tenant_id = $1`,
      [t.id],
    );
    assert.equal(rows[0]?.total, rows[0]?.bookings);
  });
});
