import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SegmentCustomerClasses, SegmentCustomerPage, SegmentOverview } from '@m4s/contracts';
import { signInStaff } from '../../../test/harness.ts';
import {
  addDays,
  addMonths,
  at,
  classify,
  newCar,
  newCustomer,
  newOrder,
  segmentsOf,
  segmentTenant,
  type OrderOpts,
} from './test-kit.ts';

// Issue 11 point 4: classes the trade means (docs/segments.md).
const asOf = '2026-06-15';
const monthsAgo = (m: number, plusDays = 0) => addDays(addMonths(asOf, -m), -plusDays);

type Visit = { day: string; fen: number; type?: OrderOpts['type'] };
type Case = {
  name: string;
  visits: Visit[];
  expect: { rfm: string; basis: string; distance: number | null; lapsing?: boolean };
};

/** Visits on the given months ago, the amount split evenly (the first one takes the rest). */
const visitsAt = (months: number[], total: number, type: OrderOpts['type'] = 'general_repair'): Visit[] =>
  months.map((m, i) => ({
    day: monthsAgo(m),
    fen: i === 0 ? total - Math.floor(total / months.length) * (months.length - 1) : Math.floor(total / months.length),
    type,
  }));

// Seed 002's table, one row each, inside the band: the class is the seed's and it says so (distance 0).
const seedRows: Case[] = [
  {
    name: 'A 忠诚客户: ≤3 months, ≥4 visits, ≥¥15,000',
    visits: visitsAt([2, 4, 6, 9, 11], 2_000_000),
    expect: { rfm: 'A', basis: 'band', distance: 0 },
  },
  {
    name: 'B 潜力客户: ≤6 months, 2–3 visits, ¥8,000–15,000',
    visits: visitsAt([5, 8, 11], 1_000_000),
    expect: { rfm: 'B', basis: 'band', distance: 0 },
  },
  {
    name: 'C 新客户: first maintenance ≤1 month, 1 visit, ≤¥5,000',
    visits: [{ day: addDays(asOf, -20), fen: 60_000, type: 'maintenance' }],
    expect: { rfm: 'C', basis: 'band', distance: 0 },
  },
  {
    name: 'D 流失风险客户: ≥6 months, ≤1 visit, ≤¥5,000',
    visits: visitsAt([8], 200_000),
    expect: { rfm: 'D', basis: 'band', distance: 0 },
  },
  {
    name: 'D: no visit in 12 months (the last 14 months ago)',
    visits: visitsAt([14], 300_000),
    expect: { rfm: 'D', basis: 'band', distance: 0 },
  },
];

// Between the bands: the worked examples of docs/segments.md ("Between the bands"), units 2 months, 2 visits,
// ¥5,000.
const gapRows: Case[] = [
  {
    // A 2.4 (¥12,000 short), B 2.0 (2 visits over, ¥5,000 short), D 4.5.
    name: '5 visits and ¥3,000, the last a month ago: B at 2.00',
    visits: visitsAt([1, 3, 5, 7, 9], 300_000),
    expect: { rfm: 'B', basis: 'nearest', distance: 2, lapsing: false },
  },
  {
    // A 0.5 (a month late), B 1.5 (a visit over, ¥5,000 over). High value, last visit 4 months ago against
    // a usual gap of 2 months: lapsing.
    name: '4 visits and ¥20,000, the last 4 months ago: A at 0.50, lapsing',
    visits: visitsAt([4, 6, 8, 10], 2_000_000),
    expect: { rfm: 'A', basis: 'nearest', distance: 0.5, lapsing: true },
  },
  {
    name: 'a first visit that was a repair, 10 days ago: C at 0.00',
    visits: [{ day: addDays(asOf, -10), fen: 80_000, type: 'general_repair' }],
    expect: { rfm: 'C', basis: 'nearest', distance: 0 },
  },
  {
    // Not new (a visit 14 months ago): C is closed. B 1.9 (a visit short, ¥7,000 short), D 2.5 (5 months early).
    name: 'back after 14 months, one ¥1,000 visit a month ago: B at 1.90',
    visits: [...visitsAt([1], 100_000), ...visitsAt([14], 100_000)],
    expect: { rfm: 'B', basis: 'nearest', distance: 1.9 },
  },
  {
    // One visit, ¥800, 3 months ago, not new: B 1.94, D 1.5.
    name: 'one ¥800 visit 3 months ago, not new: D at 1.50',
    visits: [...visitsAt([3], 80_000), ...visitsAt([15], 80_000)],
    expect: { rfm: 'D', basis: 'nearest', distance: 1.5 },
  },
  {
    // A 3.0, B 2.0 (2 months late, ¥5,000 over), D 4.0. ¥20,000 and no visit in 8 months: lapsing.
    name: '3 visits and ¥20,000, the last 8 months ago: B at 2.00, lapsing',
    visits: visitsAt([8, 10, 11], 2_000_000),
    expect: { rfm: 'B', basis: 'nearest', distance: 2, lapsing: true },
  },
  {
    // The demo's usual customer: A 3.52, B 1.12 (¥5,600 short), D 2.5.
    name: '2 visits and ¥2,400, the last 2 months ago: B at 1.12',
    visits: visitsAt([2, 7], 240_000),
    expect: { rfm: 'B', basis: 'nearest', distance: 1.12, lapsing: false },
  },
];

