import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportJob, ImportPreview } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { JobSteps } from '../../platform/jobs/queue.ts';
import { createTestTenant, signInStaff, testApp, testClock, testDataDir } from '../../../test/harness.ts';
import { makeCustomersXlsx } from '../../../../../samples/dms/make-samples.ts';
import { makeVin, seeded } from '../../../../../samples/dms/sample-kit.ts';
import { asJob } from '../booking/test-kit.ts';
import ExcelJS from './excel.ts';
import { journaledTables } from './journal.ts';
import { kindHandlers } from './kinds.ts';
import { importErrorCap, importRunJob } from './run.job.ts';
import { csvOf, importFile, sampleFile, upload, waitForRun, xlsxOf } from './test-kit.ts';

const sql = async (text: string, params: unknown[]) => (await (await testApp()).db.owner.executeSql(text, params)).rows;

/** Every row of the tables an import writes, for one tenant, as text: two states compare exactly. */
const snapshot = async (tenantId: string) => {
  const out: Record<string, string[]> = {};
  for (const table of journaledTables)
    out[table] = (
      await sql(`SELECT to_jsonb(x)::text AS row FROM ${table} x WHERE x.tenant_id = $1 ORDER BY x.id`, [tenantId])
    ).map((r) => String(r.row));
  return out;
};

const rowsIn = (snap: Record<string, string[]>) => Object.values(snap).reduce((n, rows) => n + rows.length, 0);

const undo = (agent: Awaited<ReturnType<typeof signInStaff>>, id: string, locale = 'zh-CN') =>
  agent.inject({
    method: 'POST',
    url: `/api/imports/${id}/undo`,
    headers: { 'x-csrf-token': agent.csrf, 'accept-language': locale },
  });

