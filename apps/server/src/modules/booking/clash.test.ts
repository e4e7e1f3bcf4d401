import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, testClock, type Agent } from '../../../test/harness.ts';
import { addDays } from '../../platform/time/zone.ts';
import { asJob, at, bookableStore, book, ownersWithCars, targetDay } from './test-kit.ts';
import { reminderTime } from './reminder.job.ts';

afterEach(() => {
  testClock.offsetMs = 0;
});

type Issue = { path: string; message: string };
type Clash = { visit: { id: string; link: string } | null; bookings: { id: string; day: string; link: string }[] };
const issueOf = (res: { json: () => { details?: { issues?: Issue[] } } }) => res.json().details?.issues?.[0];
const clashOf = (res: { json: () => { details?: { clash?: Clash } } }) => res.json().details?.clash;

const staffBook = (admin: Agent, body: object) => admin.send('POST', '/api/bookings', body);

/** The walk-in check-in of a car (the car is then in the workshop until delivered). */
const checkInWalkIn = async (admin: Agent, body: { storeId: string; customerId: string; vehicleId: string }) => {
  const res = await admin.send('POST', '/api/visits', { ...body, mileageKm: 20_000 });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string }>().id;
};

describe('booking clashes (issue 11 point 7)', () => {
  test('a second booking of a car on the same day: shown beforehand, refused unless confirmed (owner and staff)', async () => {
    const { t, admin, serviceTypeId } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const [o] = await ownersWithCars(t, 1);
    const day = targetDay();
    const base = { vehicleId: o!.vehicleId, storeId: t.storeId, serviceTypeId };
    const first = await book(o!.agent, { ...base, startsAt: at(day, '09:00') });
    assert.equal(first.statusCode, 201, first.body);
    const firstId = first.json<{ id: string }>().id;

    // Before any form: the owner app and the desk see the car's coming booking, with its day and link.
    const shown = await o!.agent.get(`/api/owner/vehicles/${o!.vehicleId}/booking-clashes`);
    assert.equal(shown.statusCode, 200, shown.body);
    assert.deepEqual(
      shown.json<Clash>().bookings.map((b) => [b.id, b.day, b.link]),
      [[firstId, day, `/bookings/${firstId}`]],
    );
    assert.equal(shown.json<Clash>().visit, null);
    const desk = await admin.get(`/api/vehicles/${o!.vehicleId}/booking-clashes`);
    assert.equal(desk.statusCode, 200, desk.body);
    assert.equal(desk.json<Clash>().bookings[0]?.link, `/admin/booking-calendar?date=${day}`);
    const except = await o!.agent.get(`/api/owner/vehicles/${o!.vehicleId}/booking-clashes?except=${firstId}`);
    assert.deepEqual(except.json<Clash>().bookings, [], 'the booking being rescheduled is no clash');

    // The owner, unconfirmed: 409, a clear message, the clashing booking and its link; nothing written.
    const second = await book(o!.agent, { ...base, startsAt: at(day, '15:00') });
    assert.equal(second.statusCode, 409, second.body);
    assert.deepEqual(issueOf(second), {
      path: 'startsAt',
      message: '该车辆当天已有预约，可在原预约中改约；如确需再约一次，请确认后再提交',
    });
    assert.equal(clashOf(second)?.bookings[0]?.link, `/bookings/${firstId}`);
    const en = await o!.agent.inject({
      method: 'POST',
      url: '/api/owner/bookings',
      payload: { ...base, startsAt: at(day, '15:00') },
      headers: { 'x-csrf-token': o!.agent.csrf, 'idempotency-key': crypto.randomUUID(), 'accept-language': 'en' },
    });
    assert.equal(
      issueOf(en)?.message,
      'This car is already booked that day; change that booking, or confirm to book it again',
    );
    // Another day is no clash; moving the booking within its own day is none either.
    assert.equal((await book(o!.agent, { ...base, startsAt: at(addDays(day, 1), '09:00') })).statusCode, 201);
    const moved = await o!.agent.send('POST', `/api/owner/bookings/${firstId}/reschedule`, {
      startsAt: at(day, '16:00'),
    });
    assert.equal(moved.statusCode, 200, moved.body);

    // Staff: refused without confirmation (with the link), booked with it.
    const desk1 = { ...base, customerId: o!.customerId, startsAt: at(day, '10:00') };
    const refused = await staffBook(admin, desk1);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(issueOf(refused)?.message, '该车辆当天已有预约（见原预约）；如确需再约一次，请确认后再提交');
    assert.equal(clashOf(refused)?.bookings[0]?.link, `/admin/booking-calendar?date=${day}`);
    const confirmed = await staffBook(admin, { ...desk1, confirmClash: true });
    assert.equal(confirmed.statusCode, 201, confirmed.body);
    // The owner may confirm a second booking on a day too (the app asks on its confirm sheet).
    const again = await book(o!.agent, { ...base, startsAt: at(day, '15:00'), confirmClash: true });
    assert.equal(again.statusCode, 201, again.body);
    const { db } = await testApp();
    const count = await db.owner.executeSql(
      `SELECT count(*)::int AS n FROM bookings WHERE tenant_id = $1 AND status = 'booked'`,
      [t.id],
    );
    assert.equal(count.rows[0]?.n, 4, 'the moved one, the next day’s, the desk’s and the owner’s confirmed');
  });

  test('a car in the workshop: never booked by its owner, booked by staff only when confirmed', async () => {
    const { t, admin, serviceTypeId } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const [o] = await ownersWithCars(t, 1);
    const visitId = await checkInWalkIn(admin, {
      storeId: t.storeId,
      customerId: o!.customerId,
      vehicleId: o!.vehicleId,
    });
    const shown = await o!.agent.get(`/api/owner/vehicles/${o!.vehicleId}/booking-clashes`);
    assert.deepEqual([shown.json<Clash>().visit?.id, shown.json<Clash>().visit?.link], [visitId, `/visits/${visitId}`]);
    const base = { vehicleId: o!.vehicleId, storeId: t.storeId, serviceTypeId };
    // Whatever the day: the car is in the workshop now.
    for (const day of [targetDay(), addDays(targetDay(), 5)]) {
      const res = await book(o!.agent, { ...base, startsAt: at(day, '10:00') });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(issueOf(res)?.message, '该车辆正在店内维修中，暂不能预约，请查看维修进度');
      assert.equal(clashOf(res)?.visit?.link, `/visits/${visitId}`);
      const confirmed = await book(o!.agent, { ...base, startsAt: at(day, '11:00'), confirmClash: true });
      assert.equal(confirmed.statusCode, 409, 'an owner’s confirmation never covers a car in the workshop');
    }
    const desk = { ...base, customerId: o!.customerId, startsAt: at(targetDay(), '10:00') };
    const refused = await staffBook(admin, desk);
    assert.equal(refused.statusCode, 409);
    assert.equal(clashOf(refused)?.visit?.link, `/advisor/visits/${visitId}`);
    assert.equal((await staffBook(admin, { ...desk, confirmClash: true })).statusCode, 201);
    // The advisor's board shows that booking's car in the workshop already, with the visit to open.
    const board = await admin.get(`/api/visits/board?storeId=${t.storeId}&date=${targetDay()}`);
    assert.equal(board.statusCode, 200, board.body);
    const row = board.json<{ booked: { vehicle: { id: string }; openVisitId?: string | null }[] }>().booked[0];
    assert.deepEqual([row?.vehicle.id, row?.openVisitId], [o!.vehicleId, visitId]);
  });

  test('two bookings of one car on one day at once: one is made, the other refused as a clash', async () => {
    const { t, admin, serviceTypeId } = await bookableStore({ bays: 8, walkInSharePct: 0, onlineSharePct: 100 }, 4);
    const [o] = await ownersWithCars(t, 1);
    const day = targetDay();
    const base = { vehicleId: o!.vehicleId, storeId: t.storeId, serviceTypeId };
    const owners = await Promise.all(
      ['09:00', '10:00', '11:00', '14:00'].map((time) => book(o!.agent, { ...base, startsAt: at(day, time) })),
    );
    assert.deepEqual(owners.map((r) => r.statusCode).sort(), [201, 409, 409, 409], owners.map((r) => r.body).join());
    const other = addDays(day, 1);
    const desk = await Promise.all(
      ['09:00', '10:00', '11:00'].map((time) =>
        staffBook(admin, { ...base, customerId: o!.customerId, startsAt: at(other, time) }),
      ),
    );
    assert.deepEqual(desk.map((r) => r.statusCode).sort(), [201, 409, 409], desk.map((r) => r.body).join());
    const { db } = await testApp();
    const count = await db.owner.executeSql(`SELECT count(*)::int AS n FROM bookings WHERE tenant_id = $1`, [t.id]);
    assert.equal(count.rows[0]?.n, 2);
  });
});