const lapsingRows: Case[] = [
  {
    name: 'A, the last visit a month ago: not lapsing',
    visits: visitsAt([1, 3, 5, 7], 2_000_000),
    expect: { rfm: 'A', basis: 'band', distance: 0, lapsing: false },
  },
  {
    // ¥9,000 over six monthly visits, the last 3 months ago: 3× the usual month. A 1.2 (¥6,000 short), B 1.5.
    name: 'monthly visitor worth ¥9,000, not seen for 3 months: lapsing',
    visits: visitsAt([3, 4, 5, 6, 7, 8], 900_000),
    expect: { rfm: 'A', basis: 'nearest', distance: 1.2, lapsing: true },
  },
  {
    name: 'low value, not seen for 8 months: D, not lapsing',
    visits: visitsAt([8, 11], 200_000),
    expect: { rfm: 'D', basis: 'nearest', distance: 0.5, lapsing: false },
  },
];

const runCases = async (cases: Case[]) => {
  const t = await segmentTenant();
  const ids: { c: Case; customerId: string }[] = [];
  for (const c of cases) {
    const customerId = await newCustomer(t.id);
    const car = await newCar(t.id, customerId, { purchaseDate: '2022-01-01' });
    for (const v of c.visits)
      await newOrder(t.id, customerId, car, { at: at(v.day), totalFen: v.fen, type: v.type ?? 'general_repair' });
    ids.push({ c, customerId });
  }
  await classify(t.id, asOf);
  const { customers } = await segmentsOf(t.id);
  for (const { c, customerId } of ids) {
    const row = customers.get(customerId);
    assert.ok(row, c.name);
    assert.deepEqual(
      { rfm: row.rfm, basis: row.rfmBasis, distance: row.rfmDistance },
      { rfm: c.expect.rfm, basis: c.expect.basis, distance: c.expect.distance },
      c.name,
    );
    if (c.expect.lapsing !== undefined) assert.equal(row.lapsing, c.expect.lapsing, `${c.name}: lapsing`);
  }
  return { t, ids };
};

test("seed 002's rows classify as the seed says", async () => {
  await runCases(seedRows);
});

test('between the bands: the nearest band by the documented distance', async () => {
  await runCases(gapRows);
});

test('lapsing high-value customers', async () => {
  await runCases(lapsingRows);
});

test('only a customer with no history stays unclassified', async () => {
  const t = await segmentTenant();
  const never = await newCustomer(t.id);
  const carless = await newCustomer(t.id, { createdAt: new Date('2026-06-01T00:00:00Z') });
  await newCar(t.id, never, { purchaseDate: monthsAgo(2) });
  await classify(t.id, asOf);
  const { customers } = await segmentsOf(t.id);
  for (const id of [never, carless]) {
    assert.equal(customers.get(id)?.rfm, 'none');
    assert.equal(customers.get(id)?.rfmBasis, 'no_history');
    assert.equal(customers.get(id)?.rfmDistance, null);
  }
});

