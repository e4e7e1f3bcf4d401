import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, storeInput, testApp, type Agent } from '../../../test/harness.ts';
import ExcelJS from './excel.ts';
import { errorsOf, importFile, sampleFile } from './test-kit.ts';

const customersSample = '客户车辆档案-示例.xlsx';
const ordersSample = '维修工单明细-示例.csv';

const one = async (sql: string, params: unknown[]) => {
  const { db } = await testApp();
  return (await db.owner.executeSql(sql, params)).rows[0] ?? {};
};

/** Every row count of the tenant's customer data and when anything last changed. */
const snapshot = (tenantId: string) =>
  one(
    `SELECT (SELECT count(*) FROM customers WHERE tenant_id = $1)::int AS customers,
            (SELECT count(*) FROM customer_phones WHERE tenant_id = $1)::int AS phones,
            (SELECT count(*) FROM vehicles WHERE tenant_id = $1)::int AS vehicles,
            (SELECT count(*) FROM vehicle_ownerships WHERE tenant_id = $1)::int AS ownerships,
            (SELECT count(*) FROM mileage_readings WHERE tenant_id = $1)::int AS readings,
            (SELECT count(*) FROM repair_orders WHERE tenant_id = $1)::int AS orders,
            (SELECT count(*) FROM repair_order_lines WHERE tenant_id = $1)::int AS lines,
            (SELECT max(updated_at) FROM customers WHERE tenant_id = $1)::text AS customers_touched,
            (SELECT max(updated_at) FROM vehicles WHERE tenant_id = $1)::text AS vehicles_touched`,
    [tenantId],
  );

