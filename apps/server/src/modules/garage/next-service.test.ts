import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dayIn } from '../../platform/time/zone.ts';
import { defaultServiceInterval, estimateNextService } from './next-service.ts';

describe('next service due', () => {
  test('the default interval is six months or 5,000 km', () => {
    assert.deepEqual(defaultServiceInterval, { months: 6, km: 5000 });
  });

  test('before the first maintenance it counts from the purchase at 0 km', () => {
    const due = estimateNextService({
      lastMaintenance: null,
      purchaseDate: '2025-01-15',
      latest: null,
      kmPerDay: null,
    });
    assert.deepEqual(due, {
      dueOn: '2025-04-15',
      dueKm: 5000,
      dueBy: 'time',
      basis: 'purchase',
      basisOn: '2025-01-15',
      basisKm: 0,
    });
  });

  test('a car driven a lot reaches the kilometres before the months', () => {
    const due = estimateNextService({
      lastMaintenance: { at: new Date('2025-03-01T02:00:00Z'), km: 20_000 },
      purchaseDate: '2023-05-01',
      latest: { at: new Date('2025-03-21T02:00:00Z'), km: 21_000 },
      kmPerDay: 50,
    });
    // 4,000 km left at 50 km a day: 80 days after the newest reading.
    assert.equal(due?.dueBy, 'km');
    assert.equal(due?.dueKm, 25_000);
    assert.equal(due?.dueOn, '2025-06-09');
    assert.equal(due?.basis, 'last_maintenance');
  });

  test('a car driven little is due by time; an order without mileage gives no distance', () => {
    const slow = estimateNextService({
      lastMaintenance: { at: new Date('2025-03-01T02:00:00Z'), km: 20_000 },
      purchaseDate: null,
      latest: null,
      kmPerDay: 10,
    });
    assert.equal(slow?.dueOn, '2025-09-01');
    assert.equal(slow?.dueBy, 'time');
    const unknownKm = estimateNextService({
      lastMaintenance: { at: new Date('2025-03-01T02:00:00Z'), km: null },
      purchaseDate: null,
      latest: null,
      kmPerDay: 80,
    });
    assert.equal(unknownKm?.dueKm, null);
    assert.equal(unknownKm?.dueOn, '2025-09-01');
  });

  test('month ends and China dates: 31 August + 6 months is the end of February; 07:30 in Shanghai is that day', () => {
    const due = estimateNextService({
      lastMaintenance: { at: new Date('2025-08-30T23:30:00Z'), km: 1000 },
      purchaseDate: null,
      latest: null,
      kmPerDay: null,
    });
    assert.equal(dayIn(new Date('2025-08-30T23:30:00Z'), 'Asia/Shanghai'), '2025-08-31');
    assert.equal(due?.dueOn, '2026-02-28');
  });

  test('overdue by distance is due at once, never before the visit it counts from', () => {
    const due = estimateNextService({
      lastMaintenance: { at: new Date('2025-03-01T02:00:00Z'), km: 20_000 },
      purchaseDate: null,
      latest: { at: new Date('2025-03-02T02:00:00Z'), km: 26_000 },
      kmPerDay: 1000,
    });
    assert.equal(due?.dueBy, 'km');
    assert.equal(due?.dueOn, '2025-03-01');
  });

  test('nothing to count from: no estimate', () => {
    assert.equal(estimateNextService({ lastMaintenance: null, purchaseDate: null, latest: null, kmPerDay: 40 }), null);
  });
});