describe('new owners', () => {
  test("a new car and no visit: new owner through the car's first year (or until the first service is overdue by more than a month, if later)", async () => {
    const t = await segmentTenant();
    const fresh = await newCustomer(t.id);
    const freshCar = await newCar(t.id, fresh, { purchaseDate: monthsAgo(1) });
    // Bought 11 months ago, never came, the first service long overdue: still in the car's first year, so
    // not churned (no year without a visit yet) — the overdue chase is what reaches them.
    const late = await newCustomer(t.id);
    await newCar(t.id, late, { purchaseDate: monthsAgo(11) });
    // Bought 13 months ago and never came: a year without a visit is churned.
    const lapsed = await newCustomer(t.id);
    await newCar(t.id, lapsed, { purchaseDate: monthsAgo(13) });
    // Came for an older car 14 months ago and has just bought another: a new owner again.
    const again = await newCustomer(t.id);
    const oldCar = await newCar(t.id, again, { purchaseDate: '2020-01-01' });
    await newOrder(t.id, again, oldCar, { at: at(monthsAgo(14)), totalFen: 50_000 });
    await newCar(t.id, again, { purchaseDate: monthsAgo(2) });
    // Came two months ago and bought a new car: their visits classify them.
    const regular = await newCustomer(t.id);
    const regularCar = await newCar(t.id, regular, { purchaseDate: '2021-01-01' });
    await newOrder(t.id, regular, regularCar, { at: at(monthsAgo(2)), totalFen: 50_000 });
    await newCar(t.id, regular, { purchaseDate: monthsAgo(1) });
    // No car, never came: churned as before.
    const nobody = await newCustomer(t.id);

    await classify(t.id, asOf);
    const { customers, vehicles } = await segmentsOf(t.id);
    const due = vehicles.get(freshCar)?.predictedServiceOn;
    assert.ok(due && due > asOf, 'the first service of a car bought a month ago is ahead');
    assert.equal(customers.get(fresh)?.frequency, 'new_owner');
    // The later of the car's first anniversary and the first service's due day + a month's grace.
    assert.equal(customers.get(fresh)?.newOwnerUntil, addMonths(monthsAgo(1), 12));
    assert.ok(addMonths(due, 1) < addMonths(monthsAgo(1), 12));
    assert.equal(customers.get(late)?.frequency, 'new_owner');
    assert.equal(customers.get(late)?.newOwnerUntil, addMonths(monthsAgo(11), 12));
    assert.equal(customers.get(lapsed)?.frequency, 'churned');
    assert.equal(customers.get(lapsed)?.newOwnerUntil, null);
    assert.equal(customers.get(again)?.frequency, 'new_owner');
    assert.equal(customers.get(regular)?.frequency, 'swing_to_churn');
    assert.equal(customers.get(nobody)?.frequency, 'churned');

    // The nightly pass of the car's first anniversary keeps them; the next day's moves them to churned (a
    // class move by time alone: stable_until brings them into the 'due' pass).
    const lastDay = addMonths(monthsAgo(1), 12);
    await classify(t.id, lastDay, undefined, 'due');
    assert.equal((await segmentsOf(t.id)).customers.get(fresh)?.frequency, 'new_owner');
    await classify(t.id, addDays(lastDay, 1), undefined, 'due');
    const after = await segmentsOf(t.id);
    assert.equal(after.customers.get(fresh)?.frequency, 'churned');
    assert.ok(
      after.changes.some((c) => c.subjectId === fresh && c.fromValue === 'new_owner' && c.toValue === 'churned'),
    );
    // Nothing left for a full pass to correct.
    assert.equal((await classify(t.id, addDays(lastDay, 1))).written, 0);
  });
});

test('lapsing comes by time alone: the due pass flags on the day the usual gap is passed', async () => {
  const t = await segmentTenant();
  const customerId = await newCustomer(t.id);
  const car = await newCar(t.id, customerId, { purchaseDate: '2022-01-01' });
  // ¥12,000 over visits 3 months apart, the last 2 months ago: usual gap ≈ 91 days, 1.5× ≈ 137 days.
  for (const v of visitsAt([2, 5, 8, 11], 1_200_000))
    await newOrder(t.id, customerId, car, { at: at(v.day), totalFen: v.fen });
  await classify(t.id, asOf);
  let row = (await segmentsOf(t.id)).customers.get(customerId);
  assert.equal(row?.lapsing, false);
  const gap = row?.usualGapDays ?? 0;
  assert.ok(gap > 85 && gap < 95, String(gap));
  const flagDay = addDays(monthsAgo(2), Math.floor(1.5 * gap) + 1);
  await classify(t.id, addDays(flagDay, -1), undefined, 'due');
  assert.equal((await segmentsOf(t.id)).customers.get(customerId)?.lapsing, false);
  await classify(t.id, flagDay, undefined, 'due');
  row = (await segmentsOf(t.id)).customers.get(customerId);
  assert.equal(row?.lapsing, true);
  assert.equal((await classify(t.id, flagDay)).written, 0);
});

