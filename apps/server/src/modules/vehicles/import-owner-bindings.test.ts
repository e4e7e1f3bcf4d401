import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInOwner, signInStaff, testApp } from '../../../test/harness.ts';
import { vin as vinOf } from '../imports/sources.test-kit.ts';
import { importFile, xlsxOf } from '../imports/test-kit.ts';

/**
 * Issue 13, finding 1 (the rest): a DMS import that gives a car its owner ends the car's app bindings the
 * way a transfer does — kept as history, audited, the account told in its 消息中心 and by SMS — and a
 * binding's ownership is a real foreign key (migration 0041).
 */
describe('bindings follow an ownership changed by a DMS import (issue 13, finding 1)', () => {
  test('an ownerless car adopted by a customer import: the earlier app binding ends, audited and notified', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const vin = vinOf(41041);
    const plate = '沪B41041';
    const car = await admin.send('POST', '/api/vehicles', { vin, plate });
    assert.equal(car.statusCode, 201, car.body);
    const vehicleId = car.json<{ id: string }>().id;

    // An app account claims the car (no owner on file yet) and the store confirms the claim.
    const appPhone = '13900041041';
    const app = await signInOwner(t.slug, appPhone);
    const bind = await app.send('POST', '/api/owner/vehicles/bind', { vinLast6: vin.slice(-6), plate });
    assert.equal(bind.statusCode, 201, bind.body);
    const bindingId = bind.json<{ id: string }>().id;
    const decided = await admin.send('POST', `/api/vehicle-bindings/${bindingId}/decision`, { decision: 'confirmed' });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal((await app.get('/api/owner/vehicles')).json<{ vehicles: unknown[] }>().vehicles.length, 1);

    // The old DMS says whose car it is: the import gives it that owner.
    const file = await xlsxOf([
      ['客户姓名', '手机号码', '车架号', '车牌号'],
      ['导入车主', '13700041041', vin, plate],
    ]);
    const run = await importFile(admin, 'customers', '客户档案.xlsx', file);
    assert.equal(run.job.status, 'done', JSON.stringify(run.job));
    const owner = await db.owner.executeSql(
      `SELECT c.name FROM vehicles v JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
        WHERE v.tenant_id = $1 AND v.id = $2`,
      [t.id, vehicleId],
    );
    assert.deepEqual(owner.rows, [{ name: '导入车主' }]);

    // The binding ended, kept as history, on the record with its reason.
    const binding = await db.owner.executeSql(
      'SELECT owner_id, status, ended_at FROM vehicle_bindings WHERE tenant_id = $1 AND id = $2',
      [t.id, bindingId],
    );
    const row = binding.rows[0] as { owner_id: string; status: string; ended_at: Date | null };
    assert.equal(row.status, 'ended');
    assert.ok(row.ended_at);
    const audited = await db.owner.executeSql(
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'vehicle_binding.ended' AND target_id = $2`,
      [t.id, bindingId],
    );
    assert.deepEqual(
      audited.rows.map((r) => (r as { details: unknown }).details),
      [{ ownerId: row.owner_id, vehicleId, reason: 'owner_imported' }],
    );

    // Told in the app and by SMS; the car, its visits and history are no longer theirs to see.
    const inbox = (await app.get('/api/owner/inbox')).json<{ items: { topic: string; body: string }[] }>();
    const notice = inbox.items.find((m) => m.topic === 'vehicle_binding_ended');
    assert.ok(notice, JSON.stringify(inbox));
    assert.match(notice.body, new RegExp(plate));
    const sms = await db.owner.executeSql(
      `SELECT body FROM notifications WHERE tenant_id = $1 AND channel = 'sms' AND topic = 'vehicle_binding.ended' AND recipient = $2`,
      [t.id, appPhone],
    );
    assert.equal(sms.rows.length, 1);
    assert.equal((await app.get('/api/owner/vehicles')).json<{ vehicles: unknown[] }>().vehicles.length, 0);
    assert.equal((await app.get(`/api/owner/vehicles/${vehicleId}/history`)).statusCode, 404);
  });

  test("a binding's ownership must exist in the same tenant (foreign key with tenant_id)", async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    const other = await createTestTenant(['group_admin']);
    const theirs = await db.owner.executeSql(
      `INSERT INTO vehicle_ownerships (tenant_id, vehicle_id, customer_id, from_date) VALUES ($1, $2, $3, '2020-01-01')
       RETURNING id`,
      [other.id, other.vehicleId, other.customerId],
    );
    const ownerRow = await db.owner.executeSql(
      `INSERT INTO owners (tenant_id, phone, name) VALUES ($1, '13900041042', '外键') RETURNING id`,
      [t.id],
    );
    const ownerId = String((ownerRow.rows[0] as { id: string }).id);
    const insert = (ownershipId: string) =>
      db.owner.executeSql(
        `INSERT INTO vehicle_bindings (tenant_id, owner_id, vehicle_id, status, ownership_id) VALUES ($1, $2, $3, 'confirmed', $4)`,
        [t.id, ownerId, t.vehicleId, ownershipId],
      );
    const refused = async (ownershipId: string) => {
      const e = await insert(ownershipId).then(
        () => null,
        (err: unknown) => err as { code?: string; cause?: { code?: string } },
      );
      assert.ok(e, `ownership ${ownershipId} was accepted`);
      assert.equal(e.code ?? e.cause?.code, '23503', JSON.stringify(e));
    };
    await refused('00000000-0000-4000-8000-000000000041');
    // Another tenant's ownership is no ownership of this one.
    await refused(String((theirs.rows[0] as { id: string }).id));
  });
});
