import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CareTask, ImportSource } from '@m4s/contracts';
import { createTestTenant, signInStaff } from '../../../test/harness.ts';
import { csvOf, xlsxOf } from './test-kit.ts';
import { badVin, importFrom, newSource, one, rows, snapshot, staffLikeTheFiles, vin } from './sources.test-kit.ts';

// The files, as a DMS with its own numbers exports them (customers, cars, orders, lines, sales).
const customersFile = () =>
  csvOf([
    ['客户编号', '客户姓名', '手机号码', '所属门店'],
    ['KH001', '张三', '13911110001', 'S1'],
    ['KH002', '李四', '+86 139-1111-0002', 'S1'],
    // Unusable phones: kept under the customer number, reported, flagged for fixing.
    ['KH003', '王五', '021-62345678', 'S1'],
    ['KH004', '赵六', '', 'S1'],
    // No customer number and no usable phone: nothing to know them by, refused.
    ['', '孙七', '12345', 'S1'],
  ]);

const vehiclesFile = () =>
  xlsxOf([
    ['客户编号', '车辆编号', '车架号', '车牌号', '品牌', '购车日期', '行驶里程'],
    ['KH001', 'CL001', vin(1), '沪A12345', '比亚迪', '2023-12-20', '20,000'],
    ['KH003', 'CL003', vin(3), '沪B22222', '某某汽车', '2024/1/5', 10000],
    ['KH004', 'CL004', badVin(4), '沪C33333', null, '2024-02-01', null],
    ['KH999', 'CL009', vin(9), null, null, null, null],
  ]);

const ordersFile = () =>
  csvOf([
    [
      '工单号',
      '车辆编号',
      '车架号',
      '门店',
      '进厂日期',
      '出厂日期',
      '维修类型',
      '进厂里程',
      '服务顾问',
      '工时费',
      '材料费',
      '材料成本',
    ],
    [
      'RO1',
      'CL001',
      vin(1),
      'S1',
      '2024-03-05 09:30',
      '2024-03-05 16:00',
      '首保',
      15000,
      '陈静',
      '180.00',
      '¥458.50',
      '276.30',
    ],
    ['RO3', 'CL003', '', 'S1', '2024/4/1', '', '事故维修', 9000, '无名氏', '1200', '3000.1', '2000'],
    ['RO7', 'CL001', '', 'S1', '2024-05-01', '', '索赔', '', '', '0', '0', '0'],
    // The car refused in the car file: by its number, and by its (bad) VIN.
    ['RO4', 'CL004', '', 'S1', '2024-03-10', '', '保养', '', '', '100', '0', '0'],
    ['RO5', '', badVin(4), 'S1', '2024-03-11', '', '保养', '', '', '100', '0', '0'],
  ]);

const linesFile = () =>
  csvOf([
    ['工单号', '项目类型', '项目名称', '数量', '金额', '成本'],
    ['RO1', '工时', '首保工时', 1, '180', ''],
    ['RO3', '工时', '钣金喷漆', 1, '1200', ''],
    ['RO1', '配件', '机油 4L', 1, '458.5', '276.3'],
    ['RO7', '工时', '索赔检测', 1, '50', ''],
    ['RO9', '工时', '不存在的工单', 1, '10', ''],
  ]);

const salesFile = () =>
  csvOf([
    ['销售订单号', '车架号', '车辆编号', '客户编号', '交车日期', '销售顾问', '成交价', '门店'],
    ['SO1', vin(1), '', 'KH001', '2023-12-20 15:30', '刘洋', '¥168000.00', 'S1'],
    ['SO3', '', 'CL003', 'KH003', '2024-01-05', '王经理', '99800', 'S1'],
    ['SO9', vin(9), '', 'KH001', '2024-02-01', '', '', 'S1'],
  ]);

