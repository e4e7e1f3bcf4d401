import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/harness.ts';
import { dwyerFactor, defaultSegmentRules } from './rules.ts';
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
  setRules,
  type OrderOpts,
} from './test-kit.ts';

const asOf = '2026-06-15';
const monthsAgo = (m: number, plusDays = 0) => addDays(addMonths(asOf, -m), -plusDays);

type Visit = { day: string; fen: number; type?: OrderOpts['type']; partsCostFen?: number };
type Case = {
  name: string;
  visits: Visit[];
  /** The car's purchase date (recency of a customer who never came). */
  bought?: string;
  expect: Partial<{ rfm: string; loyalty: string; value: string; frequency: string }>;
};

/** n visits spread over the months before `last` (the last one on `last`), together `total` fen. */
const spread = (n: number, last: string, total: number, type: OrderOpts['type'] = 'general_repair'): Visit[] =>
  Array.from({ length: n }, (_, i) => ({
    day: i === 0 ? last : monthsAgo(6 + i),
    fen: i === 0 ? total - Math.floor(total / n) * (n - 1) : Math.floor(total / n),
    type,
  }));

// Seed 002's table: A ≤3 months, ≥4 visits, ≥¥15,000; B ≤6 months, 2–3 visits, ¥8,000–15,000;
// C first maintenance ≤1 month, 1 visit, ≤¥5,000; D ≥6 months, ≤1 visit, ≤¥5,000; between the bands the
// nearest (issue 11: `none` only without history; the distances are worked in trade-classes.test.ts).
const rfmCases: Case[] = [
  { name: 'A at its edges', visits: spread(4, monthsAgo(3), 1_500_000), expect: { rfm: 'A' } },
  {
    name: 'A but last visit 3 months + 1 day ago',
    visits: spread(4, monthsAgo(3, 1), 1_500_000),
    expect: { rfm: 'A' },
  },
  { name: 'A but ¥14,999.99', visits: spread(4, monthsAgo(3), 1_499_999), expect: { rfm: 'A' } },
  { name: 'B at the low edges', visits: spread(2, monthsAgo(6), 800_000), expect: { rfm: 'B' } },
  { name: 'B at the high edges', visits: spread(3, monthsAgo(6), 1_500_000), expect: { rfm: 'B' } },
  { name: 'B but ¥7,999.99', visits: spread(2, monthsAgo(6), 799_999), expect: { rfm: 'B' } },
  { name: 'B but 6 months + 1 day', visits: spread(2, monthsAgo(6, 1), 800_000), expect: { rfm: 'B' } },
  {
    name: 'C: first maintenance exactly a month ago',
    visits: [{ day: monthsAgo(1), fen: 500_000, type: 'maintenance' }],
    expect: { rfm: 'C' },
  },
  {
    name: 'C but a month + 1 day ago',
    visits: [{ day: monthsAgo(1, 1), fen: 100_000, type: 'maintenance' }],
    expect: { rfm: 'C' },
  },
  {
    name: 'C but ¥5,000.01',
    visits: [{ day: monthsAgo(1), fen: 500_001, type: 'maintenance' }],
    expect: { rfm: 'C' },
  },
  {
    name: 'C but not the first maintenance',
    visits: [
      { day: monthsAgo(1), fen: 100_000, type: 'maintenance' },
      { day: monthsAgo(14), fen: 100_000, type: 'maintenance' },
    ],
    expect: { rfm: 'B' },
  },
  { name: 'D: one visit exactly 6 months ago', visits: [{ day: monthsAgo(6), fen: 500_000 }], expect: { rfm: 'D' } },
  { name: 'D but 6 months − 1 day', visits: [{ day: monthsAgo(6, -1), fen: 100_000 }], expect: { rfm: 'D' } },
  { name: 'D but ¥5,000.01', visits: [{ day: monthsAgo(6), fen: 500_001 }], expect: { rfm: 'D' } },
  { name: 'D: never came, car bought a year ago', visits: [], bought: monthsAgo(12), expect: { rfm: 'D' } },
  { name: 'never came, car bought a month ago', visits: [], bought: monthsAgo(1), expect: { rfm: 'none' } },
];

