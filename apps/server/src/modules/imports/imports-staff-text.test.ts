// Issue 12, point 2: staff named in a file are matched to staff by name within the store; a name no one
// staff member has (nobody, or several people) is reported once per import and kept as text on the record —
// the customer's consultant and advisor, the repair order's advisor, the sale's consultant (migration 0036).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CustomerOverview, ImportJob } from '@m4s/contracts';
import { createTestTenant, signInStaff, type Agent } from '../../../test/harness.ts';
import { csvOf } from './test-kit.ts';
import { importFrom, newSource, rows, snapshot, staffLikeTheFiles, vin } from './sources.test-kit.ts';

const customersFile = () =>
  csvOf([
    ['客户编号', '客户姓名', '手机号码', '所属门店', '车架号', '销售顾问', '服务顾问'],
    // A consultant the store has; an advisor nobody is (reported once for the import)…
    ['KH001', '张三', '13911110001', 'S1', vin(1), '刘洋', '王经理'],
    // …named again (not reported again, kept as text all the same); a consultant nobody is.
    ['KH002', '李四', '13911110002', 'S1', vin(2), '赵小明', '王经理'],
    // A name two people of the store have: ambiguous, kept as text.
    ['KH003', '王五', '13911110003', 'S1', vin(3), '张伟', '陈静'],
    // The tenant's own customer (no consultant yet): the empty field filled with the text.
    ['KH007', '测试客户', '13000000000', 'S1', '', '赵小明', ''],
  ]);

const ordersFile = () =>
  csvOf([
    ['工单号', '车架号', '门店', '进厂日期', '维修类型', '服务顾问', '工时费', '材料费'],
    // 陈静: two advisors of that name in the group, one in this store — that one.
    ['RO1', vin(1), 'S1', '2024-03-05 09:30', '保养', '陈静', '180', '0'],
    ['RO2', vin(1), 'S1', '2024-04-05 09:30', '保养', '王经理', '100', '0'],
    ['RO3', vin(2), 'S1', '2024-04-06 09:30', '一般维修', '王经理', '200', '50'],
    ['RO4', vin(3), 'S1', '2024-04-07 09:30', '一般维修', '', '300', '0'],
  ]);

const salesFile = () =>
  csvOf([
    ['销售订单号', '车架号', '客户编号', '交车日期', '销售顾问', '成交价', '门店'],
    ['SO1', vin(1), 'KH001', '2023-12-20', '刘洋', '168000', 'S1'],
    ['SO2', vin(2), 'KH002', '2024-01-05', '王经理', '99800', 'S1'],
    ['SO3', vin(3), 'KH003', '2024-01-06', '王经理', '99800', 'S1'],
  ]);

/** Sorted in code-point order (the two engines' collations differ). */
const staffColumns = async (tenantId: string) =>
  (
    await rows(
      `SELECT c.name, c.sales_consultant_id AS consultant, c.sales_consultant_name AS consultant_text,
              c.service_advisor_id AS advisor, c.service_advisor_name AS advisor_text
         FROM customers c WHERE c.tenant_id = $1`,
      [tenantId],
    )
  ).sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1));
const orderColumns = (tenantId: string) =>
  rows(
    `SELECT number, advisor_id AS advisor, advisor_name AS advisor_text FROM repair_orders
      WHERE tenant_id = $1 ORDER BY number`,
    [tenantId],
  );
const saleColumns = (tenantId: string) =>
  rows(
    `SELECT external_ref AS ref, consultant_id AS consultant, consultant_name AS consultant_text FROM sales_orders
      WHERE tenant_id = $1 ORDER BY external_ref`,
    [tenantId],
  );

const named = (errors: { value: string | null; message: string }[], value: string) =>
  errors.filter((e) => e.value === value).length;

