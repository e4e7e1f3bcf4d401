import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  invitationSuccessRate,
  marginPercent,
  revenuePerVehicleFen,
  uninvitedShare,
  type EventDetail,
  type InviteResult,
  type OwnerEvent,
} from '@m4s/contracts';
import { testClock } from '../../../test/harness.ts';
import { anotherOwner, createEvent, eventInputOf, eventWorld, signUp, sqlOwner } from './test-kit.ts';

describe('the textbook’s campaign KPIs (seed-001 ch5-7 §4.5)', () => {
  test('500 invited, 700 attended, 400 of them invited → 80% success, 42.86% uninvited', () => {
    assert.equal(invitationSuccessRate({ invited: 500, invitedAttended: 400 }), 80);
    assert.equal(uninvitedShare({ attended: 700, invitedAttended: 400 }), 42.86);
    assert.equal(invitationSuccessRate({ invited: 0, invitedAttended: 0 }), null);
  });

  test('300 customers, ¥12,000 revenue, ¥8,000 cost → ¥40 a vehicle, 33.33% margin', () => {
    assert.equal(revenuePerVehicleFen({ revenueFen: 1_200_000, customers: 300 }), 4000);
    assert.equal(marginPercent({ revenueFen: 1_200_000, costFen: 800_000 }), 33.33);
    assert.equal(marginPercent({ revenueFen: 0, costFen: 800_000 }), null);
  });
});

describe('events: publish, sign up, waiting list, cancel (docs/events.md)', () => {
  test('bad input is a 400 naming the field; a draft is not shown to owners', async () => {
    const w = await eventWorld();
    const bad = await w.admin.send('POST', '/api/events', {
      ...eventInputOf(),
      endsAt: eventInputOf().startsAt,
      signupDeadline: new Date(testClock.now().getTime() + 96 * 3_600_000).toISOString(),
    });
    assert.equal(bad.statusCode, 400, bad.body);
    const issues = bad.json<{ details: { issues: { path: string; message: string }[] } }>().details.issues;
    assert.deepEqual(issues.map((i) => i.path).sort(), ['endsAt', 'signupDeadline']);
    assert.ok(issues.some((i) => i.message === '活动结束时间须晚于开始时间'));
    const segment = await w.admin.send('POST', '/api/events', {
      ...eventInputOf(),
      audience: { kind: 'segment', dimension: 'rfm', value: 'Z' },
    });
    assert.equal(segment.statusCode, 400, segment.body);
    const draft = await createEvent(w.admin, {}, false);
    assert.equal((await w.owner.get(`/api/owner/activities/${draft}`)).statusCode, 404);
    assert.equal((await signUp(w.owner, draft)).statusCode, 404);
    assert.equal((await w.owner.get('/api/owner/activities')).json<{ items: unknown[] }>().items.length, 0);
  });

  test('the last seat: two owners at once — one gets it, the other waits; a cancellation promotes and tells them', async () => {
    const w = await eventWorld();
    const id = await createEvent(w.admin, { capacity: 1 });
    const second = await anotherOwner(w);
    const [a, b] = await Promise.all([signUp(w.owner, id), signUp(second.agent, id)]);
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(b.statusCode, 200, b.body);
    const mine = [a.json<OwnerEvent>().mine, b.json<OwnerEvent>().mine];
    assert.deepEqual(mine.map((m) => m?.status).sort(), ['confirmed', 'waiting']);
    const waiting = mine.find((m) => m?.status === 'waiting');
    assert.equal(waiting?.position, 1);
    assert.equal(waiting?.ticketCode, null);
    assert.match(mine.find((m) => m?.status === 'confirmed')?.ticketCode ?? '', /^[A-Z0-9]{10}$/);
    const seats = await sqlOwner(
      `SELECT status, count(*)::int AS n FROM event_signups WHERE event_id = $1 GROUP BY status ORDER BY status`,
      [id],
    );
    assert.deepEqual(seats, [
      { status: 'confirmed', n: 1 },
      { status: 'waiting', n: 1 },
    ]);
    // Signing up again changes nothing.
    assert.equal((await signUp(w.owner, id)).json<OwnerEvent>().mine?.id, a.json<OwnerEvent>().mine?.id);

    const holder = a.json<OwnerEvent>().mine?.status === 'confirmed' ? w.owner : second.agent;
    const waiter = holder === w.owner ? second.agent : w.owner;
    const cancelled = await holder.send('POST', `/api/owner/activities/${id}/cancel`);
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json<OwnerEvent>().mine?.status, 'cancelled');
    const promoted = (await waiter.get(`/api/owner/activities/${id}`)).json<OwnerEvent>();
    assert.equal(promoted.mine?.status, 'confirmed');
    assert.match(promoted.mine?.ticketCode ?? '', /^[A-Z0-9]{10}$/);
    const inbox = (await waiter.get('/api/owner/inbox')).body;
    assert.ok(inbox.includes('候补成功'), inbox);
    assert.equal((await holder.send('POST', `/api/owner/activities/${id}/cancel`)).statusCode, 409);
  });

  test('cancelling an event tells every owner signed up through the contact gate', async () => {
    const w = await eventWorld();
    const id = await createEvent(w.admin, { capacity: 5 });
    assert.equal((await signUp(w.owner, id)).statusCode, 200);
    const res = await w.admin.send('POST', `/api/events/${id}/cancel`, { reason: '场地维修' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ status: string }>().status, 'cancelled');
    const touches = await sqlOwner(
      `SELECT channel, decision, kind FROM touches WHERE tenant_id = $1 AND source = 'event' ORDER BY channel`,
      [w.t.id],
    );
    assert.deepEqual(
      touches.map((t) => [t.channel, t.kind]),
      [
        ['inbox', 'transactional'],
        ['sms', 'transactional'],
      ],
    );
    assert.ok((await w.owner.get('/api/owner/inbox')).body.includes('活动取消'));
    assert.equal((await signUp(w.owner, id)).statusCode, 409);
    assert.equal((await w.admin.send('POST', `/api/events/${id}/publish`)).statusCode, 409);
  });
});

