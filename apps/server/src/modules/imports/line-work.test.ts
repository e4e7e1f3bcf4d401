import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vinCheckDigit } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';
import { csvOf, importFile } from './test-kit.ts';

// Issue 11 point 1: lines from a DMS file get their work kind — the file's 作业类型 when given, else the one
// classifier of the description (app_work_kind).
test('imported lines: an explicit 作业类型 wins, an empty one is read from the line name', async () => {
  const t = await createTestTenant(['group_admin']);
  const admin = await signInStaff(t.slug, 'group.admin');
  const body = `LMWRK2C30PA${String(process.pid % 1000).padStart(3, '0')}001`;
  const vin = `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;
  const car = await admin.send('POST', '/api/vehicles', { vin, ownerId: t.customerId, purchaseDate: '2025-06-01' });
  assert.equal(car.statusCode, 201, car.body);
  const file = Buffer.from(
    csvOf([
      ['工单号', '车架号', '进厂日期', '维修类型', '进厂里程', '项目类别', '项目名称', '作业类型', '数量', '金额'],
      ['RO-W-1', vin, '2026-05-01 10:00', '保养', '8000', '工时', '常规保养', '', '1', '180'],
      ['RO-W-1', vin, '2026-05-01 10:00', '保养', '8000', '配件', '雨刮片', '', '1', '60'],
      ['RO-W-1', vin, '2026-05-01 10:00', '保养', '8000', '工时', '保养套餐赠送洗车', '其他', '1', '0'],
    ]),
  );
  const run = await importFile(admin, 'repair_orders', 'ro.csv', file);
  assert.equal(run.job.status, 'done', JSON.stringify(run.job));
  const { db } = await testApp();
  const { rows } = await db.owner.executeSql(
    `SELECT l.description, l.work FROM repair_order_lines l JOIN repair_orders r ON r.tenant_id = l.tenant_id AND r.id = l.repair_order_id
      WHERE r.tenant_id = $1 AND r.number = 'RO-W-1' ORDER BY l.position`,
    [t.id],
  );
  assert.deepEqual(
    rows.map((r) => [r.description, r.work]),
    [
      ['常规保养', 'maintenance'],
      ['雨刮片', 'repair'],
      ['保养套餐赠送洗车', 'other'],
    ],
  );
});
