import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  csat,
  csi2009,
  factorSetIssueMessage,
  factorSetIssues,
  gapOf,
  nps,
  satisfactionGap,
  ssi2009,
  weightSum,
  weightedIndex,
  WeightSumError,
} from '@m4s/contracts';

const all = (factors: readonly { key: string }[], score: number) =>
  Object.fromEntries(factors.map((f) => [f.key, score]));

describe('index arithmetic (seed 001 ch5-7 §1, ch3-4 §5)', () => {
  test('the 2009 presets: the textbook’s factors and weights, each summing to 100%', () => {
    assert.deepEqual(
      csi2009.map((f) => [f.label, f.weight]),
      [
        ['经销商设施', 15],
        ['服务启动', 15],
        ['服务顾问', 15],
        ['服务质量', 35],
        ['服务后交车', 20],
      ],
    );
    assert.deepEqual(
      ssi2009.map((f) => f.weight),
      [10.6, 13.6, 11.6, 11.8, 11.8, 15, 25.6],
    );
    assert.equal(weightSum(csi2009), 100);
    assert.equal(weightSum(ssi2009), 100);
    assert.deepEqual(factorSetIssues(csi2009), []);
    assert.deepEqual(factorSetIssues(ssi2009), []);
  });

  test('every factor at 1,000 gives 1,000; every factor at 0 gives 0; a weighted sum between', () => {
    assert.deepEqual(weightedIndex(csi2009, all(csi2009, 1000)), { index: 1000, coverage: 100 });
    assert.deepEqual(weightedIndex(ssi2009, all(ssi2009, 1000)), { index: 1000, coverage: 100 });
    assert.deepEqual(weightedIndex(csi2009, all(csi2009, 0)), { index: 0, coverage: 100 });
    // 0.15×800 + 0.15×900 + 0.15×700 + 0.35×600 + 0.20×1000 = 770
    const scores = { facility: 800, service_initiation: 900, advisor: 700, quality: 600, pickup: 1000 };
    assert.deepEqual(weightedIndex(csi2009, scores), { index: 770, coverage: 100 });
    // Only quality (35) and advisor (15) measured: the index over them, coverage 50%.
    assert.deepEqual(weightedIndex(csi2009, { quality: 600, advisor: 1000 }), { index: 720, coverage: 50 });
    assert.deepEqual(weightedIndex(csi2009, {}), { index: null, coverage: 0 });
  });

  test('weights that do not sum to 100% are refused, naming the sum', () => {
    const off = csi2009.map((f) => (f.key === 'quality' ? { ...f, weight: 34 } : f));
    assert.throws(
      () => weightedIndex(off, all(off, 1000)),
      (e: unknown) => e instanceof WeightSumError && e.sum === 99,
    );
    const issues = factorSetIssues(off);
    assert.deepEqual(issues, [{ code: 'weights_sum', sum: 99 }]);
    assert.equal(factorSetIssueMessage('zh-CN', issues[0]!), '各因子权重之和须为 100%，当前为 99%');
    assert.equal(factorSetIssueMessage('en', issues[0]!), "The factors' weights must sum to 100%; they sum to 99%");
    const twice = [...csi2009.slice(0, 4), { key: 'quality', label: '重复', weight: 20 }];
    assert.deepEqual(factorSetIssues(twice), [{ code: 'duplicate_factor', key: 'quality', index: 4 }]);
  });

  test('CSAT: (very satisfied + satisfied) ÷ successful follow-ups; NPS in points', () => {
    assert.equal(csat({ verySatisfied: 45, satisfied: 40, successful: 100 }), 85);
    assert.equal(csat({ verySatisfied: 0, satisfied: 0, successful: 0 }), null);
    // 10, 9 promoters; 8, 7 passive; 6, 0 detractors: 2 − 2 of 6 = 0.
    assert.equal(nps([10, 9, 8, 7, 6, 0]), 0);
    assert.equal(nps([10, 10, 9, 3]), 50);
    assert.equal(nps([5, 6]), -100);
    assert.equal(nps([]), null);
  });

  test('the gap: experience − expectation (0 basically satisfied, above delighted, below dissatisfied)', () => {
    assert.deepEqual(satisfactionGap(800, 800), { gap: 0, verdict: 'basic' });
    assert.deepEqual(satisfactionGap(900, 750), { gap: 150, verdict: 'delighted' });
    assert.deepEqual(satisfactionGap(600, 850), { gap: -250, verdict: 'dissatisfied' });
    assert.equal(gapOf({ quality: 700, quality_expect: 900, advisor: 800, advisor_expect: 700, pickup: 500 }), -50);
    assert.equal(gapOf({ quality: 700 }), null);
  });
});
