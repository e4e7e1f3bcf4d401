// Chapter 7's worked examples (seed 001 ch5-7 §4) reproduced through the rollups and the API, exactly.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KpiBoard, KpiBreakdown, KpiDrill } from '@m4s/contracts';
import ExcelJS from '../imports/excel.ts';
import { signInStaff, testApp } from '../../../test/harness.ts';
import { addMonths } from '../../platform/time/zone.ts';
import { grades, mid, monthStart, orders, population, sales, snapshotNow, type World } from './test-kit.ts';

const month = (n: number) => monthStart(n).slice(0, 7);
const boardOf = async (w: World, query = '') => {
  const admin = await signInStaff(w.slug, 'group.admin');
  const res = await admin.get(`/api/kpis?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  const board = res.json<KpiBoard>();
  return (id: string) => board.items.find((i) => i.id === id)!;
};

describe('intake and profit KPIs over 5,000 retained customers (the textbook’s maintenance example)', () => {
  let w: World;
  test('maintenance capture 12,000 / (5,000 × 4) → 60%, return frequency 20,000 / 5,000 → 4.0', async () => {
    w = await population(5000);
    // Last month: 550 maintenance visits, ¥550,000, parts ¥300,000; 200 general repairs, ¥500,000 / ¥300,000;
    // 20 accident repairs, ¥400,000 / ¥100,000.
    await orders(w, {
      from: 1,
      to: 500,
      type: 'maintenance',
      at: mid(-1),
      totalFen: 100_000,
      costFen: 60_000,
      tag: 'MA',
    });
    await orders(w, { from: 501, to: 550, type: 'maintenance', at: mid(-1), totalFen: 100_000, tag: 'MB' });
    await orders(w, {
      from: 1,
      to: 200,
      type: 'general_repair',
      at: mid(-1),
      totalFen: 250_000,
      costFen: 150_000,
      tag: 'GA',
    });
    await orders(w, {
      from: 1,
      to: 20,
      type: 'accident',
      at: mid(-1),
      totalFen: 2_000_000,
      costFen: 500_000,
      tag: 'AA',
    });
    // The rest of the year, in the eight months before: 11,450 more maintenance visits (12,000 in all) and
    // 7,780 more general repairs (20,000 visits in all).
    for (let m = 2, left = 11_450; left > 0; m += 1) {
      const n = Math.min(left, 5000);
      await orders(w, { from: 1, to: n, type: 'maintenance', at: mid(-m), totalFen: 80_000, tag: `M${m}` });
      left -= n;
    }
    await orders(w, { from: 1, to: 5000, type: 'general_repair', at: mid(-5), totalFen: 10_000, tag: 'G5' });
    await orders(w, { from: 1, to: 2780, type: 'general_repair', at: mid(-6), totalFen: 10_000, tag: 'G6' });
    await snapshotNow(w);
    const kpi = await boardOf(w);
    assert.deepEqual([kpi('maintenance_capture').numerator, kpi('maintenance_capture').denominator], [12_000, 20_000]);
    assert.equal(kpi('maintenance_capture').actual, 60);
    assert.equal(kpi('return_frequency').actual, 4);
    assert.equal(kpi('churn').actual, 0);
  });

  test('revenue per visit and margin by type: ¥1,000 / 45.45%, ¥2,500 / 40%, ¥20,000 / 75%', async () => {
    const kpi = await boardOf(w, `month=${month(-1)}`);
    assert.deepEqual(
      ['maintenance', 'general_repair', 'accident'].map((t) => [
        kpi(`revenue_per_visit_${t}`).actual,
        kpi(`margin_${t}`).actual,
      ]),
      [
        [1000, 45.45],
        [2500, 40],
        [20000, 75],
      ],
    );
    assert.equal(kpi('revenue_per_visit_maintenance').denominator, 550);
  });

  test('the rollup follows a repair order corrected or deleted, and agrees with the raw table', async () => {
    const { db } = await testApp();
    await db.owner.executeSql(
      `UPDATE repair_orders SET total_fen = 155_000 WHERE tenant_id = $1 AND number = 'MB-550'`.replace(
        '155_000',
        '155000',
      ),
      [w.id],
    );
    await db.owner.executeSql(`DELETE FROM repair_orders WHERE tenant_id = $1 AND number = 'AA-20'`, [w.id]);
    const kpi = await boardOf(w, `month=${month(-1)}`);
    assert.equal(kpi('revenue_per_visit_maintenance').actual, 1001); // (550,000 + 550) / 550
    assert.equal(kpi('revenue_per_visit_accident').denominator, 19);
    const raw = await db.owner.executeSql(
      `SELECT type, count(*)::int AS n, sum(total_fen)::bigint AS revenue FROM repair_orders
        WHERE tenant_id = $1 AND date_in >= $2::date AND date_in < $3::date GROUP BY type ORDER BY type`,
      [w.id, monthStart(-1), monthStart(0)],
    );
    const rolled = await db.owner.executeSql(
      `SELECT ro_type AS type, sum(orders)::int AS n, sum(revenue_fen)::bigint AS revenue FROM kpi_visit_months
        WHERE tenant_id = $1 AND month = $2::date GROUP BY ro_type HAVING sum(orders) > 0 ORDER BY ro_type`,
      [w.id, monthStart(-1)],
    );
    assert.deepEqual(
      rolled.rows.map((r) => [r.type, r.n, String(r.revenue)]),
      raw.rows.map((r) => [r.type, r.n, String(r.revenue)]),
    );
  });
});

describe('churn and first-maintenance capture over 3,000 retained customers', () => {
  let w: World;
  test('churn 300 / 3,000 → 10% (lost: no visit for a year); first maintenance 900 / 1,000 → 90%', async () => {
    w = await population(3000);
    await sales(w, 1, 1000, `${monthStart(-8)}`);
    await orders(w, { from: 1, to: 900, type: 'maintenance', at: mid(-2), totalFen: 50_000, tag: 'FM' });
    await orders(w, { from: 901, to: 2700, type: 'general_repair', at: mid(-2), totalFen: 50_000, tag: 'GR' });
    await orders(w, { from: 2701, to: 3000, type: 'maintenance', at: mid(-18), totalFen: 50_000, tag: 'OLD' });
    await snapshotNow(w);
    const kpi = await boardOf(w);
    assert.deepEqual([kpi('churn').numerator, kpi('churn').denominator, kpi('churn').actual], [300, 3000, 10]);
    const first = kpi('first_maintenance_capture');
    assert.deepEqual([first.numerator, first.denominator, first.actual], [900, 1000, 90]);
    assert.equal(first.target, 100, 'seed 002: first-maintenance conversion 100%');
    assert.equal(first.meets, false);
  });

  test('the general manager drills group → store → advisor → the customers, and exports them', async () => {
    const admin = await signInStaff(w.slug, 'group.admin');
    const byStore = (await admin.get(`/api/kpis/churn/breakdown?by=store`)).json<KpiBreakdown>();
    assert.deepEqual(
      byStore.rows.map((r) => [r.key, r.actual]),
      [[w.storeId, 10]],
    );
    const byAdvisor = (
      await admin.get(`/api/kpis/churn/breakdown?by=advisor&storeId=${w.storeId}`)
    ).json<KpiBreakdown>();
    assert.deepEqual(
      byAdvisor.rows.map((r) => [r.key, r.numerator, r.denominator]),
      [[w.advisorId, 300, 3000]],
    );
    const res = await admin.get(`/api/kpis/churn/customers?storeId=${w.storeId}&advisorId=${w.advisorId}&pageSize=20`);
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json<KpiDrill>();
    assert.equal(page.total, 3000);
    // The lost customers first (those a manager calls), then the rest; 300 of them counted.
    const lostPage = (
      await admin.get(`/api/kpis/churn/customers?storeId=${w.storeId}&advisorId=${w.advisorId}&pageSize=200&page=2`)
    ).json<KpiDrill>();
    assert.equal(lostPage.items.filter((r) => r.counted).length, 100);
    const file = await admin.get(`/api/kpis/churn/customers.xlsx?storeId=${w.storeId}&advisorId=${w.advisorId}`);
    assert.equal(file.statusCode, 200, file.body.slice(0, 200));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.rowCount, 3001);
    const counted = sheet.getColumn(5).values.filter((v) => v === '是').length;
    assert.equal(counted, 300);
  });

  test('a store manager sees only their store; an unknown KPI is a 404, a target for one a 400 in the user’s language', async () => {
    const manager = await signInStaff(w.slug, 'store.manager');
    assert.equal((await manager.get(`/api/kpis?storeId=${w.otherStoreId}`)).statusCode, 403);
    assert.equal((await manager.get('/api/kpis/nope/breakdown')).statusCode, 404);
    const bad = await manager.send('PUT', '/api/kpis/targets', { kpi: 'nope', storeId: w.storeId, target: 1 });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /没有这个指标/);
    const other = await manager.send('PUT', '/api/kpis/targets', { kpi: 'churn', storeId: w.otherStoreId, target: 1 });
    assert.equal(other.statusCode, 403);
  });

  test('a store’s own target wins over the default; the change is audited; a plan shows beside its KPI', async () => {
    const manager = await signInStaff(w.slug, 'store.manager');
    const set = await manager.send('PUT', '/api/kpis/targets', { kpi: 'churn', storeId: w.storeId, target: 12 });
    assert.equal(set.statusCode, 200, set.body);
    const kpi = await boardOf(w, `storeId=${w.storeId}`);
    assert.deepEqual([kpi('churn').target, kpi('churn').targetSource, kpi('churn').meets], [12, 'store', true]);
    const plan = await manager.send('POST', '/api/kpis/plans', {
      kpi: 'first_maintenance_capture',
      storeId: w.storeId,
      ownerId: w.advisorId,
      title: '首保邀约',
      baseline: 90,
      target: 100,
      startsOn: '2026-01-01',
      dueOn: '2026-03-31',
    });
    assert.equal(plan.statusCode, 201, plan.body);
    const backwards = await manager.send('POST', '/api/kpis/plans', {
      kpi: 'churn',
      storeId: w.storeId,
      ownerId: w.advisorId,
      title: '倒序',
      target: 5,
      startsOn: '2026-03-01',
      dueOn: '2026-01-01',
    });
    assert.equal(backwards.statusCode, 400);
    const shown = await boardOf(w, `storeId=${w.storeId}`);
    assert.deepEqual(
      shown('first_maintenance_capture').plans.map((p) => [p.title, p.status]),
      [['首保邀约', 'plan']],
    );
    const { id } = plan.json<{ id: string }>();
    const done = await manager.send('PATCH', `/api/kpis/plans/${id}`, { status: 'done' });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal((await boardOf(w, `storeId=${w.storeId}`))('first_maintenance_capture').plans.length, 0);
    const admin = await signInStaff(w.slug, 'group.admin');
    const log = (await admin.get('/api/audit?action=kpi.target_set')).json<{ items: { details: object }[] }>();
    assert.deepEqual(log.items[0]?.details, { kpi: 'churn', storeId: w.storeId, from: null, to: 12 });
  });
});

describe('churn by vehicle age and by loyalty grade (share and within-segment rate)', () => {
  test('year 1: 2%, year 2: 5%, year 3: 12%; loyal 20% / 2%, general 30% / 5%, swing 50% / 12% — 7.9% overall, not the book’s 10%', async () => {
    const year = Number(monthStart(0).slice(0, 4));
    const bought = (k: number) => `${k <= 200 ? year : k <= 500 ? year - 1 : year - 2}-01-01`;
    const w = await population(1000, (k) => (bought(k) > monthStart(0) ? `${year - 1}-01-01` : bought(k)));
    await grades(w, 1, 200, 'loyal');
    await grades(w, 201, 500, 'general');
    await grades(w, 501, 1000, 'swing');
    const lost = (k: number) => (k <= 200 ? k <= 4 : k <= 500 ? k <= 215 : k <= 560);
    const ks = Array.from({ length: 1000 }, (_, i) => i + 1);
    for (const [from, to, gone] of runs(ks, lost))
      await orders(w, {
        from,
        to,
        type: 'maintenance',
        at: gone ? mid(-18) : mid(-2),
        totalFen: 40_000,
        tag: `R${from}`,
      });
    await snapshotNow(w);
    const admin = await signInStaff(w.slug, 'group.admin');
    const byGrade = (await admin.get('/api/kpis/churn/breakdown?by=loyalty')).json<KpiBreakdown>();
    assert.deepEqual(
      byGrade.rows.map((r) => [r.key, r.share, r.actual]),
      [
        ['general', 30, 5],
        ['loyal', 20, 2],
        ['swing', 50, 12],
      ],
    );
    assert.equal(byGrade.total.actual, 7.9);
    const byAge = (await admin.get('/api/kpis/churn/breakdown?by=age')).json<KpiBreakdown>();
    assert.deepEqual(
      byAge.rows.map((r) => r.actual),
      [2, 5, 12],
    );
  });
});

describe('revenue per visit and margin by vehicle age and by loyalty grade (§4.3)', () => {
  test('4-year-old cars ¥1,000 / 60%, 1-year-old ¥500 / 40%; loyal ¥1,000 / 60%, general ¥666.67 / 50%', async () => {
    const last = monthStart(-1);
    // Cars 1–20 bought four years before last month began, 21–40 one year before: 4 and 1 at the visit.
    const w = await population(40, (k) => addMonths(last, k <= 20 ? -48 : -12));
    await grades(w, 1, 10, 'loyal');
    await grades(w, 11, 40, 'general');
    const visit = { type: 'maintenance', at: mid(-1) };
    await orders(w, { ...visit, from: 1, to: 20, totalFen: 100_000, costFen: 40_000, tag: 'OLDCAR' });
    await orders(w, { ...visit, from: 21, to: 40, totalFen: 50_000, costFen: 30_000, tag: 'NEWCAR' });
    const admin = await signInStaff(w.slug, 'group.admin');
    const by = async (kpi: string, dim: string) => {
      const res = await admin.get(`/api/kpis/${kpi}/breakdown?by=${dim}&month=${month(-1)}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<KpiBreakdown>().rows.map((r) => [r.key, r.actual, r.share]);
    };
    assert.deepEqual(await by('revenue_per_visit_maintenance', 'age'), [
      ['1', 500, 50],
      ['4', 1000, 50],
    ]);
    assert.deepEqual(await by('margin_maintenance', 'age'), [
      ['1', 40, 33.33], // of the revenue: ¥10,000 of ¥30,000
      ['4', 60, 66.67],
    ]);
    assert.deepEqual(await by('revenue_per_visit_maintenance', 'loyalty'), [
      ['general', 666.67, 75],
      ['loyal', 1000, 25],
    ]);
    assert.deepEqual(
      (await by('margin_maintenance', 'loyalty')).map((r) => r.slice(0, 2)),
      [
        ['general', 50],
        ['loyal', 60],
      ],
    );
  });
});

/** Consecutive runs of keys with the same answer: [from, to, answer]. */
const runs = (ks: number[], f: (k: number) => boolean) => {
  const out: [number, number, boolean][] = [];
  for (const k of ks) {
    const last = out.at(-1);
    if (last && last[2] === f(k) && last[1] === k - 1) last[1] = k;
    else out.push([k, k, f(k)]);
  }
  return out;
};
