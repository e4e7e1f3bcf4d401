import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateNextService } from '../garage/next-service.ts';
import { kmPerDay } from '../vehicles/mileage.ts';
import {
  addDays,
  addMonths,
  at,
  classify,
  newCar,
  newCustomer,
  newOrder,
  newReading,
  segmentsOf,
  segmentTenant,
  setTimezone,
  type CarOpts,
} from './test-kit.ts';

const asOf = '2026-06-15';

type CarCase = {
  name: string;
  car: CarOpts;
  readings?: { day: string; km: number }[];
  stage: 'new_car' | 'warranty' | 'out_of_warranty' | 'trade_in';
};

// ch1-2 §2.1 / §4.1: new car 0–3 months; warranty to 2 years / 40,000 km (the car's effective terms);
// trade-in over 5 years or over 150,000 km. "Exactly" is inside, one day or one km more is outside.
const carCases: CarCase[] = [
  { name: 'delivered exactly 3 months ago', car: { purchaseDate: addMonths(asOf, -3) }, stage: 'new_car' },
  {
    name: 'delivered 3 months + 1 day ago',
    car: { purchaseDate: addDays(addMonths(asOf, -3), -1) },
    stage: 'warranty',
  },
  { name: 'bought today', car: { purchaseDate: asOf }, stage: 'new_car' },
  { name: 'warranty: exactly 2 years', car: { purchaseDate: addMonths(asOf, -24) }, stage: 'warranty' },
  {
    name: 'warranty: 2 years + 1 day',
    car: { purchaseDate: addDays(addMonths(asOf, -24), -1) },
    stage: 'out_of_warranty',
  },
  {
    name: 'warranty: at 40,000 km',
    car: { purchaseDate: addMonths(asOf, -12) },
    readings: [{ day: asOf, km: 40_000 }],
    stage: 'warranty',
  },
  {
    name: 'warranty: at 40,001 km',
    car: { purchaseDate: addMonths(asOf, -12) },
    readings: [{ day: asOf, km: 40_001 }],
    stage: 'out_of_warranty',
  },
  {
    name: "the car's own terms (3 years / 100,000 km) override the default",
    car: { purchaseDate: addMonths(asOf, -30), warrantyYears: 3, warrantyKm: 100_000 },
    readings: [{ day: asOf, km: 60_000 }],
    stage: 'warranty',
  },
  { name: 'trade-in: exactly 5 years', car: { purchaseDate: addMonths(asOf, -60) }, stage: 'out_of_warranty' },
  { name: 'trade-in: 5 years + 1 day', car: { purchaseDate: addDays(addMonths(asOf, -60), -1) }, stage: 'trade_in' },
  {
    name: 'trade-in: at 150,000 km',
    car: { purchaseDate: addMonths(asOf, -36) },
    readings: [{ day: asOf, km: 150_000 }],
    stage: 'out_of_warranty',
  },
  {
    name: 'trade-in: at 150,001 km',
    car: { purchaseDate: addMonths(asOf, -36) },
    readings: [{ day: asOf, km: 150_001 }],
    stage: 'trade_in',
  },
  {
    name: 'trade-in by the estimate: 149,000 km 20 days ago at 100 km/day',
    car: { purchaseDate: addMonths(asOf, -36) },
    readings: [
      { day: addDays(asOf, -120), km: 139_000 },
      { day: addDays(asOf, -20), km: 149_000 },
    ],
    stage: 'trade_in',
  },
  { name: 'no purchase date known', car: { purchaseDate: null }, stage: 'out_of_warranty' },
];

test('lifecycle stage at each boundary', async () => {
  const t = await segmentTenant();
  const ids: { c: CarCase; vehicleId: string }[] = [];
  for (const c of carCases) {
    const customerId = await newCustomer(t.id);
    const vehicleId = await newCar(t.id, customerId, c.car);
    for (const r of c.readings ?? []) await newReading(t.id, vehicleId, at(r.day), r.km);
    ids.push({ c, vehicleId });
  }
  await classify(t.id, asOf);
  const { vehicles } = await segmentsOf(t.id);
  for (const { c, vehicleId } of ids) assert.equal(vehicles.get(vehicleId)?.stage, c.stage, c.name);
});

