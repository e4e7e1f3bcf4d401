import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';
import { customerDerived, customerReferences } from './customers.merge.ts';

describe('merging duplicate customers', () => {
  test('every table that points at a customer is moved by a merge', async () => {
    const { db } = await testApp();
    const { rows } = await db.owner.executeSql(`
      SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[array_length(c.conkey, 1)]
      WHERE c.contype = 'f' AND c.confrelid = 'customers'::regclass`);
    const inDatabase = rows.map((r) => `${String(r.table)}.${String(r.column)}`).sort();
    const moved = [...customerReferences, ...customerDerived].map(([t, c]) => `${t}.${c}`).sort();
    assert.deepEqual(moved, inDatabase, 'a table referencing customers is missing from customerReferences');
  });

  test('the duplicate’s phones, car, repair orders, sales and calls move; blanks are filled; nothing else is overwritten', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const kept = await admin.send('POST', '/api/customers', {
      name: '合并甲',
      phones: ['13955550001'],
      source: 'walk_in',
      gender: 'male',
      tags: ['老客户'],
    });
    assert.equal(kept.statusCode, 201, kept.body);
    const keptId = kept.json().id as string;
    // The test tenant's own customer (with its car) is the duplicate, given a birthday and a repair order.
    const dup = (await admin.get(`/api/customers/${t.customerId}`)).json();
    const upd = await admin.send('PUT', `/api/customers/${t.customerId}`, {
      name: dup.name,
      phones: ['13000000000'],
      source: 'import',
      gender: 'female',
      birthday: '1990-02-03',
      tags: ['导入'],
    });
    assert.equal(upd.statusCode, 200, upd.body);
    const ro = await admin.send('POST', '/api/repair-orders', {
      number: `RO-MERGE-${t.slug}`,
      vehicleId: t.vehicleId,
      type: 'maintenance',
      dateIn: '2025-03-01T01:30:00Z',
      mileageKm: 5000,
      lines: [{ kind: 'labour', description: '首保工时', labourHours: 1, amountFen: 10000 }],
    });
    assert.equal(ro.statusCode, 201, ro.body);
    await admin.send('POST', `/api/customers/${t.customerId}/interactions`, { channel: 'phone', summary: '回访' });

    assert.equal(
      (await advisor.send('POST', `/api/customers/${keptId}/merge`, { fromId: t.customerId })).statusCode,
      403,
    );
    const self = await admin.send('POST', `/api/customers/${keptId}/merge`, { fromId: keptId });
    assert.equal(self.statusCode, 400);
    assert.equal(self.json().details.issues[0].path, 'fromId');

    const merged = await admin.send('POST', `/api/customers/${keptId}/merge`, { fromId: t.customerId });
    assert.equal(merged.statusCode, 200, merged.body);
    const c = merged.json();
    assert.equal(c.gender, 'male', 'a value staff entered is kept');
    assert.equal(c.birthday, '1990-02-03', 'a blank is filled');
    assert.deepEqual([...c.tags].sort(), ['导入', '老客户'].sort());
    assert.deepEqual(
      c.phones.map((p: { phone: string; primary: boolean }) => [p.phone, p.primary]),
      [
        ['13955550001', true],
        ['13000000000', false],
      ],
    );
    const overview = (await admin.get(`/api/customers/${keptId}/overview`)).json();
    assert.equal(overview.vehicles.length, 1);
    assert.equal(overview.repairOrders.length, 1);
    assert.ok(overview.interactions.some((i: { summary: string }) => i.summary === '回访'));
    assert.equal((await admin.get(`/api/customers/${t.customerId}`)).statusCode, 404);
    const audit = (await admin.get('/api/audit?action=customer.merged')).json().items;
    assert.equal(audit.length, 1);
  });
});
