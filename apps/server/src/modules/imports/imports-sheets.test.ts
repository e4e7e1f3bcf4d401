import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { vinCheckDigit, type ImportJob, type ImportPreview } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';
import ExcelJS from './excel.ts';
import { forgetPersonInImports } from './imports.queries.ts';
import { csvOf, errorsOf, uploadFile, waitForRun, workbookOf } from './test-kit.ts';

/** A valid VIN (its check digit computed) from a serial number. */
const vin = (serial: number) => {
  const body = `LSVWB2C30PA${String(serial).padStart(6, '0')}`;
  return `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;
};

const rows = async (sql: string, params: unknown[]) => (await (await testApp()).db.owner.executeSql(sql, params)).rows;

const orderHeader = [
  '工单号',
  '车架号',
  '进厂日期',
  '维修类型',
  '进厂里程',
  '项目类型',
  '项目名称',
  '工时',
  '数量',
  '金额',
];
const carHeader = ['客户姓名', '车主联系方式', '车架号', '车牌号', '购车日期'];
const contactsHeader = ['姓名', '手机号', '部门'];

/**
 * A workbook as DMS exports come: the orders sheet first, then the customers' cars, then a staff
 * contact list that is no customer data (its headers still look like customers: it must be left out).
 */
const workbook = (badAmount = false) =>
  workbookOf([
    {
      name: '维修工单',
      rows: [
        orderHeader,
        ['WB-1', vin(1), '2025-03-01', '保养', '8000', '工时', '常规保养', '1', '', '180'],
        ['WB-1', vin(1), '2025-03-01', '保养', '8000', '配件', '机油', '', '1', '398.50'],
        ['WB-2', vin(2), '2025/4/2', '一般维修', '12000', '工时', '更换刹车片', '2', '', badAmount ? '12..5' : '260'],
        ['WB-3', vin(3), '2025-05-03', '保养', '', '工时', '常规保养', '1', '', '180'],
      ],
    },
    {
      name: '客户车辆',
      rows: [
        carHeader,
        ['周一', '13811110001', vin(1), '沪A10001', '2021-06-01'],
        ['吴二', '13811110002', vin(2), '沪A10002', '2022-07-01'],
        // A VIN with a wrong check digit: row 4 of this sheet, and its car's orders find no car.
        ['郑三', '13811110003', `${vin(3).slice(0, 16)}${vin(3).endsWith('9') ? '8' : '9'}`, '沪A10003', ''],
      ],
    },
    {
      name: '员工通讯录',
      rows: [contactsHeader, ['王经理', '13900009999', '售后'], ['李专员', '13900008888', '客服']],
    },
  ]);

const upload = async (agent: Awaited<ReturnType<typeof signInStaff>>, name: string, data: Buffer) => {
  const res = await uploadFile(agent, name, data);
  assert.equal(res.statusCode, 201, res.body);
  return res.json<ImportJob>();
};

describe('DMS import: workbooks of several sheets', () => {
  test('every sheet is shown with its suggested kind; one run imports the chosen sheets in dependency order, a sheet left out is not read', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const job = await upload(admin, '旧系统导出.xlsx', await workbook());

    assert.deepEqual(
      job.sheets.map((s) => [
        s.index,
        s.name,
        s.suggestedKind,
        s.kind,
        s.status,
        s.headers.length,
        s.sampleRows.length,
      ]),
      [
        [0, '维修工单', 'repair_orders', 'repair_orders', 'pending', 10, 4],
        [1, '客户车辆', 'customers', 'customers', 'pending', 5, 3],
        [2, '员工通讯录', 'customers', 'customers', 'pending', 3, 2],
      ],
    );
    const [orders, cars] = [job.sheets[0], job.sheets[1]];
    assert.ok(orders && cars);
    assert.equal(orders.mapping.orderNumber, '工单号');
    assert.equal(cars.mapping.vin, '车架号');
    // 车主联系方式 is no known header: the user maps it (and it is remembered for the next file).
    assert.equal(cars.mapping.phone, undefined);
    // The import's own columns are its first chosen sheet's, as a one-sheet file's were.
    assert.deepEqual([job.kind, job.headers, job.mapping], ['repair_orders', orders.headers, orders.mapping]);

    const chosen = await admin.send('PUT', `/api/imports/${job.id}/mapping`, {
      sheets: [
        { index: 0, kind: 'repair_orders', mapping: orders.mapping },
        { index: 1, kind: 'customers', mapping: { ...cars.mapping, phone: '车主联系方式' } },
        { index: 2, kind: null },
      ],
    });
    assert.equal(chosen.statusCode, 200, chosen.body);
    assert.deepEqual(
      chosen.json<ImportJob>().sheets.map((s) => [s.kind, s.status]),
      [
        ['repair_orders', 'pending'],
        ['customers', 'pending'],
        [null, 'left_out'],
      ],
    );

    const { job: done } = await waitForRun(admin, job.id);
    assert.equal(done.status, 'done', JSON.stringify(done));
    // The orders sheet comes first in the workbook but runs after the cars: WB-1 and WB-2 find theirs.
    assert.deepEqual(
      done.sheets.map((s) => [s.name, s.status, s.rowsTotal, s.rowsDone, s.rowsFailed, s.counts]),
      [
        ['维修工单', 'done', 4, 4, 1, { ordersCreated: 2, linesCreated: 3, mileageAdded: 2 }],
        ['客户车辆', 'done', 3, 3, 1, { customersCreated: 2, vehiclesCreated: 2 }],
        ['员工通讯录', 'left_out', null, 0, 0, {}],
      ],
    );
    assert.deepEqual([done.rowsTotal, done.rowsDone, done.rowsFailed], [7, 7, 2]);
    assert.deepEqual(done.counts, {
      customersCreated: 2,
      vehiclesCreated: 2,
      ordersCreated: 2,
      linesCreated: 3,
      mileageAdded: 2,
    });
    const [stored] = await rows(
      `SELECT (SELECT count(*)::int FROM customers WHERE tenant_id = $1 AND source = 'import') AS customers,
              (SELECT count(*)::int FROM customer_phones WHERE tenant_id = $1 AND phone LIKE '139000%') AS staff_phones,
              (SELECT sum(total_fen)::int FROM repair_orders WHERE tenant_id = $1) AS total_fen`,
      [t.id],
    );
    assert.deepEqual(stored, { customers: 2, staff_phones: 0, total_fen: 18000 + 39850 + 26000 });
    const [audit] = await rows(
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'customer.imported' AND target_id = $2`,
      [t.id, job.id],
    );
    assert.deepEqual(
      (audit?.details as { sheets: { name: string; status: string }[] }).sheets.map((s) => [s.name, s.status]),
      [
        ['维修工单', 'done'],
        ['客户车辆', 'done'],
        ['员工通讯录', 'left_out'],
      ],
    );

    // Map once: the next workbook's car sheet comes with 车主联系方式 already mapped to the phone.
    const next = await upload(admin, '旧系统导出2.xlsx', await workbook());
    assert.equal(next.sheets[1]?.mapping.phone, '车主联系方式');
  });

  test('each sheet keeps its own row numbers in the errors and in the one report', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const job = await upload(admin, '带错误.xlsx', await workbook(true));
    const [orders, cars] = [job.sheets[0], job.sheets[1]];
    assert.ok(orders && cars);
    const chosen = await admin.send('PUT', `/api/imports/${job.id}/mapping`, {
      sheets: [
        { index: 2, kind: null },
        { index: 1, kind: 'customers', mapping: { ...cars.mapping, phone: '车主联系方式' } },
        { index: 0, kind: 'repair_orders', mapping: orders.mapping },
      ],
    });
    assert.equal(chosen.statusCode, 200, chosen.body);
    const { job: done } = await waitForRun(admin, job.id);
    assert.equal(done.status, 'done');

    const errors = await errorsOf(admin, job.id);
    assert.deepEqual(
      errors.items.map((e) => [e.sheet, e.rowNo, e.column]),
      [
        [0, 4, '金额'],
        [0, 5, '车架号'],
        [1, 4, '车架号'],
      ],
    );
    const carErrors = await admin.get(`/api/imports/${job.id}/errors?sheet=1`);
    assert.deepEqual(
      carErrors.json<{ items: { rowNo: number }[]; total: number }>().items.map((e) => e.rowNo),
      [4],
    );

    const report = await admin.get(`/api/imports/${job.id}/errors.xlsx`);
    assert.equal(report.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    assert.deepEqual((sheet?.getRow(1).values as unknown[]).slice(1), ['工作表', '行号', '列', '内容', '问题']);
    assert.deepEqual(
      [2, 3, 4].map((n) => (sheet?.getRow(n).values as unknown[]).slice(1, 4)),
      [
        ['维修工单', 4, '金额'],
        ['维修工单', 5, '车架号'],
        ['客户车辆', 4, '车架号'],
      ],
    );
  });

  test('a one-sheet CSV works as before: its sheet is the import, `{ mapping }` still maps it', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const csv = Buffer.from(
      csvOf([
        ['客户姓名', '手机号码', '车架号'],
        ['钱七', '13822220001', vin(11)],
        ['孙八', '1382222', vin(12)],
      ]),
    );
    const job = await upload(admin, '客户.csv', csv);
    assert.deepEqual(
      job.sheets.map((s) => [s.index, s.name, s.kind, s.suggestedKind]),
      [[0, '客户', 'customers', 'customers']],
    );
    assert.deepEqual(
      [job.kind, job.headers, job.mapping],
      ['customers', job.sheets[0]?.headers, job.sheets[0]?.mapping],
    );
    const mapped = await admin.send('PUT', `/api/imports/${job.id}/mapping`, { mapping: job.mapping });
    assert.equal(mapped.statusCode, 200, mapped.body);
    const { job: done } = await waitForRun(admin, job.id);
    assert.deepEqual(
      [done.status, done.rowsTotal, done.rowsDone, done.rowsFailed, done.counts],
      ['done', 2, 2, 1, { customersCreated: 1, vehiclesCreated: 1 }],
    );
    assert.deepEqual(
      done.sheets.map((s) => [s.status, s.rowsTotal, s.rowsDone, s.rowsFailed]),
      [['done', 2, 2, 1]],
    );
    const errors = await errorsOf(admin, job.id);
    assert.deepEqual(
      errors.items.map((e) => [e.sheet, e.rowNo, e.column]),
      [[0, 3, '手机号码']],
    );
    // Its report is as it was: no sheet column for a file of one sheet.
    const report = await admin.get(`/api/imports/${job.id}/errors.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual((book.worksheets[0]?.getRow(1).values as unknown[]).slice(1), ['行号', '列', '内容', '问题']);
  });

  test('bad choices are refused with the sheet and field at fault, and nothing starts', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const job = await upload(admin, '旧系统导出.xlsx', await workbook());
    const put = (body: object) => admin.send('PUT', `/api/imports/${job.id}/mapping`, body);
    const issuesOf = async (body: object) => {
      const res = await put(body);
      assert.equal(res.statusCode, 400, res.body);
      return res.json<{ details: { issues: { path: string; message: string }[] } }>().details.issues.map((i) => i.path);
    };
    assert.deepEqual(
      await issuesOf({
        sheets: [
          { index: 0, kind: null },
          { index: 1, kind: null },
        ],
      }),
      ['sheets'],
    );
    assert.deepEqual(await issuesOf({ sheets: [{ index: 7, kind: 'customers', mapping: {} }] }), ['sheets.0.index']);
    assert.deepEqual(
      await issuesOf({
        sheets: [
          { index: 1, kind: 'customers', mapping: { customerName: '客户姓名' } },
          { index: 1, kind: null },
        ],
      }),
      ['sheets.0.mapping.phone', 'sheets.1.index'],
    );
    assert.deepEqual(await issuesOf({ mapping: job.mapping, sheets: [{ index: 0, kind: null }] }), ['sheets']);
    const after = await admin.get(`/api/imports/${job.id}`);
    assert.equal(after.json<ImportJob>().status, 'needs_mapping');

    // A cover sheet (a title, no header row) is listed, proposed as left out, and cannot be chosen.
    const covered = await upload(
      admin,
      '带封面.xlsx',
      await workbookOf([
        { name: '说明', rows: [['客户档案导出，2025年6月']] },
        { name: '客户车辆', rows: [carHeader, ['周一', '13811110001', vin(1), '沪A10001', '2021-06-01']] },
      ]),
    );
    assert.deepEqual(
      covered.sheets.map((s) => [s.name, s.headers.length, s.kind, s.suggestedKind]),
      [
        ['说明', 0, null, null],
        ['客户车辆', 5, 'customers', 'customers'],
      ],
    );
    assert.equal(covered.sheets[1]?.suggestions.repair_orders?.vin, '车架号');
    const cover = await admin.send('PUT', `/api/imports/${covered.id}/mapping`, {
      sheets: [{ index: 0, kind: 'customers', mapping: {} }],
    });
    assert.equal(cover.statusCode, 400);
    assert.deepEqual(
      cover.json<{ details: { issues: { path: string }[] } }>().details.issues.map((i) => i.path),
      ['sheets.0.kind'],
    );
  });

  test('erasure takes the person’s rows out of every sheet’s preview, and leaves the others', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const job = await upload(admin, '旧系统导出.xlsx', await workbook());
    const { db } = await testApp();
    // Row 2 of the cars sheet names 周一 (two errors of that row); row 2 of the orders sheet is another's.
    await db.owner.executeSql(
      `INSERT INTO import_errors (tenant_id, import_id, sheet, row_no, "column", value, message) VALUES
         ($1, $2, 1, 2, '车主联系方式', '13811110001', 'phone'), ($1, $2, 1, 2, '车牌号', '沪A', 'plate'),
         ($1, $2, 0, 2, '金额', '1..8', 'amount')`,
      [t.id, job.id],
    );
    await forgetPersonInImports(db.owner, t.id, {
      customerId: t.customerId,
      names: ['周一'],
      phones: ['13811110001'],
      emails: [],
      ownerIds: [],
    });
    const after = (await admin.get(`/api/imports/${job.id}`)).json<ImportJob>();
    assert.deepEqual(
      after.sheets.map((s) => s.sampleRows.length),
      [4, 2, 2],
    );
    assert.ok(!JSON.stringify(after.sheets).includes('周一'));
    assert.ok(!JSON.stringify(after.sheets).includes('13811110001'));
    assert.ok(JSON.stringify(after.sheets).includes('吴二'));
    const left = await errorsOf(admin, job.id);
    assert.deepEqual(
      left.items.map((e) => [e.sheet, e.rowNo, e.value]),
      [[0, 2, '1..8']],
    );
  });

  test('the preview takes one sheet of a workbook with the kind chosen for it, and stores nothing', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const job = await upload(admin, '旧系统导出.xlsx', await workbook());
    const cars = job.sheets[1];
    assert.ok(cars);
    const res = await admin.send('POST', `/api/imports/${job.id}/preview`, {
      sheet: 1,
      kind: 'customers',
      mapping: { ...cars.mapping, phone: '车主联系方式' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const preview = res.json<ImportPreview>();
    assert.deepEqual([preview.rows, preview.rowsFailed], [3, 1]);
    assert.equal(preview.counts.customersCreated, 2);
    assert.deepEqual(
      preview.issues.map((i) => [i.sheet, i.rowNo, i.column]),
      [[1, 4, '车架号']],
    );
    const [stored] = await rows(`SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1 AND source = 'import'`, [
      t.id,
    ]);
    assert.equal(stored?.n, 0);
    // The sheet's own headers: the orders sheet has no 车主联系方式.
    const wrong = await admin.send('POST', `/api/imports/${job.id}/preview`, {
      sheet: 0,
      kind: 'customers',
      mapping: { customerName: '工单号', phone: '车主联系方式' },
    });
    assert.equal(wrong.statusCode, 400);
    const unknown = await admin.send('POST', `/api/imports/${job.id}/preview`, { sheet: 9, mapping: {} });
    assert.equal(unknown.statusCode, 400);
  });
});