describe('segments API: flags, churn measure, why', () => {
  test('seasonal keep their class, leave the churn measure; the customer page says why', async () => {
    const t = await segmentTenant(['group_admin', 'service_advisor']);
    const [admin, advisor] = await Promise.all([
      signInStaff(t.slug, 'group.admin'),
      signInStaff(t.slug, 'service.advisor'),
    ]);
    const away = await newCustomer(t.id, { seasonal: true, name: '候鸟王先生' });
    await newCar(t.id, away, { purchaseDate: '2022-01-01' });
    const gone = await newCustomer(t.id, { name: '流失李女士' });
    await newCar(t.id, gone, { purchaseDate: '2022-01-01' });
    const newOwner = await newCustomer(t.id, { name: '新车主赵先生' });
    await newCar(t.id, newOwner, { purchaseDate: monthsAgo(1) });
    const lapsing = await newCustomer(t.id, { name: '久未到店钱先生' });
    const car = await newCar(t.id, lapsing, { purchaseDate: '2022-01-01' });
    for (const v of visitsAt([4, 6, 8, 10], 2_000_000))
      await newOrder(t.id, lapsing, car, { at: at(v.day), totalFen: v.fen });
    await classify(t.id, asOf);

    const overview = (await admin.get('/api/segments/overview')).json<SegmentOverview>();
    const frequency = overview.dimensions.find((d) => d.dimension === 'frequency')?.classes ?? [];
    // The harness's own customer has no car and no visit: churned with ours.
    assert.equal(frequency.find((c) => c.value === 'churned')?.count, 2);
    assert.equal(frequency.find((c) => c.value === 'new_owner')?.count, 1);
    assert.deepEqual(overview.flags, [
      { flag: 'seasonal', count: 1 },
      { flag: 'lapsing', count: 1 },
    ]);
    // Measured: everyone but the seasonal and the new owner (the harness's, 李, 钱) = 3; churned 2.
    assert.deepEqual(overview.churn, { churned: 2, measured: 3, rate: 0.6667, seasonalExcluded: 1 });

    const churned = (
      await admin.get('/api/segments/customers?dimension=frequency&value=churned')
    ).json<SegmentCustomerPage>();
    assert.ok(!churned.items.some((i) => i.id === away));
    assert.ok(churned.items.some((i) => i.id === gone));
    const seasonal = (
      await admin.get('/api/segments/customers?dimension=flag&value=seasonal')
    ).json<SegmentCustomerPage>();
    assert.deepEqual(
      seasonal.items.map((i) => i.id),
      [away],
    );
    const lapsers = (
      await admin.get('/api/segments/customers?dimension=flag&value=lapsing')
    ).json<SegmentCustomerPage>();
    assert.deepEqual(
      lapsers.items.map((i) => i.id),
      [lapsing],
    );
    const bad = await admin.get('/api/segments/customers?dimension=flag&value=vip');
    assert.equal(bad.statusCode, 400);

    const why = await admin.get(`/api/segments/customers/${lapsing}`);
    assert.equal(why.statusCode, 200, why.body);
    const body = why.json<SegmentCustomerClasses>();
    assert.equal(body.rfm, 'A');
    assert.equal(body.lapsing, true);
    assert.deepEqual(body.rfmWhy, {
      basis: 'nearest',
      recencyDays: 120,
      visits12m: 4,
      spend12mFen: 2_000_000,
      distance: 0.5,
    });
    const owner = (await admin.get(`/api/segments/customers/${newOwner}`)).json<SegmentCustomerClasses>();
    assert.equal(owner.frequency, 'new_owner');
    assert.ok(owner.newOwnerUntil && owner.newOwnerUntil > asOf);
    assert.equal(owner.rfmWhy?.basis, 'no_history');
    const seasonalWhy = (await admin.get(`/api/segments/customers/${away}`)).json<SegmentCustomerClasses>();
    assert.equal(seasonalWhy.frequency, 'churned');
    assert.equal(seasonalWhy.seasonal, true);

    const missing = await admin.get('/api/segments/customers/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.statusCode, 404);
    assert.equal((await advisor.get(`/api/segments/customers/${lapsing}`)).statusCode, 403);
  });
});