describe('DMS import: source systems and source keys', () => {
  test('customers, cars by customer number, orders with per-order totals, a lines file and sales; nothing lost; a re-import changes nothing', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const staff = await staffLikeTheFiles(admin, { s1: t.storeId, s2: t.otherStoreId });
    const dms = await newSource(admin, '旧DMS');

    // Customers: the unusable phones are warnings, their customers kept (with a task each).
    const customers = await importFrom(admin, '旧DMS', 'customers', '客户.csv', Buffer.from(customersFile()));
    assert.equal(customers.created.mapping.customerRef, '客户编号');
    assert.deepEqual(customers.job.counts, { customersCreated: 4, warnings: 2, dataFixTasks: 2 });
    assert.equal(customers.job.rowsFailed, 1);
    assert.deepEqual(
      customers.errors.map((e) => [e.rowNo, e.column, e.value, e.message.startsWith('【提示】')]),
      [
        [4, '手机号码', '021-62345678', true],
        [5, '手机号码', null, true],
        [6, '手机号码', '12345', false],
      ],
    );
    const kept = await rows(
      `SELECT c.name, (SELECT count(*) FROM customer_phones p WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id)::int AS phones
         FROM customers c WHERE c.tenant_id = $1 AND c.name IN ('王五', '赵六') ORDER BY c.name`,
      [t.id],
    );
    assert.deepEqual(kept, [
      { name: '王五', phones: 0 },
      { name: '赵六', phones: 0 },
    ]);
    // The store's customer service sees the fix-the-phone tasks in its list.
    const tasks = await cs.get('/api/care/tasks?scope=mine');
    assert.equal(tasks.statusCode, 200, tasks.body);
    const fixes = tasks.json<{ items: CareTask[] }>().items.filter((k) => k.title === '补全客户电话');
    assert.deepEqual(fixes.map((k) => k.customerName).sort(), ['王五', '赵六']);
    assert.match(fixes.find((k) => k.customerName === '王五')?.script ?? '', /021-62345678.*无法使用/);
    // Done by CS (the phone found and entered elsewhere): a re-import opens no new task for the customer.
    const zhao = fixes.find((k) => k.customerName === '赵六');
    const done = await cs.send('POST', `/api/care/tasks/${zhao?.id ?? ''}/done`, { outcome: '已联系客户，电话已补全' });
    assert.equal(done.statusCode, 200, done.body);

    // Cars name their owner by customer number; a car with a bad VIN is refused, an unknown owner too.
    const cars = await importFrom(admin, dms.id, 'vehicles', '车辆.xlsx', await vehiclesFile());
    assert.deepEqual(cars.created.mapping, {
      customerRef: '客户编号',
      vehicleRef: '车辆编号',
      vin: '车架号',
      plate: '车牌号',
      brand: '品牌',
      purchaseDate: '购车日期',
      mileageKm: '行驶里程',
    });
    assert.deepEqual(cars.job.counts, { vehiclesCreated: 2, mileageAdded: 2 });
    assert.deepEqual(
      cars.errors.map((e) => [e.rowNo, e.column]),
      [
        [4, '车架号'],
        [5, '客户编号'],
      ],
    );
    const wang = await one(
      `SELECT c.name FROM vehicles v JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
        WHERE v.tenant_id = $1 AND v.vin = $2`,
      [t.id, vin(3)],
    );
    assert.equal(wang.name, '王五', 'the customer kept without a phone has their car');
    // A brand the catalogue lacks is kept as text on the car and listed once for the import.
    const brands = await rows(
      `SELECT vin, brand_id, brand_text FROM vehicles WHERE tenant_id = $1 AND vin = ANY($2) ORDER BY vin`,
      [t.id, [vin(1), vin(3)]],
    );
    assert.deepEqual(
      brands.sort((a, b) => String(a.brand_id).localeCompare(String(b.brand_id))),
      [
        { vin: vin(1), brand_id: 'byd', brand_text: null },
        { vin: vin(3), brand_id: null, brand_text: '某某汽车' },
      ],
    );
    const unlisted = await admin.get(`/api/imports/${cars.job.id}/unlisted`);
    assert.equal(unlisted.statusCode, 200, unlisted.body);
    assert.deepEqual(
      unlisted
        .json<{ items: { field: string; text: string; rows: number }[] }>()
        .items.map((u) => [u.field, u.text, u.rows]),
      [['brand', '某某汽车', 1]],
    );

    // Orders with per-order totals and no lines: stored with the totals, their type kept; money to the fen.
    const orders = await importFrom(admin, '旧DMS', 'repair_orders', '工单.csv', Buffer.from(ordersFile()));
    assert.equal(orders.created.mapping.labourAmount, '工时费');
    assert.equal(orders.created.mapping.partsAmount, '材料费');
    assert.equal(orders.created.mapping.partsCostTotal, '材料成本');
    assert.deepEqual(orders.job.counts, { ordersCreated: 3, mileageAdded: 2, warnings: 1 });
    assert.deepEqual(
      orders.errors.map((e) => [e.rowNo, e.column, e.value]),
      [
        [3, '服务顾问', '无名氏'],
        [5, '车辆编号', 'CL004'],
        [6, '车架号', badVin(4)],
      ],
    );
    assert.match(orders.errors[1]?.message ?? '', /车辆未导入或在车辆文件中被拒绝/);
    const stored = await rows(
      `SELECT number, type, labour_fen::int AS labour, parts_fen::int AS parts, total_fen::int AS total,
              parts_cost_fen::int AS cost, advisor_id
         FROM repair_orders WHERE tenant_id = $1 ORDER BY number`,
      [t.id],
    );
    assert.deepEqual(stored, [
      {
        number: 'RO1',
        type: 'maintenance',
        labour: 18000,
        parts: 45850,
        total: 63850,
        cost: 27630,
        advisor_id: staff.chen1,
      },
      { number: 'RO3', type: 'accident', labour: 120000, parts: 300010, total: 420010, cost: 200000, advisor_id: null },
      { number: 'RO7', type: 'warranty_claim', labour: 0, parts: 0, total: 0, cost: 0, advisor_id: null },
    ]);

    // The lines file: lines join their orders; totals given by the order file stay, zero totals are computed.
    const lines = await importFrom(admin, '旧DMS', 'repair_order_lines', '明细.csv', Buffer.from(linesFile()));
    assert.deepEqual(lines.job.counts, { ordersMerged: 3, linesCreated: 4 });
    assert.deepEqual(
      lines.errors.map((e) => [e.rowNo, e.value]),
      [[6, 'RO9']],
    );
    const after = await rows(
      `SELECT o.number, o.total_fen::int AS total, count(l.*)::int AS lines
         FROM repair_orders o LEFT JOIN repair_order_lines l ON l.tenant_id = o.tenant_id AND l.repair_order_id = o.id
        WHERE o.tenant_id = $1 GROUP BY o.number, o.total_fen ORDER BY o.number`,
      [t.id],
    );
    assert.deepEqual(after, [
      { number: 'RO1', total: 63850, lines: 2 },
      { number: 'RO3', total: 420010, lines: 1 },
      { number: 'RO7', total: 5000, lines: 1 },
    ]);

    // Sales: the car by VIN or by its number, the buyer by customer number; the delivery the care rules see.
    const sales = await importFrom(admin, '旧DMS', 'sales', '销售.csv', Buffer.from(salesFile()));
    assert.deepEqual(sales.job.counts, { salesCreated: 2, warnings: 1 });
    assert.deepEqual(
      sales.errors.map((e) => [e.rowNo, e.column]),
      [
        [3, '销售顾问'],
        [4, '车架号'],
      ],
    );
    const sold = await rows(
      `SELECT external_ref, delivery_date::text AS day, delivered_at IS NOT NULL AS timed, price_fen::bigint::text AS price,
              consultant_id, order_date::text AS ordered
         FROM sales_orders WHERE tenant_id = $1 ORDER BY external_ref`,
      [t.id],
    );
    assert.deepEqual(sold, [
      {
        external_ref: 'SO1',
        day: '2023-12-20',
        timed: true,
        price: '16800000',
        consultant_id: staff.liu,
        ordered: '2023-12-20',
      },
      {
        external_ref: 'SO3',
        day: '2024-01-05',
        timed: false,
        price: '9980000',
        consultant_id: null,
        ordered: '2024-01-05',
      },
    ]);

    // Everything again: nothing changes, not a row, not a task.
    const before = await snapshot(t.id);
    const again = [
      await importFrom(admin, '旧DMS', 'customers', '客户.csv', Buffer.from(customersFile())),
      await importFrom(admin, '旧DMS', 'vehicles', '车辆.xlsx', await vehiclesFile()),
      await importFrom(admin, '旧DMS', 'repair_orders', '工单.csv', Buffer.from(ordersFile())),
      await importFrom(admin, '旧DMS', 'repair_order_lines', '明细.csv', Buffer.from(linesFile())),
      await importFrom(admin, '旧DMS', 'sales', '销售.csv', Buffer.from(salesFile())),
    ];
    assert.deepEqual(
      again.map((r) => r.job.counts),
      [
        { customersUnchanged: 4, warnings: 2 },
        { vehiclesUnchanged: 2, mileageUnchanged: 2 },
        { ordersUnchanged: 3, warnings: 1 },
        { ordersUnchanged: 3 },
        { salesUnchanged: 2, warnings: 1 },
      ],
    );
    assert.deepEqual(
      again.map((r) => r.job.rowsFailed),
      [1, 2, 2, 1, 1],
    );
    assert.deepEqual(await snapshot(t.id), before);
  });

  test('two sources with the same numbers stay apart; an import naming none keys under the default source', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    await newSource(admin, '旧DMS');
    const second = await newSource(admin, '二网系统');
    const customers = (name: string, phone: string) =>
      Buffer.from(
        csvOf([
          ['客户编号', '客户姓名', '手机号码'],
          ['KH001', name, phone],
        ]),
      );
    const cars = (serial: number) =>
      Buffer.from(
        csvOf([
          ['客户编号', '车辆编号', '车架号'],
          ['KH001', 'CL001', vin(serial)],
        ]),
      );
    const orders = (total: string) =>
      Buffer.from(
        csvOf([
          ['工单号', '车辆编号', '进厂日期', '维修类型', '工时费', '材料费'],
          ['RO1', 'CL001', '2024-03-05', '保养', total, '0'],
        ]),
      );
    await importFrom(admin, '旧DMS', 'customers', 'a.csv', customers('张三', '13911110001'));
    await importFrom(admin, '二网系统', 'customers', 'b.csv', customers('钱八', '13922220001'));
    await importFrom(admin, '旧DMS', 'vehicles', 'a.csv', cars(31));
    await importFrom(admin, '二网系统', 'vehicles', 'b.csv', cars(32));
    await importFrom(admin, '旧DMS', 'repair_orders', 'a.csv', orders('100'));
    const b = await importFrom(admin, '二网系统', 'repair_orders', 'b.csv', orders('200'));
    assert.deepEqual(b.job.counts, { ordersCreated: 1, warnings: 1 });
    assert.match(b.errors[0]?.message ?? '', /另一数据来源/);
    const owners = await rows(
      `SELECT v.vin, c.name, o.number, o.total_fen::int AS total
         FROM vehicles v JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
         JOIN repair_orders o ON o.tenant_id = v.tenant_id AND o.vehicle_id = v.id
        WHERE v.tenant_id = $1 AND v.vin = ANY($2) ORDER BY v.vin`,
      [t.id, [vin(31), vin(32)]],
    );
    assert.deepEqual(owners, [
      { vin: vin(31), name: '张三', number: 'RO1', total: 10000 },
      { vin: vin(32), name: '钱八', number: '二网系统-RO1', total: 20000 },
    ]);
    // Again from the second source: found by its key, unchanged (not a third order).
    const bAgain = await importFrom(admin, second.name, 'repair_orders', 'b.csv', orders('200'));
    assert.deepEqual(bAgain.job.counts, { ordersUnchanged: 1 });

    // No source named: the default "原系统" is created and the keys go there, apart from the other two.
    const plain = await importFrom(admin, null, 'customers', 'c.csv', customers('周九', '13933330001'));
    assert.deepEqual(plain.job.counts, { customersCreated: 1 });
    const list = await admin.get('/api/import-sources');
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json<{ items: ImportSource[] }>().items.map((s) => [s.name, s.isDefault, s.keys]),
      [
        ['原系统', true, { customer: 1 }],
        ['二网系统', false, { customer: 1, vehicle: 1, repair_order: 1 }],
        ['旧DMS', false, { customer: 1, vehicle: 1, repair_order: 1 }],
      ],
    );
  });
});
