import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { owners, vehicleBindings } from '../../platform/db/schema/index.ts';
import { testApp, testClock } from '../../../test/harness.ts';
import { sendReminder } from '../booking/booking.notify.ts';
import { asJob, at, bookableStore, ownersWithCars, targetDay } from '../booking/test-kit.ts';
import { checkInBooked, move, visitWorld } from '../visits/test-kit.ts';
import { stage, runGate } from './gate.ts';
import { candidate, inTenant, sqlIn, tenantWith } from './test-kit.ts';

// Booking and visit notices pass the contact gate: a ledger row per message and recipient, every bound
// app account reached, nothing held back by the owner's choices (transactional) — modules/contact/gate.ts.

type Touch = {
  source: string;
  kind: string;
  topic: string;
  channel: string;
  decision: string;
  reason: string | null;
  dedupe_key: string;
  send_at: Date | string | null;
  notification_id: string | null;
};

const rows = async (text: string, values: unknown[]) => {
  const { db } = await testApp();
  return (await db.owner.executeSql(text, values)).rows;
};

const touchesOf = async (tenantId: string) =>
  (await rows(
    `SELECT source, kind, topic, channel, decision, reason, dedupe_key, send_at, notification_id
       FROM touches WHERE tenant_id = $1 ORDER BY created_at, dedupe_key`,
    [tenantId],
  )) as Touch[];

const inboxOf = async (tenantId: string, ownerId: string) =>
  rows(`SELECT topic, title, link FROM inbox_messages WHERE tenant_id = $1 AND owner_id = $2 ORDER BY created_at`, [
    tenantId,
    ownerId,
  ]);

/** A second app account (phone `phone`) with a confirmed binding to the car. */
const bindSecond = async (tenantId: string, vehicleId: string, phone: string) => {
  const { db } = await testApp();
  return db.transaction({ tenantId }, async ({ db: tx }) => {
    const [o] = await tx.insert(owners).values({ tenantId, phone }).returning();
    if (!o) throw new Error('no owner');
    await tx.insert(vehicleBindings).values({ tenantId, ownerId: o.id, vehicleId, status: 'confirmed' });
    return o.id;
  });
};

/** Quiet hours from two hours ago to two hours ahead, tenant time (Asia/Shanghai): now is inside. */
const quietAroundNow = () => {
  const hhmm = (ms: number) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(ms));
  const now = testClock.now().getTime();
  return { quietStart: hhmm(now - 2 * 3600_000), quietEnd: hhmm(now + 2 * 3600_000) };
};

