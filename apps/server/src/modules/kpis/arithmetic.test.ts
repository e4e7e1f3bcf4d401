// Chapter 7's formulas (seed 001 ch5-7 §4) on the textbook's own numbers, as pure functions: including those
// whose numerators no data the platform holds can fill (repairs done at other shops), and the campaign KPIs
// as their modules compute them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  campaignMargin,
  invitationSuccessRate,
  kpiDefinition,
  kpiDefinitions,
  kpiValue,
  maintenanceCapture,
  meetsTarget,
  partsMargin,
  ratePct,
  returnFrequency,
  revenuePerVehicle,
  revenuePerVisitYuan,
  segmentChurn,
  uninvitedShare,
} from '@m4s/contracts';

describe('chapter 7’s worked examples', () => {
  test('intake: capture, churn to other shops, frequency, churn', () => {
    assert.equal(ratePct(900, 1000), 90, 'first maintenance: 1,000 sold, 900 back');
    assert.equal(maintenanceCapture(12_000, 5000), 60, '12,000 / (5,000 × 4)');
    assert.equal(ratePct(500, 10_000), 5, 'paid-repair churn');
    assert.equal(ratePct(50, 500), 10, 'accident-repair churn: 50 / 500 (not 50 / 550 = 9.09)');
    assert.equal(ratePct(30, 3000), 1, 'warranty churn');
    assert.equal(returnFrequency(20_000, 5000), 4, 'return frequency');
    assert.equal(ratePct(300, 3000), 10, 'churn: 300 lost of 3,000 retained');
  });

  test('churn by loyalty grade: share and within-segment rate, and the book’s 10% not forced', () => {
    const total = 1000;
    const grades = [
      { retained: 200, lost: 4 },
      { retained: 300, lost: 15 },
      { retained: 500, lost: 60 },
    ].map((g) => segmentChurn(g, total));
    assert.deepEqual(
      grades.map((g) => [g.share, g.rate]),
      [
        [20, 2],
        [30, 5],
        [50, 12],
      ],
    );
    assert.equal(ratePct(4 + 15 + 60, total), 7.9, 'the segments add up to 7.9%, not the stated 10%');
  });

  test('profit: revenue per visit and margin on parts cost', () => {
    assert.deepEqual([revenuePerVisitYuan(55_000_000, 550), partsMargin(55_000_000, 30_000_000)], [1000, 45.45]);
    assert.deepEqual([revenuePerVisitYuan(50_000_000, 200), partsMargin(50_000_000, 30_000_000)], [2500, 40]);
    assert.deepEqual([revenuePerVisitYuan(40_000_000, 20), partsMargin(40_000_000, 10_000_000)], [20_000, 75]);
  });

  test('campaigns, as the events and campaigns modules compute them', () => {
    assert.equal(invitationSuccessRate({ invited: 500, invitedAttended: 400 }), 80);
    assert.equal(uninvitedShare({ attended: 700, invitedAttended: 400 }), 42.86);
    assert.equal(revenuePerVehicle(1_200_000, 300), 4000, '¥12,000 over 300 customers → ¥40');
    assert.equal(Math.round(campaignMargin(1_200_000, 800_000)! * 10_000) / 100, 33.33);
  });

  test('a ratio over nothing is no figure; targets by direction', () => {
    assert.equal(ratePct(0, 0), null);
    assert.equal(kpiValue(kpiDefinition('churn')!, {}), null);
    assert.equal(meetsTarget({ direction: 'lower' }, 4.9, 5), true);
    assert.equal(meetsTarget({ direction: 'higher' }, 84.99, 85), false);
    assert.equal(new Set(kpiDefinitions.map((d) => d.id)).size, kpiDefinitions.length, 'ids are unique');
    const seed002 = Object.fromEntries(
      kpiDefinitions.filter((d) => d.defaultTarget !== null).map((d) => [d.id, d.defaultTarget]),
    );
    assert.deepEqual(seed002, {
      first_maintenance_capture: 100,
      churn_6m: 5,
      repeat_service: 85,
      win_back: 20,
      csat: 90,
      nps: 50,
    });
  });
});