// ch5-7 §2.4 (L4204): loyal = ≥3 maintenance visits a year, >4 visits a year, last paid repair ≤3 months.
const free = (day: string): Visit => ({ day, fen: 0, type: 'maintenance' });
const loyalBase = [free(monthsAgo(10)), free(monthsAgo(8)), free(monthsAgo(6))];
const warrantyWork: Visit = { day: monthsAgo(1), fen: 300_000, type: 'warranty_claim' };
const loyaltyCases: Case[] = [
  {
    name: 'loyal: paid repair exactly 3 months ago',
    visits: [...loyalBase, warrantyWork, { day: monthsAgo(3), fen: 100_000 }],
    expect: { loyalty: 'loyal' },
  },
  {
    name: 'paid repair 3 months + 1 day ago (warranty work is not paid): general',
    visits: [...loyalBase, warrantyWork, { day: monthsAgo(3, 1), fen: 100_000 }],
    expect: { loyalty: 'general' },
  },
  {
    name: 'only 4 visits: general',
    visits: [...loyalBase, { day: monthsAgo(3), fen: 100_000 }],
    expect: { loyalty: 'general' },
  },
  {
    name: 'only 2 maintenance visits of 5: general',
    visits: [...loyalBase.slice(1), warrantyWork, { day: monthsAgo(2), fen: 1 }, { day: monthsAgo(3), fen: 1 }],
    expect: { loyalty: 'general' },
  },
  { name: 'one visit: swing', visits: [{ day: monthsAgo(1), fen: 100 }], expect: { loyalty: 'swing' } },
  {
    name: '2 visits but none in 6 months: swing',
    visits: [
      { day: monthsAgo(7), fen: 100 },
      { day: monthsAgo(8), fen: 100 },
    ],
    expect: { loyalty: 'swing' },
  },
];

// Value matrix (ch3-4 §3.4): high frequency ≥3 visits, high spend = average ≥ ¥2,000.
const valueCases: Case[] = [
  { name: 'best', visits: spread(3, monthsAgo(1), 600_000), expect: { value: 'best' } },
  { name: 'frequent (average 1 fen short)', visits: spread(3, monthsAgo(1), 599_999), expect: { value: 'frequent' } },
  { name: 'spend-happy', visits: spread(2, monthsAgo(1), 400_000), expect: { value: 'spend_happy' } },
  { name: 'uncertain', visits: spread(2, monthsAgo(1), 399_998), expect: { value: 'uncertain' } },
  { name: 'uncertain: no visit', visits: [], expect: { value: 'uncertain' } },
];

const runCases = async (cases: Case[]) => {
  const t = await segmentTenant();
  const ids: { c: Case; customerId: string }[] = [];
  for (const c of cases) {
    const customerId = await newCustomer(t.id);
    const car = await newCar(t.id, customerId, { purchaseDate: c.bought ?? '2022-01-01' });
    for (const v of c.visits)
      await newOrder(t.id, customerId, car, {
        at: at(v.day),
        totalFen: v.fen,
        type: v.type ?? 'general_repair',
        partsCostFen: v.partsCostFen ?? 0,
      });
    ids.push({ c, customerId });
  }
  await classify(t.id, asOf);
  const { customers } = await segmentsOf(t.id);
  for (const { c, customerId } of ids) {
    const row = customers.get(customerId);
    assert.ok(row, c.name);
    const got = { rfm: row.rfm, loyalty: row.loyalty, value: row.valueQuadrant, frequency: row.frequency };
    for (const [k, v] of Object.entries(c.expect)) assert.equal(got[k as keyof typeof got], v, `${c.name}: ${k}`);
  }
  return t;
};

test('RFM class at each threshold, and none', async () => {
  await runCases(rfmCases);
});

test('loyalty grade', async () => {
  await runCases(loyaltyCases);
});

test('value matrix quadrant', async () => {
  await runCases(valueCases);
});

