import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { vinCheckDigit } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp, type Agent } from '../../../test/harness.ts';
import { forecastNextService } from '../garage/next-service.ts';
import { csvOf, errorsOf, importFile } from '../imports/test-kit.ts';
import {
  at,
  classify,
  newCar,
  newCustomer,
  newOrder,
  newReading,
  segmentsOf,
  segmentTenant,
} from '../segments/test-kit.ts';
import { kmPerDay, platformKmPerDay } from './mileage.ts';

/**
 * Issue 11 point 2, against the real database: every source passes one check (vehicles/mileage.ts
 * checkReading); staff and API callers are refused with the reason, imports keep the value aside flagged,
 * and flagged values never reach the pace or the forecast (the TypeScript rule and the nightly SQL alike).
 */

let serial = 0;
const vin = () => {
  serial += 1;
  const body = `LMTRU2C30PA${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(3, '0')}`;
  return `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;
};

const rows = async (sql: string, params: unknown[]) => (await (await testApp()).db.owner.executeSql(sql, params)).rows;

const carOf = async (admin: Agent, ownerId: string, purchaseDate = '2025-01-01') => {
  const res = await admin.send('POST', '/api/vehicles', { vin: vin(), ownerId, purchaseDate });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string; vin: string }>();
};

type Seed = { reading?: { readAt: string; km: number }; order?: { dateIn: string; km: number } };
type Attempt = { kind: 'reading'; readAt: string; km: number } | { kind: 'repair_order'; dateIn: string; km: number };

const refusals: { name: string; seed: Seed; attempt: Attempt; status: number; path?: string; message?: string }[] = [
  {
    name: 'a reading below an earlier reading is refused',
    seed: { reading: { readAt: '2026-03-01T10:00:00+08:00', km: 25_000 } },
    attempt: { kind: 'reading', readAt: '2026-05-01T10:00:00+08:00', km: 2_500 },
    status: 400,
    path: 'km',
    message: '里程不能小于之前的读数',
  },
  {
    name: 'a backdated reading above a later one is refused',
    seed: { reading: { readAt: '2026-05-01T10:00:00+08:00', km: 25_000 } },
    attempt: { kind: 'reading', readAt: '2026-03-01T10:00:00+08:00', km: 30_000 },
    status: 400,
    path: 'km',
    message: '里程不能大于之后日期的读数',
  },
  {
    name: "a reading below a repair order's odometer is refused",
    seed: { order: { dateIn: '2026-03-01T10:00:00+08:00', km: 25_000 } },
    attempt: { kind: 'reading', readAt: '2026-05-01T10:00:00+08:00', km: 2_500 },
    status: 400,
    path: 'km',
    message: '里程不能小于之前的读数',
  },
  {
    name: 'a repair order at 2,500 km after 25,000 km is refused (API)',
    seed: { reading: { readAt: '2026-03-01T10:00:00+08:00', km: 25_000 } },
    attempt: { kind: 'repair_order', dateIn: '2026-05-01T10:00:00+08:00', km: 2_500 },
    status: 400,
    path: 'mileageKm',
    message: '里程不能小于之前的读数',
  },
  {
    name: 'a backdated repair order above a later reading is refused (API)',
    seed: { reading: { readAt: '2026-05-01T10:00:00+08:00', km: 25_000 } },
    attempt: { kind: 'repair_order', dateIn: '2026-03-01T10:00:00+08:00', km: 26_000 },
    status: 400,
    path: 'mileageKm',
    message: '里程不能大于之后日期的读数',
  },
  {
    name: 'a reading between two others is accepted',
    seed: { reading: { readAt: '2026-03-01T10:00:00+08:00', km: 25_000 } },
    attempt: { kind: 'reading', readAt: '2026-04-01T10:00:00+08:00', km: 26_000 },
    status: 200,
  },
  {
    name: 'a repair order above every earlier value is accepted',
    seed: { order: { dateIn: '2026-03-01T10:00:00+08:00', km: 25_000 } },
    attempt: { kind: 'repair_order', dateIn: '2026-05-01T10:00:00+08:00', km: 27_000 },
    status: 201,
  },
];

let roSerial = 0;
const repairOrder = (admin: Agent, vehicleId: string, dateIn: string, km: number) => {
  roSerial += 1;
  return admin.send('POST', '/api/repair-orders', {
    number: `RO-TRUST-${process.pid}-${roSerial}`,
    vehicleId,
    type: 'general_repair',
    dateIn,
    mileageKm: km,
    lines: [{ kind: 'labour', description: '检查', amountFen: 6000 }],
  });
};

describe('mileage: one check for staff and API', () => {
  for (const c of refusals)
    test(c.name, async () => {
      const t = await createTestTenant(['group_admin']);
      const admin = await signInStaff(t.slug, 'group.admin');
      const car = await carOf(admin, t.customerId);
      if (c.seed.reading) {
        const r = await admin.send('POST', `/api/vehicles/${car.id}/mileage`, { ...c.seed.reading, source: 'owner' });
        assert.equal(r.statusCode, 200, r.body);
      }
      if (c.seed.order) {
        const r = await repairOrder(admin, car.id, c.seed.order.dateIn, c.seed.order.km);
        assert.equal(r.statusCode, 201, r.body);
      }
      const res =
        c.attempt.kind === 'reading'
          ? await admin.send('POST', `/api/vehicles/${car.id}/mileage`, {
              km: c.attempt.km,
              readAt: c.attempt.readAt,
              source: 'owner',
            })
          : await repairOrder(admin, car.id, c.attempt.dateIn, c.attempt.km);
      assert.equal(res.statusCode, c.status, res.body);
      if (c.path) {
        const issue = res.json<{ details: { issues: { path: string; message: string }[] } }>().details.issues[0];
        assert.equal(issue?.path, c.path);
        assert.equal(issue?.message, c.message);
        // Nothing half-written: the series is the seed alone.
        const [n] = await rows(
          `SELECT (SELECT count(*) FROM mileage_readings WHERE tenant_id = $1 AND vehicle_id = $2)::int
                + (SELECT count(*) FROM repair_orders WHERE tenant_id = $1 AND vehicle_id = $2)::int AS n`,
          [t.id, car.id],
        );
        assert.equal(n?.n, 1);
      }
    });
});

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

describe('mileage: imports keep a contradicting value aside, flagged, out of the forecast', () => {
  test('an imported repair order at 2,500 km after 25,000 km is kept, its odometer flagged; a backdated higher imported reading too', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const owner = await admin.send('POST', '/api/customers', {
      name: '测试车主',
      phones: ['13800138000'],
      source: 'walk_in',
    });
    assert.equal(owner.statusCode, 201, owner.body);
    const car = await carOf(admin, owner.json<{ id: string }>().id, '2025-06-01');
    for (const [readAt, km] of [
      ['2026-01-10T10:00:00+08:00', 10_000],
      ['2026-03-01T10:00:00+08:00', 25_000],
    ] as const)
      assert.equal(
        (await admin.send('POST', `/api/vehicles/${car.id}/mileage`, { readAt, km, source: 'owner' })).statusCode,
        200,
      );

    const orders = Buffer.from(
      csvOf([
        orderHeader,
        ['RO-DMS-TYPO', car.vin, '2026-05-01 10:00', '维修', '2500', '工时', '更换雨刮', '1', '', '60'],
        ['RO-DMS-OK', car.vin, '2026-06-01 10:00', '保养', '33000', '工时', '常规保养', '1', '', '180'],
      ]),
    );
    const run = await importFile(admin, 'repair_orders', 'ro.csv', orders);
    assert.equal(run.job.status, 'done', JSON.stringify(run.job));
    assert.deepEqual(run.job.counts, { ordersCreated: 2, linesCreated: 2, mileageAdded: 1, warnings: 1 });
    const warned = await errorsOf(admin, run.job.id);
    assert.deepEqual(
      warned.items.map((e) => [e.rowNo, e.column, e.value]),
      [[2, '进厂里程', '2500']],
    );
    assert.match(warned.items[0]?.message ?? '', /低于该车之前的读数.*人工核对/);
    const stored = await rows(
      `SELECT number, mileage_km, mileage_flag FROM repair_orders WHERE tenant_id = $1 AND vehicle_id = $2 ORDER BY number`,
      [t.id, car.id],
    );
    assert.deepEqual(stored, [
      { number: 'RO-DMS-OK', mileage_km: 33_000, mileage_flag: null },
      { number: 'RO-DMS-TYPO', mileage_km: 2_500, mileage_flag: 'mileage_backwards' },
    ]);

    // A customer file with an old, higher reading for the same car (backdated): stored flagged, not trusted.
    const customers = Buffer.from(
      csvOf([
        ['客户姓名', '手机号码', '车架号', '里程', '里程日期'],
        ['测试车主', '13800138000', car.vin, '40000', '2026-02-01'],
      ]),
    );
    const cRun = await importFile(admin, 'customers', 'c.csv', customers);
    assert.equal(cRun.job.status, 'done', JSON.stringify(cRun.job));
    assert.equal(cRun.job.counts.warnings, 1, JSON.stringify([cRun.job, (await errorsOf(admin, cRun.job.id)).items]));
    const flaggedReading = await rows(
      `SELECT km, flag FROM mileage_readings WHERE tenant_id = $1 AND vehicle_id = $2 AND flag IS NOT NULL`,
      [t.id, car.id],
    );
    assert.deepEqual(flaggedReading, [{ km: 40_000, flag: 'mileage_above_later' }]);
    // A second run of the same file does not pile up copies of the flagged value.
    await importFile(admin, 'customers', 'c.csv', customers);
    await importFile(admin, 'repair_orders', 'ro.csv', orders);
    const [count] = await rows(
      `SELECT count(*)::int AS n FROM mileage_readings WHERE tenant_id = $1 AND vehicle_id = $2 AND flag IS NOT NULL`,
      [t.id, car.id],
    );
    assert.equal(count?.n, 1);

    // The car shows what waits for a person; the pace and the forecast read the trusted series only.
    const shown = (await admin.get(`/api/vehicles/${car.id}`)).json<{
      mileage: {
        latestKm: number;
        kmPerDay: number;
        flagged: { km: number; reason: string; repairOrderNumber: string | null }[];
      };
    }>();
    assert.deepEqual(
      shown.mileage.flagged.map((f) => [f.km, f.reason, f.repairOrderNumber]),
      [
        [2_500, 'mileage_backwards', 'RO-DMS-TYPO'],
        [40_000, 'mileage_above_later', null],
      ],
    );
    assert.equal(shown.mileage.latestKm, 33_000);
    const trusted = [
      { at: new Date('2026-01-10T02:00:00Z'), km: 10_000 },
      { at: new Date('2026-03-01T02:00:00Z'), km: 25_000 },
      { at: new Date('2026-06-01T02:00:00Z'), km: 33_000 },
    ];
    const pace = kmPerDay(trusted, new Date('2025-06-01T00:00:00Z'), platformKmPerDay);
    assert.equal(shown.mileage.kmPerDay, pace);
    assert.ok(pace !== null && pace > 100, String(pace));
    await classify(t.id, '2026-06-15');
    const seg = (await segmentsOf(t.id)).vehicles.get(car.id);
    assert.equal(seg?.kmPerDay, pace);
    assert.ok((seg?.predictedServiceOn ?? '') >= '2026-06-01', seg?.predictedServiceOn ?? 'none');
  });
});

const day = (s: string) => at(s);

type ForecastCase = {
  name: string;
  purchaseDate: string | null;
  readings: { day: string; km: number }[];
  orders?: { day: string; km: number | null; type?: 'maintenance' | 'general_repair' }[];
  asOf: string;
  pace: number | null;
  overdue: boolean;
  dueOn?: string;
};

const forecasts: ForecastCase[] = [
  {
    name: 'one three-year-old reading and no maintenance since the purchase: overdue, never a date to come in the past',
    purchaseDate: '2022-06-01',
    readings: [{ day: '2023-06-01', km: 10_000 }],
    asOf: '2026-06-15',
    pace: 27.4,
    overdue: true,
  },
  {
    name: 'a three-year-old maintenance, nothing since: overdue, not a forecast to come in 2023',
    purchaseDate: '2022-06-01',
    readings: [],
    orders: [{ day: '2023-06-01', km: 10_000 }],
    asOf: '2026-06-15',
    pace: 27.4, // 10,000 km over the 365 days since the purchase
    overdue: true,
  },
  {
    name: 'a reading 10 days after the purchase says too little: the typical pace',
    purchaseDate: '2026-06-01',
    readings: [{ day: '2026-06-11', km: 900 }],
    asOf: '2026-06-15',
    pace: platformKmPerDay,
    overdue: false,
  },
  {
    name: 'no reading at all on a car of known age: the typical pace from 0 km at purchase',
    purchaseDate: '2026-05-01',
    readings: [],
    asOf: '2026-06-15',
    pace: platformKmPerDay,
    overdue: false,
  },
  {
    name: 'sparse readings over months: the least-squares slope, not the two ends',
    purchaseDate: '2025-01-01',
    readings: [
      { day: '2026-01-01', km: 10_000 },
      { day: '2026-02-01', km: 12_000 },
      { day: '2026-03-01', km: 12_900 },
    ],
    orders: [{ day: '2026-05-01', km: 17_000 }],
    asOf: '2026-06-15',
    pace: 57.4, // the ends alone would say 58.3
    overdue: false,
  },
  {
    name: 'a reading older than two years before the newest leaves the fit',
    purchaseDate: '2020-01-01',
    readings: [
      { day: '2021-01-01', km: 60_000 },
      { day: '2026-01-01', km: 70_000 },
    ],
    orders: [{ day: '2026-05-01', km: 76_000 }],
    asOf: '2026-06-15',
    pace: 50, // the 2021 reading would drag the fit far down
    overdue: false,
  },
];

describe('mileage: the forecast, robust to sparse and stale readings (TypeScript and the nightly SQL agree)', () => {
  for (const c of forecasts)
    test(c.name, async () => {
      const t = await segmentTenant();
      const customerId = await newCustomer(t.id);
      const vehicleId = await newCar(t.id, customerId, { purchaseDate: c.purchaseDate });
      for (const r of c.readings) await newReading(t.id, vehicleId, day(r.day), r.km);
      for (const o of c.orders ?? [])
        await newOrder(t.id, customerId, vehicleId, { at: day(o.day), km: o.km, type: o.type ?? 'maintenance' });
      const { next, overdue } = forecastNextService(
        {
          readings: c.readings.map((r) => ({ at: day(r.day), km: r.km })).reverse(),
          orders: (c.orders ?? []).map((o) => ({ at: day(o.day), km: o.km, type: o.type ?? 'maintenance' })).reverse(),
          typicalKmPerDay: null,
        },
        { purchaseDate: c.purchaseDate },
        { timeZone: 'Asia/Shanghai', today: c.asOf },
      );
      await classify(t.id, c.asOf);
      const seg = (await segmentsOf(t.id)).vehicles.get(vehicleId);
      assert.equal(seg?.kmPerDay, c.pace);
      assert.equal(overdue, c.overdue);
      assert.equal(seg?.predictedServiceOn, next?.dueOn, 'the nightly date is the TypeScript one');
      if (c.overdue) assert.ok((next?.dueOn ?? '') < c.asOf);
      else assert.ok((next?.dueOn ?? '') >= c.asOf, next?.dueOn);
    });

  test('a flagged reading in the database never feeds the nightly pace', async () => {
    const t = await segmentTenant();
    const customerId = await newCustomer(t.id);
    const vehicleId = await newCar(t.id, customerId, { purchaseDate: '2025-01-01' });
    await newReading(t.id, vehicleId, day('2026-01-01'), 10_000);
    await newReading(t.id, vehicleId, day('2026-05-01'), 16_000);
    await classify(t.id, '2026-06-15');
    const before = (await segmentsOf(t.id)).vehicles.get(vehicleId);
    await rows(
      `INSERT INTO mileage_readings (tenant_id, vehicle_id, read_at, km, source, flag)
       VALUES ($1, $2, $3, 2500, 'import', 'mileage_backwards')`,
      [t.id, vehicleId, day('2026-06-01')],
    );
    await newOrder(t.id, customerId, vehicleId, { at: day('2026-06-02'), km: null, type: 'general_repair' });
    await rows(
      `UPDATE repair_orders SET mileage_km = 3000, mileage_flag = 'mileage_backwards' WHERE tenant_id = $1 AND vehicle_id = $2`,
      [t.id, vehicleId],
    );
    await classify(t.id, '2026-06-15');
    const after = (await segmentsOf(t.id)).vehicles.get(vehicleId);
    assert.equal(before?.kmPerDay, 50);
    assert.equal(after?.kmPerDay, before?.kmPerDay);
    assert.equal(after?.estimatedKm, before?.estimatedKm);
  });
});
