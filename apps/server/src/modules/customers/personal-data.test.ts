import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';
import { personalData } from '../../personal-data.ts';

describe('personal data: every module declares what it holds about a customer', () => {
  test('every table that references customers is declared by exactly one module', async () => {
    const { db } = await testApp();
    const { rows } = await db.owner.executeSql(`
      SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[array_length(c.conkey, 1)]
      WHERE c.contype = 'f' AND c.confrelid = 'customers'::regclass`);
    const declared = personalData.flatMap((p) =>
      p.tables.map((t) => ({ module: p.module, key: `${t.table}.${t.column}` })),
    );
    for (const r of rows) {
      const key = `${String(r.table)}.${String(r.column)}`;
      const by = declared.filter((d) => d.key === key).map((d) => d.module);
      assert.equal(
        by.length,
        1,
        by.length === 0
          ? `${key} references customers but no module declares it: add it to the module's <module>.personal-data.ts (src/personal-data.ts)`
          : `${key} is declared by ${by.join(' and ')}`,
      );
    }
    const inDatabase = new Set(rows.map((r) => `${String(r.table)}.${String(r.column)}`));
    for (const d of declared)
      assert.ok(inDatabase.has(d.key), `${d.module} declares ${d.key}, which references no customer`);
  });

  test('a module that blanks a table on erasure says how', () => {
    for (const part of personalData)
      if (part.tables.some((t) => t.erase === 'blank'))
        assert.ok(part.erase, `${part.module} blanks rows but has no erase`);
  });

  test('the access request holds each module’s part', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const res = await admin.get(`/api/customers/${t.customerId}/export`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(Object.keys(res.json()).sort(), [
      'appAccounts',
      'bookings',
      'callAttempts',
      'campaigns',
      'carClaims',
      'careTasks',
      'chats',
      'complaints',
      'connectedCar',
      'consents',
      'customer',
      'events',
      'exportedAt',
      'feedLikes',
      'inboxMessages',
      'interactions',
      'membership',
      'messages',
      'recoveryAlerts',
      'referrals',
      'repairOrders',
      'salesOrders',
      'segments',
      'serviceRequests',
      'surveyResponses',
      'touches',
      'vehicles',
      'visits',
    ]);
  });
});
