import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, testApp, testClock } from '../../../test/harness.ts';
import { inTenant, sqlIn } from '../../modules/contact/test-kit.ts';
import { addCustomer, addVehicle, shiftDay } from '../../modules/care/test-kit.ts';
import { localOf } from '../time/zone.ts';
import { nightlySteps } from '../../nightly.ts';
import type { JobSteps } from '../jobs/queue.ts';
import { defineNightly, type NightlyStep } from './nightly.ts';
import { ensureNightly, nightlyJob, nightlyJobName, runNightlySteps } from './schedule.ts';

const D = '2031-05-10';
/** Moves the test clock to an instant (the clock is the one thing tests fake). */
const at = (iso: string) => {
  testClock.offsetMs = 0;
  testClock.advance(Date.parse(iso) - Date.now());
};

/** Two steps that note each run (step@day) and touch the database as a real one does. */
const recording = (fail: { b: number } = { b: 0 }) => {
  const calls: string[] = [];
  const step = (name: string): NightlyStep =>
    defineNightly({
      name,
      run: async (job, day) => {
        await job.step((ctx) => ctx.sql.executeSql('SELECT 1'));
        if (name === 'test.b' && fail.b-- > 0) throw new Error('step b failed');
        calls.push(`${name}@${day}`);
        return { day };
      },
    });
  return { calls, steps: [step('test.a'), step('test.b')] };
};

const deps = async () => {
  const { app } = await testApp();
  return { runner: app.m4s.runner, log: app.log };
};

/** The queued night's handler, run as the worker would. */
const runJob = async (steps: readonly NightlyStep[], tenantId: string, day: string) => {
  const def = nightlyJob(steps);
  if (!('steps' in def)) throw new Error('the nightly job runs in steps');
  const { runner, log } = await deps();
  const job: JobSteps = runner.stepsFor(tenantId, log);
  await def.steps(job, { tenantId, day });
};

const ensure = (tenantId: string, steps: readonly NightlyStep[]) =>
  inTenant(tenantId, async (ctx, sent) => {
    await ensureNightly(ctx, steps);
    return sent.map((s) => ({ name: s.name, day: s.data.day, startAfter: s.startAfter?.toISOString() ?? 'now' }));
  });