describe('what a confirmation says of the reminder, and a reschedule’s message', () => {
  const inbox = async (tenantId: string) => {
    const { db } = await testApp();
    const { rows } = await db.owner.executeSql(
      `SELECT title, body, link FROM inbox_messages WHERE tenant_id = $1 AND topic = 'booking_confirmed' ORDER BY created_at, title`,
      [tenantId],
    );
    return rows as { title: string; body: string; link: string }[];
  };

  test('a booking days ahead: the reminder’s own time; tomorrow morning booked tonight: no reminder', async () => {
    const { t, serviceTypeId } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const [o] = await ownersWithCars(t, 1);
    const day = targetDay();
    const startsAt = at(day, '09:30');
    const made = await book(o!.agent, { vehicleId: o!.vehicleId, storeId: t.storeId, serviceTypeId, startsAt });
    assert.equal(made.statusCode, 201, made.body);
    const due = await asJob(t.id, (ctx) => reminderTime(ctx, new Date(startsAt)));
    assert.equal(made.json<{ reminderAt: string }>().reminderAt, due.toISOString(), 'the job’s own schedule');
    const [d, m] = [Number(addDays(day, -1).slice(8)), Number(addDays(day, -1).slice(5, 7))];
    const [first] = await inbox(t.id);
    assert.match(first?.body ?? '', new RegExp(`我们将于${m}月${d}日（周.）18:00短信提醒您。$`));

    // The next morning's booking made at 19:00 the evening before: the reminder's moment has passed.
    const id = made.json<{ id: string }>().id;
    testClock.offsetMs = Date.parse(at(addDays(day, -1), '19:00')) - Date.now();
    const late = await o!.agent.send('POST', `/api/owner/bookings/${id}/reschedule`, { startsAt: at(day, '10:30') });
    assert.equal(late.statusCode, 200, late.body);
    assert.equal(late.json<{ reminderAt: string | null }>().reminderAt, null);
    const messages = await inbox(t.id);
    const moved = messages.find((x) => x.title === '预约已改约');
    assert.ok(moved, JSON.stringify(messages));
    assert.match(moved.body, /^您\d+月\d+日（周.）09:30的预约已改约至\d+月\d+日（周.）10:30 一号店 常规保养/);
    assert.match(moved.body, /本次预约不再另行短信提醒/);
    assert.ok(!moved.body.includes('18:00短信提醒'));
    assert.equal(moved.link, `/bookings/${late.json<{ id: string }>().id}`);
    assert.ok(!messages.some((x) => x.title.includes('取消')), 'a reschedule is not a cancellation');
  });

  test('the old booking names its successor and when it starts (已改约)', async () => {
    const { t, serviceTypeId } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const [o] = await ownersWithCars(t, 1);
    const day = targetDay();
    const made = await book(o!.agent, {
      vehicleId: o!.vehicleId,
      storeId: t.storeId,
      serviceTypeId,
      startsAt: at(day, '09:30'),
    });
    const id = made.json<{ id: string }>().id;
    const next = await o!.agent.send('POST', `/api/owner/bookings/${id}/reschedule`, { startsAt: at(day, '14:00') });
    assert.equal(next.statusCode, 200, next.body);
    const old = (await o!.agent.get(`/api/owner/bookings/${id}`)).json<Record<string, unknown>>();
    assert.deepEqual(
      [old.status, old.rescheduledTo, old.rescheduledToStartsAt, old.reminderAt],
      ['cancelled', next.json<{ id: string }>().id, new Date(at(day, '14:00')).toISOString(), null],
    );
  });
});
