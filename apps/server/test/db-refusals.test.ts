import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { defineRoutes } from '@m4s/contracts';
import { z } from 'zod';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { constraintColumns } from '../src/platform/db/errors.ts';
import { serve } from '../src/platform/http/serve.ts';
import { createTestTenant, randomIp, signInStaff, testApp, testDataDir } from './harness.ts';

type Issue = { path: string; message: string };
const issuesOf = (res: { json: () => { details?: { issues?: Issue[] } } }) => res.json().details?.issues ?? [];
const unknownId = '00000000-0000-4000-8000-00000000abcd';

describe('a database refusal names the field, never a value (issue 13, finding 6)', () => {
  test('an id that names no record (a foreign key) is a 400 naming the field, in the user’s language', async () => {
    const { db } = await testApp();
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const body = { name: '钱七', phones: ['13911115555'], source: 'walk_in', homeStoreId: unknownId };
    const zh = await admin.send('POST', '/api/customers', body);
    assert.equal(zh.statusCode, 400, zh.body);
    assert.equal(zh.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(issuesOf(zh), [{ path: 'homeStoreId', message: '所选的记录不存在或已被删除，请刷新后重新选择' }]);
    assert.ok(!zh.body.includes(unknownId) && !zh.body.includes('13911115555'), zh.body);
    const en = await admin.inject({
      method: 'POST',
      url: '/api/customers',
      payload: { ...body, homeStoreId: null, salesConsultantId: unknownId },
      headers: { 'accept-language': 'en', 'x-csrf-token': admin.csrf },
    });
    assert.equal(en.statusCode, 400, en.body);
    assert.deepEqual(issuesOf(en), [
      {
        path: 'salesConsultantId',
        message: 'The selected record does not exist or was deleted; reload and choose again',
      },
    ]);
    const { rows } = await db.owner.executeSql(
      `SELECT count(*)::int AS n FROM customer_phones WHERE tenant_id = '${t.id}' AND phone = '13911115555'`,
    );
    assert.equal(rows[0]?.n, 0, 'nothing written');
  });

  // A key to the tenant alone (tenant_id) names nothing a request sends: the tenant is the session's.
  test('every foreign key and unique index of the schema resolves to its columns', async () => {
    const { db } = await testApp();
    const columns = await constraintColumns(db);
    const { rows } = await db.owner.executeSql(
      `SELECT c.conname AS name FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.contype = 'f' AND c.confrelid <> 'tenants'::regclass`,
    );
    assert.ok(rows.length > 50, `foreign keys: ${rows.length}`);
    for (const row of rows) {
      const known = columns.get(String(row.name));
      assert.ok(known, `${String(row.name)} is known`);
      assert.ok(
        known.columns.some((c) => c !== 'tenant_id'),
        `${String(row.name)} names a field`,
      );
    }
    assert.deepEqual(columns.get('customer_phones_phone_key')?.columns, ['tenant_id', 'phone']);
  });

  test('not-null, unique and still-referenced refusals name the field or say the record is in use', async () => {
    const { db } = await testApp();
    const t = await createTestTenant();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS: 'off', DATA_DIR: testDataDir });
    const app = await buildApp(config, { db });
    const route = defineRoutes({
      refuse: {
        method: 'POST',
        path: '/api/test-only/refuse/:what',
        auth: 'public',
        params: z.strictObject({ what: z.enum(['not-null', 'unique', 'in-use']) }),
        response: null,
        tags: ['test'],
      },
    }).refuse;
    serve(app, route, async (req) => {
      await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
        if (req.params.what === 'not-null')
          await tx.execute(sql`UPDATE customers SET name = NULL WHERE id = ${t.customerId}`);
        if (req.params.what === 'unique') {
          await tx.execute(sql`UPDATE stores SET id = ${t.otherStoreId} WHERE id = ${t.storeId}`);
        }
        if (req.params.what === 'in-use') await tx.execute(sql`DELETE FROM stores WHERE id = ${t.storeId}`);
      });
      return null;
    });
    await app.ready();
    try {
      const send = (what: string, lang = 'zh-CN') =>
        app.inject({
          method: 'POST',
          url: `/api/test-only/refuse/${what}`,
          headers: { 'accept-language': lang },
          remoteAddress: randomIp(),
        });
      const notNull = await send('not-null');
      assert.equal(notNull.statusCode, 400, notNull.body);
      assert.deepEqual(issuesOf(notNull), [{ path: 'name', message: '必填' }]);
      const unique = await send('unique', 'en');
      assert.equal(unique.statusCode, 409, unique.body);
      assert.equal(unique.json().code, 'CONFLICT');
      assert.deepEqual(issuesOf(unique), [{ path: 'id', message: 'This value is already taken' }]);
      const inUse = await send('in-use');
      assert.equal(inUse.statusCode, 409, inUse.body);
      assert.equal(inUse.json().message, '该记录仍被其他数据引用，无法删除或修改');
      for (const res of [notNull, unique, inUse])
        assert.ok(!res.body.includes(t.storeId) && !res.body.includes(t.customerId));
    } finally {
      await app.close();
    }
  });
});