test("a tenant's own thresholds are merged over the defaults", async () => {
  const t = await segmentTenant();
  await setRules(t.id, { rfm: { d: { minMonths: 3 } }, frequency: { activeMinVisits: 4, swingMinVisits: 3 } });
  const customerId = await newCustomer(t.id);
  const car = await newCar(t.id, customerId, { purchaseDate: '2022-01-01' });
  await newOrder(t.id, customerId, car, { at: at(monthsAgo(4)), totalFen: 1000 });
  await newOrder(t.id, customerId, car, { at: at(monthsAgo(14)), totalFen: 1000 });
  const other = await newCustomer(t.id);
  const car2 = await newCar(t.id, other, { purchaseDate: '2022-01-01' });
  await newOrder(t.id, other, car2, { at: at(monthsAgo(1)), totalFen: 1000 });
  await newOrder(t.id, other, car2, { at: at(monthsAgo(2)), totalFen: 1000 });
  await classify(t.id, asOf);
  const { customers } = await segmentsOf(t.id);
  assert.equal(customers.get(customerId)?.rfm, 'D');
  assert.equal(customers.get(other)?.frequency, 'swing_to_churn');
});

test('CLV: the Dwyer sum over the profit of the last 12 months', async () => {
  const t = await segmentTenant();
  const customerId = await newCustomer(t.id);
  const car = await newCar(t.id, customerId, { purchaseDate: '2022-01-01' });
  await newOrder(t.id, customerId, car, { at: at(monthsAgo(2)), totalFen: 100_000, partsCostFen: 40_000 });
  await newOrder(t.id, customerId, car, { at: at(monthsAgo(13)), totalFen: 900_000 });
  await classify(t.id, asOf);
  const row = (await segmentsOf(t.id)).customers.get(customerId);
  assert.equal(row?.spend12mFen, 100_000);
  assert.equal(row?.visits12m, 1);
  assert.equal(row?.firstVisitOn, monthsAgo(13));
  assert.equal(row?.clvFen, Math.round(60_000 * dwyerFactor(defaultSegmentRules.clv)));
});

test('re-running for the same day changes nothing; a move is recorded once with from and to', async () => {
  const t = await segmentTenant();
  const customerId = await newCustomer(t.id);
  const car = await newCar(t.id, customerId, { purchaseDate: monthsAgo(2) });
  const bystander = await newCustomer(t.id);
  const first = await classify(t.id, asOf);
  // First classification: every dimension of every customer and car, from null.
  const before = await segmentsOf(t.id);
  assert.equal(first.changes, before.changes.length);
  assert.ok(before.changes.every((c) => c.fromValue === null && c.changedOn === asOf));
  const again = await classify(t.id, asOf);
  assert.equal(again.changes, 0);
  assert.equal((await segmentsOf(t.id)).changes.length, before.changes.length);

  // A delivery: one customer is reclassified on the same day; only their moves are written.
  await newOrder(t.id, customerId, car, { at: at(asOf), totalFen: 80_000, type: 'maintenance' });
  const after = await classify(t.id, asOf, [customerId]);
  assert.equal(after.customers, 1);
  const moved = (await segmentsOf(t.id)).changes.filter((c) => c.fromValue !== null);
  assert.deepEqual(
    moved.map((c) => [c.subjectId, c.dimension, c.fromValue, c.toValue]).sort(),
    [
      [customerId, 'frequency', 'new_owner', 'swing_to_churn'],
      [customerId, 'rfm', 'none', 'C'],
    ].sort(),
  );
  assert.ok(!moved.some((c) => c.subjectId === bystander));
});

test('an erased customer leaves the segments', async () => {
  const t = await segmentTenant();
  const customerId = await newCustomer(t.id);
  await classify(t.id, asOf);
  assert.ok((await segmentsOf(t.id)).customers.has(customerId));
  const { db } = await testApp();
  await db.owner.executeSql('UPDATE customers SET erased_at = now() WHERE id = $1', [customerId]);
  await classify(t.id, asOf);
  assert.equal((await segmentsOf(t.id)).customers.has(customerId), false);
});
