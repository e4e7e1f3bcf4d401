import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportJob } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp, testDataDir } from '../../../test/harness.ts';
import {
  appWith,
  csvOf,
  encodeGbk,
  errorsOf,
  importFile,
  multipartBody,
  upload,
  waitForRun,
  xlsxOf,
} from './test-kit.ts';

const jobsOf = async (tenantId: string) =>
  Number(
    (
      await (
        await testApp()
      ).db.owner.executeSql(`SELECT count(*)::int AS n FROM import_jobs WHERE tenant_id = $1`, [tenantId])
    ).rows[0]?.n,
  );
const uploadsOf = (tenantId: string) => {
  const dir = join(testDataDir, 'uploads', tenantId);
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('DMS import: upload, mapping and file formats', () => {
  test('a mapping chosen once is checked, saved for the tenant and suggested for the next file with those headers', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const file = Buffer.from(
      csvOf([
        ['顾客称呼', '电话号', '车辆VIN'],
        ['周杰', '13812340001', ''],
      ]),
    );
    const up = await upload(admin, 'customers', '我的导出.csv', file);
    assert.equal(up.statusCode, 201, up.body);
    const job = up.json<ImportJob>();
    assert.equal(job.status, 'needs_mapping');
    assert.equal(job.fileName, '我的导出.csv');
    assert.deepEqual(job.headers, ['顾客称呼', '电话号', '车辆VIN']);
    assert.deepEqual(job.sampleRows, [['周杰', '13812340001', '']]);
    assert.deepEqual(job.mapping, {}, 'nothing known by these names yet');

    const bad = await admin.send('PUT', `/api/imports/${job.id}/mapping`, {
      mapping: { customerName: '顾客称呼', nickname: '电话号', vin: '车架号' },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(bad.json<{ details: { issues: { path: string; message: string }[] } }>().details.issues, [
      { path: 'mapping.nickname', message: '没有这个导入字段' },
      { path: 'mapping.vin', message: '文件中没有这一列' },
      { path: 'mapping.phone', message: '必须为该字段选择文件中的一列' },
    ]);
    const mapping = { customerName: '顾客称呼', phone: '电话号', vin: '车辆VIN' };
    const ok = await admin.send('PUT', `/api/imports/${job.id}/mapping`, { mapping });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json<ImportJob>().status, 'queued');
    const twice = await admin.send('PUT', `/api/imports/${job.id}/mapping`, { mapping });
    assert.equal(twice.statusCode, 409);
    const { job: done } = await waitForRun(admin, job.id);
    assert.deepEqual([done.status, done.counts.customersCreated], ['done', 1]);

    const next = await upload(
      admin,
      'customers',
      '第二批.csv',
      Buffer.from(
        csvOf([
          ['电话号', '顾客称呼', '手机号码'],
          ['13812340002', '林', ''],
        ]),
      ),
    );
    assert.deepEqual(next.json<ImportJob>().mapping, { customerName: '顾客称呼', phone: '电话号' });
    const list = await admin.get('/api/imports');
    assert.deepEqual(
      list.json<{ items: ImportJob[] }>().items.map((i) => i.fileName),
      ['第二批.csv', '我的导出.csv'],
    );
  });

  test('CSV in GBK (as Chinese DMS exports are) and UTF-8 with a title line above the header', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const gbk = encodeGbk(
      csvOf([
        ['车主姓名', '联系电话', '性别'],
        ['欧阳娜娜', '13812340011', '女'],
        ['司马懿', '13812340012', '男'],
      ]),
    );
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'really not UTF-8');
    const run = await importFile(admin, 'customers', 'gbk.csv', gbk);
    assert.deepEqual(run.created.headers, ['车主姓名', '联系电话', '性别']);
    assert.deepEqual(run.job.counts, { customersCreated: 2 });
    const names = await (
      await testApp()
    ).db.owner.executeSql(
      `SELECT name, gender FROM customers WHERE tenant_id = $1 AND source = 'import' ORDER BY name`,
      [t.id],
    );
    assert.deepEqual(names.rows, [
      { name: '司马懿', gender: 'male' },
      { name: '欧阳娜娜', gender: 'female' },
    ]);

    const titled = `\uFEFF客户档案导出 2025-06-30,,\r\n${csvOf([
      ['客户姓名', '手机号码', '生日'],
      ['甲', '13812340013', '1990年2月3日'],
      ['乙', '12345', ''],
    ])}`;
    const second = await importFile(admin, 'customers', 'titled.csv', Buffer.from(titled));
    assert.deepEqual(second.created.headers, ['客户姓名', '手机号码', '生日']);
    assert.equal(second.job.rowsTotal, 2);
    assert.deepEqual(
      (await errorsOf(admin, second.job.id)).items.map((e) => [e.rowNo, e.column, e.value]),
      [[4, '手机号码', '12345']],
    );
  });

  test('a file over the limit is refused with 413 and nothing is kept', async () => {
    const t = await createTestTenant(['group_admin']);
    const small = await appWith({ importUploadLimitBytes: 2048 });
    try {
      const admin = await small.signIn(t.slug, 'group.admin');
      const big = Buffer.from(
        csvOf([
          ['客户姓名', '手机号码'],
          ...Array.from({ length: 400 }, (_, i) => ['某', `138${String(i).padStart(8, '0')}`]),
        ]),
      );
      const res = await upload(admin, 'customers', 'big.csv', big);
      assert.equal(res.statusCode, 413, res.body);
      assert.equal(res.json<{ code: string }>().code, 'PAYLOAD_TOO_LARGE');
      assert.match(res.json<{ message: string }>().message, /上限/);
      const fits = await upload(
        admin,
        'customers',
        'small.csv',
        Buffer.from(
          csvOf([
            ['客户姓名', '手机号码'],
            ['某', '13800000009'],
          ]),
        ),
      );
      assert.equal(fits.statusCode, 201, fits.body);
      assert.equal(await jobsOf(t.id), 1);
      assert.deepEqual(uploadsOf(t.id), [`${fits.json<ImportJob>().id}.csv`]);
    } finally {
      await small.app.close();
    }
  });

  test('malformed, unknown or missing files are refused with a clear message and no row is written', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const cases: [string, Buffer, number, RegExp][] = [
      ['broken.xlsx', Buffer.from('this is not a spreadsheet at all'), 400, /无法读取该 Excel 文件/],
      ['cut.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]), 400, /无法读取该 Excel 文件/],
      ['old.xls', Buffer.from('D0CF11E0', 'hex'), 415, /另存为 \.xlsx/],
      ['empty.csv', Buffer.from(csvOf([['客户姓名', '手机号码']])), 400, /没有数据行/],
      ['quote.csv', Buffer.from('客户姓名,手机号码\r\n"张三,13800000001\r\n'), 400, /CSV 文件格式有误/],
    ];
    const noSheets = await xlsxOf([]);
    cases.push(['blank.xlsx', noSheets, 400, /表头/]);
    for (const [name, data, status, message] of cases) {
      const res = await upload(admin, 'customers', name, data);
      assert.equal(res.statusCode, status, `${name}: ${res.body}`);
      assert.match(res.json<{ message: string }>().message, message, name);
    }
    const noKind = await upload(
      admin,
      'cars',
      'a.csv',
      Buffer.from(
        csvOf([
          ['客户姓名', '手机号码'],
          ['甲', '13800000001'],
        ]),
      ),
    );
    assert.equal(noKind.statusCode, 400);
    assert.match(noKind.json<{ message: string }>().message, /导入类型/);
    const body = multipartBody({ kind: 'customers' }, null);
    const noFile = await admin.inject({
      method: 'POST',
      url: '/api/imports',
      payload: body.payload,
      headers: { 'content-type': body.contentType, 'x-csrf-token': admin.csrf },
    });
    assert.equal(noFile.statusCode, 400);
    const json = await admin.send('POST', '/api/imports', { kind: 'customers' });
    assert.equal(json.statusCode, 415);
    const broken = multipartBody({ kind: 'customers' }, { name: 'x.xlsx', data: Buffer.from('nope') });
    const english = await admin.inject({
      method: 'POST',
      url: '/api/imports',
      payload: broken.payload,
      headers: { 'content-type': broken.contentType, 'x-csrf-token': admin.csrf, 'accept-language': 'en' },
    });
    assert.equal(english.statusCode, 400);
    assert.match(english.json<{ message: string }>().message, /cannot be read/);
    assert.equal(await jobsOf(t.id), 0);
    assert.deepEqual(uploadsOf(t.id), []);
  });

  test('only roles holding customer.import may import; another tenant’s imports are not found', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor', 'store_manager']);
    const other = await createTestTenant(['group_admin']);
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const file = Buffer.from(
      csvOf([
        ['客户姓名', '手机号码'],
        ['甲', '13800000021'],
      ]),
    );
    assert.equal((await upload(advisor, 'customers', 'a.csv', file)).statusCode, 403);
    assert.equal((await advisor.get('/api/imports')).statusCode, 403);
    assert.equal((await advisor.get('/api/imports/samples/customers')).statusCode, 403);
    const manager = await signInStaff(t.slug, 'store.manager');
    const run = await importFile(manager, 'customers', 'a.csv', file);
    assert.equal(run.job.status, 'done');

    const stranger = await signInStaff(other.slug, 'group.admin');
    for (const url of ['', '/errors', '/errors.xlsx'])
      assert.equal((await stranger.get(`/api/imports/${run.job.id}${url}`)).statusCode, 404, url);
    const put = await stranger.send('PUT', `/api/imports/${run.job.id}/mapping`, { mapping: run.job.mapping });
    assert.equal(put.statusCode, 404);
    assert.equal((await advisor.get(`/api/imports/${run.job.id}`)).statusCode, 403);
  });

  test('the sample files download', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const xlsx = await admin.get('/api/imports/samples/customers');
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.match(String(xlsx.headers['content-disposition']), /filename\*=UTF-8''%E5%AE%A2/);
    const csv = await admin.get('/api/imports/samples/repair_orders');
    assert.equal(csv.statusCode, 200);
    assert.ok(csv.body.includes('工单号,车架号'));
    assert.equal((await admin.get('/api/imports/samples/cars')).statusCode, 404);
  });
});
