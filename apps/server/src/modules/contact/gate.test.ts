import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { candidate, gate, inTenant, sqlIn, tenantWith } from './test-kit.ts';
import { stage, runGate, touch } from './gate.ts';

// The test tenants live in Asia/Shanghai (UTC+8): 02:00Z is 10:00 local.
const day = 24 * 3600_000;
const at = (iso: string, deltaMs = 0) => new Date(new Date(iso).getTime() + deltaMs);
const T = '2026-03-10T02:00:00Z';

const countRows = async (tenantId: string, table: string) =>
  Number((await sqlIn(tenantId, `SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]))[0]?.n);

describe('contact gate: quiet hours in the tenant’s time zone', () => {
  test('22:00–08:00 wraps midnight: deferred to 08:00 local; the edges; account codes go now', async () => {
    const t = await tenantWith(`quiet_start = '22:00', quiet_end = '08:00'`);
    // Four care messages in a day: lift the weekly cap so that only the quiet hours decide.
    await sqlIn(t.id, `UPDATE tenants SET contact_policy = '{"weeklyMessages": 10}' WHERE id = $1`, [t.id]);
    const out = await gate(t.id, [
      candidate(t, '2026-03-10T15:30:00Z', { dedupeKey: 'late' }), // 23:30 → next day 08:00 local = 00:00Z
      candidate(t, '2026-03-10T23:59:00Z', { dedupeKey: 'early', topic: 'warranty' }), // 07:59 → 08:00 that day
      candidate(t, '2026-03-11T00:00:00Z', { dedupeKey: 'end', topic: 'insurance' }), // 08:00 → sent
      candidate(t, '2026-03-10T13:59:00Z', { dedupeKey: 'start', topic: 'inspection' }), // 21:59 → sent
      candidate(t, '2026-03-10T14:00:00Z', {
        dedupeKey: 'bk',
        kind: 'transactional',
        topic: 'booking',
        source: 'booking',
      }),
      candidate(t, '2026-03-10T15:00:00Z', {
        dedupeKey: 'otp',
        kind: 'transactional',
        topic: 'account',
        source: 'account',
      }),
    ]);
    const [late, early, edgeEnd, edgeStart, booking, account] = ['late', 'early', 'end', 'start', 'bk', 'otp'].map(
      (k) => out.find((o) => o.dedupeKey === k),
    );
    assert.equal(late?.decision, 'deferred');
    assert.equal(late?.sendAt, '2026-03-11T00:00:00.000Z');
    assert.equal(early?.decision, 'deferred');
    assert.equal(early?.sendAt, '2026-03-11T00:00:00.000Z');
    assert.equal(edgeEnd?.decision, 'sent', '08:00 is outside');
    assert.equal(edgeStart?.decision, 'sent', '21:59 is outside');
    assert.equal(booking?.decision, 'deferred', 'transactional too, at 22:00 sharp');
    assert.equal(booking?.sendAt, '2026-03-11T00:00:00.000Z');
    assert.equal(account?.decision, 'sent', 'a code goes now');
  });

  test('the window is read in the tenant’s zone, and the job starts when the quiet hours end', async () => {
    const t = await tenantWith(`quiet_start = '12:00', quiet_end = '14:00'`);
    await sqlIn(t.id, `UPDATE tenants SET timezone = 'Europe/Berlin' WHERE id = $1`, [t.id]);
    // 12:30 in Berlin (UTC+1 in March before DST) is 11:30Z; in Shanghai that would be 19:30 and free.
    const jobs = await inTenant(t.id, async (ctx, sent) => {
      const o = await touch(ctx, candidate(t, '2026-03-10T11:30:00Z'));
      assert.equal(o.decision, 'deferred');
      assert.equal(o.sendAt, '2026-03-10T13:00:00.000Z');
      return sent;
    });
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]?.name, 'notify.send');
    assert.equal(jobs[0]?.startAfter?.toISOString(), '2026-03-10T13:00:00.000Z');
  });
});

describe('contact gate: caps and windows at their edges', () => {
  test('messages a week: a touch exactly 7 days before does not count, a minute later it does', async () => {
    const t1 = await tenantWith('');
    await gate(t1.id, [
      candidate(t1, at(T, -7 * day), { topic: 'insurance' }),
      candidate(t1, at(T, -3 * day), { topic: 'inspection' }),
    ]);
    assert.equal((await gate(t1.id, [candidate(t1, T, { topic: 'warranty' })]))[0]?.decision, 'sent');
    const t2 = await tenantWith('');
    await gate(t2.id, [
      candidate(t2, at(T, -7 * day + 60_000), { topic: 'insurance' }),
      candidate(t2, at(T, -3 * day), { topic: 'inspection' }),
    ]);
    const [o] = await gate(t2.id, [candidate(t2, T, { topic: 'warranty' })]);
    assert.equal(o?.decision, 'held', 'a capped touch waits for the next free window (issue 11 point 6)');
    assert.equal(o?.reason, 'weekly_cap');
  });

  test('one touch per topic per 30 days: the edge', async () => {
    const t = await tenantWith('');
    await gate(t.id, [candidate(t, at(T, -30 * day), { topic: 'insurance' })]);
    assert.equal((await gate(t.id, [candidate(t, T, { topic: 'insurance' })]))[0]?.decision, 'sent');
    const [o] = await gate(t.id, [candidate(t, at(T, 29 * day), { topic: 'insurance' })]);
    assert.equal(o?.reason, 'topic_cap');
  });

  test('calls a month; transactional messages are never capped', async () => {
    const t = await tenantWith('');
    const call = { channel: 'call' as const, topic: 'win_back' as const, ruleKey: 'win_back' as const };
    await gate(t.id, [candidate(t, at(T, -29 * day), call)]);
    const [capped] = await gate(t.id, [candidate(t, T, { ...call, topic: 'trade_in', ruleKey: 'trade_in' })]);
    assert.equal(capped?.reason, 'call_cap');
    const [followUp] = await gate(t.id, [candidate(t, T, { ...call, topic: 'follow_up', ruleKey: 'follow_up_7d' })]);
    assert.equal(followUp?.decision, 'sent', 'a follow-up the delivery requires is not capped');
    const many = await gate(
      t.id,
      [1, 2, 3, 4].map((i) =>
        candidate(t, at(T, i * 60_000), { kind: 'transactional', topic: 'booking', source: 'booking', ruleKey: null }),
      ),
    );
    assert.deepEqual(
      many.map((o) => o.decision),
      ['sent', 'sent', 'sent', 'sent'],
    );
  });

  test('a batch counts its own earlier-ranked candidates: cap 2, three candidates → the first two by priority', async () => {
    const t = await tenantWith('');
    const out = await gate(t.id, [
      candidate(t, T, { topic: 'birthday', priority: 30, dedupeKey: 'c' }),
      candidate(t, T, { topic: 'insurance', priority: 10, dedupeKey: 'a' }),
      candidate(t, T, { topic: 'inspection', priority: 20, dedupeKey: 'b' }),
    ]);
    const of = (k: string) => out.find((o) => o.dedupeKey === k);
    assert.equal(of('a')?.decision, 'sent');
    assert.equal(of('b')?.decision, 'sent');
    assert.equal(of('c')?.reason, 'weekly_cap');
  });

  test('after a visit: postVisitDays at its edge; what the visit requires is exempt', async () => {
    const t = await tenantWith('');
    const visit = (deliveredAt: Date) =>
      sqlIn(
        t.id,
        `INSERT INTO visits (tenant_id, store_id, customer_id, vehicle_id, status, checked_in_at, delivered_at)
          VALUES ($1, $2, $3, $4, 'delivered', $5, $5)`,
        [t.id, t.storeId, t.customerId, t.vehicleId, deliveredAt],
      );
    await visit(at(T, -3 * day));
    assert.equal((await gate(t.id, [candidate(t, T, { topic: 'insurance' })]))[0]?.decision, 'sent', '3 days is over');
    await visit(at(T, -3 * day + 60_000));
    const [held, required] = await gate(t.id, [
      candidate(t, T, { topic: 'inspection', priority: 1 }),
      candidate(t, T, { topic: 'follow_up', ruleKey: 'follow_up_3d', channel: 'call', priority: 2 }),
    ]);
    assert.equal(held?.reason, 'recent_visit');
    assert.equal(required?.decision, 'sent');
  });
});

describe('contact gate: the owner’s choices and the addresses', () => {
  test('channel, topic and marketing opt-outs; erased; no address; transactional needs only an address', async () => {
    const t = await tenantWith(`channels = '{app,phone}', topics_opted_out = '{birthday}', marketing_opt_out = true`);
    const out = await gate(t.id, [
      candidate(t, T, { dedupeKey: 'sms' }),
      candidate(t, T, { channel: 'inbox', topic: 'birthday', dedupeKey: 'topic' }),
      candidate(t, T, { channel: 'inbox', topic: 'offers', kind: 'marketing', dedupeKey: 'mkt' }),
      candidate(t, T, { channel: 'inbox', topic: 'insurance', dedupeKey: 'noapp' }),
      candidate(t, T, { kind: 'transactional', topic: 'visit', source: 'visit', ruleKey: null, dedupeKey: 'tx' }),
      candidate(t, T, { kind: 'transactional', topic: 'visit', channel: 'email', dedupeKey: 'txmail' }),
    ]);
    const reason = (k: string) => out.find((o) => o.dedupeKey === k)?.reason;
    assert.equal(reason('sms'), 'channel_refused');
    assert.equal(reason('topic'), 'topic_opted_out');
    assert.equal(reason('mkt'), 'marketing_opt_out');
    assert.equal(reason('noapp'), 'no_address', 'no app account for the customer');
    assert.equal(out.find((o) => o.dedupeKey === 'tx')?.decision, 'sent', 'SMS refused, but a visit notice goes');
    assert.equal(reason('txmail'), 'no_address');
    await sqlIn(t.id, `UPDATE customers SET erased_at = now() WHERE id = $1`, [t.customerId]);
    const [gone] = await gate(t.id, [candidate(t, T, { kind: 'transactional', topic: 'booking' })]);
    assert.equal(gone?.reason, 'erased');
  });

  test('a number a follow-up call found wrong is no address until it is replaced', async () => {
    const t = await tenantWith('');
    const [before] = await gate(t.id, [candidate(t, T, { dedupeKey: 'before' })]);
    assert.equal(before?.decision, 'sent');
    await sqlIn(
      t.id,
      `UPDATE customer_phones SET flag = 'wrong_number', flagged_at = now() WHERE tenant_id = $1 AND customer_id = $2`,
      [t.id, t.customerId],
    );
    const [after] = await gate(t.id, [candidate(t, at(T, 8 * day), { dedupeKey: 'after', topic: 'warranty' })]);
    assert.equal(after?.decision, 'suppressed');
    assert.equal(after?.reason, 'no_address');
  });

  test('inbox goes to the app account with the customer’s phone; e-mail to the customer’s address', async () => {
    const t = await tenantWith(`email = 'wang@example.com', channels = '{app,sms,phone,email}'`);
    const [owner] = await sqlIn(t.id, `INSERT INTO owners (tenant_id, phone) VALUES ($1, '13000000000') RETURNING id`, [
      t.id,
    ]);
    await gate(t.id, [
      candidate(t, T, { channel: 'inbox', dedupeKey: 'in', topic: 'insurance' }),
      candidate(t, T, { channel: 'email', dedupeKey: 'mail', topic: 'inspection', subject: '年检提醒' }),
    ]);
    const rows = await sqlIn(
      t.id,
      `SELECT t.dedupe_key, n.channel, n.recipient, n.subject, n.customer_id FROM touches t
        JOIN notifications n ON n.tenant_id = t.tenant_id AND n.id = t.notification_id
        WHERE t.tenant_id = $1 ORDER BY t.dedupe_key`,
      [t.id],
    );
    assert.deepEqual(
      rows.map((r) => [r.dedupe_key, r.channel, r.recipient, r.subject, r.customer_id]),
      [
        ['in', 'inbox', owner?.id, null, t.customerId],
        ['mail', 'email', 'wang@example.com', '年检提醒', t.customerId],
      ],
    );
  });

  test('without a phone match, inbox goes to the account with a confirmed binding to the customer’s car', async () => {
    const t = await tenantWith('');
    const [owner] = await sqlIn(t.id, `INSERT INTO owners (tenant_id, phone) VALUES ($1, '13000000055') RETURNING id`, [
      t.id,
    ]);
    await sqlIn(
      t.id,
      `INSERT INTO vehicle_bindings (tenant_id, owner_id, vehicle_id, status) VALUES ($1, $2, $3, 'confirmed')`,
      [t.id, owner?.id, t.vehicleId],
    );
    const [o] = await gate(t.id, [candidate(t, T, { channel: 'inbox', dedupeKey: 'bound' })]);
    assert.equal(o?.decision, 'sent');
    const [n] = await sqlIn(t.id, `SELECT recipient FROM notifications WHERE tenant_id = $1`, [t.id]);
    assert.equal(n?.recipient, owner?.id);
  });

  test('a call becomes a task due in the preferred slot of its day (tenant time)', async () => {
    const t = await tenantWith(`preferred_slot = 'afternoon'`);
    const [o] = await gate(t.id, [
      candidate(t, '2026-03-10T01:00:00Z', {
        channel: 'call',
        topic: 'follow_up',
        ruleKey: 'follow_up_3d',
        taskTitle: '交车3天回访',
        taskRole: 'service_advisor',
        storeId: t.storeId,
      }),
    ]);
    assert.equal(o?.sendAt, '2026-03-10T06:00:00.000Z', '14:00 local');
    const [task] = await sqlIn(t.id, `SELECT role, title, due_at, store_id FROM care_tasks WHERE tenant_id = $1`, [
      t.id,
    ]);
    assert.equal(task?.role, 'service_advisor');
    assert.equal(task?.title, '交车3天回访');
    assert.equal(new Date(task?.due_at as string).toISOString(), '2026-03-10T06:00:00.000Z');
    const [linked] = await sqlIn(t.id, `SELECT task_id FROM touches WHERE tenant_id = $1`, [t.id]);
    assert.ok(linked?.task_id);
  });
});

describe('contact gate: dedupe and dry run', () => {
  test('the same key twice makes one touch; the second is reported as a duplicate with the first decision', async () => {
    const t = await tenantWith('');
    const c = candidate(t, T, { dedupeKey: `booking:x:confirmed` });
    const [first] = await gate(t.id, [c, { ...c }]);
    const [second] = await gate(t.id, [c]);
    assert.equal(first?.duplicate, false);
    assert.deepEqual({ ...second, duplicate: true }, { ...first, duplicate: true });
    assert.equal(second?.duplicate, true);
    assert.equal(await countRows(t.id, 'touches'), 1);
    assert.equal(await countRows(t.id, 'notifications'), 1);
  });

  test('a dry run decides and writes nothing, and the candidates are gone afterwards', async () => {
    const t = await tenantWith(`marketing_opt_out = true`);
    const { out, jobs, left } = await inTenant(t.id, async (ctx, sent) => {
      await stage(ctx, [
        candidate(t, T, { dedupeKey: 'a' }),
        candidate(t, T, { dedupeKey: 'b', kind: 'marketing', topic: 'offers' }),
        candidate(t, T, { dedupeKey: 'c', channel: 'call', topic: 'win_back' }),
      ]);
      const decided = await runGate(ctx, { dryRun: true });
      const rest = await ctx.sql.executeSql('SELECT count(*) AS n FROM touch_candidates');
      return { out: decided, jobs: sent.length, left: Number(rest.rows[0]?.n) };
    });
    assert.deepEqual(
      out.map((o) => [o.decision, o.reason]),
      [
        ['sent', null],
        ['suppressed', 'marketing_opt_out'],
        ['sent', null],
      ],
    );
    assert.equal(jobs, 0);
    assert.equal(left, 0);
    for (const table of ['touches', 'notifications', 'care_tasks']) assert.equal(await countRows(t.id, table), 0);
  });
});

describe('contact gate: an open complaint', () => {
  test('holds back care, marketing and follow-ups while open; transactional notices still go; closed, care goes again', async () => {
    const t = await tenantWith('');
    await sqlIn(t.id, `UPDATE tenants SET contact_policy = '{"weeklyMessages": 10, "monthlyCalls": 5}' WHERE id = $1`, [
      t.id,
    ]);
    const [complaint] = await sqlIn(
      t.id,
      `INSERT INTO complaints (tenant_id, customer_id, category, channel, severity, summary, received_at)
       VALUES ($1, $2, 'repair_charges', 'phone', 'normal', '对保养收费有异议', $3) RETURNING id`,
      [t.id, t.customerId, at(T, -day)],
    );
    const out = await gate(t.id, [
      candidate(t, T, { dedupeKey: 'care' }),
      candidate(t, T, { dedupeKey: 'offer', kind: 'marketing', topic: 'offers', source: 'campaign' }),
      candidate(t, T, { dedupeKey: 'call', topic: 'follow_up', ruleKey: 'follow_up_3d', channel: 'call' }),
      candidate(t, T, { dedupeKey: 'bk', kind: 'transactional', topic: 'booking', source: 'booking' }),
    ]);
    const by = (k: string) => out.find((o) => o.dedupeKey === k);
    for (const k of ['care', 'offer', 'call']) {
      assert.equal(by(k)?.decision, 'suppressed', k);
      assert.equal(by(k)?.reason, 'open_complaint', k);
    }
    assert.equal(by('bk')?.decision, 'sent', 'a booking confirmation is not care: it goes');

    await sqlIn(t.id, `UPDATE complaints SET status = 'closed', closed_at = $3 WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      complaint?.id,
      at(T, day),
    ]);
    const [after] = await gate(t.id, [candidate(t, at(T, 2 * day), { dedupeKey: 'care-after', topic: 'insurance' })]);
    assert.equal(after?.decision, 'sent');
  });
});
