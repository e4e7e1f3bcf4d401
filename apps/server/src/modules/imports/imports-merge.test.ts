import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { vinCheckDigit } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';
import { csvOf, errorsOf, importFile } from './test-kit.ts';

/** A valid VIN (its check digit computed) from a serial number. */
const vin = (serial: number) => {
  const body = `LSVAB2C30PA${String(serial).padStart(6, '0')}`;
  return `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;
};

const rows = async (sql: string, params: unknown[]) => (await (await testApp()).db.owner.executeSql(sql, params)).rows;

const customerHeader = ['客户姓名', '手机号码', '备用电话', '职业', '出生日期', '车架号', '车牌号', '颜色'];
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

describe('DMS import: merging into what the dealer already has', () => {
  test('a customer is found by any phone and a car by its VIN: fields fill, nothing is overwritten or duplicated, no repair order is lost', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const [v1, v2, v3] = [vin(1), vin(2), vin(3)];

    // What staff entered by hand: 张三 (a doctor) with a car and a repair order; 李四 with a car.
    const zhang = await admin.send('POST', '/api/customers', {
      name: '张三',
      phones: ['13911112222'],
      source: 'walk_in',
      occupation: '医生',
    });
    assert.equal(zhang.statusCode, 201, zhang.body);
    const zhangId = zhang.json<{ id: string }>().id;
    const car1 = await admin.send('POST', '/api/vehicles', { vin: v1, plate: '沪A12345', ownerId: zhangId });
    assert.equal(car1.statusCode, 201, car1.body);
    const car1Id = car1.json<{ id: string }>().id;
    const ro = await admin.send('POST', '/api/repair-orders', {
      number: 'RO-HAND-1',
      vehicleId: car1Id,
      type: 'maintenance',
      dateIn: '2024-05-01T09:00:00+08:00',
      lines: [{ kind: 'labour', description: '常规保养', amountFen: 18000 }],
    });
    assert.equal(ro.statusCode, 201, ro.body);
    const li = await admin.send('POST', '/api/customers', { name: '李四', phones: ['13933334444'], source: 'walk_in' });
    const liId = li.json<{ id: string }>().id;
    assert.equal((await admin.send('POST', '/api/vehicles', { vin: v3, ownerId: liId })).statusCode, 201);

    const file = csvOf([
      customerHeader,
      // 张三 by his phone: gains a car, a spare phone and a birthday; his name and occupation stay.
      ['张三丰', '13911112222', '13955556666', '教师', '1980-05-06', v2, '沪B22222', '白色'],
      // His first car by its VIN: the empty colour fills, the plate typed by staff stays.
      ['张三', '13911112222', '', '', '', v1, '沪C33333', '红色'],
      // 李四's car under a new person: never moved silently.
      ['王五', '13977778888', '', '', '', v3, '', ''],
      // Two phones of two different customers: which one? Reported, not guessed.
      ['赵六', '13933334444', '13911112222', '', '', '', '', ''],
    ]);
    const run = await importFile(admin, 'customers', 'merge.csv', Buffer.from(file));
    assert.equal(run.job.status, 'done');
    assert.equal(run.job.rowsFailed, 2);
    assert.deepEqual(run.job.counts, {
      customersMerged: 1,
      customersUnchanged: 1,
      phonesAdded: 1,
      vehiclesCreated: 1,
      vehiclesMerged: 1,
    });
    const errors = await errorsOf(admin, run.job.id);
    assert.deepEqual(
      errors.items.map((e) => [e.rowNo, e.column]),
      [
        [4, '车架号'],
        [5, '手机号码'],
      ],
    );
    assert.match(errors.items[0]?.message ?? '', /其他客户名下/);

    const [person] = await rows(
      `SELECT name, occupation, birthday::text AS birthday, source,
              (SELECT array_agg(phone ORDER BY is_primary DESC, phone) FROM customer_phones p WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id) AS phones,
              (SELECT array_agg(vin ORDER BY vin) FROM vehicles v WHERE v.tenant_id = c.tenant_id AND v.owner_id = c.id) AS vins,
              (SELECT count(*)::int FROM repair_orders r WHERE r.tenant_id = c.tenant_id AND r.customer_id = c.id) AS orders
         FROM customers c WHERE c.tenant_id = $1 AND c.id = $2`,
      [t.id, zhangId],
    );
    assert.deepEqual(person, {
      name: '张三',
      occupation: '医生',
      birthday: '1980-05-06',
      source: 'walk_in',
      phones: ['13911112222', '13955556666'],
      vins: [v1, v2].sort(),
      orders: 1,
    });
    const [first] = await rows(`SELECT plate, colour FROM vehicles WHERE tenant_id = $1 AND vin = $2`, [t.id, v1]);
    assert.deepEqual(first, { plate: '沪A12345', colour: '红色' });
    const [li3] = await rows(`SELECT owner_id FROM vehicles WHERE tenant_id = $1 AND vin = $2`, [t.id, v3]);
    assert.equal(li3?.owner_id, liId);
    const [people] = await rows(`SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1`, [t.id]);
    assert.equal(people?.n, 3, 'the harness customer, 张三 and 李四: nobody new');

    // Repair orders: keyed by number. Same content again changes nothing; different content is refused.
    const orders = (amount: string) =>
      Buffer.from(
        csvOf([
          orderHeader,
          ['RO-DMS-7', v2, '2025-03-01 10:00', '保养', '8000', '工时', '常规保养', '1', '', '180'],
          ['RO-DMS-7', v2, '2025-03-01 10:00', '保养', '8000', '配件', '机油', '', '1', amount],
          ['RO-HAND-1', v1, '2024-05-01 09:00', '保养', '', '工时', '常规保养', '', '', '200'],
        ]),
      );
    const ordersRun = await importFile(admin, 'repair_orders', 'ro.csv', orders('398'));
    assert.deepEqual(ordersRun.job.counts, { ordersCreated: 1, linesCreated: 2, mileageAdded: 1 });
    assert.equal(ordersRun.job.rowsFailed, 1, 'the hand-made order differs (200 yuan, not 180): refused');
    const refused = await errorsOf(admin, ordersRun.job.id);
    assert.deepEqual(
      refused.items.map((e) => [e.rowNo, e.column, e.value]),
      [[4, '工单号', 'RO-HAND-1']],
    );
    const again = await importFile(admin, 'repair_orders', 'ro.csv', orders('398'));
    assert.deepEqual(again.job.counts, { ordersUnchanged: 1 });
    const changed = await importFile(admin, 'repair_orders', 'ro.csv', orders('420'));
    assert.deepEqual(changed.job.counts, {});
    assert.equal(changed.job.rowsFailed, 3);
    const [kept] = await rows(
      `SELECT o.total_fen::int AS total, o.customer_id, (SELECT count(*)::int FROM repair_order_lines l WHERE l.tenant_id = o.tenant_id AND l.repair_order_id = o.id) AS lines
         FROM repair_orders o WHERE o.tenant_id = $1 AND o.number = 'RO-DMS-7'`,
      [t.id],
    );
    assert.deepEqual(kept, { total: 57800, customer_id: zhangId, lines: 2 });
    const [hand] = await rows(
      `SELECT total_fen::int AS total FROM repair_orders WHERE tenant_id = $1 AND number = 'RO-HAND-1'`,
      [t.id],
    );
    assert.equal(hand?.total, 18000);

    // The same customer file again: nothing changes at all.
    const before = await rows(`SELECT id, updated_at::text FROM customers WHERE tenant_id = $1 ORDER BY id`, [t.id]);
    const rerun = await importFile(admin, 'customers', 'merge.csv', Buffer.from(file));
    assert.deepEqual(rerun.job.counts, { customersUnchanged: 2, vehiclesUnchanged: 2 });
    assert.deepEqual(
      await rows(`SELECT id, updated_at::text FROM customers WHERE tenant_id = $1 ORDER BY id`, [t.id]),
      before,
    );
  });
});
