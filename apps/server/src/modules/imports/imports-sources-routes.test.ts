import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImportSource } from '@m4s/contracts';
import { createTestTenant, signInStaff } from '../../../test/harness.ts';
import { csvOf, multipartBody } from './test-kit.ts';
import { importFrom, importFromNoRun, newSource, one, rows, staffLikeTheFiles, vin } from './sources.test-kit.ts';

describe('DMS import: data sources and staff by store', () => {
  test('staff are matched within the row’s store; the numbers of a customer merged away stand for the kept one', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const staff = await staffLikeTheFiles(admin, { s1: t.storeId, s2: t.otherStoreId });
    const file = () =>
      Buffer.from(
        csvOf([
          ['客户编号', '客户姓名', '手机号码', '所属门店', '服务顾问'],
          ['KH001', '张三', '13911110001', 'S2', '陈静'],
          ['KH002', '张三', '13911110002', 'S1', '陈静'],
        ]),
      );
    const first = await importFrom(admin, null, 'customers', 'a.csv', file());
    assert.deepEqual(first.job.counts, { customersCreated: 2 });
    const advisors = await rows(
      `SELECT p.phone, c.service_advisor_id FROM customers c
         JOIN customer_phones p ON p.tenant_id = c.tenant_id AND p.customer_id = c.id
        WHERE c.tenant_id = $1 AND c.name = '张三' ORDER BY p.phone`,
      [t.id],
    );
    assert.deepEqual(advisors, [
      { phone: '13911110001', service_advisor_id: staff.chen2 },
      { phone: '13911110002', service_advisor_id: staff.chen1 },
    ]);
    // Staff merge the old system's duplicate: KH002's record goes, its phone joins KH001's.
    const [keep, gone] = (
      await rows(
        `SELECT c.id FROM customers c JOIN customer_phones p ON p.tenant_id = c.tenant_id AND p.customer_id = c.id
          WHERE c.tenant_id = $1 AND c.name = '张三' ORDER BY p.phone`,
        [t.id],
      )
    ).map((r) => (r as { id: string }).id);
    const merged = await admin.send('POST', `/api/customers/${keep}/merge`, { fromId: gone });
    assert.equal(merged.statusCode, 200, merged.body);
    // The duplicate's number now stands for the kept record: a car file naming KH002 finds 张三.
    const cars = await importFrom(
      admin,
      null,
      'vehicles',
      'c.csv',
      Buffer.from(
        csvOf([
          ['客户编号', '车架号'],
          ['KH002', vin(41)],
        ]),
      ),
    );
    assert.deepEqual(cars.job.counts, { vehiclesCreated: 1 });
    assert.deepEqual(await one(`SELECT owner_id FROM vehicles WHERE tenant_id = $1 AND vin = $2`, [t.id, vin(41)]), {
      owner_id: keep,
    });
    const again = await importFrom(admin, null, 'customers', 'a.csv', file());
    assert.equal(again.job.rowsFailed, 0, JSON.stringify(again.errors));
    assert.equal(again.job.counts.customersCreated, undefined);
    const keys = await rows(
      `SELECT number, entity_id FROM import_keys WHERE tenant_id = $1 AND entity = 'customer' ORDER BY number`,
      [t.id],
    );
    assert.deepEqual(keys, [
      { number: 'KH001', entity_id: keep },
      { number: 'KH002', entity_id: keep },
    ]);
  });

  test('sources are named once per tenant, renamed keeping their keys, and an upload naming an unknown one is refused', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const source = await newSource(admin, '旧DMS');
    const taken = await admin.send('POST', '/api/import-sources', { name: '旧DMS' });
    assert.equal(taken.statusCode, 409, taken.body);
    assert.match(taken.body, /已有同名的数据来源/);
    assert.equal((await admin.send('POST', '/api/import-sources', { name: ' ' })).statusCode, 400);
    const renamed = await admin.send('PATCH', `/api/import-sources/${source.id}`, { name: '老DMS' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json<ImportSource>().name, '老DMS');
    // Only roles holding customer.import see or change sources.
    const advisor = await signInStaff(t.slug, 'service.advisor');
    assert.equal((await advisor.get('/api/import-sources')).statusCode, 403);

    const body = multipartBody(
      { kind: 'customers', source: '没有这个来源' },
      {
        name: 'a.csv',
        data: Buffer.from(
          csvOf([
            ['客户姓名', '手机号码'],
            ['张三', '13911110001'],
          ]),
        ),
      },
    );
    const refused = await admin.inject({
      method: 'POST',
      url: '/api/imports',
      payload: body.payload,
      headers: { 'content-type': body.contentType, 'x-csrf-token': admin.csrf },
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.body, /没有这个数据来源/);
    assert.deepEqual(await one(`SELECT count(*)::int AS n FROM import_jobs WHERE tenant_id = $1`, [t.id]), { n: 0 });

    // A car file must name the owner somehow: neither customer number nor phone mapped is a 400.
    const cars = await importFromNoRun(
      admin,
      'vehicles',
      csvOf([
        ['车架号', '车牌号'],
        [vin(1), '沪A12345'],
      ]),
    );
    const mapped = await admin.send('PUT', `/api/imports/${cars.id}/mapping`, { mapping: cars.mapping });
    assert.equal(mapped.statusCode, 400, mapped.body);
    assert.match(mapped.body, /mapping\.customerRef/);
  });
});
