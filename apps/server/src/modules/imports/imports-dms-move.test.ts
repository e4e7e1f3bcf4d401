// Issue 12, "Done when": a dealer moves in from its old DMS with the exports it really has — a customer
// file (GB18030 CSV, keyed by 客户编号), a car file naming its owner by 客户编号 (UTF-8-BOM CSV) and a
// repair-order file with per-order totals — and then the same three as the sheets of one workbook. Every
// dirty format of the issue is in the rows; each row ends stored, merged or reported as the rules say,
// the money is exact to the fen, a re-import changes nothing and undo restores the state before the run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImportJob } from '@m4s/contracts';
import { createTestTenant, signInStaff, type Agent } from '../../../test/harness.ts';
import { journaledTables } from './journal.ts';
import {
  existingVin,
  customerRows,
  carRows,
  orderRows,
  expectedTotalFen,
  gb18030,
  utf8Bom,
} from './imports-dms-move.files.ts';
import { badVin, one, rows, vin } from './sources.test-kit.ts';
import { errorsOf, importFile, uploadFile, waitForRun, workbookOf } from './test-kit.ts';

/** Row counts and a content hash of every table an import writes, for one tenant: two states compare exactly. */
const fingerprint = async (tenantId: string) => {
  const out: Record<string, string> = {};
  for (const table of journaledTables) {
    const [row] = await rows(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(to_jsonb(x)::text, '|' ORDER BY x.id), '')) AS hash
         FROM ${table} x WHERE x.tenant_id = $1`,
      [tenantId],
    );
    out[table] = `${String(row?.n)}:${String(row?.hash)}`;
  }
  return out;
};

const undo = async (agent: Agent, id: string) => {
  const res = await agent.inject({
    method: 'POST',
    url: `/api/imports/${id}/undo`,
    headers: { 'x-csrf-token': agent.csrf },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json<ImportJob>().status, 'undone');
};

/** The tenant as the dealer sets it up before moving in: the advisor the files name. */
const dealer = async () => {
  const t = await createTestTenant(['group_admin']);
  const admin = await signInStaff(t.slug, 'group.admin');
  const res = await admin.send('POST', '/api/staff', {
    login: 'chen',
    name: '陈静',
    phone: null,
    role: 'service_advisor',
    storeId: t.storeId,
    password: 'password-123',
  });
  assert.equal(res.statusCode, 201, res.body);
  return { t, admin, chen: res.json<{ id: string }>().id };
};

/** Sorts rows by a text in code-point order (the two engines' collations differ). */
const byText =
  <T>(of: (row: T) => unknown) =>
  (a: T, b: T) => {
    const [x, y] = [String(of(a)), String(of(b))];
    return x < y ? -1 : x > y ? 1 : 0;
  };

/** A sheet's counts without the warnings (their number depends on how a run counts names across sheets). */
const noWarnings = (counts: Record<string, number>) => {
  const { warnings: _w, ...rest } = counts;
  return rest;
};

type Reported = { sheet: number; rowNo: number; column: string | null; value: string | null; message: string };
const shape = (e: Reported) => [e.rowNo, e.column, e.value, e.message.startsWith('【提示】') ? 'hint' : 'refused'];

/** What every run must have stored: the rows read back from the database. */
const assertStored = async (tenantId: string, chen: string) => {
  const customers = await rows(
    `SELECT c.name, c.birthday::text AS birthday, c.service_advisor_id AS advisor,
            coalesce((SELECT string_agg(p.phone, ',' ORDER BY p.phone) FROM customer_phones p
                       WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id), '') AS phones,
            (SELECT string_agg(k.number, ',' ORDER BY k.number) FROM import_keys k
              WHERE k.tenant_id = c.tenant_id AND k.entity = 'customer' AND k.entity_id = c.id) AS refs
       FROM customers c WHERE c.tenant_id = $1`,
    [tenantId],
  );
  customers.sort(byText((c) => c.refs));
  assert.deepEqual(customers, [
    { name: '张三', birthday: '1985-03-05', advisor: chen, phones: '13800138001', refs: 'KH001' },
    { name: '李四', birthday: '1990-07-08', advisor: null, phones: '13800138002', refs: 'KH002' },
    { name: '王五', birthday: '1978-11-02', advisor: null, phones: '13800138003', refs: 'KH003' },
    { name: '赵六', birthday: '1980-01-01', advisor: null, phones: '', refs: 'KH004' },
    { name: '钱七', birthday: '1988-06-09', advisor: null, phones: '13800138005', refs: 'KH005,KH006' },
    { name: '测试客户', birthday: '1970-01-02', advisor: null, phones: '13000000000', refs: 'KH007' },
  ]);
  // The customer kept without a phone is flagged for fixing: one data-fix task.
  const fix = await one(
    `SELECT c.name, t.title, t.role FROM care_tasks t JOIN customers c ON c.tenant_id = t.tenant_id AND c.id = t.customer_id
      WHERE t.tenant_id = $1 AND t.details->>'kind' = 'data_fix'`,
    [tenantId],
  );
  assert.deepEqual(fix, { name: '赵六', title: '补全客户电话', role: 'cs_specialist' });

  const cars = await rows(
    `SELECT v.vin, v.plate, c.name AS owner, v.brand_id AS brand, v.series_id AS series, v.model_text,
            v.purchase_date::text AS bought
       FROM vehicles v JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
      WHERE v.tenant_id = $1`,
    [tenantId],
  );
  cars.sort(byText((c) => c.plate));
  const car = (n: number) => vin(n);
  assert.deepEqual(
    cars.map((c) => [c.vin, c.plate, c.owner, c.brand, c.model_text, c.bought]),
    [
      [car(2), '沪A12345', '李四', 'byd', null, '2022-03-04'],
      [car(3), '沪B54321', '赵六', 'byd', '神秘车型X', '2023-05-06'],
      [car(4), '沪C66666', '钱七', 'byd', '神秘车型X', '2023-05-06'],
      [car(1), '沪E50029', '张三', 'volkswagen', null, '2021-06-01'],
      [existingVin, '沪F88888', '测试客户', null, null, null],
    ],
  );
  // 汉EV in the model column is BYD's series 汉.
  const han = cars.find((c) => c.vin === car(2));
  assert.ok(han?.series, `汉EV read as a series: ${JSON.stringify(han)}`);
  const [hanSeries] = await rows(`SELECT name_zh FROM catalogue_series WHERE id = $1`, [han.series]);
  assert.equal(hanSeries?.name_zh, '汉');

  const orders = await rows(
    `SELECT o.number, v.vin, c.name AS customer, o.type, to_char(o.date_in AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS date_in,
            to_char(o.date_out AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS date_out, o.mileage_km AS km,
            o.advisor_id AS advisor, o.technician, o.labour_fen::int AS labour, o.parts_fen::int AS parts,
            o.parts_cost_fen::int AS cost, o.total_fen::int AS total,
            (SELECT count(*)::int FROM repair_order_lines l WHERE l.tenant_id = o.tenant_id AND l.repair_order_id = o.id) AS lines
       FROM repair_orders o JOIN vehicles v ON v.tenant_id = o.tenant_id AND v.id = o.vehicle_id
       JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id
      WHERE o.tenant_id = $1 ORDER BY o.number`,
    [tenantId],
  );
  // Dates and times are the dealer's wall clock (Shanghai).
  assert.deepEqual(orders, [
    {
      number: 'RO001',
      vin: car(1),
      customer: '张三',
      type: 'maintenance',
      date_in: '2024-03-05 09:30',
      date_out: '2024-03-05 16:00',
      km: 5000,
      advisor: chen,
      technician: '李 师傅',
      labour: 18000,
      parts: 45850,
      cost: 27630,
      total: 63850,
      lines: 0,
    },
    {
      number: 'RO002',
      vin: car(2),
      customer: '李四',
      type: 'accident',
      date_in: '2024-04-01 00:00',
      date_out: '2024-04-02 00:00',
      km: 12000,
      advisor: null,
      technician: null,
      labour: 120010,
      parts: 300005,
      cost: 200099,
      total: 420015,
      lines: 0,
    },
    {
      number: 'RO003',
      vin: car(3),
      customer: '赵六',
      type: 'maintenance',
      date_in: '2024-05-06 00:00',
      date_out: null,
      km: null,
      advisor: null,
      technician: null,
      labour: 9999,
      parts: 1,
      cost: 0,
      total: 10000,
      lines: 0,
    },
    {
      number: 'RO004',
      vin: car(4),
      customer: '钱七',
      type: 'warranty_claim',
      date_in: '2024-06-07 00:00',
      date_out: null,
      km: null,
      advisor: null,
      technician: null,
      labour: 0,
      parts: 0,
      cost: 0,
      total: 0,
      lines: 0,
    },
    {
      number: 'RO007',
      vin: existingVin,
      customer: '测试客户',
      type: 'general_repair',
      date_in: '2024-07-01 00:00',
      date_out: null,
      km: null,
      advisor: null,
      technician: null,
      labour: 5000,
      parts: 0,
      cost: 0,
      total: 5000,
      lines: 0,
    },
  ]);
  // Money exact to the fen: the stored totals sum to the file's.
  const [sum] = await rows(`SELECT sum(total_fen)::bigint::text AS fen FROM repair_orders WHERE tenant_id = $1`, [
    tenantId,
  ]);
  assert.equal(sum?.fen, String(expectedTotalFen));
};

/** The rows each sheet reports (row, column, value, refused or a hint), in the file's row numbers. */
const expectedReports = {
  customers: [
    [3, '服务顾问', '王经理', 'hint'],
    [5, '手机号码', '021-62345678', 'hint'],
    [9, '手机号码', '12345', 'refused'],
  ],
  vehicles: [
    [6, '车架号', badVin(5), 'refused'],
    [7, '客户编号', 'KH999', 'refused'],
  ],
  orders: [
    [3, '服务顾问', '王经理', 'hint'],
    [6, '车辆编号', 'CL005', 'refused'],
    [7, '车架号', badVin(5), 'refused'],
  ],
};

const expectedCounts = {
  customers: { customersCreated: 5, customersMerged: 2, warnings: 2, dataFixTasks: 1 },
  vehicles: { vehiclesCreated: 4, vehiclesMerged: 1, mileageAdded: 1 },
  orders: { ordersCreated: 5, mileageAdded: 2, warnings: 1 },
};
const againCounts = {
  customers: { customersUnchanged: 7, warnings: 2 },
  vehicles: { vehiclesUnchanged: 5, mileageUnchanged: 1 },
  orders: { ordersUnchanged: 5, warnings: 1 },
};

const unlistedOf = async (agent: Agent, id: string) => {
  const res = await agent.get(`/api/imports/${id}/unlisted`);
  assert.equal(res.statusCode, 200, res.body);
  return res
    .json<{ items: { field: string; text: string; rows: number }[] }>()
    .items.map((u) => [u.field, u.text, u.rows]);
};

describe('DMS import: moving in from the old system (issue 12, done when)', () => {
  test('three files (GB18030 customers, UTF-8-BOM cars keyed by 客户编号, orders with per-order totals): every row stored, merged or reported; money exact; a re-import changes nothing; undo restores the state before', async () => {
    const { t, admin, chen } = await dealer();
    const before = await fingerprint(t.id);
    const files = {
      customers: gb18030(customerRows(false)),
      vehicles: utf8Bom(carRows(false)),
      orders: utf8Bom(orderRows(false)),
    };
    const run = async () => ({
      customers: await importFile(admin, 'customers', '客户档案.csv', files.customers),
      vehicles: await importFile(admin, 'vehicles', '车辆档案.csv', files.vehicles),
      orders: await importFile(admin, 'repair_orders', '维修工单.csv', files.orders),
    });

    const first = await run();
    for (const [name, r] of Object.entries(first))
      assert.equal(r.job.status, 'done', `${name}: ${JSON.stringify(r.job)}`);
    // The suggested mappings read the Chinese headers (the GB18030 file without mojibake).
    assert.deepEqual(first.customers.created.mapping, {
      customerRef: '客户编号',
      customerName: '客户姓名',
      phone: '手机号码',
      birthday: '出生日期',
      serviceAdvisor: '服务顾问',
    });
    assert.equal(first.vehicles.created.mapping.customerRef, '客户编号');
    assert.deepEqual(
      [
        first.orders.created.mapping.labourAmount,
        first.orders.created.mapping.partsAmount,
        first.orders.created.mapping.partsCostTotal,
      ],
      ['工时费', '材料费', '材料成本'],
    );

    assert.deepEqual(
      {
        customers: [first.customers.job.counts, first.customers.job.rowsDone, first.customers.job.rowsFailed],
        vehicles: [first.vehicles.job.counts, first.vehicles.job.rowsDone, first.vehicles.job.rowsFailed],
        orders: [first.orders.job.counts, first.orders.job.rowsDone, first.orders.job.rowsFailed],
      },
      {
        customers: [expectedCounts.customers, 8, 1],
        vehicles: [expectedCounts.vehicles, 7, 2],
        orders: [expectedCounts.orders, 7, 2],
      },
    );
    const reported = {
      customers: (await errorsOf(admin, first.customers.job.id)).items.map(shape),
      vehicles: (await errorsOf(admin, first.vehicles.job.id)).items.map(shape),
      orders: (await errorsOf(admin, first.orders.job.id)).items.map(shape),
    };
    assert.deepEqual(reported, expectedReports);
    // The model the catalogue lacks: kept as text on both cars, listed once in the report.
    assert.deepEqual(await unlistedOf(admin, first.vehicles.job.id), [['model', '神秘车型X', 2]]);
    await assertStored(t.id, chen);

    // The same three files again: every count says unchanged, and not a row or a value moves.
    const afterFirst = await fingerprint(t.id);
    const again = await run();
    assert.deepEqual(
      {
        customers: [again.customers.job.counts, again.customers.job.rowsFailed],
        vehicles: [again.vehicles.job.counts, again.vehicles.job.rowsFailed],
        orders: [again.orders.job.counts, again.orders.job.rowsFailed],
      },
      {
        customers: [againCounts.customers, 1],
        vehicles: [againCounts.vehicles, 2],
        orders: [againCounts.orders, 2],
      },
    );
    assert.deepEqual(await fingerprint(t.id), afterFirst);

    // Undo, the later runs first: the tenant is as it was before the move (its own customer and car too).
    for (const r of [again.orders, again.vehicles, again.customers, first.orders, first.vehicles, first.customers])
      await undo(admin, r.job.id);
    assert.deepEqual(await fingerprint(t.id), before);
  });

  test('the same three as the sheets of one workbook, imported in one run with the kinds the upload suggests', async () => {
    const { t, admin, chen } = await dealer();
    const before = await fingerprint(t.id);
    const book = await workbookOf([
      { name: '客户', rows: customerRows(true) },
      { name: '车辆', rows: carRows(true) },
      { name: '工单', rows: orderRows(true) },
    ]);
    const run = async () => {
      const up = await uploadFile(admin, 'DMS导出.xlsx', book);
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
      return done;
    };

    const first = await run();
    assert.deepEqual(
      first.sheets.map((s) => [
        s.name,
        s.status,
        s.rowsDone,
        s.rowsFailed,
        s.index === 2 ? noWarnings(s.counts) : s.counts,
      ]),
      [
        ['客户', 'done', 8, 1, expectedCounts.customers],
        ['车辆', 'done', 7, 2, expectedCounts.vehicles],
        ['工单', 'done', 7, 2, noWarnings(expectedCounts.orders)],
      ],
    );
    const errors = (await errorsOf(admin, first.id)).items;
    const bySheet = (sheet: number) => errors.filter((e) => e.sheet === sheet);
    // The unknown advisor: one line per sheet at most (see the report for one line per run across sheets).
    const staffLines = (sheet: number) => bySheet(sheet).filter((e) => e.value === '王经理').length;
    assert.ok(staffLines(0) <= 1 && staffLines(2) <= 1 && staffLines(0) + staffLines(2) >= 1);
    const withoutStaff = (items: (string | number | null)[][]) => items.filter((e) => e[2] !== '王经理');
    assert.deepEqual(
      [0, 1, 2].map((s) => withoutStaff(bySheet(s).map(shape))),
      [withoutStaff(expectedReports.customers), expectedReports.vehicles, withoutStaff(expectedReports.orders)],
    );
    assert.deepEqual(await unlistedOf(admin, first.id), [['model', '神秘车型X', 2]]);
    await assertStored(t.id, chen);

    const afterFirst = await fingerprint(t.id);
    const again = await run();
    assert.deepEqual(
      again.sheets.map((s) => [s.name, s.rowsFailed, noWarnings(s.counts)]),
      [
        ['客户', 1, noWarnings(againCounts.customers)],
        ['车辆', 2, againCounts.vehicles],
        ['工单', 2, noWarnings(againCounts.orders)],
      ],
    );
    assert.deepEqual(await fingerprint(t.id), afterFirst);

    await undo(admin, again.id);
    await undo(admin, first.id);
    assert.deepEqual(await fingerprint(t.id), before);
  });
});