const addStaff = async (admin: Agent, login: string, name: string, role: string, storeId: string) => {
  const res = await admin.send('POST', '/api/staff', {
    login,
    name,
    phone: null,
    role,
    storeId,
    password: 'password-123',
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string }>().id;
};

describe('DMS import: staff names no one has are kept as text', () => {
  test('customers, repair orders and sales keep the unmatched name; a match stores the id only; once per name; a re-import changes nothing; undo restores', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const staff = await staffLikeTheFiles(admin, { s1: t.storeId, s2: t.otherStoreId });
    const zhang1 = await addStaff(admin, 'zhangwei1', '张伟', 'sales_consultant', t.storeId);
    const zhang2 = await addStaff(admin, 'zhangwei2', '张伟', 'sales_consultant', t.storeId);
    assert.notEqual(zhang1, zhang2);
    await newSource(admin, '旧DMS');

    // Customers: 王经理 and 赵小明 are nobody, 张伟 is two people — each reported once, each kept as text.
    const customers = await importFrom(admin, '旧DMS', 'customers', '客户.csv', Buffer.from(customersFile()));
    assert.equal(customers.created.mapping.salesConsultant, '销售顾问');
    assert.equal(customers.created.mapping.serviceAdvisor, '服务顾问');
    assert.equal(customers.job.counts.customersCreated, 3);
    assert.equal(customers.job.counts.customersMerged, 1);
    assert.equal(named(customers.errors, '王经理'), 1);
    assert.equal(named(customers.errors, '赵小明'), 1);
    assert.equal(named(customers.errors, '张伟'), 1);
    assert.equal(named(customers.errors, '刘洋'), 0);
    assert.equal(customers.job.counts.warnings, 3);
    const afterCustomers = await staffColumns(t.id);
    assert.deepEqual(afterCustomers, [
      { name: '张三', consultant: staff.liu, consultant_text: null, advisor: null, advisor_text: '王经理' },
      { name: '李四', consultant: null, consultant_text: '赵小明', advisor: null, advisor_text: '王经理' },
      { name: '测试客户', consultant: null, consultant_text: '赵小明', advisor: null, advisor_text: null },
      { name: '王五', consultant: null, consultant_text: '张伟', advisor: staff.chen1, advisor_text: null },
    ]);

    // Repair orders: 陈静 of the order's store by id; 王经理 reported once, kept on both orders.
    const orders = await importFrom(admin, '旧DMS', 'repair_orders', '工单.csv', Buffer.from(ordersFile()));
    assert.equal(orders.job.counts.ordersCreated, 4);
    assert.equal(named(orders.errors, '王经理'), 1);
    assert.equal(named(orders.errors, '陈静'), 0);
    assert.deepEqual(await orderColumns(t.id), [
      { number: 'RO1', advisor: staff.chen1, advisor_text: null },
      { number: 'RO2', advisor: null, advisor_text: '王经理' },
      { number: 'RO3', advisor: null, advisor_text: '王经理' },
      { number: 'RO4', advisor: null, advisor_text: null },
    ]);

    // Sales: 刘洋 by id; 王经理 reported once, kept on both sales.
    const sales = await importFrom(admin, '旧DMS', 'sales', '销售.csv', Buffer.from(salesFile()));
    assert.equal(sales.job.counts.salesCreated, 3);
    assert.equal(named(sales.errors, '王经理'), 1);
    assert.deepEqual(await saleColumns(t.id), [
      { ref: 'SO1', consultant: staff.liu, consultant_text: null },
      { ref: 'SO2', consultant: null, consultant_text: '王经理' },
      { ref: 'SO3', consultant: null, consultant_text: '王经理' },
    ]);

    // The same three files again: nothing changes (the names are still reported, once each).
    const before = await snapshot(t.id);
    const [orderText, saleText] = [await orderColumns(t.id), await saleColumns(t.id)];
    const again = await importFrom(admin, '旧DMS', 'customers', '客户.csv', Buffer.from(customersFile()));
    assert.equal(again.job.counts.customersUnchanged, 4);
    assert.equal(again.job.counts.customersMerged, undefined);
    assert.equal(named(again.errors, '王经理'), 1);
    const ordersAgain = await importFrom(admin, '旧DMS', 'repair_orders', '工单.csv', Buffer.from(ordersFile()));
    assert.equal(ordersAgain.job.counts.ordersUnchanged, 4);
    const salesAgain = await importFrom(admin, '旧DMS', 'sales', '销售.csv', Buffer.from(salesFile()));
    assert.equal(salesAgain.job.counts.salesUnchanged, 3);
    assert.deepEqual(await snapshot(t.id), before);
    assert.deepEqual(await staffColumns(t.id), afterCustomers);
    assert.deepEqual(await orderColumns(t.id), orderText);
    assert.deepEqual(await saleColumns(t.id), saleText);

    // Staff see the kept names where the person is shown (customer, its orders and purchases).
    const [kh002] = await rows(`SELECT id FROM customers WHERE tenant_id = $1 AND name = '李四'`, [t.id]);
    const seen = await admin.get(`/api/customers/${String(kh002?.id)}/overview`);
    assert.equal(seen.statusCode, 200, seen.body);
    const overview = seen.json<CustomerOverview>();
    assert.equal(overview.customer.salesConsultantName, '赵小明');
    assert.equal(overview.customer.serviceAdvisorName, '王经理');
    assert.deepEqual(
      overview.repairOrders.map((o) => [o.number, o.advisorId, o.advisorName]),
      [['RO3', null, '王经理']],
    );
    assert.deepEqual(
      overview.salesOrders.map((s) => [s.consultantId, s.consultantName]),
      [[null, '王经理']],
    );

    // 赵小明 joins the staff: the next file naming them fills the id, and the text gives way; never another
    // name's text (王五's 张伟 stays), never an id staff set.
    const zhao = await addStaff(admin, 'zhao', '赵小明', 'sales_consultant', t.storeId);
    const beforeMatch = await staffColumns(t.id);
    const matched = await importFrom(
      admin,
      '旧DMS',
      'customers',
      '客户2.csv',
      Buffer.from(
        csvOf([
          ['客户编号', '客户姓名', '手机号码', '所属门店', '销售顾问'],
          ['KH002', '李四', '13911110002', 'S1', '赵小明'],
          ['KH003', '王五', '13911110003', 'S1', '赵小明'],
        ]),
      ),
    );
    assert.equal(matched.job.counts.customersMerged, 1);
    assert.equal(matched.job.counts.customersUnchanged, 1);
    assert.equal(matched.errors.length, 0);
    const afterMatch = await staffColumns(t.id);
    assert.deepEqual(
      afterMatch.map((c) => [c.name, c.consultant, c.consultant_text]),
      [
        ['张三', staff.liu, null],
        ['李四', zhao, null],
        ['测试客户', null, '赵小明'],
        ['王五', null, '张伟'],
      ],
    );

    // Undo puts the text back (the journal logs whole rows).
    const undone = await admin.inject({
      method: 'POST',
      url: `/api/imports/${matched.job.id}/undo`,
      headers: { 'x-csrf-token': admin.csrf },
    });
    assert.equal(undone.statusCode, 200, undone.body);
    assert.equal(undone.json<ImportJob>().status, 'undone');
    assert.deepEqual(await staffColumns(t.id), beforeMatch);

    // Staff choosing the person on the customer's page replaces the kept text too.
    const edit = await admin.get(`/api/customers/${String(kh002?.id)}`);
    const current = edit.json<Record<string, unknown>>();
    const put = await admin.send('PUT', `/api/customers/${String(kh002?.id)}`, {
      name: current.name,
      source: current.source,
      phones: ['13911110002'],
      homeStoreId: t.storeId,
      salesConsultantId: zhao,
    });
    assert.equal(put.statusCode, 200, put.body);
    const [li] = (await staffColumns(t.id)).filter((c) => c.name === '李四');
    assert.deepEqual(li, {
      name: '李四',
      consultant: zhao,
      consultant_text: null,
      advisor: null,
      advisor_text: '王经理',
    });
  });
});
