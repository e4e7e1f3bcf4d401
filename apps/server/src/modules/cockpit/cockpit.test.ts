import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Scorecard, Scorecards, Today, CockpitItems, Trend } from '@m4s/contracts';
import {
  createTestTenant,
  signInStaff,
  testApp,
  testClock,
  type Agent,
  type TestTenant,
} from '../../../test/harness.ts';

// 2026-11-18 14:00 in Shanghai: the period is 2026-11.
const now = new Date('2026-11-18T06:00:00Z');
const at = (iso: string) => new Date(iso);

type World = { t: TestTenant; a: string; b: string; admin: Agent; manager: Agent; advisor: Agent };

/**
 * One store, advisors A (signed in) and B. Today: A's car in the bay and one waiting since yesterday, B's car
 * ready, a late call task of A, an open complaint A handles. In November: A delivered four visits (two of a car
 * serviced in June: repeat; three timed into the bay, two within 30 minutes), recorded one referral, handled two
 * complaints (one answered on time); B delivered one visit of the June car.
 */
const world = async (): Promise<World> => {
  const { db } = await testApp();
  const t = await createTestTenant(['group_admin', 'store_manager', 'service_advisor']);
  const a = t.staffIds.service_advisor!;
  const b = randomUUID();
  const v1 = t.vehicleId;
  const [v2, v3, v4] = [randomUUID(), randomUUID(), randomUUID()];
  await db.transaction({ tenantId: t.id }, async ({ sql }) => {
    const run = (text: string, values: unknown[]) => sql.executeSql(text, values);
    await run(
      `INSERT INTO staff (tenant_id, id, login, name, role, store_id, password_hash)
       VALUES ($1, $2, 'advisor.b', 'B顾问', 'service_advisor', $3, 'x')`,
      [t.id, b, t.storeId],
    );
    for (const [id, vin] of [
      [v2, 'LFV2A21K8J3000002'],
      [v3, 'LFV2A21K8J3000003'],
      [v4, 'LFV2A21K8J3000004'],
    ])
      await run(`INSERT INTO vehicles (tenant_id, id, vin, owner_id) VALUES ($1, $2, $3, $4)`, [
        t.id,
        id,
        vin,
        t.customerId,
      ]);
    await run(
      `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in)
       VALUES ($1, 'RO-JUNE', $2, $3, $4, 'maintenance', '2026-06-01T02:00:00Z')`,
      [t.id, v1, t.customerId, t.storeId],
    );
    const visit = async (
      advisor: string,
      vehicle: string,
      status: string,
      checkedIn: string,
      delivered: string | null,
      bayAfterMin: number | null,
    ) => {
      const id = randomUUID();
      await run(
        `INSERT INTO visits (tenant_id, id, store_id, customer_id, vehicle_id, advisor_id, status, checked_in_at, delivered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [t.id, id, t.storeId, t.customerId, vehicle, advisor, status, at(checkedIn), delivered && at(delivered)],
      );
      if (bayAfterMin !== null)
        await run(`INSERT INTO visit_events (tenant_id, visit_id, status, at) VALUES ($1, $2, 'in_bay', $3)`, [
          t.id,
          id,
          new Date(at(checkedIn).getTime() + bayAfterMin * 60_000),
        ]);
    };
    // Today (Shanghai day 2026-11-18 = 2026-11-17T16:00Z … 2026-11-18T16:00Z).
    await visit(a, v2, 'in_bay', '2026-11-18T01:00:00Z', null, 10);
    await visit(b, v3, 'ready', '2026-11-18T02:00:00Z', null, null);
    await visit(a, v4, 'checked_in', '2026-11-17T08:00:00Z', null, null);
    // November's deliveries.
    await visit(a, v1, 'delivered', '2026-11-03T01:00:00Z', '2026-11-03T06:00:00Z', 20);
    await visit(a, v1, 'delivered', '2026-11-05T01:00:00Z', '2026-11-05T06:00:00Z', 30);
    await visit(a, v2, 'delivered', '2026-11-06T01:00:00Z', '2026-11-06T06:00:00Z', 45);
    await visit(a, v2, 'delivered', '2026-11-07T01:00:00Z', '2026-11-07T06:00:00Z', null);
    await visit(b, v1, 'delivered', '2026-11-08T01:00:00Z', '2026-11-08T06:00:00Z', null);
    // October: not in the period.
    await visit(b, v2, 'delivered', '2026-10-08T01:00:00Z', '2026-10-08T06:00:00Z', 5);
    await run(
      `INSERT INTO care_tasks (tenant_id, customer_id, store_id, role, assignee_id, title, script, due_at)
       VALUES ($1, $2, $3, 'service_advisor', $4, '回访', '您好', '2026-11-17T03:00:00Z')`,
      [t.id, t.customerId, t.storeId, a],
    );
    await run(
      `INSERT INTO referrals (tenant_id, code, referrer_id, channel, referred_phone, referred_name, store_id,
                              consultant_id, status, created_at)
       VALUES ($1, 'R1', $2, 'service', '13900000009', '朋友', $3, $4, 'invited', '2026-11-10T02:00:00Z')`,
      [t.id, t.customerId, t.storeId, a],
    );
    const complaint = async (status: string, due: string, answered: string | null) =>
      run(
        `INSERT INTO complaints (tenant_id, customer_id, store_id, category, channel, severity, summary, status,
                                 received_at, handler_id, answer_due, answered_at)
         VALUES ($1, $2, $3, 'repair_time', 'phone', 'normal', '等太久', $4, $5, $6, $7, $8)`,
        [t.id, t.customerId, t.storeId, status, at('2026-11-01T02:00:00Z'), a, at(due), answered && at(answered)],
      );
    await complaint('closed', '2026-11-02T02:00:00Z', '2026-11-01T09:00:00Z');
    await complaint('open', '2026-11-04T02:00:00Z', null);
  });
  return {
    t,
    a,
    b,
    admin: await signInStaff(t.slug, 'group.admin'),
    manager: await signInStaff(t.slug, 'store.manager'),
    advisor: await signInStaff(t.slug, 'service.advisor'),
  };
};

const json = async <T>(agent: Agent, url: string): Promise<T> => {
  const res = await agent.get(url);
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  return res.json<T>();
};
const figures = (f: Today['totals']) => [
  f.carsIn,
  f.waiting,
  f.ready,
  f.bookings,
  f.tasksLate,
  f.alertsOpen,
  f.complaintsOpen,
];
const lines = (c: Scorecard) => c.lines.map((l) => [l.component, l.numerator, l.denominator, l.score]);

describe('the morning view and the staff scorecard', () => {
  let w: World;
  before(async () => {
    testClock.offsetMs = now.getTime() - Date.now();
    w = await world();
  });
  // Every server test file shares one process, and some reset the clock after each test at their top level
  // (booking's afterEach): each test here puts it back on the morning its sessions were opened.
  beforeEach(() => {
    testClock.offsetMs = now.getTime() - Date.now();
  });
  after(() => {
    testClock.offsetMs = 0;
  });

  test('today: the group per store, a store per advisor, an advisor their own, and the rows behind a number', async () => {
    const group = await json<Today>(w.admin, '/api/cockpit/today');
    assert.equal(group.level, 'group');
    assert.equal(group.day, '2026-11-18');
    assert.deepEqual(figures(group.totals), [2, 2, 1, 0, 1, 0, 1]);
    assert.deepEqual(
      group.rows.map((r) => [r.label, r.carsIn, r.waiting, r.ready]),
      [
        ['一号店', 2, 2, 1],
        ['二号店', 0, 0, 0],
      ],
    );
    const store = await json<Today>(w.admin, `/api/cockpit/today?storeId=${w.t.storeId}`);
    assert.equal(store.level, 'store');
    assert.deepEqual(
      store.rows.map((r) => [r.label, ...figures(r)]),
      [
        ['B顾问', 1, 0, 1, 0, 0, 0, 0],
        ['service_advisor', 1, 2, 0, 0, 1, 0, 1],
      ],
    );
    const mine = await json<Today>(w.advisor, '/api/cockpit/today');
    assert.equal(mine.level, 'advisor');
    assert.deepEqual(figures(mine.totals), [1, 2, 0, 0, 1, 0, 1]);
    const waiting = await json<CockpitItems>(w.manager, `/api/cockpit/today/items?figure=waiting&advisorId=${w.a}`);
    assert.deepEqual(waiting.items.map((i) => [i.kind, i.status, i.customerName]).sort(), [
      ['visit', 'checked_in', '测试客户'],
      ['visit', 'in_bay', '测试客户'],
    ]);
  });

  test('scope: an advisor only themselves, a store manager only their store; unknown store and advisor are 400', async () => {
    assert.equal((await w.advisor.get(`/api/cockpit/today?advisorId=${w.b}`)).statusCode, 403);
    assert.equal((await w.advisor.get('/api/cockpit/scorecards')).statusCode, 403);
    assert.equal((await w.advisor.get(`/api/cockpit/scorecards/${w.b}/items?component=repeat`)).statusCode, 403);
    assert.equal((await w.manager.get(`/api/cockpit/today?storeId=${w.t.otherStoreId}`)).statusCode, 403);
    const unknown = await w.admin.get(`/api/cockpit/today?storeId=${randomUUID()}`);
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.match(unknown.body, /没有这个门店/);
    assert.equal((await w.admin.get(`/api/cockpit/scorecards?storeId=${randomUUID()}`)).statusCode, 400);
    assert.equal((await w.manager.get(`/api/cockpit/today?advisorId=${randomUUID()}`)).statusCode, 400);
  });

  test('the scorecard: seed 002 weights, each component from its data, ranks; the data behind a number', async () => {
    const cards = await json<Scorecards>(w.manager, '/api/cockpit/scorecards?period=2026-11');
    assert.deepEqual(
      cards.items.map((c) => [c.name, c.total, c.rank, c.of]),
      [
        ['service_advisor', 66.8, 1, 2],
        ['B顾问', 57.1, 2, 2],
      ],
    );
    const a = cards.items[0]!;
    assert.deepEqual(lines(a), [
      ['csat', 0, 0, null],
      ['repeat', 2, 4, 58.8],
      ['referral', 1, 1, 100],
      ['efficiency', 2, 3, 66.7],
      ['complaint', 1, 2, 50],
    ]);
    assert.deepEqual(lines(cards.items[1]!), [
      ['csat', 0, 0, null],
      ['repeat', 1, 1, 100],
      ['referral', 0, 1, 0],
      ['efficiency', 0, 0, null],
      ['complaint', 0, 0, null],
    ]);
    const mine = await json<Scorecard>(w.advisor, '/api/cockpit/scorecards/mine?period=2026-11');
    assert.deepEqual([mine.total, mine.rank, mine.of], [66.8, 1, 2]);
    const repeat = await json<CockpitItems>(
      w.advisor,
      `/api/cockpit/scorecards/${w.a}/items?period=2026-11&component=repeat`,
    );
    assert.deepEqual(
      repeat.items.map((i) => i.counts),
      [false, false, true, true],
    );
    const handling = await json<CockpitItems>(
      w.admin,
      `/api/cockpit/scorecards/${w.a}/items?period=2026-11&component=complaint`,
    );
    assert.deepEqual(
      handling.items.map((i) => [i.kind, i.counts]),
      [
        ['complaint', false],
        ['complaint', true],
      ],
    );
    // October: B's one delivery (a car with no earlier order, no referral), into the bay in 5 minutes:
    // (20 × 0 + 15 × 0 + 15 × 100) ÷ 50 = 30; A has nothing.
    const october = await json<Scorecards>(w.admin, `/api/cockpit/scorecards?storeId=${w.t.storeId}&period=2026-10`);
    assert.deepEqual(
      october.items.map((c) => [c.name, c.total, c.rank]),
      [
        ['B顾问', 30, 1],
        ['service_advisor', null, null],
      ],
    );
  });

  test('weights: editable per tenant, must sum to 100, audited; the ranks follow; a future period is a 400', async () => {
    const bad = await w.admin.send('PUT', '/api/cockpit/score-weights', {
      csat: 30,
      repeat: 20,
      referral: 15,
      efficiency: 15,
      complaint: 19,
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /五项权重之和必须为100%/);
    assert.equal(
      (
        await w.manager.send('PUT', '/api/cockpit/score-weights', {
          csat: 30,
          repeat: 40,
          referral: 10,
          efficiency: 10,
          complaint: 10,
        })
      ).statusCode,
      403,
    );
    const saved = await w.admin.send('PUT', '/api/cockpit/score-weights', {
      csat: 30,
      repeat: 40,
      referral: 10,
      efficiency: 10,
      complaint: 10,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const cards = await json<Scorecards>(w.manager, '/api/cockpit/scorecards?period=2026-11');
    assert.deepEqual(
      cards.items.map((c) => [c.name, c.total, c.rank]),
      [
        ['B顾问', 80, 1],
        ['service_advisor', 64.6, 2],
      ],
    );
    const audit = await json<{ items: { action: string }[] }>(w.admin, '/api/audit');
    assert.ok(audit.items.some((e) => e.action === 'cockpit.weights_saved'));
    const future = await w.manager.get('/api/cockpit/scorecards?period=2026-12');
    assert.equal(future.statusCode, 400, future.body);
    assert.match(future.body, /考核期不能晚于本月/);
    assert.equal((await w.manager.get('/api/cockpit/scorecards?period=2026-13')).statusCode, 400);
  });

  test('the trend: months with their working days and the Spring Festival note', async () => {
    const trend = await json<Trend>(w.admin, `/api/cockpit/trend?storeId=${w.t.storeId}&months=12`);
    assert.equal(trend.months.length, 12);
    const nov = trend.months.at(-1)!;
    const oct = trend.months.at(-2)!;
    assert.deepEqual([nov.month, nov.carsIn, nov.delivered, nov.complaints], ['2026-11', 8, 5, 2]);
    assert.deepEqual([oct.month, oct.carsIn, oct.delivered], ['2026-10', 1, 1]);
    const feb = trend.months.find((m) => m.month === '2026-02')!;
    assert.ok(feb.holidays.includes('春节'));
    // February 2026: 20 weekdays, 春节 15–23 takes 6 of them (16–20, 23), 14 and 28 (Saturdays) are worked: 16.
    assert.equal(feb.workingDays, 16);
  });
});
