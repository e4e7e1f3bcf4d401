import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chinaHolidays, nationalDay } from './holidays-cn.ts';
import {
  addBusinessHours,
  addWorkingDays,
  businessMinutesBetween,
  dayStatus,
  nextWorkingDay,
  specialDays,
  workCalendar,
  type DayKind,
} from './work-calendar.ts';
import { addDays, weekdayOf } from './zone.ts';

const sh = 'Asia/Shanghai';
const national = workCalendar({ zone: sh });
/** A tenant that closes on its anniversary (a Monday) and works the National Day holiday's 8th. */
const tenant = workCalendar({
  zone: sh,
  overrides: [
    { day: '2025-06-16', kind: 'closed', note: '集团周年庆' },
    { day: '2025-10-08', kind: 'working', note: '国庆值班' },
  ],
});
const at = (local: string) => new Date(`${local}:00+08:00`);
const iso = (local: string) => at(local).toISOString();

describe('platform/time: China’s working calendar', () => {
  test('each day’s kind: weekday, weekend, holiday, adjusted working weekend, the tenant’s own days', () => {
    const cases: [day: string, kind: DayKind, working: boolean, name: string | null][] = [
      ['2025-06-10', 'workday', true, null],
      ['2025-06-14', 'weekend', false, null],
      ['2025-01-01', 'holiday', false, '元旦'],
      ['2025-01-28', 'holiday', false, '春节'],
      ['2025-01-26', 'adjusted_workday', true, null], // a Sunday worked for the Spring Festival
      ['2025-02-08', 'adjusted_workday', true, null], // a Saturday
      ['2025-10-11', 'adjusted_workday', true, null],
      ['2025-10-08', 'holiday', false, '国庆节、中秋节'],
      ['2026-02-14', 'adjusted_workday', true, null],
      ['2026-02-23', 'holiday', false, '春节'],
      ['2026-09-25', 'holiday', false, '中秋节'],
      ['2026-10-10', 'adjusted_workday', true, null],
      ['2026-10-08', 'workday', true, null],
    ];
    for (const [day, kind, working, name] of cases)
      assert.deepEqual(dayStatus(national, day), { day, kind, working, name }, day);
    assert.deepEqual(dayStatus(tenant, '2025-06-16'), {
      day: '2025-06-16',
      kind: 'tenant_closed',
      working: false,
      name: '集团周年庆',
    });
    assert.equal(dayStatus(tenant, '2025-10-08').kind, 'tenant_working');
  });

  test('the data: every adjusted working day is a weekend, every holiday span is in order and in its year', () => {
    for (const [year, data] of Object.entries(chinaHolidays)) {
      assert.ok(data.source.includes(year), `${year}'s source names the year`);
      for (const d of data.workdays) {
        assert.ok([0, 6].includes(weekdayOf(d)), `${d} is a weekend day`);
        assert.equal(nationalDay(d).adjustedWorkday, true);
      }
      for (const h of data.holidays) {
        assert.ok(h.from <= h.to && h.from.startsWith(year), `${h.name} ${h.from}–${h.to}`);
        assert.equal(nationalDay(h.from).holiday?.name, h.name);
      }
    }
    // The Spring Festival of 2026 is nine days; the National Day of 2025 eight (with the Mid-Autumn Festival).
    const length = (from: string, to: string) =>
      specialDays(national, 2026).filter((s) => s.day >= from && s.day <= to);
    assert.equal(length('2026-02-15', '2026-02-23').length, 9);
    assert.equal(specialDays(national, 2025).filter((s) => s.kind === 'adjusted_workday').length, 5);
  });

  test('the next working day skips weekends and holidays, and counts an adjusted Saturday', () => {
    const cases: [from: string, next: string][] = [
      ['2025-06-13', '2025-06-16'], // Friday → Monday
      ['2025-09-30', '2025-10-09'], // before the National Day holiday → the 9th
      ['2025-10-10', '2025-10-11'], // Friday → the adjusted working Saturday
      ['2026-02-13', '2026-02-14'], // Friday → the adjusted Saturday before the Spring Festival
      ['2026-02-14', '2026-02-24'], // → after the nine days
    ];
    for (const [from, next] of cases) assert.equal(nextWorkingDay(national, from), next, from);
    assert.equal(nextWorkingDay(tenant, '2025-06-13'), '2025-06-17'); // the anniversary Monday is closed
    assert.equal(nextWorkingDay(tenant, '2025-09-30'), '2025-10-08'); // the tenant works the 8th
  });

  test('business hours: across the night, a weekend, a holiday, an adjusted Saturday (08:30–17:30)', () => {
    const cases: [from: string, hours: number, due: string, why: string][] = [
      ['2025-06-10T10:00', 2, '2025-06-10T12:00', 'inside one day'],
      ['2025-06-10T16:45', 2, '2025-06-11T09:45', 'across the night'],
      ['2025-06-13T16:45', 2, '2025-06-16T09:45', 'Friday 16:45 across the weekend'],
      ['2025-09-30T16:45', 2, '2025-10-09T09:45', 'Tuesday eve of the National Day holiday'],
      ['2026-04-03T16:45', 2, '2026-04-07T09:45', 'Friday 16:45 before the Qingming holiday (Sat–Mon)'],
      ['2025-01-24T16:45', 2, '2025-01-26T09:45', 'Friday before the Spring Festival: the adjusted working Sunday'],
      ['2026-02-13T16:45', 2, '2026-02-14T09:45', 'Friday before the Spring Festival: the adjusted working Saturday'],
      ['2026-02-14T16:45', 2, '2026-02-24T09:45', 'the adjusted Saturday: across nine days of holiday'],
      ['2026-09-24T16:45', 2, '2026-09-28T09:45', 'Thursday before the Mid-Autumn Festival (Fri–Sun)'],
      ['2025-10-10T16:45', 2, '2025-10-11T09:45', 'Friday before an adjusted working Saturday'],
      ['2025-06-10T07:00', 2, '2025-06-10T10:30', 'before opening: counts from 08:30'],
      ['2025-06-10T19:00', 2, '2025-06-11T10:30', 'after closing: counts from the next opening'],
      ['2025-06-14T10:00', 2, '2025-06-16T10:30', 'on a Saturday: from Monday’s opening'],
      ['2025-06-10T15:30', 2, '2025-06-10T17:30', 'ending exactly at closing'],
      ['2025-06-10T10:00', 0.5, '2025-06-10T10:30', 'half an hour'],
      ['2025-06-10T10:00', 18, '2025-06-12T10:00', 'two full business days'],
      ['2025-06-10T10:00', 0, '2025-06-10T10:00', 'nothing to add'],
    ];
    for (const [from, hours, due, why] of cases)
      assert.equal(addBusinessHours(national, at(from), hours).toISOString(), iso(due), why);
    // The tenant's closed Monday pushes the weekend's deadline to Tuesday.
    assert.equal(addBusinessHours(tenant, at('2025-06-13T16:45'), 2).toISOString(), iso('2025-06-17T09:45'));
    assert.throws(() => addBusinessHours(national, at('2025-06-10T10:00'), -1), RangeError);
  });

  test('“1 working day” is a full business day: the same time of the next working day', () => {
    const cases: [from: string, days: number, due: string][] = [
      ['2025-06-10T10:00', 1, '2025-06-11T10:00'],
      ['2025-06-13T16:45', 1, '2025-06-16T16:45'],
      ['2025-09-30T16:45', 1, '2025-10-09T16:45'],
      ['2025-06-14T10:00', 1, '2025-06-16T17:30'], // asked on a Saturday: Monday's close
      ['2026-02-13T11:00', 2, '2026-02-24T11:00'], // Friday → adjusted Saturday → after the Spring Festival
    ];
    for (const [from, days, due] of cases)
      assert.equal(addWorkingDays(national, at(from), days).toISOString(), iso(due), from);
  });

  test('other business hours, and the business time an SLA ran', () => {
    const early = workCalendar({ zone: sh, hours: { start: '09:00', end: '12:00' } });
    assert.equal(addBusinessHours(early, at('2025-06-13T11:00'), 2).toISOString(), iso('2025-06-16T10:00'));
    assert.equal(businessMinutesBetween(national, at('2025-06-13T16:45'), at('2025-06-16T09:45')), 120);
    assert.equal(businessMinutesBetween(national, at('2025-09-30T08:00'), at('2025-10-09T09:30')), 9 * 60 + 60);
    assert.equal(businessMinutesBetween(national, at('2025-06-16T10:00'), at('2025-06-13T10:00')), 0);
  });

  test('a year without national data is read as plain weekends', () => {
    assert.deepEqual(specialDays(national, 2031), []);
    assert.equal(dayStatus(national, '2031-01-01').kind, 'workday');
    assert.equal(addDays('2031-01-03', 0), '2031-01-03');
  });
});
