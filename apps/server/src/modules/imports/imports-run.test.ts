import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportJob } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { JobSteps } from '../../platform/jobs/queue.ts';
import { createTestTenant, signInStaff, testApp, testClock, testDataDir } from '../../../test/harness.ts';
import { makeCustomersXlsx } from '../../../../../samples/dms/make-samples.ts';
import { parseSax as fixedParseSax } from './excel.ts';
import { importRunJob, uploadPath } from './run.job.ts';
import { asJob } from '../booking/test-kit.ts';
import { importFile, upload, waitForRun, xlsxOf } from './test-kit.ts';

const sql = async (text: string, params: unknown[]) => (await (await testApp()).db.owner.executeSql(text, params)).rows;

describe('DMS import: the background run', () => {
  test('progress moves while a run works through its batches, and the run ends with exact totals', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const path = join(testDataDir, 'progress.xlsx');
    await makeCustomersXlsx(path, 1600, 11);
    const up = await upload(
      admin,
      'customers',
      '客户档案.xlsx',
      await import('node:fs/promises').then((fs) => fs.readFile(path)),
    );
    assert.equal(up.statusCode, 201, up.body);
    const job = up.json<ImportJob>();
    assert.equal((await admin.send('PUT', `/api/imports/${job.id}/mapping`, { mapping: job.mapping })).statusCode, 200);
    const { job: done, seen } = await waitForRun(admin, job.id, 180_000);
    assert.equal(done.status, 'done');
    assert.deepEqual([done.rowsTotal, done.rowsDone, done.rowsFailed], [1600, 1600, 0]);
    assert.equal(done.counts.customersCreated, 1600);
    const midway = seen.filter((s) => s.status === 'running' && s.rowsDone > 0 && s.rowsDone < 1600);
    assert.ok(
      midway.length > 0,
      `no progress seen between 0 and 1600: ${seen.map((s) => `${s.status}:${s.rowsDone}`).join(' ')}`,
    );
    assert.ok(midway.every((s) => s.rowsTotal === 1600 && s.rowsDone % 500 === 0));
    // Chinese text survives the streaming reader whatever its chunk boundaries (see excel.ts).
    const garbled = await sql(
      `SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1 AND name LIKE '%\uFFFD%'`,
      [t.id],
    );
    assert.equal(garbled[0]?.n, 0);
  });

  test('a run that died half-way is run again from the top: nothing doubles, the totals come out right', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const source = join(testDataDir, 'crash.xlsx');
    await makeCustomersXlsx(source, 1200, 12);
    const up = await upload(
      admin,
      'customers',
      'crash.xlsx',
      await import('node:fs/promises').then((fs) => fs.readFile(source)),
    );
    const job = up.json<ImportJob>();
    // Queued without a job in pg-boss: the test plays the worker, so it can stop it dead.
    await sql(`UPDATE import_jobs SET status = 'queued', mapping = $2 WHERE tenant_id = $1 AND id = $3`, [
      t.id,
      JSON.stringify(job.mapping),
      job.id,
    ]);
    const definition = importRunJob(testDataDir);
    if (!('steps' in definition)) throw new Error('imports.run runs in steps');
    const { app } = await testApp();
    const worker = (dieAtStep: number | null): JobSteps => {
      let calls = 0;
      return {
        tenantId: t.id,
        jobId: 'test',
        clock: testClock,
        log: app.log,
        analyze: async () => undefined,
        step: <T>(fn: (ctx: Ctx) => Promise<T>) => {
          calls += 1;
          if (dieAtStep !== null && calls >= dieAtStep) return Promise.reject(new Error('process died'));
          return asJob(t.id, fn);
        },
      };
    };
    // Steps: 1 claim, 2 look-ups, 3 total, 4 first batch, 5 second batch — it dies there.
    await assert.rejects(definition.steps(worker(5), { tenantId: t.id, importId: job.id }), /process died/);
    const [half] = await sql(
      `SELECT j.status, j.rows_done, (SELECT count(*)::int FROM customers c WHERE c.tenant_id = j.tenant_id AND c.source = 'import') AS customers
         FROM import_jobs j WHERE j.tenant_id = $1 AND j.id = $2`,
      [t.id, job.id],
    );
    assert.deepEqual(half, { status: 'running', rows_done: 500, customers: 500 });

    // pg-boss retries it after the process comes back; the upload is still on disk.
    await copyFile(source, uploadPath(testDataDir, t.id, job.id, 'xlsx'));
    await definition.steps(worker(null), { tenantId: t.id, importId: job.id });
    const finished = await admin.get(`/api/imports/${job.id}`);
    const run = finished.json<ImportJob>();
    assert.deepEqual([run.status, run.rowsDone, run.rowsFailed], ['done', 1200, 0]);
    assert.deepEqual(run.counts, {
      customersCreated: 700,
      customersUnchanged: 500,
      vehiclesCreated: 700,
      vehiclesUnchanged: 500,
      mileageAdded: 700,
      mileageUnchanged: 500,
      warnings: run.counts.warnings,
    });
    const [counts] = await sql(
      `SELECT (SELECT count(*)::int FROM customers WHERE tenant_id = $1 AND source = 'import') AS customers,
              (SELECT count(*)::int FROM vehicles WHERE tenant_id = $1) AS vehicles,
              (SELECT count(*)::int FROM mileage_readings WHERE tenant_id = $1) AS readings`,
      [t.id],
    );
    assert.deepEqual(counts, { customers: 1200, vehicles: 1201, readings: 1200 });
  });

  test('dates, phones, plates and the catalogue as DMS files write them', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const file = await xlsxOf([
      ['客户车辆档案（示例4S店）', null, null],
      [
        '车主',
        '手机',
        '性别',
        '生日',
        '车架号',
        '车牌',
        '品牌',
        '车系',
        '车型',
        '购车日期',
        '保险到期',
        '年检到期',
        '里程',
      ],
      [
        '钱多多',
        13812345678,
        '先生',
        '1988年2月29日',
        'LFV3B2FKXPA000001',
        '沪A·D12345',
        '一汽-大众',
        '迈腾',
        '2023款 330TSI DSG 豪华型',
        new Date(Date.UTC(2023, 4, 20)),
        45356,
        '2029/5/20',
        '1.2万',
      ],
      ['孙小美', '+86 139-1234-5679', '女士', '', '', '', '', '', '', '', '', '', ''],
    ]);
    const run = await importFile(admin, 'customers', '档案.xlsx', file);
    assert.equal(run.created.headers[0], '车主');
    assert.equal(run.job.rowsFailed, 0, JSON.stringify(run.job));
    const [car] = await sql(
      `SELECT c.name, c.gender, c.birthday::text AS birthday, v.plate, v.brand_id, v.series_id, v.model_id, v.model_year,
              v.purchase_date::text AS bought, v.insurance_expiry::text AS insured, v.inspection_due::text AS inspection,
              (SELECT km FROM mileage_readings m WHERE m.tenant_id = v.tenant_id AND m.vehicle_id = v.id) AS km,
              (SELECT phone FROM customer_phones p WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id) AS phone
         FROM vehicles v JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
        WHERE v.tenant_id = $1 AND v.vin = 'LFV3B2FKXPA000001'`,
      [t.id],
    );
    assert.deepEqual(car, {
      name: '钱多多',
      gender: 'male',
      birthday: '1988-02-29',
      plate: '沪AD12345',
      brand_id: 'volkswagen',
      series_id: 'volkswagen-magotan',
      model_id: 'volkswagen-magotan-2023-1',
      model_year: 2023,
      bought: '2023-05-20',
      insured: '2024-03-05',
      inspection: '2029-05-20',
      km: 12000,
      phone: '13812345678',
    });
    const [sun] = await sql(
      `SELECT c.gender, p.phone FROM customers c JOIN customer_phones p ON p.tenant_id = c.tenant_id AND p.customer_id = c.id
        WHERE c.tenant_id = $1 AND c.name = '孙小美'`,
      [t.id],
    );
    assert.deepEqual(sun, { gender: 'female', phone: '13912345679' });
  });

  test('ExcelJS’s streaming reader no longer garbles a character cut between two chunks', async () => {
    // The copy excel.ts installed (the module cache itself holds ExcelJS's own, unfixed one).
    const parseSax = fixedParseSax as (
      input: AsyncIterable<Buffer>,
    ) => AsyncIterable<{ eventType: string; value: unknown }[]>;
    const xml = Buffer.from('<c><t>沪A·D12345 欧阳娜娜</t></c>', 'utf8');
    const cut = xml.indexOf(Buffer.from('沪', 'utf8')) + 1;
    async function* chunks() {
      yield xml.subarray(0, cut);
      yield xml.subarray(cut);
    }
    let text = '';
    for await (const events of parseSax(chunks()))
      for (const e of events) if (e.eventType === 'text') text += String(e.value);
    assert.equal(text, '沪A·D12345 欧阳娜娜');
  });
});
