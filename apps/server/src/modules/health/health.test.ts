import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';

/**
 * Issue 13, finding 6: on the embedded engine (one PGlite instance, exclusive transactions) a long export
 * and a recompute held /api/health for seconds. Liveness now answers from the process's state without
 * waiting in the database's queue; readiness (/api/health/ready) still makes a round trip; a long export
 * reads its rows in short transactions, so requests that query go between them. Ordering is asserted,
 * never a duration: the bounds below only keep a broken build from hanging.
 */
describe('health while the database is busy (issue 13, finding 6)', () => {
  test('/api/health answers while a long transaction holds the database; readiness makes a round trip', async () => {
    const { app, db } = await testApp();
    const order: string[] = [];
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let opened = () => {};
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    // A recompute's one long transaction, as the embedded engine queues everything behind it.
    const long = db.transaction({ tenantId: null }, async ({ sql }) => {
      await sql.executeSql('SELECT 1');
      opened();
      await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      order.push('long transaction ended');
    });
    await isOpen;
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    order.push('health answered');
    release();
    await long;
    assert.deepEqual(order, ['health answered', 'long transaction ended']);
    assert.equal(health.statusCode, 200, health.body);
    assert.deepEqual(health.json(), { status: 'ok', db: 'ok' });

    const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
    assert.equal(ready.statusCode, 200, ready.body);
    assert.deepEqual(ready.json(), { status: 'ok', db: 'ok' });
  });

  test('a long customer export lets /api/health and /api/health/ready answer before it has finished', async () => {
    const { app, db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    await db.owner.executeSql(
      `INSERT INTO customers (tenant_id, name, source, home_store_id)
       SELECT $1, '导出客户' || n, 'walk_in', $2 FROM generate_series(1, 3000) AS n`,
      [t.id, t.storeId],
    );
    const order: string[] = [];
    const exported = admin.get('/api/customers/export.xlsx').then((res) => {
      order.push('export finished');
      return res;
    });
    // Both while the export runs: the first page is being read by now (the requests were sent in order).
    const [health, ready] = await Promise.all([
      app.inject({ method: 'GET', url: '/api/health' }).then((res) => {
        order.push('health answered');
        return res;
      }),
      app.inject({ method: 'GET', url: '/api/health/ready' }).then((res) => {
        order.push('ready answered');
        return res;
      }),
    ]);
    const file = await exported;
    assert.equal(file.statusCode, 200);
    assert.ok(file.rawPayload.length > 50_000, `a real export: ${file.rawPayload.length} bytes`);
    assert.equal(health.statusCode, 200, health.body);
    assert.equal(ready.statusCode, 200, ready.body);
    assert.equal(order.at(-1), 'export finished', order.join(' → '));
  });
});
