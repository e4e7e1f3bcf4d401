import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  careRuleKeys,
  contactChannels,
  contactPreferences,
  contactTopics,
  followUpSlotWindows,
  followUpSlots,
  touchChannels,
  transactionalTopics,
} from '@m4s/contracts';
import { callMoment } from '../../platform/time/quiet.ts';
import type { TouchCandidate } from './gate.ts';
import { runGate, stage, stageHeld, visitRequiredRules } from './gate.ts';
import { candidate, inTenant, sqlIn, tenantWith } from './test-kit.ts';

// A small seeded PRNG (mulberry32): a failing case is replayed with M4S_PROPERTY_SEED=<seed>.
const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const CASES = 200;
const acceptedAs = { inbox: 'app', sms: 'sms', email: 'email', call: 'phone' } as const;
const rollback = new Error('rollback');

describe('property: an opted-out owner receives nothing non-transactional', () => {
  test('the topic list is closed: any other topic name is refused, every listed one accepted', () => {
    const seed = Number(process.env.M4S_PROPERTY_SEED ?? Date.now() % 2_147_483_647);
    const rnd = prng(seed);
    const letters = 'abcdefghijklmnopqrstuvwxyz_';
    const prefs = (topics: string[]) => ({
      channels: [],
      quietStart: null,
      quietEnd: null,
      topicsOptedOut: topics,
      marketingOptOut: false,
    });
    assert.ok(contactPreferences.safeParse(prefs([...contactTopics])).success);
    for (let n = 0; n < 500; n += 1) {
      const name = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => letters[Math.floor(rnd() * 27)]).join('');
      const known = (contactTopics as readonly string[]).includes(name);
      const parsed = contactPreferences.safeParse(prefs(['maintenance', name]));
      assert.equal(parsed.success, known, `seed ${seed}: ${name}`);
      if (!parsed.success) assert.equal(parsed.error.issues[0]?.message, 'topic_unknown', `seed ${seed}: ${name}`);
    }
    for (const name of ['new_car', 'events', 'survey', 'Maintenance', 'maintenance ', ''])
      assert.equal(contactPreferences.safeParse(prefs([name])).success, false, name);
  });

  test(`${CASES} random preference sets, policies and candidate batches`, async () => {
    const seed = Number(process.env.M4S_PROPERTY_SEED ?? Date.now() % 2_147_483_647);
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const subset = <T>(xs: readonly T[], p: number) => xs.filter(() => rnd() < p);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const hhmm = () => `${String(int(0, 23)).padStart(2, '0')}:${pick(['00', '30'])}`;

    const t = await tenantWith(`email = 'owner@example.com'`);
    await sqlIn(t.id, `INSERT INTO owners (tenant_id, phone) VALUES ($1, '13000000000')`, [t.id]);
    const base = Date.parse('2026-05-01T00:00:00Z');
    const randomCandidate = (i: number, round: number): TouchCandidate => {
      const transactional = rnd() < 0.25;
      const topic = transactional ? pick(transactionalTopics) : pick(contactTopics);
      return candidate(t, new Date(base + int(0, 10 * 24 * 60) * 60_000), {
        dedupeKey: `p:${round}:${i}`,
        kind: transactional ? 'transactional' : pick(['care', 'marketing'] as const),
        topic,
        channel: pick(touchChannels),
        ruleKey: rnd() < 0.3 ? null : pick(careRuleKeys),
        source: transactional
          ? pick(['booking', 'visit', 'account'] as const)
          : pick(['care_rule', 'campaign', 'staff'] as const),
        priority: int(0, 200),
      });
    };

    for (let n = 0; n < CASES; n += 1) {
      const prefs = {
        channels: subset(contactChannels, 0.5),
        topics: subset(contactTopics, 0.3),
        marketing: rnd() < 0.6,
        quiet: rnd() < 0.5 ? [hhmm(), hhmm()] : [null, null],
        slot: rnd() < 0.5 ? pick(followUpSlots) : null,
      };
      const policy = {
        weeklyMessages: int(1, 14),
        monthlyCalls: int(1, 10),
        topicDays: int(1, 90),
        postVisitDays: int(0, 14),
      };
      const batches = [0, 1].map((round) => Array.from({ length: int(1, 8) }, (_, i) => randomCandidate(i, round)));
      // Sometimes a repair order from any source (the API, the DMS import, the visit flow all write one):
      // it left at `out` (or is still open: then it counts from when the car came in).
      const order =
        rnd() < 0.5
          ? { dateIn: new Date(base + int(-3 * 24 * 60, 8 * 24 * 60) * 60_000), open: rnd() < 0.3, hours: int(1, 30) }
          : null;
      const orderEnd = order && (order.open ? order.dateIn : new Date(order.dateIn.getTime() + order.hours * 3600_000));
      const where = `seed ${seed}, case ${n}: ${JSON.stringify({ prefs, policy, order })}`;
      try {
        await inTenant(t.id, async (ctx) => {
          await ctx.sql.executeSql(
            `UPDATE customers SET channels = $3, topics_opted_out = $4, marketing_opt_out = $5, quiet_start = $6,
              quiet_end = $7, preferred_slot = $8 WHERE tenant_id = $1 AND id = $2`,
            [
              t.id,
              t.customerId,
              prefs.channels,
              prefs.topics,
              prefs.marketing,
              prefs.quiet[0],
              prefs.quiet[1],
              prefs.slot,
            ],
          );
          await ctx.sql.executeSql('UPDATE tenants SET contact_policy = $2 WHERE id = $1', [
            t.id,
            JSON.stringify(policy),
          ]);
          if (order && orderEnd)
            await ctx.sql.executeSql(
              `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, type, date_in, date_out)
                VALUES ($1, $2, $3, $4, 'maintenance', $5, $6)`,
              [t.id, `P-${n}`, t.vehicleId, t.customerId, order.dateIn, order.open ? null : orderEnd],
            );
          const slot = prefs.slot ? followUpSlotWindows[prefs.slot] : null;
          const quiet = prefs.quiet[0] && prefs.quiet[1] ? { start: prefs.quiet[0], end: prefs.quiet[1] } : null;
          for (const batch of batches) {
            await stage(ctx, batch);
            const outcomes = await runGate(ctx, { dryRun: false });
            for (const c of batch) {
              const o = outcomes.find((x) => x.dedupeKey === c.dedupeKey);
              assert.ok(o, `${where}: no outcome for ${c.dedupeKey}`);
              const refused =
                !prefs.channels.includes(acceptedAs[c.channel]) ||
                prefs.topics.includes(c.topic) ||
                (c.kind === 'marketing' && prefs.marketing);
              const what = `${where}: ${JSON.stringify(c)} → ${JSON.stringify(o)}`;
              if (c.kind !== 'transactional' && refused) assert.equal(o.decision, 'suppressed', what);
              if (c.kind === 'transactional') assert.ok(o.reason === null || o.reason === 'no_address', what);
              // Every visit, whatever its source, starts the post-visit pause (what the visit requires aside).
              const afterVisit =
                orderEnd !== null &&
                policy.postVisitDays > 0 &&
                c.dueAt >= orderEnd &&
                c.dueAt.getTime() < orderEnd.getTime() + policy.postVisitDays * 24 * 3600_000;
              if (c.kind !== 'transactional' && afterVisit && !(c.ruleKey && visitRequiredRules.includes(c.ruleKey)))
                assert.equal(o.decision, 'suppressed', what);
              // A call is made inside the slot and outside quiet hours: the earliest such moment from its due time.
              if (c.channel === 'call' && o.decision === 'sent')
                assert.equal(o.sendAt, callMoment(c.dueAt, slot, quiet, 'Asia/Shanghai').toISOString(), what);
            }
          }
          // And in the outbox and the task lists, whatever the gate reported: nothing the owner refused.
          const { rows } = await ctx.sql.executeSql(
            `SELECT t.channel, t.topic, t.kind FROM touches t WHERE t.tenant_id = $1 AND t.customer_id = $2
              AND t.kind <> 'transactional' AND (t.notification_id IS NOT NULL OR t.task_id IS NOT NULL)`,
            [t.id, t.customerId],
          );
          for (const r of rows) {
            const channel = r.channel as keyof typeof acceptedAs;
            assert.ok(prefs.channels.includes(acceptedAs[channel]), `${where}: reached on ${channel}`);
            assert.ok(
              !prefs.topics.includes(r.topic as (typeof contactTopics)[number]),
              `${where}: topic ${String(r.topic)}`,
            );
            assert.ok(!(r.kind === 'marketing' && prefs.marketing), `${where}: marketing reached`);
          }
          throw rollback;
        });
      } catch (error) {
        if (error !== rollback) {
          console.error(`property failed — replay with M4S_PROPERTY_SEED=${seed}`);
          throw error;
        }
      }
    }
  });
});

