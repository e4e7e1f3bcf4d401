import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { candidate, gate, inTenant, sqlIn, tenantWith } from './test-kit.ts';
import { expireHeldOf, runGate, stageHeld, type GateOutcome } from './gate.ts';

// The test tenants live in Asia/Shanghai (UTC+8): 02:00Z is 10:00 local.
const day = 24 * 3600_000;
const at = (iso: string, deltaMs = 0) => new Date(new Date(iso).getTime() + deltaMs);
const T = '2026-03-10T02:00:00Z';

/** The nightly turn of held touches: those free before `until` come back, due at `messageAt` at the earliest. */
const nightly = (tenantId: string, until: Date, messageAt: Date, dryRun = false) =>
  inTenant(tenantId, async (ctx, sent) => {
    const staged = await stageHeld(ctx, { until, messageAt, callAt: messageAt });
    const out: GateOutcome[] = await runGate(ctx, { dryRun });
    return { staged, out, jobs: sent.length };
  });

const ledger = (tenantId: string) =>
  sqlIn(
    tenantId,
    `SELECT dedupe_key, decision, reason, due_at, send_at, expires_at, held IS NOT NULL AS has_words,
        notification_id IS NOT NULL AS has_message, task_id IS NOT NULL AS has_task
       FROM touches WHERE tenant_id = $1 ORDER BY dedupe_key`,
    [tenantId],
  );

