import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/harness.ts';
import { sqlIn } from '../contact/test-kit.ts';
import { at, classify, newCar, newCustomer, newOrder, segmentTenant, segmentsOf } from './test-kit.ts';

// Issue 11 point 1: the forecast follows the work done, with the car's own intervals.
const asOf = '2026-06-15';

const lines = async (tenantId: string, vehicleId: string, descriptions: (string | [string, string])[]) => {
  const [order] = await sqlIn(
    tenantId,
    `SELECT id FROM repair_orders WHERE tenant_id = $1 AND vehicle_id = $2 ORDER BY date_in DESC LIMIT 1`,
    [tenantId, vehicleId],
  );
  for (const [i, d] of descriptions.entries())
    await sqlIn(
      tenantId,
      `INSERT INTO repair_order_lines (tenant_id, repair_order_id, position, kind, description, amount_fen, work)
       VALUES ($1, $2, $3, 'labour', $4, 6000, $5)`,
      [tenantId, order?.id, i, typeof d === 'string' ? d : d[0], typeof d === 'string' ? null : d[1]],
    );
};

test('one classifier of line work: keywords on the description, an explicit kind wins', async () => {
  const t = await segmentTenant();
  const cases: [string, string][] = [
    ['常规保养工时', 'maintenance'],
    ['更换机油机滤', 'maintenance'],
    ['首保', 'maintenance'],
    ['更换雨刮片', 'repair'],
    ['钣金喷漆工时', 'repair'],
    ['四轮定位检测', 'inspection'],
    ['加装行车记录仪', 'accessory'],
    ['洗车', 'other'],
  ];
  for (const [description, kind] of cases) {
    const [row] = await sqlIn(t.id, 'SELECT app_work_kind($1) AS k', [description]);
    assert.equal(row?.k, kind, description);
  }
});

test('the work-kind triggers fire in every session, a bulk load with session_replication_role = replica too', async () => {
  const { db } = await testApp();
  const { rows } = await db.owner.executeSql(
    `SELECT tgname, tgenabled FROM pg_trigger WHERE tgname IN ('repair_order_lines_work', 'estimate_lines_work') ORDER BY tgname`,
    [],
  );
  // 'A': ENABLE ALWAYS (an ordinary trigger, 'O', is skipped in a replica session and the NOT NULL refuses the row).
  assert.deepEqual(
    rows.map((r) => [r.tgname, r.tgenabled]),
    [
      ['estimate_lines_work', 'A'],
      ['repair_order_lines_work', 'A'],
    ],
  );
});

test('a ¥60 wiper job on a 常规保养 order does not move the next service; maintenance work does', async () => {
  const t = await segmentTenant();
  const c = await newCustomer(t.id);
  const car = await newCar(t.id, c, { purchaseDate: '2025-06-01' });
  await newOrder(t.id, c, car, { at: at('2025-12-01'), km: 8_000 });
  await lines(t.id, car, ['更换机油', '机油滤清器']);
  await newOrder(t.id, c, car, { at: at('2026-03-01'), km: 11_000, type: 'maintenance' });
  await lines(t.id, car, ['更换雨刮片']);
  // An explicit kind wins over the words: a line named 保养 given as other does not count either.
  const other = await newCar(t.id, c, { purchaseDate: '2025-06-01' });
  await newOrder(t.id, c, other, { at: at('2026-03-01'), km: 11_000, type: 'maintenance' });
  await lines(t.id, other, [['保养套餐赠送洗车', 'other']]);
  await classify(t.id, asOf);
  const { vehicles } = await segmentsOf(t.id);
  const v = vehicles.get(car);
  // From the oil change on 1 Dec (6 months / 5,000 km), not from the wiper on 1 Mar.
  assert.equal(v?.serviceBasisOn, '2025-12-01');
  assert.equal(v?.firstService, false);
  assert.equal(v?.predictedServiceKm, 13_000);
  assert.ok((v?.predictedServiceOn ?? '') <= '2026-06-01');
  const o = vehicles.get(other);
  assert.equal(o?.firstService, true);
  assert.equal(o?.serviceBasisOn, '2025-06-01');
});

test('first service at 3 months or 5,000 km, whichever first; a brand and a series with their own', async () => {
  const t = await segmentTenant();
  const c = await newCustomer(t.id);
  const slow = await newCar(t.id, c, { purchaseDate: '2026-04-01' });
  const fast = await newCar(t.id, c, { purchaseDate: '2026-04-01' });
  await sqlIn(
    t.id,
    `INSERT INTO mileage_readings (tenant_id, vehicle_id, read_at, km, source) VALUES ($1, $2, $3, 4000, 'owner')`,
    [t.id, fast, at('2026-05-11')],
  );
  const bmw = await newCar(t.id, c, { purchaseDate: '2025-01-10', brandId: 'bmw' });
  await newOrder(t.id, c, bmw, { at: at('2025-04-10'), km: 5_000 });
  const tiguan = await newCar(t.id, c, { purchaseDate: '2026-04-01', brandId: 'volkswagen' });
  await sqlIn(t.id, `UPDATE vehicles SET series_id = 'volkswagen-tiguan-l' WHERE tenant_id = $1 AND id = $2`, [
    t.id,
    tiguan,
  ]);
  await sqlIn(
    t.id,
    `INSERT INTO service_intervals (tenant_id, brand_id, series_id, first_months, first_km, later_months, later_km)
     VALUES ($1, 'bmw', NULL, 3, 5000, 12, 10000), ($1, 'volkswagen', NULL, 3, 5000, 6, 5000),
            ($1, 'volkswagen', 'volkswagen-tiguan-l', 2, 3000, 6, 7500)`,
    [t.id],
  );
  await classify(t.id, asOf);
  const { vehicles } = await segmentsOf(t.id);
  assert.equal(vehicles.get(slow)?.predictedServiceOn, '2026-07-01'); // 3 months
  assert.equal(vehicles.get(slow)?.firstService, true);
  assert.equal(vehicles.get(slow)?.predictedServiceKm, 5_000);
  // 4,000 km in 40 days: 100 km a day reaches 5,000 km on 21 May, before 3 months.
  assert.equal(vehicles.get(fast)?.predictedServiceOn, '2026-05-21');
  // BMW: 12 months / 10,000 km after the first service; at 55.6 km a day the 10,000 km come first (180
  // days), where the platform's 5,000 km would have fallen on 9 July.
  assert.equal(vehicles.get(bmw)?.predictedServiceOn, '2025-10-07');
  assert.equal(vehicles.get(bmw)?.predictedServiceKm, 15_000);
  // 途观L: its series' own first interval (2 months) over the brand's.
  assert.equal(vehicles.get(tiguan)?.predictedServiceOn, '2026-06-01');
  assert.equal(vehicles.get(tiguan)?.predictedServiceKm, 3_000);
});
