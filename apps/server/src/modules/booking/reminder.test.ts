import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, testClock } from '../../../test/harness.ts';
import { addDays } from '../../platform/time/zone.ts';
import { reminderTime, remindBooking } from './reminder.job.ts';
import { asJob, at, bookableStore, book, ownersWithCars, targetDay } from './test-kit.ts';

afterEach(() => {
  testClock.offsetMs = 0;
});

const messages = async (tenantId: string) => {
  const { db } = await testApp();
  const sms = await db.owner.executeSql(
    `SELECT recipient, body FROM notifications WHERE tenant_id = $1 AND topic = 'booking_reminder' AND channel = 'sms'`,
    [tenantId],
  );
  const inbox = await db.owner.executeSql(
    `SELECT title, body FROM inbox_messages WHERE tenant_id = $1 AND topic = 'booking_reminder'`,
    [tenantId],
  );
  return { sms: sms.rows, inbox: inbox.rows };
};

describe('the day-before reminder', () => {
  test('is due at 18:00 tenant time the day before, sent once, and says what to bring', async () => {
    const { t, serviceTypeId } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const [o] = await ownersWithCars(t, 1);
    const day = targetDay();
    const startsAt = at(day, '09:30');
    const made = await book(o!.agent, { vehicleId: o!.vehicleId, storeId: t.storeId, serviceTypeId, startsAt });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json().id as string;

    const due = await asJob(t.id, (ctx) => reminderTime(ctx, new Date(startsAt)));
    assert.equal(due.toISOString(), new Date(at(addDays(day, -1), '18:00')).toISOString());

    testClock.offsetMs = due.getTime() + 5 * 60_000 - Date.now();
    assert.equal(await asJob(t.id, (ctx) => remindBooking(ctx, id)), true);
    assert.equal(await asJob(t.id, (ctx) => remindBooking(ctx, id)), false, 'never twice');
    const { sms, inbox } = await messages(t.id);
    assert.equal(sms.length, 1);
    assert.equal(sms[0]?.recipient, o!.phone);
    assert.equal(
      sms[0]?.body,
      '【测试】尊敬的车先生，您预约的明天 09:30 一号店 常规保养，请携带行驶证和保养手册按时到店。如需改约请在App中操作。',
    );
    assert.equal(inbox.length, 1);
    assert.equal(inbox[0]?.title, '预约提醒');
  });

  test('is not sent for a cancelled booking', async () => {
    const { t, serviceTypeId } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const [o] = await ownersWithCars(t, 1);
    const startsAt = at(targetDay(), '10:30');
    const made = (
      await book(o!.agent, { vehicleId: o!.vehicleId, storeId: t.storeId, serviceTypeId, startsAt })
    ).json();
    const cancel = await o!.agent.send('POST', `/api/owner/bookings/${made.id}/cancel`, { reason: null });
    assert.equal(cancel.statusCode, 200);
    assert.equal(await asJob(t.id, (ctx) => remindBooking(ctx, made.id)), false);
    assert.deepEqual(await messages(t.id), { sms: [], inbox: [] });
  });

  test('is not sent when the tenant has switched the booking_reminder care rule off', async () => {
    const { db } = await testApp();
    const { t, serviceTypeId } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const [o] = await ownersWithCars(t, 1);
    const startsAt = at(targetDay(), '10:00');
    const made = (
      await book(o!.agent, { vehicleId: o!.vehicleId, storeId: t.storeId, serviceTypeId, startsAt })
    ).json();
    await db.owner.executeSql(
      `INSERT INTO care_rules (tenant_id, rule_key, enabled, timing, channel)
       VALUES ($1, 'booking_reminder', false, '{"daysBefore":1}', 'sms')`,
      [t.id],
    );
    const due = await asJob(t.id, (ctx) => reminderTime(ctx, new Date(startsAt)));
    testClock.offsetMs = due.getTime() + 5 * 60_000 - Date.now();
    assert.equal(await asJob(t.id, (ctx) => remindBooking(ctx, made.id)), false);
    assert.deepEqual(await messages(t.id), { sms: [], inbox: [] });
  });

  test('the booking queues its reminder job for that moment', async () => {
    const { db } = await testApp();
    const { t, serviceTypeId } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const [o] = await ownersWithCars(t, 1);
    const startsAt = at(targetDay(), '11:00');
    const made = (
      await book(o!.agent, { vehicleId: o!.vehicleId, storeId: t.storeId, serviceTypeId, startsAt })
    ).json();
    const { rows } = await db.owner.executeSql(
      `SELECT start_after FROM pgboss.job WHERE name = 'booking.remind' AND data->>'bookingId' = $1`,
      [made.id],
    );
    assert.equal(rows.length, 1);
    const expected = new Date(at(addDays(targetDay(), -1), '18:00'));
    assert.equal(new Date(rows[0]?.start_after as string).getTime(), expected.getTime());
  });
});