describe('transactional notices pass the contact gate', () => {
  test('a booking confirmation: one touch per bound account, despite opt-outs and quiet hours; a retried reminder sends once', async () => {
    const { t, admin, serviceTypeId } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const [o] = await ownersWithCars(t, 1);
    assert.ok(o);
    const second = await bindSecond(t.id, o.vehicleId, '15100000001');
    const quiet = quietAroundNow();
    // The customer's phone, for the reminder's SMS (a staff booking has no booker to text).
    await rows(`INSERT INTO customer_phones (tenant_id, customer_id, phone, is_primary) VALUES ($1, $2, $3, true)`, [
      t.id,
      o.customerId,
      '13900000001',
    ]);
    await rows(
      `UPDATE customers SET marketing_opt_out = true, channels = '{}', topics_opted_out = '{booking}',
          quiet_start = $3, quiet_end = $4 WHERE tenant_id = $1 AND id = $2`,
      [t.id, o.customerId, quiet.quietStart, quiet.quietEnd],
    );
    const made = await admin.send('POST', '/api/bookings', {
      customerId: o.customerId,
      vehicleId: o.vehicleId,
      storeId: t.storeId,
      serviceTypeId,
      startsAt: at(targetDay(), '10:00'),
      channel: 'staff',
    });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json<{ id: string }>().id;

    const confirmed = await touchesOf(t.id);
    assert.deepEqual(
      confirmed.map((r) => [r.source, r.kind, r.topic, r.channel, r.decision, r.reason, r.dedupe_key]).sort(),
      [o.ownerId, second]
        .map((owner) => [
          'booking',
          'transactional',
          'booking',
          'inbox',
          'sent',
          null,
          `booking:${id}:confirmed:${owner}:inbox`,
        ])
        .sort(),
    );
    for (const owner of [o.ownerId, second])
      assert.deepEqual(await inboxOf(t.id, owner), [
        { topic: 'booking_confirmed', title: '预约成功', link: `/bookings/${id}` },
      ]);
    const outbox = await rows(
      `SELECT n.status, n.topic FROM notifications n JOIN touches t ON t.tenant_id = n.tenant_id AND t.notification_id = n.id
        WHERE n.tenant_id = $1`,
      [t.id],
    );
    assert.deepEqual(
      outbox.map((r) => `${String(r.status)} ${String(r.topic)}`),
      ['sent booking_confirmed', 'sent booking_confirmed'],
      'delivered in the booking’s transaction, not left for the send job',
    );

    // A job retried after its messages were made (the claim bypassed here) finds the keys: nothing twice.
    const first = await asJob(t.id, async (ctx) => {
      await sendReminder(ctx, id);
      return ctx.clock.now();
    });
    await asJob(t.id, (ctx) => sendReminder(ctx, id));
    const reminders = (await touchesOf(t.id)).filter((r) => r.dedupe_key.includes(':reminder:'));
    assert.deepEqual(
      reminders.map((r) => r.dedupe_key).sort(),
      [
        `booking:${id}:reminder:${o.ownerId}:inbox`,
        `booking:${id}:reminder:customer:sms`,
        `booking:${id}:reminder:${second}:inbox`,
      ].sort(),
    );
    const sms = reminders.find((r) => r.channel === 'sms');
    assert.equal(sms?.decision, 'deferred', 'an SMS waits for the end of the quiet hours');
    assert.ok(new Date(String(sms?.send_at)).getTime() > first.getTime());
    assert.equal(reminders.filter((r) => r.channel === 'inbox' && r.decision === 'sent').length, 2);
    for (const owner of [o.ownerId, second])
      assert.deepEqual(
        (await inboxOf(t.id, owner)).map((r) => r.topic),
        ['booking_confirmed', 'booking_reminder'],
      );
  });

  test('a visit: every stage to every bound account (a stage that comes round again too), ready by SMS to each phone', async () => {
    const w = await visitWorld();
    const second = await bindSecond(w.t.id, w.t.vehicleId, '13000000097');
    // The owner refuses every channel, opts out of the visit topic and marketing, and is in quiet hours.
    const prefs = await w.owner.send('PUT', '/api/owner/contact-preferences', {
      channels: [],
      ...quietAroundNow(),
      topicsOptedOut: ['visit', 'offers'],
      marketingOptOut: true,
      preferredSlot: null,
    });
    assert.equal(prefs.statusCode, 200, prefs.body);
    const visitId = await checkInBooked(w);
    for (const stage of ['in_bay', 'waiting_parts', 'in_bay', 'quality_check', 'ready'])
      await move(w.advisor, visitId, stage);

    const touches = await touchesOf(w.t.id);
    assert.ok(touches.every((r) => r.source === 'visit' && r.kind === 'transactional' && r.topic === 'visit'));
    assert.ok(touches.every((r) => r.reason === null && r.notification_id !== null));
    for (const owner of [w.ownerId, second]) {
      const mine = touches.filter((r) => r.dedupe_key.endsWith(`:${owner}:inbox`));
      assert.equal(mine.length, 6, 'checked in, in bay twice, waiting parts, quality check, ready');
      assert.ok(mine.every((r) => r.decision === 'sent' && r.dedupe_key.startsWith(`visit:${visitId}:`)));
      assert.deepEqual(
        (await inboxOf(w.t.id, owner)).map((r) => `${String(r.topic)} ${String(r.link)}`),
        Array.from({ length: 6 }, () => `visit_status /visits/${visitId}`),
      );
    }
    // The ready event's key (visit, stage, time) names its SMS too, one per bound account's phone.
    const readyEvent = touches
      .find((r) => r.dedupe_key.startsWith(`visit:${visitId}:ready:`))
      ?.dedupe_key.replace(`:${w.ownerId}:inbox`, '')
      .replace(`:${second}:inbox`, '');
    const ready = touches.filter((r) => r.channel === 'sms');
    assert.deepEqual(
      ready.map((r) => r.dedupe_key).sort(),
      [`${readyEvent}:${w.ownerId}:sms`, `${readyEvent}:${second}:sms`].sort(),
    );
    assert.ok(
      ready.every((r) => r.decision === 'deferred'),
      'SMS wait for the quiet hours to end; nothing is dropped',
    );
    const phones = await rows(
      `SELECT recipient, topic, status FROM notifications WHERE tenant_id = $1 AND channel = 'sms' AND topic LIKE 'visit_%' ORDER BY recipient`,
      [w.t.id],
    );
    assert.deepEqual(
      phones.map((r) => `${String(r.recipient)} ${String(r.topic)} ${String(r.status)}`),
      ['13000000000 visit_ready queued', '13000000097 visit_ready queued'],
    );

    // The owner's 我的 lists them too, from the same ledger.
    const mine = (await w.owner.get('/api/owner/touches')).json<{ items: { source: string }[] }>();
    assert.ok(mine.items.length >= 6 && mine.items.every((i) => i.source === 'visit'));
  });

  test('no bound account: ready goes by SMS to the customer’s phone, and nothing to an inbox', async () => {
    const w = await visitWorld({ confirmed: false });
    const visitId = await checkInBooked(w);
    for (const stage of ['in_bay', 'quality_check', 'ready']) await move(w.advisor, visitId, stage);
    const touches = await touchesOf(w.t.id);
    assert.equal(touches.length, 1);
    assert.match(String(touches[0]?.dedupe_key), new RegExp(`^visit:${visitId}:ready:.+:customer:sms$`));
    assert.equal(touches[0]?.decision, 'sent');
    const sms = await rows(`SELECT recipient, topic FROM notifications WHERE tenant_id = $1 AND topic LIKE 'visit_%'`, [
      w.t.id,
    ]);
    assert.deepEqual(sms, [{ recipient: '13000000000', topic: 'visit_ready' }]);
    assert.deepEqual((await w.owner.get('/api/owner/inbox')).json(), { items: [], unread: 0 }, 'binding pending');
  });
});