describe('property: a touch held back by a cap waits for the next free window, or expires — never dropped, never twice', () => {
  const HELD_CASES = 25;
  const caps = ['weekly_cap', 'call_cap', 'topic_cap'];

  test(`${HELD_CASES} random policies and batches, then the nights that bring held touches back`, async () => {
    const seed = Number(process.env.M4S_PROPERTY_SEED ?? Date.now() % 2_147_483_647);
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const t = await tenantWith(`email = 'owner@example.com', channels = '{app,sms,phone,email}'`);
    await sqlIn(t.id, `INSERT INTO owners (tenant_id, phone) VALUES ($1, '13000000000')`, [t.id]);
    const base = Date.parse('2026-05-01T02:00:00Z');
    const day = 24 * 3600_000;
    const careTopics = contactTopics.filter((x) => !transactionalTopics.includes(x));

    for (let n = 0; n < HELD_CASES; n += 1) {
      const policy = { weeklyMessages: int(1, 3), monthlyCalls: int(1, 2), topicDays: int(5, 40), postVisitDays: 0 };
      const batch: TouchCandidate[] = Array.from({ length: int(3, 12) }, (_, i) => {
        const due = new Date(base + int(0, 20) * day + int(0, 10) * 3600_000);
        return candidate(t, due, {
          dedupeKey: `h:${n}:${i}`,
          kind: pick(['care', 'marketing'] as const),
          topic: pick(careTopics.slice(0, 4)),
          channel: pick(touchChannels),
          ruleKey: pick(careRuleKeys.filter((k) => !visitRequiredRules.includes(k))),
          priority: int(0, 100),
          expiresAt: rnd() < 0.3 ? null : new Date(due.getTime() + int(0, 60) * day),
        });
      });
      const where = `seed ${seed}, case ${n}: ${JSON.stringify(policy)}`;
      try {
        await inTenant(t.id, async (ctx) => {
          await ctx.sql.executeSql(
            `UPDATE customers SET quiet_start = NULL, quiet_end = NULL, preferred_slot = NULL, topics_opted_out = '{}',
              marketing_opt_out = false WHERE tenant_id = $1 AND id = $2`,
            [t.id, t.customerId],
          );
          await ctx.sql.executeSql('UPDATE tenants SET contact_policy = $2 WHERE id = $1', [
            t.id,
            JSON.stringify(policy),
          ]);
          await stage(ctx, batch);
          const first = await runGate(ctx, { dryRun: false });
          for (const c of batch) {
            const o = first.find((x) => x.dedupeKey === c.dedupeKey);
            const what = `${where}: ${JSON.stringify(c)} → ${JSON.stringify(o)}`;
            assert.ok(o, what);
            // A cap never drops a touch: it waits, or its moment has passed.
            if (o.reason && caps.includes(o.reason)) assert.ok(['held', 'expired'].includes(o.decision), what);
            const until = (c.expiresAt ?? new Date(c.dueAt.getTime() + 30 * day)).getTime();
            if (o.decision === 'held') {
              assert.ok(o.sendAt && Date.parse(o.sendAt) >= c.dueAt.getTime(), `${what}: waits from its due time`);
              assert.ok(o.sendAt && Date.parse(o.sendAt) < until, `${what}: waits only while it makes sense`);
            }
            if (o.decision === 'expired') assert.equal(o.sendAt, null, what);
          }
          // The nights: each brings back what is free by its end (and expires what is past); some nights are
          // missed (caught up by the next) and some run twice.
          for (let night = 1; night <= 90; night += int(2, 6)) {
            const end = new Date(base + night * day);
            for (let again = rnd() < 0.2 ? 2 : 1; again > 0; again -= 1) {
              await stageHeld(ctx, { until: end, messageAt: new Date(end.getTime() - 16 * 3600_000), callAt: end });
              for (const o of await runGate(ctx, { dryRun: false })) {
                const c = batch.find((x) => x.dedupeKey === o.dedupeKey);
                const until = c && (c.expiresAt ?? new Date(c.dueAt.getTime() + 30 * day)).getTime();
                const what = `${where}, night ${night}: ${JSON.stringify(o)}`;
                if (o.decision === 'sent' || o.decision === 'deferred')
                  assert.ok(until && o.sendAt && Date.parse(o.sendAt) < until + day, `${what}: not after its moment`);
                if (o.reason && caps.includes(o.reason)) assert.ok(['held', 'expired'].includes(o.decision), what);
              }
            }
          }
          const { rows } = await ctx.sql.executeSql(
            `SELECT t.dedupe_key, t.decision, t.channel, t.send_at, t.expires_at, t.held IS NOT NULL AS words,
                (SELECT count(*) FROM notifications n WHERE n.tenant_id = t.tenant_id AND n.id = t.notification_id) AS messages,
                (SELECT count(*) FROM care_tasks k WHERE k.tenant_id = t.tenant_id AND k.id = t.task_id) AS tasks
              FROM touches t WHERE t.tenant_id = $1 AND t.dedupe_key LIKE $2`,
            [t.id, `h:${n}:%`],
          );
          assert.equal(rows.length, batch.length, `${where}: one ledger row per touch`);
          for (const r of rows) {
            const what = `${where}: ${JSON.stringify(r)}`;
            // 90 days on, nothing waits any more: each went once, or was dropped for a reason, or expired.
            assert.notEqual(r.decision, 'held', what);
            assert.equal(r.words, false, `${what}: kept words are cleared once decided`);
            const went = r.decision === 'sent' || r.decision === 'deferred';
            assert.equal(Number(r.messages), went && r.channel !== 'call' ? 1 : 0, what);
            assert.equal(Number(r.tasks), went && r.channel === 'call' ? 1 : 0, what);
          }
          const made = await ctx.sql.executeSql(
            `SELECT count(*) AS n, count(DISTINCT n.id) AS d FROM touches t
              JOIN notifications n ON n.tenant_id = t.tenant_id AND n.id = t.notification_id
              WHERE t.tenant_id = $1 AND t.dedupe_key LIKE $2`,
            [t.id, `h:${n}:%`],
          );
          assert.equal(Number(made.rows[0]?.n), Number(made.rows[0]?.d), `${where}: never twice`);
          throw rollback;
        });
      } catch (error) {
        if (error !== rollback) {
          console.error(`property failed — replay with M4S_PROPERTY_SEED=${seed}`);
          throw error;
        }
      }
    }
  });
});