describe('events: invitations through the contact gate, QR check-in, KPIs', () => {
  test('the dry run’s counts are what is then sent and held back; invited and uninvited attendees both recorded', async () => {
    const w = await eventWorld();
    const id = await createEvent(w.admin, { capacity: 5, costFen: 20_000 });
    const refuser = await anotherOwner(w, '不要营销');
    const pref = await w.admin.send('PUT', `/api/customers/${refuser.customerId}/contact-preferences`, {
      channels: ['app', 'sms', 'phone', 'email'],
      quietStart: null,
      quietEnd: null,
      topicsOptedOut: [],
      marketingOptOut: true,
    });
    assert.equal(pref.statusCode, 200, pref.body);
    const walkIn = await anotherOwner(w, '自己来的');
    const ids = [w.t.customerId, refuser.customerId];
    const dry = await w.admin.send('POST', `/api/events/${id}/invitations`, { customerIds: ids, dryRun: true });
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual(dry.json<InviteResult>(), {
      dryRun: true,
      audience: 2,
      reached: 1,
      alreadyInvited: 0,
      heldBack: { marketing_opt_out: 1 },
    });
    assert.equal((await sqlOwner(`SELECT count(*)::int AS n FROM touches WHERE tenant_id = $1`, [w.t.id]))[0]?.n, 0);
    const sent = await w.admin.send('POST', `/api/events/${id}/invitations`, { customerIds: ids });
    assert.deepEqual(sent.json<InviteResult>(), { ...dry.json<InviteResult>(), dryRun: false });
    const again = await w.admin.send('POST', `/api/events/${id}/invitations`, { customerIds: ids });
    assert.equal(again.json<InviteResult>().alreadyInvited, 2);
    assert.equal(again.json<InviteResult>().reached, 0);
    // The invited owner's message (to the app account's inbox, by the send job) links to the event.
    const messages = await sqlOwner(
      `SELECT recipient, link, subject FROM notifications WHERE tenant_id = $1 AND topic = 'event_invitation'`,
      [w.t.id],
    );
    assert.deepEqual(messages, [{ recipient: w.ownerId, link: `/events/${id}`, subject: '活动邀请：冬季爱车讲堂' }]);

    // Both come: the invited owner and one who found it in the app.
    const invited = (await signUp(w.owner, id)).json<OwnerEvent>().mine?.ticketCode ?? '';
    const other = (await signUp(walkIn.agent, id)).json<OwnerEvent>().mine?.ticketCode ?? '';
    for (const code of [invited, `M4S-EVT:${other}`]) {
      const res = await w.advisor.send('POST', `/api/events/${id}/check-in`, { code });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<{ points: number }>().points, 100);
    }
    // A paid visit of the invited attendee within the window: ¥600 against the event's ¥200 cost.
    await sqlOwner(
      `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, total_fen)
       VALUES ($1, 'EVT-1', $2, $3, $4, 'maintenance', $5, 60000)`,
      [w.t.id, w.t.vehicleId, w.t.customerId, w.t.storeId, new Date(testClock.now().getTime() + 72 * 3_600_000)],
    );
    const detail = (await w.admin.get(`/api/events/${id}`)).json<EventDetail>();
    assert.deepEqual(
      {
        invited: detail.kpis.invited,
        attended: detail.kpis.attended,
        invitedAttended: detail.kpis.invitedAttended,
        successRate: detail.kpis.successRate,
        uninvitedShare: detail.kpis.uninvitedShare,
        revenueFen: detail.kpis.revenueFen,
        perVehicle: detail.kpis.revenuePerVehicleFen,
        margin: detail.kpis.margin,
      },
      {
        invited: 1,
        attended: 2,
        invitedAttended: 1,
        successRate: 100,
        uninvitedShare: 50,
        revenueFen: 60_000,
        perVehicle: 30_000,
        margin: 66.67,
      },
    );
    const list = (await w.admin.get(`/api/events/${id}/signups`)).json<{ items: { invited: boolean }[] }>();
    assert.deepEqual(list.items.map((s) => s.invited).sort(), [false, true]);
  });

  test('a ticket checks in once, only at its own event and tenant; the waiting list cannot; points once', async () => {
    const w = await eventWorld();
    const id = await createEvent(w.admin, { capacity: 1 });
    const other = await createEvent(w.admin, { title: '另一场活动' });
    const code = (await signUp(w.owner, id)).json<OwnerEvent>().mine?.ticketCode ?? '';
    const second = await anotherOwner(w);
    await signUp(second.agent, id);
    const [waitingCode] = await sqlOwner(
      `SELECT ticket_code FROM event_signups WHERE event_id = $1 AND status = 'waiting'`,
      [id],
    );
    const checkIn = (event: string, c: string) => w.advisor.send('POST', `/api/events/${event}/check-in`, { code: c });
    const messageOf = (r: { json: <T>() => T }) =>
      r.json<{ details: { issues: { message: string }[] } }>().details.issues[0]?.message;
    const wrong = await checkIn(other, code);
    assert.equal(wrong.statusCode, 409);
    assert.equal(messageOf(wrong), '这张门票不属于本活动');
    assert.equal(messageOf(await checkIn(id, String(waitingCode?.ticket_code))), '该报名仍在候补或已取消，不能签到');
    assert.equal(messageOf(await checkIn(id, 'ZZZZZZZZZZ')), '找不到这张活动门票');
    assert.equal((await checkIn(id, 'not a code')).statusCode, 400);
    const [first, twice] = await Promise.all([checkIn(id, code.toLowerCase()), checkIn(id, code)]);
    assert.deepEqual([first.statusCode, twice.statusCode].sort(), [200, 409]);
    const ledger = await sqlOwner(
      `SELECT points FROM points_ledger WHERE tenant_id = $1 AND source = 'event' AND customer_id = $2`,
      [w.t.id, w.t.customerId],
    );
    assert.deepEqual(ledger, [{ points: 100 }]);
    // Another tenant's staff do not know the ticket.
    const b = await eventWorld();
    const theirs = await createEvent(b.admin);
    assert.equal(
      messageOf(await b.advisor.send('POST', `/api/events/${theirs}/check-in`, { code })),
      '找不到这张活动门票',
    );
    assert.equal((await b.advisor.send('POST', `/api/events/${id}/check-in`, { code })).statusCode, 404);
    // The owner's ticket shows it checked in; cancelling it now is refused.
    const mine = (await w.owner.get(`/api/owner/activities/${id}`)).json<OwnerEvent>();
    assert.ok(mine.mine?.checkedInAt);
    assert.equal((await w.owner.send('POST', `/api/owner/activities/${id}/cancel`)).statusCode, 409);
  });
});
