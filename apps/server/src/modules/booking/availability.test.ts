import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signInStaff, testClock } from '../../../test/harness.ts';
import { localOf } from '../../platform/time/zone.ts';
import { at, bookableStore, freeAt, ownersWithCars, targetDay, tz } from './test-kit.ts';

type Day = {
  date: string;
  closed: boolean;
  reason: string | null;
  slots: { startsAt: string; free: number; advisorFree: boolean }[];
};

const localTimes = (d: Day) => d.slots.map((s) => localOf(new Date(s.startsAt), tz).time);

afterEach(() => {
  testClock.offsetMs = 0;
});

describe('availability', () => {
  test('slots follow the opening hours, lunch break and evening period included; defaults before any settings', async () => {
    const { t, admin } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const day = targetDay();
    const res = await admin.get(`/api/stores/${t.storeId}/availability?from=${day}&days=3`);
    assert.equal(res.statusCode, 200, res.body);
    const days = res.json().days as Day[];
    assert.deepEqual(
      days.map((d) => d.date),
      [day, ...[1, 2].map((n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10))],
    );
    const times = localTimes(days[0] as Day);
    assert.equal(times.length, 7 + 10 + 4);
    assert.equal(times[0], '08:30');
    assert.ok(times.includes('11:30') && !times.includes('12:00') && !times.includes('12:30'));
    assert.ok(times.includes('19:00') && times.includes('20:30') && !times.includes('21:00'));
    assert.ok(
      days[0]?.slots.every((s) => s.free === 2 && s.advisorFree),
      'two advisors on duty, four bays',
    );
    // A store without a settings row answers the defaults.
    const other = await admin.get(`/api/stores/${t.otherStoreId}/booking-settings`);
    assert.deepEqual(other.json(), {
      storeId: t.otherStoreId,
      slotMinutes: 30,
      bays: 4,
      walkInSharePct: 20,
      onlineSharePct: 50,
      leadMinutes: 60,
      horizonDays: 30,
    });
  });

  test('a closure day is closed with its reason and no slots; a weekday without hours is closed too', async () => {
    const { t, admin } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const day = targetDay();
    const add = await admin.send('POST', `/api/stores/${t.storeId}/closures`, { date: day, reason: '国庆节' });
    assert.equal(add.statusCode, 201, add.body);
    const twice = await admin.send('POST', `/api/stores/${t.storeId}/closures`, { date: day, reason: '国庆节' });
    assert.equal(twice.statusCode, 409);
    const [first] = (await admin.get(`/api/stores/${t.storeId}/availability?from=${day}&days=1`)).json().days as Day[];
    assert.deepEqual({ ...first, slots: first?.slots.length }, { date: day, closed: true, reason: '国庆节', slots: 0 });
    const list = await admin.get(`/api/stores/${t.storeId}/closures`);
    assert.equal(list.json().items[0].reason, '国庆节');
    assert.equal((await admin.send('DELETE', `/api/closures/${add.json().id}`)).statusCode, 200);
    const [again] = (await admin.get(`/api/stores/${t.storeId}/availability?from=${day}&days=1`)).json().days as Day[];
    assert.equal(again?.closed, false);
    // The second store keeps the harness's hours: closed on Sundays.
    const week = (await admin.get(`/api/stores/${t.otherStoreId}/availability?from=${day}&days=7`)).json()
      .days as Day[];
    const sunday = week.find((d) => new Date(`${d.date}T00:00:00Z`).getUTCDay() === 0);
    assert.deepEqual(
      { closed: sunday?.closed, reason: sunday?.reason, slots: sunday?.slots.length },
      {
        closed: true,
        reason: null,
        slots: 0,
      },
    );
  });

  test('nothing before now + lead time, nothing past the horizon', async () => {
    const { t, admin } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100, leadMinutes: 60 });
    const day = targetDay();
    // Now is 09:40 on the target day: with an hour's lead the first slot is 11:00.
    testClock.offsetMs = Date.parse(at(day, '09:40')) - Date.now();
    const later = await signInStaff(t.slug, 'group.admin'); // the first session would have expired by then
    const [today] = (await later.get(`/api/stores/${t.storeId}/availability?days=1`)).json().days as Day[];
    assert.equal(today?.date, day);
    assert.ok(today);
    assert.equal(localTimes(today)[0], '11:00');
    testClock.offsetMs = 0;
    const set = await admin.send('PUT', `/api/stores/${t.storeId}/booking-settings`, {
      slotMinutes: 60,
      bays: 4,
      walkInSharePct: 0,
      onlineSharePct: 100,
      leadMinutes: 0,
      horizonDays: 2,
    });
    assert.equal(set.statusCode, 200, set.body);
    const days = (await admin.get(`/api/stores/${t.storeId}/availability?days=5`)).json().days as Day[];
    assert.equal(days.length, 5);
    assert.ok((days[2]?.slots.length ?? 0) > 0, 'the horizon day itself is open');
    assert.equal(days[3]?.slots.length, 0);
    assert.equal(localTimes(days[2] as Day)[1], '09:30', '60-minute slots from 08:30');
  });

  test('an advisor on leave takes a place away and is not free; leave is listed and removable', async () => {
    const { t, admin, advisorIds } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 }, 2);
    const day = targetDay();
    const [a1, a2] = advisorIds as [string, string];
    const slot = at(day, '09:00');
    assert.equal(await freeAt(admin, t.storeId, slot), 2);
    const leave = await admin.send('POST', `/api/staff/${a1}/leave`, { date: day, note: '年假' });
    assert.equal(leave.statusCode, 201, leave.body);
    assert.equal(await freeAt(admin, t.storeId, slot), 1);
    const res = await admin.get(`/api/stores/${t.storeId}/availability?from=${day}&days=1&advisorId=${a1}`);
    assert.ok((res.json().days[0] as Day).slots.every((s) => !s.advisorFree));
    const res2 = await admin.get(`/api/stores/${t.storeId}/availability?from=${day}&days=1&advisorId=${a2}`);
    assert.ok((res2.json().days[0] as Day).slots.every((s) => s.advisorFree));
    assert.equal((await admin.get(`/api/staff/${a1}/leave`)).json().items[0].note, '年假');
    assert.equal((await admin.send('DELETE', `/api/advisor-leave/${leave.json().id}`)).statusCode, 200);
    assert.equal(await freeAt(admin, t.storeId, slot), 2);
    // Only advisors take leave here.
    const notAdvisor = await admin.send('POST', `/api/staff/${t.staffIds.service_manager}/leave`, {
      date: day,
      note: null,
    });
    assert.equal(notAdvisor.statusCode, 400);
  });

  test('the app sees its online share; staff see all but the walk-in share', async () => {
    const { t, admin } = await bookableStore({ bays: 4, walkInSharePct: 25, onlineSharePct: 50 }, 4);
    const [owner] = await ownersWithCars(t, 1);
    const slot = at(targetDay(), '10:00');
    assert.equal(await freeAt(admin, t.storeId, slot), 3, 'capacity 4 − 1 walk-in place');
    assert.equal(await freeAt(owner!.agent, t.storeId, slot), 2, 'half of 4 online');
    const viaOwnerPath = await owner!.agent.get(
      `/api/owner/stores/${t.storeId}/availability?from=${targetDay()}&days=1`,
    );
    assert.equal(viaOwnerPath.statusCode, 200);
    assert.equal(await freeAt(admin, t.storeId, slot, '&channel=app'), 2);
    // Settings are validated: the shares may not exceed 100% together, slot lengths are fixed.
    const bad = await admin.send('PUT', `/api/stores/${t.storeId}/booking-settings`, {
      slotMinutes: 25,
      bays: 4,
      walkInSharePct: 60,
      onlineSharePct: 50,
      leadMinutes: 60,
      horizonDays: 30,
    });
    assert.equal(bad.statusCode, 400);
    const paths = bad
      .json()
      .details.issues.map((i: { path: string }) => i.path)
      .sort();
    assert.deepEqual(paths, ['onlineSharePct', 'slotMinutes']);
  });
});
