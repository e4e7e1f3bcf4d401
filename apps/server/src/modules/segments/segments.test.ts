import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SegmentCustomerPage, SegmentOverview, SegmentRules } from '@m4s/contracts';
import { signInStaff, testClock, type Agent, type TestTenant } from '../../../test/harness.ts';
import ExcelJS from '../imports/excel.ts';
import { dayIn } from '../../platform/time/zone.ts';
import { defaultSegmentRules } from './rules.ts';
import {
  addDays,
  addMonths,
  at,
  classify,
  newCar,
  newCustomer,
  newOrder,
  segmentsOf,
  segmentTenant,
} from './test-kit.ts';

const sheetOf = async (payload: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('segments API', () => {
  let t: TestTenant;
  let admin: Agent;
  let manager: Agent;
  let cs: Agent;
  let advisor: Agent;
  let moverId: string;
  const today = dayIn(testClock.now(), 'Asia/Shanghai');
  const earlier = addDays(today, -10);

  before(async () => {
    t = await segmentTenant(['group_admin', 'service_manager', 'cs_specialist', 'service_advisor']);
    [admin, manager, cs, advisor] = await Promise.all([
      signInStaff(t.slug, 'group.admin'),
      signInStaff(t.slug, 'service.manager'),
      signInStaff(t.slug, 'cs.specialist'),
      signInStaff(t.slug, 'service.advisor'),
    ]);
    moverId = await newCustomer(t.id, { name: '分群张先生', phone: '13912345678' });
    // Bought 13 months ago: past the car's first year, so no visit in a year is churned (issue 11: within its
    // first year the owner is a new owner).
    const car = await newCar(t.id, moverId, { purchaseDate: addMonths(today, -13), plate: '沪A12345' });
    await classify(t.id, earlier);
    // Ten days later he comes in: churned → swing-to-churn, and C (first maintenance) for RFM.
    await newOrder(t.id, moverId, car, { at: at(today), totalFen: 60_000, type: 'maintenance' });
    await classify(t.id, today);
  });

  test('overview: counts now and moves since the same day last month', async () => {
    const res = await cs.get('/api/segments/overview');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<SegmentOverview>();
    assert.equal(body.computedOn, today);
    assert.equal(body.since, addMonths(today, -1));
    const frequency = body.dimensions.find((d) => d.dimension === 'frequency')?.classes;
    // The harness's customer and ours were both churned on the first run; ours moved out since.
    assert.deepEqual(
      frequency?.find((c) => c.value === 'churned'),
      { value: 'churned', count: 1, movedIn: 2, movedOut: 1 },
    );
    assert.deepEqual(
      frequency?.find((c) => c.value === 'swing_to_churn'),
      {
        value: 'swing_to_churn',
        count: 1,
        movedIn: 1,
        movedOut: 0,
      },
    );
    assert.deepEqual(
      frequency?.find((c) => c.value === 'active'),
      { value: 'active', count: 0, movedIn: 0, movedOut: 0 },
    );
    const stage = body.dimensions.find((d) => d.dimension === 'stage')?.classes;
    assert.equal(stage?.find((c) => c.value === 'warranty')?.count, 1);
    assert.deepEqual(
      body.dimensions.map((d) => d.dimension),
      ['stage', 'frequency', 'rfm', 'loyalty', 'value'],
    );
  });

  test("a class's customers: masked phone, plates, figures", async () => {
    const res = await manager.get('/api/segments/customers?dimension=rfm&value=C');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<SegmentCustomerPage>();
    assert.equal(body.total, 1);
    assert.deepEqual(body.items[0], {
      id: moverId,
      name: '分群张先生',
      phone: '139****5678',
      plates: ['沪A12345'],
      lastVisitOn: today,
      visits12m: 1,
      spend12mFen: 60_000,
      clvFen: body.items[0]?.clvFen,
    });
    assert.ok((body.items[0]?.clvFen ?? 0) > 60_000);
    const byStage = await manager.get('/api/segments/customers?dimension=stage&value=warranty&pageSize=10');
    assert.deepEqual(
      byStage.json<SegmentCustomerPage>().items.map((i) => i.id),
      [moverId],
    );
    const bad = await manager.get('/api/segments/customers?dimension=rfm&value=Z');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().details.issues[0].path, 'value');
  });

  test('export: the customer sheet for one class, audited; needs customer.export', async () => {
    const res = await admin.get('/api/segments/customers/export?dimension=frequency&value=swing_to_churn');
    assert.equal(res.statusCode, 200, res.body);
    const rows = await sheetOf(res.rawPayload);
    assert.equal(rows[0]?.[0], '客户姓名');
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[3]]),
      [['分群张先生', '13912345678']],
    );
    const log = await admin.get('/api/audit?limit=20');
    assert.ok(log.json<{ items: { action: string }[] }>().items.some((e) => e.action === 'segment.exported'));
    assert.equal((await cs.get('/api/segments/customers/export?dimension=rfm&value=C')).statusCode, 403);
  });

  test('rules: defaults, validated edits with field messages, audited', async () => {
    const got = await cs.get('/api/segments/rules');
    assert.deepEqual(got.json(), defaultSegmentRules);
    const rules: SegmentRules = structuredClone(defaultSegmentRules);
    rules.rfm.a.minSpendFen = 700_000;
    rules.rfm.d.minMonths = -1;
    const bad = await manager.send('PUT', '/api/segments/rules', rules);
    assert.equal(bad.statusCode, 400, bad.body);
    const issues = bad.json().details.issues as { path: string; message: string }[];
    assert.ok(
      issues.some((i) => i.path.includes('minMonths') && i.message === '月数为0–120的整数'),
      bad.body,
    );
    const spend = structuredClone(defaultSegmentRules);
    spend.rfm.a.minSpendFen = 700_000;
    const bad2 = await manager.send('PUT', '/api/segments/rules', spend);
    assert.equal(bad2.statusCode, 400, bad2.body);
    assert.deepEqual(bad2.json().details.issues, [
      { path: 'rfm.a.minSpendFen', message: 'A类（忠诚客户）的最低消费不能低于B类的最低消费' },
    ]);
    const good = structuredClone(defaultSegmentRules);
    good.rfm.d.minMonths = 5;
    const ok = await manager.send('PUT', '/api/segments/rules', good);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await cs.get('/api/segments/rules')).json<SegmentRules>().rfm.d.minMonths, 5);
    assert.equal((await cs.send('PUT', '/api/segments/rules', good)).statusCode, 403);
  });

  test('recompute queues a classification for today (care.manage)', async () => {
    const newcomer = await newCustomer(t.id);
    const res = await manager.send('POST', '/api/segments/recompute', {});
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(res.json(), { queued: true, asOf: today });
    // The job (pg-boss, working in the test app) classifies the whole tenant, the newcomer included.
    const deadline = Date.now() + 20_000;
    while (!(await segmentsOf(t.id)).customers.has(newcomer)) {
      assert.ok(Date.now() < deadline, 'the job did not run');
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal((await segmentsOf(t.id)).customers.get(newcomer)?.computedOn, today);
    assert.equal((await cs.send('POST', '/api/segments/recompute', {})).statusCode, 403);
  });

  test('an advisor has no segment.read', async () => {
    for (const url of [
      '/api/segments/overview',
      '/api/segments/rules',
      '/api/segments/customers?dimension=rfm&value=A',
    ])
      assert.equal((await advisor.get(url)).statusCode, 403, url);
  });
});