describe('the nightly registry', () => {
  test('steps run in their order, once per tenant and day; a forced re-run runs them again', async () => {
    const t = await createTestTenant();
    const { calls, steps } = recording();
    const first = await runNightlySteps(await deps(), steps, t.id, D);
    assert.deepEqual(calls, [`test.a@${D}`, `test.b@${D}`]);
    assert.deepEqual(first.ran, ['test.a', 'test.b']);
    const rows = await sqlIn(
      t.id,
      "SELECT step, to_char(day, 'YYYY-MM-DD') AS day, summary FROM nightly_runs WHERE tenant_id = $1 ORDER BY started_at, step",
      [t.id],
    );
    assert.deepEqual(rows, [
      { step: 'test.a', day: D, summary: { day: D } },
      { step: 'test.b', day: D, summary: { day: D } },
    ]);
    const again = await runNightlySteps(await deps(), steps, t.id, D);
    assert.deepEqual(again.skipped, ['test.a', 'test.b']);
    assert.equal(calls.length, 2, 'a second run of the same day runs nothing');
    await runNightlySteps(await deps(), steps, t.id, D, { force: true });
    assert.deepEqual(calls.slice(2), [`test.a@${D}`, `test.b@${D}`]);
    const other = await createTestTenant();
    assert.deepEqual(
      await sqlIn(other.id, 'SELECT step FROM nightly_runs'),
      [],
      'another tenant sees none of the records',
    );
  });

  test('a step that fails stops the night there; the retry starts with it', async () => {
    const t = await createTestTenant();
    const { calls, steps } = recording({ b: 1 });
    await assert.rejects(runNightlySteps(await deps(), steps, t.id, D), /step b failed/);
    assert.deepEqual(calls, [`test.a@${D}`]);
    await runNightlySteps(await deps(), steps, t.id, D);
    assert.deepEqual(calls, [`test.a@${D}`, `test.b@${D}`]);
  });

  test('a brand-new tenant runs today’s steps at once, before or after 02:00, and its chain starts', async () => {
    const t = await createTestTenant();
    const { steps } = recording();
    try {
      at('2031-05-09T17:00:00Z'); // 01:00 on D in Shanghai
      assert.deepEqual(await ensure(t.id, steps), [
        { name: nightlyJobName, day: D, startAfter: 'now' },
        { name: nightlyJobName, day: D, startAfter: '2031-05-09T18:00:00.000Z' },
      ]);
      at('2031-05-10T07:00:00Z'); // 15:00 on D
      assert.deepEqual(await ensure(t.id, steps), [
        { name: nightlyJobName, day: D, startAfter: 'now' },
        { name: nightlyJobName, day: '2031-05-11', startAfter: '2031-05-10T18:00:00.000Z' },
      ]);
    } finally {
      testClock.offsetMs = 0;
    }
  });

  test('a night missed while the server was down is caught up at start, once', async () => {
    const t = await createTestTenant();
    const { calls, steps } = recording();
    try {
      at('2031-05-08T19:00:00Z'); // 03:00 on D-1: that night ran
      await runJob(steps, t.id, shiftDay(D, -1));
      assert.deepEqual(calls, [`test.a@${shiftDay(D, -1)}`, `test.b@${shiftDay(D, -1)}`]);
      at('2031-05-09T17:59:00Z'); // 01:59 on D: nothing missed yet
      assert.deepEqual(await ensure(t.id, steps), [
        { name: nightlyJobName, day: D, startAfter: '2031-05-09T18:00:00.000Z' },
      ]);
      at('2031-05-09T21:00:00Z'); // 05:00 on D: the server was down at 02:00
      assert.deepEqual(await ensure(t.id, steps), [
        { name: nightlyJobName, day: D, startAfter: 'now' },
        { name: nightlyJobName, day: '2031-05-11', startAfter: '2031-05-10T18:00:00.000Z' },
      ]);
      await runJob(steps, t.id, D);
      assert.deepEqual(calls.slice(2), [`test.a@${D}`, `test.b@${D}`]);
      // Started a second time (a restart, the hourly check, the night's own job still queued): nothing more.
      assert.deepEqual(await ensure(t.id, steps), [
        { name: nightlyJobName, day: '2031-05-11', startAfter: '2031-05-10T18:00:00.000Z' },
      ]);
      await runJob(steps, t.id, D);
      assert.equal(calls.length, 4);
    } finally {
      testClock.offsetMs = 0;
    }
  });

  test('a long outage is caught up three nights back at most, oldest first', async () => {
    const t = await createTestTenant();
    const { calls, steps } = recording();
    try {
      await runNightlySteps(await deps(), steps, t.id, shiftDay(D, -10));
      at('2031-05-09T21:00:00Z'); // 05:00 on D
      await runJob(steps, t.id, D);
      assert.deepEqual(
        calls.slice(2),
        [-2, -1, 0].flatMap((n) => [`test.a@${shiftDay(D, n)}`, `test.b@${shiftDay(D, n)}`]),
      );
    } finally {
      testClock.offsetMs = 0;
    }
  });

  test('the registered night of a new tenant: today’s care tasks and touches at once, the next night queued once', async () => {
    const t = await createTestTenant(['group_admin', 'sales_consultant', 'cs_specialist']);
    const { app, db } = await testApp();
    const today = localOf(testClock.now(), 'Asia/Shanghai').day;
    const buyer = await addCustomer(t, { name: '孙丽', gender: 'female' });
    const car = await addVehicle(t, buyer, { purchaseDate: shiftDay(today, -3) });
    await sqlIn(
      t.id,
      `INSERT INTO sales_orders (tenant_id, customer_id, vehicle_id, store_id, consultant_id, order_date, delivery_date, price_fen)
       VALUES ($1, $2, $3, $4, $5, $6, $6, 12000000)`,
      [t.id, buyer, car, t.storeId, t.staffIds.sales_consultant, shiftDay(today, -3)],
    );
    assert.deepEqual(
      nightlySteps.map((s) => s.name),
      [
        'segments.classify',
        'loyalty.night',
        'referrals.night',
        'care.sweep',
        'calls.expire',
        'webhooks.log_retention',
        'auth.sign_in_throttle_retention',
        'surveys.templates',
        'content.knowledge',
        'complaints.deadlines',
        'events.close',
        'kpis.snapshot',
        'reports.monthly',
      ],
    );
    // As the server does at start, through the real queue and its worker.
    for (let i = 0; i < 2; i++) await app.m4s.runner.inTenant(t.id, (ctx) => ensureNightly(ctx, nightlySteps));
    const deadline = Date.now() + 60_000;
    let ran: Record<string, unknown>[] = [];
    while (Date.now() < deadline) {
      ran = await sqlIn(
        t.id,
        "SELECT step, to_char(day, 'YYYY-MM-DD') AS day FROM nightly_runs WHERE tenant_id = $1 ORDER BY started_at",
        [t.id],
      );
      if (ran.length === nightlySteps.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.deepEqual(ran, [
      { step: 'segments.classify', day: today },
      { step: 'loyalty.night', day: today },
      { step: 'referrals.night', day: today },
      { step: 'care.sweep', day: today },
      { step: 'calls.expire', day: today },
      { step: 'webhooks.log_retention', day: today },
      { step: 'auth.sign_in_throttle_retention', day: today },
      { step: 'surveys.templates', day: today },
      { step: 'content.knowledge', day: today },
      { step: 'complaints.deadlines', day: today },
      { step: 'events.close', day: today },
      { step: 'kpis.snapshot', day: today },
      { step: 'reports.monthly', day: today },
    ]);
    const tasks = await sqlIn(t.id, 'SELECT role FROM care_tasks WHERE tenant_id = $1 AND customer_id = $2', [
      t.id,
      buyer,
    ]);
    assert.deepEqual(tasks, [{ role: 'sales_consultant' }]);
    const touches = await sqlIn(t.id, 'SELECT rule_key FROM touches WHERE tenant_id = $1 AND customer_id = $2', [
      t.id,
      buyer,
    ]);
    assert.deepEqual(touches, [{ rule_key: 'follow_up_3d' }]);
    const classes = await sqlIn(t.id, 'SELECT count(*)::int AS n FROM customer_segments WHERE tenant_id = $1', [t.id]);
    assert.ok(Number(classes[0]?.n) >= 2, 'the customers were classified');
    const queued = await db.owner.executeSql(
      `SELECT data->>'day' AS day, state FROM pgboss.job WHERE name = $1 AND data->>'tenantId' = $2 ORDER BY data->>'day'`,
      [nightlyJobName, t.id],
    );
    // (A second run of today may still be waiting: the second confirmation came while the first was running.)
    assert.deepEqual(
      queued.rows.filter((r) => r.state === 'created' && r.day !== today).map((r) => r.day),
      [shiftDay(today, 1)],
      'one next night queued, however often the chain is confirmed',
    );
  });
});