describe('DMS import: the journal, undo, preview, no half sheet, a bounded report', () => {
  test('every table a kind grows is journaled (a trigger for inserts and one for updates)', async () => {
    const grown = [...new Set(Object.values(kindHandlers).flatMap((h) => h.grownTables))];
    for (const table of grown)
      assert.ok((journaledTables as readonly string[]).includes(table), `${table} in journaledTables`);
    const rows = await sql(
      `SELECT c.relname AS table, count(*)::int AS n FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname LIKE '%_import_journal_%' GROUP BY c.relname`,
      [],
    );
    const triggers = new Map(rows.map((r) => [String(r.table), Number(r.n)]));
    for (const table of journaledTables) assert.equal(triggers.get(table), 2, `${table}: insert and update triggers`);
  });

  test('undo after a customers import restores the state before it (fills reverted, new rows gone)', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const empty = await snapshot(t.id);
    const first = await importFile(
      admin,
      'customers',
      '客户车辆档案-示例.xlsx',
      await sampleFile('客户车辆档案-示例.xlsx'),
    );
    assert.equal(first.job.status, 'done');
    const afterFirst = await snapshot(t.id);
    assert.ok((afterFirst.customers?.length ?? 0) > 100);

    // A second file: fills an existing customer's empty address and adds a phone, and brings a new customer with a car.
    const [known] = await sql(
      `SELECT c.name, p.phone FROM customers c JOIN customer_phones p ON p.tenant_id = c.tenant_id AND p.customer_id = c.id
        WHERE c.tenant_id = $1 AND c.addresses = '[]'::jsonb ORDER BY p.phone LIMIT 1`,
      [t.id],
    );
    assert.ok(known);
    const file = await xlsxOf([
      ['客户姓名', '手机号码', '备用电话', '地址', '车架号', '车牌号'],
      [String(known.name), String(known.phone), '13987654321', '上海市徐汇区漕溪北路1号', null, null],
      ['撤销测试', '13711112222', null, '上海市长宁区', makeVin(seeded(5), 'LSV', 2022, 777), '沪A77701'],
    ]);
    const second = await importFile(admin, 'customers', 'second.xlsx', file);
    assert.equal(second.job.status, 'done');
    assert.equal(second.job.counts.customersCreated, 1);
    assert.equal(second.job.counts.customersMerged, 1);
    assert.notDeepEqual(await snapshot(t.id), afterFirst);

    const res = await undo(admin, second.created.id);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<ImportJob>().status, 'undone');
    assert.deepEqual(await snapshot(t.id), afterFirst);
    // Undone once: not again.
    assert.equal((await undo(admin, second.created.id)).statusCode, 409);

    assert.equal((await undo(admin, first.created.id)).statusCode, 200);
    assert.deepEqual(await snapshot(t.id), empty);
    const [audited] = await sql(
      `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'customer.import_undone'`,
      [t.id],
    );
    assert.equal(audited?.n, 2);
  });

  test('undo after a repair-orders import restores the state before it', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    await importFile(admin, 'customers', '客户车辆档案-示例.xlsx', await sampleFile('客户车辆档案-示例.xlsx'));
    const before = await snapshot(t.id);
    const orders = await importFile(
      admin,
      'repair_orders',
      '维修工单明细-示例.csv',
      await sampleFile('维修工单明细-示例.csv'),
    );
    assert.equal(orders.job.status, 'done');
    assert.ok((orders.job.counts.ordersCreated ?? 0) > 10);
    const res = await undo(admin, orders.created.id);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(await snapshot(t.id), before);
  });

  test('undo is refused while a record the run wrote was edited since, naming it (masked), and changes nothing', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const run = await importFile(
      admin,
      'customers',
      'small.xlsx',
      await xlsxOf([
        ['客户姓名', '手机号码', '地址'],
        ['欧阳修改', '13600001111', '杭州'],
        ['李不动', '13600002222', '苏州'],
      ]),
    );
    assert.equal(run.job.counts.customersCreated, 2);
    const [edited] = await sql(`SELECT id FROM customers WHERE tenant_id = $1 AND name = '欧阳修改'`, [t.id]);
    const put = await admin.send('PUT', `/api/customers/${String(edited?.id)}`, {
      name: '欧阳修改',
      phones: ['13600001111'],
      source: 'import',
      occupation: '教师',
    });
    assert.equal(put.statusCode, 200, put.body);
    const before = await snapshot(t.id);

    const res = await undo(admin, run.created.id);
    assert.equal(res.statusCode, 409, res.body);
    const body = res.json<{
      message: string;
      details: { blockers: { table: string; label: string | null; reason: string }[] };
    }>();
    assert.match(body.message, /无法撤销/);
    // The edit rewrote the customer and replaced its phone row: both block, by kind and masked label.
    assert.deepEqual(
      body.details.blockers.find((b) => b.table === 'customers'),
      { table: 'customers', label: '欧***', reason: 'changed' },
    );
    assert.ok(body.details.blockers.every((b) => b.table === 'customers' || b.table === 'customer_phones'));
    assert.ok(!res.body.includes('欧阳修改'), 'no raw name in the refusal');
    assert.match((await undo(admin, run.created.id, 'en')).json<{ message: string }>().message, /cannot be undone/);
    assert.deepEqual(await snapshot(t.id), before);
    assert.equal((await admin.get(`/api/imports/${run.created.id}`)).json<ImportJob>().status, 'done');
  });

  test("a customer's erasure takes the journal's lines about them; the run can no longer be undone over them", async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const run = await importFile(
      admin,
      'customers',
      'erase.xlsx',
      await xlsxOf([
        ['客户姓名', '手机号码'],
        ['要删除', '13600003333'],
        ['留下来', '13600004444'],
      ]),
    );
    const [gone] = await sql(`SELECT id FROM customers WHERE tenant_id = $1 AND name = '要删除'`, [t.id]);
    const lines = async (id: string) =>
      (await sql(`SELECT count(*)::int AS n FROM import_changes WHERE tenant_id = $1 AND row_id = $2`, [t.id, id]))[0]
        ?.n;
    assert.equal(await lines(String(gone?.id)), 1);
    const erased = await admin.send('POST', `/api/customers/${String(gone?.id)}/erase`, { reason: '客户申请' });
    assert.equal(erased.statusCode, 200, erased.body);
    assert.equal(await lines(String(gone?.id)), 0);
    assert.equal((await undo(admin, run.created.id)).statusCode, 409, "the erased person's phone row blocks it");
  });

  test('records written since that refer to what the run created block its undo', async () => {
    // A repair order recorded since on an imported car refers to it: deleting the car would break it.
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const cars = await importFile(
      admin,
      'customers',
      '客户车辆档案-示例.xlsx',
      await sampleFile('客户车辆档案-示例.xlsx'),
    );
    await importFile(admin, 'repair_orders', '维修工单明细-示例.csv', await sampleFile('维修工单明细-示例.csv'));
    const res = await undo(admin, cars.created.id);
    assert.equal(res.statusCode, 409, res.body);
    const blockers = res.json<{ details: { blockers: { table: string; reason: string }[] } }>().details.blockers;
    assert.ok(blockers.length > 0);
    assert.ok(
      blockers.every((b) => ['vehicles', 'customers', 'mileage_readings'].includes(b.table)),
      res.body,
    );
  });

  test('the preview applies the first 50 rows through the real import and changes nothing', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const up = await upload(admin, 'customers', '客户车辆档案-示例.xlsx', await sampleFile('客户车辆档案-示例.xlsx'));
    assert.equal(up.statusCode, 201, up.body);
    const job = up.json<ImportJob>();
    const before = await snapshot(t.id);
    const res = await admin.send('POST', `/api/imports/${job.id}/preview`, { mapping: job.mapping });
    assert.equal(res.statusCode, 200, res.body);
    const preview = res.json<ImportPreview>();
    assert.equal(preview.rows, 50);
    assert.ok((preview.counts.customersCreated ?? 0) > 30, JSON.stringify(preview.counts));
    const customers = preview.records.filter((r) => r.table === 'customers' && r.action === 'created');
    assert.equal(customers.length, preview.counts.customersCreated);
    assert.ok(customers.every((c) => typeof c.values.name === 'string' && !('tenant_id' in c.values)));
    assert.ok(preview.records.some((r) => r.table === 'vehicles'));
    // The sample's 31st data row has a VIN with a wrong check digit: refused, with its message.
    assert.ok(
      preview.issues.some((i) => i.column === '车架号' && !i.message.startsWith('【提示】')),
      JSON.stringify(preview.issues),
    );
    assert.deepEqual(await snapshot(t.id), before);
    const [journal] = await sql(`SELECT count(*)::int AS n FROM import_changes WHERE tenant_id = $1`, [t.id]);
    assert.equal(journal?.n, 0);
    // A bad mapping is a 400; after the run starts, no preview.
    const bad = await admin.send('POST', `/api/imports/${job.id}/preview`, { mapping: { customerName: '没有这列' } });
    assert.equal(bad.statusCode, 400);
    await admin.send('PUT', `/api/imports/${job.id}/mapping`, { mapping: job.mapping });
    await waitForRun(admin, job.id);
    assert.equal(
      (await admin.send('POST', `/api/imports/${job.id}/preview`, { mapping: job.mapping })).statusCode,
      409,
    );
  });

  test('a run that fails after committed batches leaves nothing of it: the state before, status failed', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    await importFile(
      admin,
      'customers',
      'before.xlsx',
      await xlsxOf([
        ['客户姓名', '手机号码'],
        ['早已存在', '15000000001'],
      ]),
    );
    const path = join(testDataDir, 'half.xlsx');
    await makeCustomersXlsx(path, 1600, 21);
    const up = await upload(admin, 'customers', 'half.xlsx', await readFile(path));
    const job = up.json<ImportJob>();
    await sql(`UPDATE import_jobs SET status = 'queued', mapping = $2 WHERE tenant_id = $1 AND id = $3`, [
      t.id,
      JSON.stringify(job.mapping),
      job.id,
    ]);
    const before = await snapshot(t.id);
    const definition = importRunJob(testDataDir);
    if (!('steps' in definition)) throw new Error('imports.run runs in steps');
    const { app } = await testApp();
    let calls = 0;
    const worker: JobSteps = {
      tenantId: t.id,
      jobId: 'test',
      clock: testClock,
      log: app.log,
      analyze: async () => undefined,
      // Steps: 1 claim, 2 look-ups, 3 total, 4 and 5 the first two batches (committed), 6 the third breaks (rows 1,001–1,500).
      step: <T>(fn: (ctx: Ctx) => Promise<T>) => {
        calls += 1;
        const breaks = calls === 6;
        return asJob(t.id, async (ctx) => {
          const out = await fn(ctx);
          if (breaks) throw new Error('the batch broke');
          return out;
        });
      },
    };
    await definition.steps(worker, { tenantId: t.id, importId: job.id });
    const ended = (await admin.get(`/api/imports/${job.id}`)).json<ImportJob>();
    assert.equal(ended.status, 'failed');
    assert.match(ended.failure ?? '', /撤回/);
    assert.equal(ended.rowsDone, 1000, 'two batches had committed');
    assert.deepEqual(await snapshot(t.id), before);
    assert.ok(rowsIn(before) > 0);
  });

  test('a failed run whose record a person changed meanwhile overwrites nothing, and says what stays', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const path = join(testDataDir, 'half-edited.xlsx');
    await makeCustomersXlsx(path, 1200, 22);
    const job = (await upload(admin, 'customers', 'half-edited.xlsx', await readFile(path))).json<ImportJob>();
    await sql(`UPDATE import_jobs SET status = 'queued', mapping = $2 WHERE tenant_id = $1 AND id = $3`, [
      t.id,
      JSON.stringify(job.mapping),
      job.id,
    ]);
    const definition = importRunJob(testDataDir);
    if (!('steps' in definition)) throw new Error('imports.run runs in steps');
    const { app } = await testApp();
    let calls = 0;
    const worker: JobSteps = {
      tenantId: t.id,
      jobId: 'test',
      clock: testClock,
      log: app.log,
      analyze: async () => undefined,
      step: async <T>(fn: (ctx: Ctx) => Promise<T>) => {
        calls += 1;
        if (calls !== 6) return asJob(t.id, fn);
        // While the third batch runs, a person edits a customer of the first.
        await sql(
          `UPDATE customers SET occupation = '人工修改' WHERE id = (SELECT id FROM customers WHERE tenant_id = $1 ORDER BY name LIMIT 1)`,
          [t.id],
        );
        return asJob(t.id, async (ctx) => {
          await fn(ctx);
          throw new Error('the batch broke');
        });
      },
    };
    await definition.steps(worker, { tenantId: t.id, importId: job.id });
    const ended = (await admin.get(`/api/imports/${job.id}`)).json<ImportJob>();
    assert.equal(ended.status, 'failed');
    assert.match(ended.failure ?? '', /未撤回/);
    const [kept] = await sql(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE occupation = '人工修改')::int AS edited FROM customers WHERE tenant_id = $1 AND source = 'import'`,
      [t.id],
    );
    assert.deepEqual(kept, { n: 1000, edited: 1 });
  });

  test('a file of garbage rows ends with the first 10,000 error lines and counts by message for all', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const rows: (string | null)[][] = [['客户姓名', '手机号码', '地址']];
    for (let i = 0; i < 30_000; i += 1) rows.push([i % 3 === 0 ? null : `某${i}`, `x${i}`, `垃圾${i}`]);
    const up = await upload(admin, 'customers', 'garbage.csv', Buffer.from(csvOf(rows)));
    assert.equal(up.statusCode, 201, up.body);
    const created = up.json<ImportJob>();
    await admin.send('PUT', `/api/imports/${created.id}/mapping`, { mapping: created.mapping });
    const run = { created, ...(await waitForRun(admin, created.id, 600_000)) };
    assert.equal(run.job.status, 'done');
    assert.equal(run.job.rowsFailed, 30_000);
    const counted = Object.values(run.job.errorCounts).reduce((a, b) => a + b, 0);
    assert.ok(counted >= 30_000, JSON.stringify(run.job.errorCounts));
    const [stored] = await sql(`SELECT count(*)::int AS n FROM import_errors WHERE tenant_id = $1 AND import_id = $2`, [
      t.id,
      run.created.id,
    ]);
    assert.equal(stored?.n, importErrorCap);
    const list = await admin.get(`/api/imports/${run.created.id}/errors?limit=10`);
    assert.equal(list.json<{ total: number }>().total, importErrorCap);

    const report = await admin.inject({ method: 'GET', url: `/api/imports/${run.created.id}/errors.xlsx` });
    assert.equal(report.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(row.getCell(3).text));
    const more = texts.filter((x) => /^另有 [\d,]+ 行同类问题$/.test(x));
    assert.ok(more.length > 0, texts.slice(-5).join(' | '));
    const moreRows = more.reduce((n, x) => n + Number(x.replace(/\D/g, '')), 0);
    assert.equal(moreRows + importErrorCap, counted);
  });
});