describe('a touch held back by a cap waits for the next free window (issue 11 point 6d)', () => {
  test('topic cap: held until 30 days after the last touch of the topic, then goes once — never twice', async () => {
    const t = await tenantWith('');
    await gate(t.id, [candidate(t, T, { topic: 'insurance', dedupeKey: 'first' })]);
    const [o] = await gate(t.id, [
      candidate(t, at(T, 10 * day), { topic: 'insurance', dedupeKey: 'second', expiresAt: at(T, 60 * day) }),
    ]);
    assert.equal(o?.decision, 'held');
    assert.equal(o?.reason, 'topic_cap');
    assert.equal(o?.sendAt, at(T, 30 * day).toISOString(), 'the topic is free 30 days after its last touch');
    const [held] = (await ledger(t.id)).filter((r) => r.dedupe_key === 'second');
    assert.equal(held?.has_words, true, 'the words wait with it');
    assert.equal(held?.has_message, false, 'no message yet');

    // A night before the window is free: nothing comes back.
    const early = await nightly(t.id, at(T, 29 * day), at(T, 28 * day));
    assert.equal(early.staged, 0);
    // The night of the free day (10:00 local = 02:00Z is the day's message hour): it goes.
    const free = await nightly(t.id, at(T, 31 * day - 2 * 3600_000), at(T, 30 * day));
    assert.equal(free.staged, 1);
    assert.deepEqual(
      free.out.map((x) => [x.dedupeKey, x.decision, x.reason, x.duplicate]),
      [['second', 'sent', null, false]],
    );
    assert.equal(free.jobs, 1, 'one send job');
    const [sent] = (await ledger(t.id)).filter((r) => r.dedupe_key === 'second');
    assert.equal(sent?.decision, 'sent');
    assert.equal(sent?.has_message, true);
    assert.equal(sent?.has_words, false, 'the kept words are cleared once it is decided');
    const [n] = await sqlIn(
      t.id,
      `SELECT body FROM notifications n JOIN touches x ON x.notification_id = n.id
      WHERE x.tenant_id = $1 AND x.dedupe_key = 'second'`,
      [t.id],
    );
    assert.match(String(n?.body), /保养/);
    // The night caught up again (or run twice): nothing is held any more, nothing is made twice.
    const again = await nightly(t.id, at(T, 31 * day - 2 * 3600_000), at(T, 30 * day));
    assert.equal(again.staged, 0);
    const made = await sqlIn(t.id, 'SELECT count(*) AS n FROM notifications WHERE tenant_id = $1', [t.id]);
    assert.equal(Number(made[0]?.n), 2);
  });

  test('a missed night is caught up: a touch freed days ago goes at the next night’s hour', async () => {
    const t = await tenantWith('');
    await gate(t.id, [candidate(t, T, { topic: 'warranty', dedupeKey: 'a' })]);
    await gate(t.id, [candidate(t, at(T, day), { topic: 'warranty', dedupeKey: 'b', expiresAt: at(T, 90 * day) })]);
    const late = await nightly(t.id, at(T, 41 * day), at(T, 40 * day));
    assert.equal(late.out[0]?.decision, 'sent');
    assert.equal(late.out[0]?.sendAt, at(T, 40 * day).toISOString(), 'due at the night’s message hour');
  });

  test('its moment passed: recorded as expired with the cap that held it, nothing sent', async () => {
    const t = await tenantWith('');
    await gate(t.id, [candidate(t, T, { topic: 'insurance', dedupeKey: 'first' })]);
    // The insurance expires in 20 days: the topic is free only in 30 — it can never go in time.
    const [now] = await gate(t.id, [
      candidate(t, at(T, day), { topic: 'insurance', dedupeKey: 'late', expiresAt: at(T, 20 * day) }),
    ]);
    assert.deepEqual([now?.decision, now?.reason, now?.sendAt], ['expired', 'topic_cap', null]);
    // Held until the topic is free in 30 days; the nights until then did not run, and its moment passed.
    await gate(t.id, [
      candidate(t, at(T, 2 * day), { topic: 'insurance', dedupeKey: 'held', expiresAt: at(T, 40 * day) }),
    ]);
    const night = await nightly(t.id, at(T, 45 * day), at(T, 44 * day));
    assert.deepEqual(
      night.out.map((x) => [x.dedupeKey, x.decision, x.reason]),
      [['held', 'expired', 'topic_cap']],
    );
    assert.equal(night.jobs, 0);
    const rows = await ledger(t.id);
    assert.deepEqual(
      rows.map((r) => [r.dedupe_key, r.decision, r.reason, r.has_message, r.has_words]),
      [
        ['first', 'sent', null, true, false],
        ['held', 'expired', 'topic_cap', false, false],
        ['late', 'expired', 'topic_cap', false, false],
      ],
    );
  });

  test('weekly cap: the next free moment is when the oldest message of the week leaves the window', async () => {
    const t = await tenantWith('');
    await gate(t.id, [
      candidate(t, at(T, -5 * day), { topic: 'insurance' }),
      candidate(t, at(T, -2 * day), { topic: 'inspection' }),
    ]);
    const [o] = await gate(t.id, [candidate(t, T, { topic: 'warranty', dedupeKey: 'w' })]);
    assert.deepEqual([o?.decision, o?.reason, o?.sendAt], ['held', 'weekly_cap', at(T, 2 * day).toISOString()]);
    // Without an expiry of its own a touch makes sense for 30 days.
    const [row] = await ledger(t.id).then((r) => r.filter((x) => x.dedupe_key === 'w'));
    assert.equal(new Date(String(row?.expires_at)).toISOString(), at(T, 30 * day).toISOString());
  });

  test('call cap: a trade-in call waits a month for the free call, as a task in the slot then', async () => {
    const t = await tenantWith(`preferred_slot = 'afternoon'`);
    const call = { channel: 'call' as const, kind: 'marketing' as const };
    await gate(t.id, [candidate(t, T, { ...call, topic: 'win_back', ruleKey: 'win_back', dedupeKey: 'wb' })]);
    const [o] = await gate(t.id, [
      candidate(t, at(T, day), { ...call, topic: 'trade_in', ruleKey: 'trade_in', dedupeKey: 'ti' }),
    ]);
    assert.deepEqual([o?.decision, o?.reason, o?.sendAt], ['held', 'call_cap', at(T, 30 * day).toISOString()]);
    const night = await nightly(t.id, at(T, 31 * day), at(T, 30 * day - 3600_000));
    assert.equal(night.out[0]?.decision, 'sent');
    assert.equal(night.out[0]?.sendAt, at(T, 30 * day + 4 * 3600_000).toISOString(), '14:00 local, the afternoon slot');
    const tasks = await sqlIn(t.id, `SELECT count(*) AS n FROM care_tasks WHERE tenant_id = $1`, [t.id]);
    assert.equal(Number(tasks[0]?.n), 2);
  });

  test('a dry run of the night decides held touches and changes nothing', async () => {
    const t = await tenantWith('');
    await gate(t.id, [candidate(t, T, { topic: 'insurance', dedupeKey: 'a' })]);
    await gate(t.id, [candidate(t, at(T, day), { topic: 'insurance', dedupeKey: 'b', expiresAt: at(T, 90 * day) })]);
    const dry = await nightly(t.id, at(T, 31 * day), at(T, 30 * day), true);
    assert.equal(dry.out[0]?.decision, 'sent');
    assert.equal((await ledger(t.id)).find((r) => r.dedupe_key === 'b')?.decision, 'held');
  });

  test('erasing the customer expires their held touches and removes the words kept for them', async () => {
    const t = await tenantWith('');
    await gate(t.id, [candidate(t, T, { topic: 'insurance', dedupeKey: 'a' })]);
    await gate(t.id, [candidate(t, at(T, day), { topic: 'insurance', dedupeKey: 'b', expiresAt: at(T, 90 * day) })]);
    await inTenant(t.id, (ctx) => expireHeldOf(ctx.sql, t.id, t.customerId));
    const row = (await ledger(t.id)).find((r) => r.dedupe_key === 'b');
    assert.deepEqual([row?.decision, row?.reason, row?.has_words], ['expired', 'erased', false]);
  });
});
