import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CustomerSummary } from '@m4s/contracts';
import type { StaffActor } from '../../platform/context.ts';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';
import type { CustomerRow } from '../customers/customers.service.ts';
import { exportRow } from './customers-export.ts';
import ExcelJS from './excel.ts';
import { appWith } from './test-kit.ts';

const sheetOf = async (payload: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('customer export to Excel', () => {
  test('the search result as .xlsx: the same customers in the same order, full phones for a manager, audited', async () => {
    const t = await createTestTenant(['group_admin', 'cashier', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    for (const [name, phone] of [
      ['导出测试甲', '13912340001'],
      ['导出测试乙二', '13912340002'],
      ['别的客户', '13912340003'],
    ] as const) {
      const res = await admin.send('POST', '/api/customers', {
        name,
        phones: [phone],
        source: 'walk_in',
        gender: 'female',
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    const search = await admin.get(`/api/customers?q=${encodeURIComponent('导出测试')}`);
    const expected = search.json<{ items: CustomerSummary[] }>().items.map((c) => c.name);
    assert.deepEqual(expected, ['导出测试甲', '导出测试乙二']);

    const res = await admin.get(`/api/customers/export.xlsx?q=${encodeURIComponent('导出测试')}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(
      String(res.headers['content-disposition']),
      /filename\*=UTF-8''%E5%AE%A2%E6%88%B7%E5%AF%BC%E5%87%BA-\d{8}\.xlsx/,
    );
    const rows = await sheetOf(res.rawPayload);
    assert.equal(rows[0]?.[0], '客户姓名');
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[2], r[3]]),
      [
        ['导出测试甲', '女', '13912340001'],
        ['导出测试乙二', '女', '13912340002'],
      ],
    );

    const all = await sheetOf((await admin.get('/api/customers/export.xlsx')).rawPayload);
    assert.equal(all.length, 1 + 4, 'everyone: the harness customer and the three above');

    const { db } = await testApp();
    const audit = await db.owner.executeSql(
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'customer.exported' ORDER BY at`,
      [t.id],
    );
    assert.deepEqual(
      audit.rows.map((r) => r.details),
      [
        { format: 'xlsx', query: '导出测试', rows: 2, capped: false },
        { format: 'xlsx', query: '', rows: 4, capped: false },
      ],
    );

    for (const login of ['cashier', 'service.advisor']) {
      const other = await signInStaff(t.slug, login);
      assert.equal((await other.get('/api/customers/export.xlsx?q=x')).statusCode, 403, login);
    }
  });

  test('phones are masked by the same rule as on screen: a cashier sees 139****0001, the customer’s own advisor all', () => {
    const actor = (role: StaffActor['role'], id = 'a1'): StaffActor =>
      ({ kind: 'staff', id, role, storeId: null, sessionId: 's', csrfToken: 'c' }) as StaffActor;
    const row = {
      name: '甲',
      kind: 'person',
      gender: null,
      birthday: null,
      idNumber: '310101199001011234',
      source: 'import',
      tags: [],
      createdAt: new Date('2025-01-02T00:00:00Z'),
      salesConsultantId: null,
      serviceAdvisorId: 'adv-1',
    } as unknown as CustomerRow;
    const phones = ['13912340001', '13912340002'];
    const cashier = exportRow('zh-CN', actor('cashier'), row, phones, [], null);
    assert.deepEqual([cashier[3], cashier[4], cashier[6]], ['139****0001', '139****0002', '310***********1234']);
    const own = exportRow('zh-CN', actor('service_advisor', 'adv-1'), row, phones, [], null);
    assert.deepEqual([own[3], own[4], own[6]], ['13912340001', '13912340002', '310101199001011234']);
    const other = exportRow('zh-CN', actor('service_advisor', 'adv-2'), row, phones, [], null);
    assert.equal(other[3], '139****0001');
  });

  test('past the cap the export says so in a note row above the header', async () => {
    const t = await createTestTenant(['group_admin']);
    const capped = await appWith({ customerExportCap: 1 });
    try {
      const admin = await capped.signIn(t.slug, 'group.admin');
      await admin.send('POST', '/api/customers', { name: '第二位', phones: ['13912340009'], source: 'walk_in' });
      const rows = await sheetOf((await admin.get('/api/customers/export.xlsx')).rawPayload);
      assert.match(String(rows[0]?.[0]), /仅导出前 1 位客户/);
      assert.equal(rows[1]?.[0], '客户姓名');
      assert.equal(rows.length, 3);
    } finally {
      await capped.app.close();
    }
  });
});
