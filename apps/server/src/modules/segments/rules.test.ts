import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentRuleIssues, segmentRules } from '@m4s/contracts';
import { clvPerCustomer, defaultSegmentRules, dwyerFactor, dwyerTable, effectiveRules } from './rules.ts';

test("Dwyer CLV: the textbook's example, with its arithmetic corrected", () => {
  // ch1-2 §3.3 (L606–613): year-3 cumulative NPV 18,767,768 ÷ 10,000 customers. The book prints
  // 1,867.78 元; the division gives 1,876.78.
  assert.equal(clvPerCustomer(18_767_768, 10_000), 1876.78);
  assert.notEqual(clvPerCustomer(18_767_768, 10_000), 1867.78);
});

test('Dwyer table: retention shrinks the base, the discount shrinks later years', () => {
  const { rows, clv } = dwyerTable({
    customers: 1000,
    retentionRate: 0.5,
    transactionsPerYear: 2,
    averageAmount: 100,
    costRate: 0.5,
    discountRate: 0.25,
    years: 3,
  });
  // Year 1: 1000 × 2 × 100 × 0.5 = 100,000; year 2: 500 × … = 50,000 / 1.25 = 40,000; year 3: 25,000 / 1.5625 = 16,000.
  assert.deepEqual(
    rows.map((r) => [r.year, r.customers, r.revenue, r.npv, r.cumulativeNpv]),
    [
      [1, 1000, 200_000, 100_000, 100_000],
      [2, 500, 100_000, 40_000, 140_000],
      [3, 250, 50_000, 16_000, 156_000],
    ],
  );
  assert.equal(clv, 156);
});

test('the per-customer factor is the same sum for one customer and one unit of profit', () => {
  assert.equal(dwyerFactor({ years: 1, retentionRate: 0.8, discountRate: 0.08 }), 1);
  assert.ok(Math.abs(dwyerFactor({ years: 3, retentionRate: 0.5, discountRate: 0.25 }) - 1.56) < 1e-12);
  const table = dwyerTable({
    customers: 1,
    retentionRate: 0.8,
    transactionsPerYear: 1,
    averageAmount: 1,
    costRate: 0,
    discountRate: 0.08,
    years: 5,
  });
  assert.ok(Math.abs(dwyerFactor(defaultSegmentRules.clv) - (table.rows.at(-1)?.cumulativeNpv ?? 0)) < 1e-9);
});

test('stored rules merge over the defaults key by key; invalid ones fall back whole', () => {
  assert.deepEqual(effectiveRules({}), defaultSegmentRules);
  const merged = effectiveRules({ rfm: { a: { minSpendFen: 2_000_000 } } });
  assert.equal(merged.rfm.a.minSpendFen, 2_000_000);
  assert.equal(merged.rfm.a.maxMonths, 3);
  assert.deepEqual(effectiveRules({ rfm: { a: { minSpendFen: 1 } } }), defaultSegmentRules);
});

test('the defaults are valid and each impossible combination names its field', () => {
  assert.deepEqual(segmentRuleIssues(defaultSegmentRules), []);
  const cases: [string, (r: typeof defaultSegmentRules) => void, string][] = [
    ['rfm.a.minSpendFen', (r) => (r.rfm.a.minSpendFen = 700_000), 'segment_a_spend'],
    ['rfm.a.minVisits', (r) => (r.rfm.a.minVisits = 3), 'segment_a_visits'],
    ['rfm.a.maxMonths', (r) => (r.rfm.a.maxMonths = 7), 'segment_a_months'],
    ['rfm.b.maxVisits', (r) => (r.rfm.b.maxVisits = 1), 'segment_range'],
    ['rfm.b.maxSpendFen', (r) => (r.rfm.b.maxSpendFen = 700_000), 'segment_range'],
    ['rfm.c.maxSpendFen', (r) => (r.rfm.c.maxSpendFen = 900_000), 'segment_c_spend'],
    ['rfm.d.minMonths', (r) => (r.rfm.d.minMonths = 0), 'segment_d_months'],
    ['frequency.swingMinVisits', (r) => (r.frequency.swingMinVisits = 3), 'segment_frequency_order'],
    ['loyalty.generalMinVisits', (r) => (r.loyalty.generalMinVisits = 5), 'segment_general_visits'],
  ];
  for (const [path, change, message] of cases) {
    const r = structuredClone(defaultSegmentRules);
    change(r);
    assert.deepEqual(
      segmentRuleIssues(r).map((i) => [i.path.join('.'), i.message]),
      [[path, message]],
      path,
    );
  }
  const negative = segmentRules.safeParse({
    ...defaultSegmentRules,
    rfm: { ...defaultSegmentRules.rfm, b: { ...defaultSegmentRules.rfm.b, maxMonths: -1 } },
  });
  assert.equal(negative.success, false);
  assert.equal(negative.error?.issues[0]?.message, 'segment_months');
});
