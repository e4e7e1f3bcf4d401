// The shipped samples (samples/dms): every kind's sample, and the three-sheet workbook, downloads from the
// server and imports with the mapping the upload suggests — in the order the kinds depend on each other —
// with no row refused but the ones the samples break on purpose (README.md there).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { importKinds, type ImportJob } from '@m4s/contracts';
import { createTestTenant, signInStaff, storeInput, type Agent } from '../../../test/harness.ts';
import { errorsOf, importFile, sampleDir, uploadFile, waitForRun } from './test-kit.ts';

/** The stores and staff the samples name, as the dealer's own set-up would have them. */
const dealerLikeTheSamples = async (admin: Agent) => {
  const stores: string[] = [];
  for (const [code, name] of [
    ['SH-PD', '上海浦东4S店'],
    ['HZ-XH', '杭州西湖4S店'],
  ] as const) {
    const res = await admin.send('POST', '/api/stores', storeInput(code, name));
    assert.equal(res.statusCode, 201, res.body);
    stores.push(res.json<{ id: string }>().id);
  }
  for (const [login, name, role] of [
    ['sales', '刘洋', 'sales_consultant'],
    ['advisor', '陈静', 'service_advisor'],
  ] as const) {
    const res = await admin.send('POST', '/api/staff', {
      login,
      name,
      phone: null,
      role,
      storeId: stores[0],
      password: 'password-123',
    });
    assert.equal(res.statusCode, 201, res.body);
  }
};

const download = async (agent: Agent, name: string) => {
  const res = await agent.get(`/api/imports/samples/${name}`);
  assert.equal(res.statusCode, 200, `${name}: ${res.statusCode}`);
  const file = /filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition']))?.[1];
  assert.ok(file, `${name}: a file name`);
  const fileName = decodeURIComponent(file);
  // What is served is the file shipped in samples/dms.
  assert.ok(res.rawPayload.equals(await readFile(`${sampleDir}${fileName}`)), `${name}: ${fileName} as shipped`);
  return { fileName, data: res.rawPayload };
};

const refusedOf = async (agent: Agent, id: string) =>
  (await errorsOf(agent, id)).items
    .filter((e) => !e.message.startsWith('【提示】'))
    .map((e) => [e.sheet, e.rowNo, e.column, e.value]);

describe('DMS import: the shipped samples of every kind', () => {
  test('every kind has a sample; each downloads and imports with its suggested mapping, refusing only its broken rows', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    await dealerLikeTheSamples(admin);
    // In the order the kinds depend on each other: customers → vehicles → sales → repair orders → lines.
    const runs: Record<string, { id: string; failed: number; counts: Record<string, number>; refused: unknown[] }> = {};
    for (const kind of importKinds) {
      const { fileName, data } = await download(admin, kind);
      const run = await importFile(admin, kind, fileName, data);
      assert.equal(run.job.status, 'done', `${kind}: ${JSON.stringify(run.job)}`);
      runs[kind] = {
        id: run.job.id,
        failed: run.job.rowsFailed,
        counts: run.job.counts,
        refused: await refusedOf(admin, run.job.id),
      };
    }
    assert.deepEqual(Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, r.refused])), {
      // 客户车辆档案: two VINs with a wrong check digit, a landline, no name, a short phone, 30 February.
      customers: [
        [0, 32, '车架号', 'LSGEZ64K4NB100930'],
        [0, 77, '手机号码', '021-62345678'],
        [0, 112, '客户姓名', null],
        [0, 142, '手机号码', '1391234567'],
        [0, 167, '车架号', 'LFVVW1TC3P2101065'],
        [0, 192, '购车日期', '2023-02-30'],
      ],
      // 车辆档案: a VIN with a wrong check digit, an owner number the customer file lacks, 30 February.
      vehicles: [
        [0, 62, '车架号', 'LSV1DJAD3P2399001'],
        [0, 122, '客户编号', 'KH999999'],
        [0, 172, '购车日期', '2023-02-30'],
      ],
      // 销售交车: a car the system does not have, a row without its delivery date.
      sales: [
        [0, 42, '车架号', 'LSVR0CWH0R2499001'],
        [0, 92, '交车日期', null],
      ],
      // 维修工单: a VIN with a wrong check digit, a car number never imported, an amount that is no number.
      repair_orders: [
        [0, 304, '车架号', 'LGW31G583LC100068'],
        [0, 305, '车辆编号', 'CL299999'],
        [0, 306, '材料费', '12..5'],
      ],
      // 工单明细: a line of an order never imported.
      repair_order_lines: [[0, 202, '工单号', 'RO209901019999']],
    });
    assert.deepEqual(
      Object.values(runs).map((r) => r.failed),
      [6, 3, 2, 3, 1],
    );
    assert.deepEqual(runs.vehicles?.counts, { vehiclesCreated: 150, vehiclesUnchanged: 40, mileageAdded: 150 });
    // The series the catalogue lacks: kept as text on its two cars, listed once.
    const unlisted = await admin.get(`/api/imports/${runs.vehicles?.id ?? ''}/unlisted`);
    assert.equal(unlisted.statusCode, 200, unlisted.body);
    assert.deepEqual(
      unlisted
        .json<{ items: { field: string; text: string; rows: number }[] }>()
        .items.map((u) => [u.field, u.text, u.rows]),
      [
        ['series', '海豹07', 2],
        ['model', 'DM-i 旗舰型', 2],
      ],
    );
    // The unknown consultant (sales) and advisor (orders) are reported once each, not on each of their rows.
    assert.deepEqual(runs.sales?.counts, { salesCreated: 120, warnings: 1 });
    assert.deepEqual(runs.repair_orders?.counts, { ordersCreated: 302, mileageAdded: 302, warnings: 1 });
    assert.deepEqual(runs.repair_order_lines?.counts, { ordersMerged: 150, linesCreated: 430 });

    // The workbook: its three sheets get their kinds from their headers and go in one run.
    const { fileName, data } = await download(admin, 'workbook');
    const up = await uploadFile(admin, fileName, data);
    assert.equal(up.statusCode, 201, up.body);
    const job = up.json<ImportJob>();
    assert.deepEqual(
      job.sheets.map((s) => [s.name, s.suggestedKind]),
      [
        ['客户', 'customers'],
        ['车辆', 'vehicles'],
        ['工单', 'repair_orders'],
      ],
    );
    const mapped = await admin.send('PUT', `/api/imports/${job.id}/mapping`, {
      sheets: job.sheets.map((s) => ({ index: s.index, kind: s.suggestedKind, mapping: s.mapping })),
    });
    assert.equal(mapped.statusCode, 200, mapped.body);
    const { job: done } = await waitForRun(admin, job.id);
    assert.equal(done.status, 'done', JSON.stringify(done));
    assert.deepEqual(
      done.sheets.map((s) => [s.name, s.rowsDone, s.rowsFailed]),
      [
        ['客户', 62, 1],
        ['车辆', 74, 1],
        ['工单', 111, 2],
      ],
    );
    // The landline's customer is kept (a data-fix task), the twin merged; the car with a bad VIN is refused
    // with its two orders.
    assert.equal(done.sheets[0]?.counts.dataFixTasks, 1);
    assert.equal(done.sheets[0]?.counts.customersCreated, 60);
    assert.deepEqual(await refusedOf(admin, job.id), [
      [0, 47, '手机号码', '1234567'],
      [1, 22, '车架号', 'LSGWEAFU3NA500021'],
      [2, 35, '车辆编号', 'CL300021'],
      [2, 50, '车辆编号', 'CL300021'],
    ]);
  });
});