test('km per day, estimated km and the predicted service agree with the 保养提示贴 rule', async () => {
  const t = await segmentTenant();
  const customerId = await newCustomer(t.id);
  // Distance first: 100 km/day from 1 Feb (1,000 km) to the maintenance on 2 May (10,000 km).
  const byKm = await newCar(t.id, customerId, { purchaseDate: '2026-01-01' });
  await newReading(t.id, byKm, at('2026-02-01'), 1_000);
  await newOrder(t.id, customerId, byKm, { at: at('2026-05-02'), km: 10_000, totalFen: 50_000 });
  // Time first: 300 km in the first month, then nothing.
  const byTime = await newCar(t.id, customerId, { purchaseDate: '2026-01-01' });
  await newReading(t.id, byTime, at('2026-02-01'), 300);
  // Fewer than 7 days of readings and no purchase date: no pace, no distance forecast.
  const unknown = await newCar(t.id, customerId, { purchaseDate: null });
  await newReading(t.id, unknown, at('2026-06-10'), 5_000);
  await classify(t.id, asOf);
  const { vehicles } = await segmentsOf(t.id);

  const a = vehicles.get(byKm);
  assert.equal(a?.kmPerDay, 100);
  assert.equal(a?.estimatedKm, 10_000 + 100 * 44);
  assert.equal(a?.predictedServiceOn, '2026-06-21');
  assert.equal(a?.predictedServiceKm, 15_000);
  const points = [
    { at: at('2026-05-02'), km: 10_000 },
    { at: at('2026-02-01'), km: 1_000 },
  ];
  const pace = kmPerDay(points, new Date('2026-01-01T00:00:00Z'));
  const next = estimateNextService({
    lastMaintenance: { at: at('2026-05-02'), km: 10_000 },
    purchaseDate: '2026-01-01',
    latest: points[0] ?? null,
    kmPerDay: pace,
  });
  assert.equal(a?.predictedServiceOn, next?.dueOn);

  const b = vehicles.get(byTime);
  const pace2 = kmPerDay([{ at: at('2026-02-01'), km: 300 }], new Date('2026-01-01T00:00:00Z'));
  assert.equal(b?.kmPerDay, pace2);
  assert.equal(b?.predictedServiceOn, '2026-04-01');
  assert.equal(b?.predictedServiceKm, 5_000);

  const c = vehicles.get(unknown);
  assert.equal(c?.kmPerDay, null);
  assert.equal(c?.estimatedKm, 5_000);
  assert.equal(c?.predictedServiceOn, null);
});

type FreqCase = { name: string; days: string[]; seasonal?: boolean; frequency: string };
const yearAgo = addMonths(asOf, -12);

// ch3-4 §3.2: workshop visits in the 12 months before the day (a visit exactly 12 months ago counts).
const freqCases: FreqCase[] = [
  { name: '3 visits', days: ['2026-06-01', '2026-03-01', '2025-12-01'], frequency: 'active' },
  { name: '2 visits', days: ['2026-06-01', '2026-03-01'], frequency: 'swing' },
  { name: '1 visit', days: ['2026-03-01'], frequency: 'swing_to_churn' },
  { name: '0 visits', days: [], frequency: 'churned' },
  { name: 'a visit exactly 12 months ago', days: [yearAgo], frequency: 'swing_to_churn' },
  { name: 'a visit 12 months + 1 day ago', days: [addDays(yearAgo, -1)], frequency: 'churned' },
  { name: 'a visit after the day does not count', days: [addDays(asOf, 1)], frequency: 'churned' },
  // Issue 11: seasonal/relocated is a flag beside the visit class (kept out of the churn measure), not a class.
  { name: 'seasonal, no visit: churned, flagged', days: [], seasonal: true, frequency: 'churned' },
  {
    name: 'seasonal with visits keeps the visit class',
    days: ['2026-06-01', '2026-03-01', '2025-12-01'],
    seasonal: true,
    frequency: 'active',
  },
];

test('visit frequency class at each boundary', async () => {
  const t = await segmentTenant();
  const ids: { c: FreqCase; customerId: string }[] = [];
  for (const c of freqCases) {
    const customerId = await newCustomer(t.id, { seasonal: c.seasonal ?? false });
    const car = await newCar(t.id, customerId, { purchaseDate: '2023-01-01' });
    for (const day of c.days) await newOrder(t.id, customerId, car, { at: at(day), totalFen: 10_000 });
    ids.push({ c, customerId });
  }
  await classify(t.id, asOf);
  const { customers } = await segmentsOf(t.id);
  for (const { c, customerId } of ids) {
    const row = customers.get(customerId);
    assert.equal(row?.frequency, c.frequency, c.name);
    assert.equal(row?.computedOn, asOf);
    assert.equal(row?.seasonal, c.seasonal ?? false, c.name);
  }
});

test("the day is the tenant's: a repair at 23:30 Shanghai on the day before the window is outside it", async () => {
  const t = await segmentTenant();
  const late = await newCustomer(t.id);
  const lateCar = await newCar(t.id, late, { purchaseDate: '2023-01-01' });
  // 23:30 on 14 June 2025 in Shanghai is 15:30 UTC the same day: 12 months + 1 day before 15 June 2026.
  await newOrder(t.id, late, lateCar, { at: at(addDays(yearAgo, -1), '23:30') });
  const early = await newCustomer(t.id);
  const earlyCar = await newCar(t.id, early, { purchaseDate: '2023-01-01' });
  // 00:30 on 15 June 2025 in Shanghai is still 14 June in UTC, yet exactly 12 months before: inside.
  await newOrder(t.id, early, earlyCar, { at: at(yearAgo, '00:30') });
  await classify(t.id, asOf);
  let { customers } = await segmentsOf(t.id);
  assert.equal(customers.get(late)?.frequency, 'churned');
  assert.equal(customers.get(early)?.frequency, 'swing_to_churn');
  assert.equal(customers.get(early)?.lastVisitOn, yearAgo);

  // The same instants in a tenant on UTC: the 00:30 visit falls on 14 June, outside.
  await setTimezone(t.id, 'UTC');
  await classify(t.id, asOf);
  ({ customers } = await segmentsOf(t.id));
  assert.equal(customers.get(early)?.frequency, 'churned');
});