/** The stores and staff the sample names, as the dealer's own set-up would have them. */
const dealerLikeTheSample = async (admin: Agent) => {
  const stores = [];
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

const rejectedOnly = <T extends { message: string }>(items: T[]) =>
  items.filter((e) => !e.message.startsWith('【提示】'));

describe('DMS import: the shipped sample files', () => {
  test('customers then repair orders import with exact counts; broken rows are reported by row and column; a re-import changes nothing', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    await dealerLikeTheSample(admin);

    const customers = await importFile(admin, 'customers', customersSample, await sampleFile(customersSample));
    assert.equal(customers.job.status, 'done', JSON.stringify(customers.job));
    assert.deepEqual([customers.job.rowsTotal, customers.job.rowsDone, customers.job.rowsFailed], [200, 200, 6]);
    assert.deepEqual(customers.job.counts, {
      customersCreated: 184,
      customersMerged: 5,
      customersUnchanged: 5,
      phonesAdded: 3,
      vehiclesCreated: 190,
      mileageAdded: 190,
    });
    const errors = await errorsOf(admin, customers.job.id);
    assert.deepEqual(
      rejectedOnly(errors.items).map((e) => [e.rowNo, e.column, e.value]),
      [
        [32, '车架号', 'LSGEZ64K4NB100930'],
        [77, '手机号码', '021-62345678'],
        [112, '客户姓名', null],
        [142, '手机号码', '1391234567'],
        [167, '车架号', 'LFVVW1TC3P2101065'],
        [192, '购车日期', '2023-02-30'],
      ],
    );
    assert.match(errors.items.find((e) => e.rowNo === 32)?.message ?? '', /校验位/);
    assert.deepEqual(
      errors.items
        .filter((e) => e.message.startsWith('【提示】'))
        .map((e) => `${e.column}:${e.value}`)
        .sort(),
      // Issue 12: the catalogue has 极氪 001 now (migration 0032), and a name it lacks is listed once per
      // import (GET /api/imports/:id/unlisted), never as a hint on every row.
      [],
    );
    // Merged, not duplicated: ten customers came twice with a second car, three of them with a spare phone.
    const shape = await one(
      `SELECT (SELECT count(*) FROM (SELECT owner_id FROM vehicles WHERE tenant_id = $1 GROUP BY owner_id HAVING count(*) = 2) x)::int AS two_cars,
              (SELECT count(*) FROM (SELECT customer_id FROM customer_phones WHERE tenant_id = $1 GROUP BY customer_id HAVING count(*) = 2) x)::int AS two_phones,
              (SELECT count(*) FROM customers WHERE tenant_id = $1 AND source = 'import')::int AS imported,
              (SELECT count(*) FROM customers WHERE tenant_id = $1 AND sales_consultant_id IS NOT NULL)::int AS with_consultant`,
      [t.id],
    );
    assert.deepEqual(shape, { two_cars: 10, two_phones: 3, imported: 184, with_consultant: 134 });
    // Dates as DMS exports write them: a real Excel date, 2025年7月8日, an Excel serial number.
    const first = await one(
      `SELECT v.purchase_date::text AS bought, v.insurance_expiry::text AS insured, v.inspection_due::text AS inspection,
              v.plate, v.brand_id, v.model_id, c.birthday::text AS birthday, c.preferences
         FROM vehicles v JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
        WHERE v.tenant_id = $1 AND v.vin = 'LRWKHNY81P2100001'`,
      [t.id],
    );
    assert.deepEqual(first, {
      bought: '2023-12-21',
      insured: '2025-07-08',
      inspection: '2029-12-19',
      plate: '沪CD14808',
      brand_id: 'tesla',
      model_id: null,
      birthday: '1986-03-14',
      preferences: { 原系统客户编号: 'KH100001', 原系统来源: '汽车之家' },
    });

    const orders = await importFile(admin, 'repair_orders', ordersSample, await sampleFile(ordersSample));
    assert.equal(orders.job.status, 'done', JSON.stringify(orders.job));
    assert.deepEqual([orders.job.rowsTotal, orders.job.rowsDone, orders.job.rowsFailed], [600, 600, 4]);
    assert.deepEqual(orders.job.counts, { ordersCreated: 218, linesCreated: 596, mileageAdded: 218 });
    const orderErrors = await errorsOf(admin, orders.job.id);
    assert.deepEqual(
      orderErrors.items.map((e) => [e.rowNo, e.column, e.value, e.message]),
      [
        [597, '车架号', 'LSGEZ64K4NB100930', '车架号校验位（第9位）不符，请核对是否录入有误'],
        [598, '车架号', 'LSVX3A6DXNB999001', '系统中没有该车架号的车辆，请先导入客户车辆档案'],
        [599, '工单号', 'WT202504281903', '同一工单的其他行有错误，整张工单未导入'],
        [600, '金额(元)', '12..5', '金额格式不正确（单位：元，最多两位小数）'],
      ],
    );

    // The late line (last row of the file) joined its order, found by number.
    const late = await one(
      `SELECT count(*)::int AS n FROM repair_order_lines l JOIN repair_orders o ON o.tenant_id = l.tenant_id AND o.id = l.repair_order_id
        WHERE o.tenant_id = $1 AND o.number = 'WT202112051001' AND l.description = '玻璃水 2L'`,
      [t.id],
    );
    assert.equal(late.n, 1);

    // The downloadable report: one sheet row per reported problem, below the header.
    const report = await admin.get(`/api/imports/${customers.job.id}/errors.xlsx`);
    assert.equal(report.statusCode, 200);
    assert.match(String(report.headers['content-disposition']), /filename\*=UTF-8''.*\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    assert.equal(sheet?.rowCount, errors.total + 1);
    assert.deepEqual((sheet?.getRow(2).values as unknown[]).slice(1), [
      32,
      '车架号',
      'LSGEZ64K4NB100930',
      errors.items[0]?.message,
    ]);

    const before = await snapshot(t.id);
    const again = await importFile(admin, 'customers', customersSample, await sampleFile(customersSample));
    assert.deepEqual(again.job.counts, {
      customersUnchanged: 194,
      vehiclesUnchanged: 190,
      mileageUnchanged: 190,
    });
    assert.equal(again.job.rowsFailed, 6);
    const ordersAgain = await importFile(admin, 'repair_orders', ordersSample, await sampleFile(ordersSample));
    assert.deepEqual(ordersAgain.job.counts, { ordersUnchanged: 218 });
    assert.equal(ordersAgain.job.rowsFailed, 4);
    assert.deepEqual(await snapshot(t.id), before);

    const audit = await one(
      `SELECT count(*)::int AS n, min(details->>'kind') AS kind FROM audit_log WHERE tenant_id = $1 AND action = 'customer.imported'`,
      [t.id],
    );
    assert.equal(audit.n, 4);
  });
});
