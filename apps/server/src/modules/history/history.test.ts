import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff } from '../../../test/harness.ts';
import { totalsOf } from './history.service.ts';

describe('repair-order totals', () => {
  test('labour and parts are summed from the lines; parts cost kept apart', () => {
    assert.deepEqual(
      totalsOf([
        { kind: 'labour', amountFen: 12000, costFen: 0 },
        { kind: 'part', amountFen: 38000, costFen: 25000 },
        { kind: 'part', amountFen: 6000, costFen: 4000 },
      ]),
      { labourFen: 12000, partsFen: 44000, totalFen: 56000, partsCostFen: 29000 },
    );
  });
});

describe('customer history and the 360 view', () => {
  test('repair orders, a sale and an interaction appear in the overview; the number is unique; totals are not taken from the client', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const ro = {
      number: 'RO-2025-0001',
      vehicleId: t.vehicleId,
      type: 'maintenance',
      dateIn: '2025-03-01T01:30:00Z',
      dateOut: '2025-03-01T05:00:00Z',
      mileageKm: 5120,
      lines: [
        { kind: 'labour', description: '首保工时', labourHours: 1, amountFen: 0 },
        { kind: 'part', description: '机油滤清器', partNo: 'OF-1', quantity: 1, amountFen: 8500, costFen: 5200 },
      ],
    };
    const created = await admin.send('POST', '/api/repair-orders', ro);
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().totalFen, 8500);
    assert.equal((await admin.send('POST', '/api/repair-orders', ro)).statusCode, 409);
    const backwards = await admin.send('POST', '/api/repair-orders', {
      ...ro,
      number: 'RO-2',
      dateOut: '2025-02-01T00:00:00Z',
    });
    assert.equal(backwards.json().details.issues[0].path, 'dateOut');
    const sale = await admin.send('POST', `/api/customers/${t.customerId}/sales-orders`, {
      vehicleId: t.vehicleId,
      orderDate: '2024-11-20',
      deliveryDate: '2024-12-01',
      priceFen: 15_980_000,
    });
    assert.equal(sale.statusCode, 201, sale.body);
    const talk = await admin.send('POST', `/api/customers/${t.customerId}/interactions`, {
      channel: 'phone',
      summary: '交车三日回访，客户满意',
      promise: '下周寄送交车照片',
    });
    assert.equal(talk.statusCode, 201, talk.body);
    const overview = (await admin.get(`/api/customers/${t.customerId}/overview`)).json();
    assert.equal(overview.customer.id, t.customerId);
    assert.equal(overview.vehicles.length, 1);
    assert.equal(overview.repairOrders[0].number, 'RO-2025-0001');
    assert.equal(overview.repairOrders[0].lines.length, 2);
    assert.equal(overview.salesOrders[0].priceFen, 15_980_000);
    assert.equal(overview.interactions[0].promise, '下周寄送交车照片');
  });
});
