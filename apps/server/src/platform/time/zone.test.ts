import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  addMonths,
  dayBounds,
  dayIn,
  daysBetween,
  instantOf,
  isTimeZone,
  localOf,
  todayIn,
  weekdayOf,
} from './zone.ts';
import { dayWordsZh, slotWordsZh } from './words-zh.ts';

const sh = 'Asia/Shanghai';

describe('platform/time: local days and instants', () => {
  test('an instant’s local day and time, across midnight in Shanghai and in another zone', () => {
    const cases: [iso: string, zone: string, day: string, time: string][] = [
      ['2025-06-09T15:59:00Z', sh, '2025-06-09', '23:59'],
      ['2025-06-09T16:00:00Z', sh, '2025-06-10', '00:00'],
      ['2025-08-30T23:30:00Z', sh, '2025-08-31', '07:30'],
      ['2025-12-31T16:30:00Z', sh, '2026-01-01', '00:30'],
      ['2025-06-10T03:00:00Z', 'America/New_York', '2025-06-09', '23:00'],
      ['2025-06-10T03:00:00Z', 'UTC', '2025-06-10', '03:00'],
    ];
    for (const [iso, zone, day, time] of cases) {
      assert.deepEqual(localOf(new Date(iso), zone), { day, time }, `${iso} in ${zone}`);
      assert.equal(dayIn(new Date(iso), zone), day);
    }
  });

  test('a local day and time as an instant, and back', () => {
    const cases: [day: string, time: string, zone: string, iso: string][] = [
      ['2025-06-10', '00:00', sh, '2025-06-09T16:00:00.000Z'],
      ['2025-06-10', '09:30', sh, '2025-06-10T01:30:00.000Z'],
      ['2026-01-01', '07:59', sh, '2025-12-31T23:59:00.000Z'],
      ['2025-06-10', '09:30', 'Europe/London', '2025-06-10T08:30:00.000Z'],
      ['2025-01-10', '09:30', 'Europe/London', '2025-01-10T09:30:00.000Z'],
      // Daylight saving: a time skipped or repeated by the change is read in standard time, as PostgreSQL does.
      ['2025-03-09', '02:30', 'America/New_York', '2025-03-09T07:30:00.000Z'],
      ['2025-11-02', '01:30', 'America/New_York', '2025-11-02T06:30:00.000Z'],
      ['2025-11-02', '00:30', 'America/New_York', '2025-11-02T04:30:00.000Z'],
      ['2025-11-02', '02:30', 'America/New_York', '2025-11-02T07:30:00.000Z'],
    ];
    for (const [day, time, zone, iso] of cases) {
      assert.equal(instantOf(day, time, zone).toISOString(), iso, `${day} ${time} ${zone}`);
    }
    assert.throws(() => instantOf('2025-13-40', '09:00', sh), RangeError);
  });

  test('a day’s bounds: midnight to the next midnight (23 hours on a spring-forward day)', () => {
    const b = dayBounds('2025-06-10', sh);
    assert.equal(b.from.toISOString(), '2025-06-09T16:00:00.000Z');
    assert.equal(b.to.toISOString(), '2025-06-10T16:00:00.000Z');
    const ny = dayBounds('2025-03-09', 'America/New_York');
    assert.equal((ny.to.getTime() - ny.from.getTime()) / 3_600_000, 23);
  });

  test('today in the zone follows the clock across midnight', () => {
    assert.equal(todayIn({ now: () => new Date('2025-06-09T15:59:59Z') }, sh), '2025-06-09');
    assert.equal(todayIn({ now: () => new Date('2025-06-09T16:00:00Z') }, sh), '2025-06-10');
  });

  test('days and months: month ends clamp, leap years count', () => {
    const months: [from: string, n: number, to: string][] = [
      ['2025-08-31', 6, '2026-02-28'],
      ['2023-08-31', 6, '2024-02-29'],
      ['2025-01-31', 1, '2025-02-28'],
      ['2025-03-31', -1, '2025-02-28'],
      ['2025-05-15', 12, '2026-05-15'],
      ['2025-12-31', 2, '2026-02-28'],
    ];
    for (const [from, n, to] of months) assert.equal(addMonths(from, n), to, `${from} + ${n} months`);
    const days: [from: string, n: number, to: string][] = [
      ['2025-02-28', 1, '2025-03-01'],
      ['2024-02-28', 1, '2024-02-29'],
      ['2025-12-31', 1, '2026-01-01'],
      ['2025-01-01', -1, '2024-12-31'],
    ];
    for (const [from, n, to] of days) assert.equal(addDays(from, n), to, `${from} + ${n} days`);
    assert.equal(daysBetween('2025-01-01', '2026-01-01'), 365);
    assert.equal(weekdayOf('2025-10-11'), 6);
    assert.equal(weekdayOf('2026-02-15'), 0);
  });

  test('zones are checked, and messages name days in Chinese', () => {
    assert.equal(isTimeZone(sh), true);
    assert.equal(isTimeZone('Mars/Olympus'), false);
    assert.equal(dayWordsZh(new Date('2025-06-09T16:30:00Z'), sh), '6月10日（周二）');
    assert.equal(slotWordsZh(new Date('2025-06-10T01:30:00Z'), sh), '6月10日（周二）09:30');
  });
});