describe('the gate’s overrides for notices', () => {
  test('an explicit address, the notice topic and link; a transactional inbox post goes now, in quiet hours too', async () => {
    const q = quietAroundNow();
    const t = await tenantWith(`quiet_start = $3, quiet_end = $4`, [q.quietStart, q.quietEnd]);
    const [owner] = await sqlIn(t.id, `INSERT INTO owners (tenant_id, phone) VALUES ($1, '13912340000') RETURNING id`, [
      t.id,
    ]);
    const ownerId = String(owner?.id);
    const now = testClock.now();
    const tx = {
      kind: 'transactional',
      topic: 'visit',
      source: 'visit',
      ruleKey: null,
      noticeTopic: 'visit_ready',
    } as const;
    const { out, jobs } = await inTenant(t.id, async (ctx, sent) => {
      await stage(ctx, [
        candidate(t, now, {
          ...tx,
          channel: 'inbox',
          address: ownerId,
          subject: '车辆已完工',
          link: '/visits/v1',
          dedupeKey: 'in',
        }),
        candidate(t, now, { ...tx, channel: 'sms', address: '13912345678', dedupeKey: 'sms' }),
        candidate(t, now, { channel: 'inbox', address: ownerId, dedupeKey: 'care' }),
      ]);
      return { out: await runGate(ctx, { dryRun: false }), jobs: sent };
    });
    const by = (k: string) => out.find((o) => o.dedupeKey === k);
    assert.equal(by('in')?.decision, 'sent');
    assert.equal(by('sms')?.decision, 'deferred');
    assert.equal(by('care')?.decision, 'deferred', 'a care message still waits for the quiet hours to end');
    assert.equal(jobs.length, 2, 'the inbox post needs no send job');
    const outbox = await sqlIn(
      t.id,
      `SELECT t.dedupe_key, n.recipient, n.topic, n.status FROM touches t JOIN notifications n ON n.id = t.notification_id
        WHERE t.tenant_id = $1 ORDER BY t.dedupe_key`,
      [t.id],
    );
    assert.deepEqual(
      outbox.map((r) => [r.dedupe_key, r.recipient, r.topic, r.status]),
      [
        ['care', ownerId, 'maintenance', 'queued'],
        ['in', ownerId, 'visit_ready', 'sent'],
        ['sms', '13912345678', 'visit_ready', 'queued'],
      ],
    );
    assert.deepEqual(await inboxOf(t.id, ownerId), [{ topic: 'visit_ready', title: '车辆已完工', link: '/visits/v1' }]);
  });
});
