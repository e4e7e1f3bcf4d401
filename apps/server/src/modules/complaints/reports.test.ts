import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Complaint, ComplaintFirstContact, ComplaintMonthly, ComplaintOverview } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp, testClock, type TestTenant } from '../../../test/harness.ts';
import ExcelJS from '../imports/excel.ts';
import { complaintDeadlineJob } from './complaints.escalation.ts';

/** The clock is outside the code under test: these tests set it to moments in Asia/Shanghai. */
const setClock = (iso: string) => {
  testClock.offsetMs = Date.parse(iso) - Date.now();
};

/**
 * Runs the tenant's deadline jobs that are due now (each case's, due at once: their moments lie in the real
 * past), so each acts at the moment the clock was set to, not at a later one. They are taken from the queue
 * and run here, as the worker would run them (the worker shared by every suite in this process may be busy
 * with other suites' jobs): a job taken is marked done first, so the worker never runs it later.
 */
const settle = async (tenantId: string) => {
  const { app, db } = await testApp();
  const job = complaintDeadlineJob;
  if (!('handle' in job)) throw new Error('the deadline job has one handler');
  for (let round = 0; round < 50; round++) {
    const due = await db.owner.executeSql(
      `UPDATE pgboss.job SET state = 'completed', completed_on = now()
        WHERE name = $2 AND data->>'tenantId' = $1 AND state IN ('created', 'retry') AND start_after <= now()
        RETURNING data->>'complaintId' AS complaint`,
      [tenantId, job.name],
    );
    if (due.rows.length === 0) break;
    for (const r of due.rows)
      await app.m4s.runner.inTenant(tenantId, (ctx) => job.handle(ctx, { tenantId, complaintId: String(r.complaint) }));
  }
  // Any the worker had already taken: until they are done.
  for (let i = 0; i < 600; i++) {
    const active = await db.owner.executeSql(
      `SELECT 1 FROM pgboss.job WHERE data->>'tenantId' = $1 AND state = 'active'`,
      [tenantId],
    );
    if (active.rows.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('a deadline job the worker took did not finish');
};

const ok = (res: { statusCode: number; body: string }, what: string) =>
  assert.equal(res.statusCode, 200, `${what}: ${res.body}`);

/**
 * Four cases in March and April 2026, each at its own moment (the CS specialist receives them all):
 * A — a repair-quality complaint, contacted in 30 minutes, handled by the advisor, closed on time;
 * B — a major product-quality one, contacted after 3 hours (late), never answered;
 * C — a suggestion never touched;
 * D — a difficult charges complaint on 1 April, never touched.
 * Read on 2 April 12:00.
 */
const build = async (): Promise<{ t: TestTenant; ids: Record<'a' | 'b' | 'c' | 'd', string> }> => {
  const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager', 'service_advisor']);
  const open = async (body: Record<string, unknown>) => {
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const res = await cs.send('POST', `/api/customers/${t.customerId}/complaints`, { channel: 'phone', ...body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<Complaint>().id;
  };
  const as = (login: string) => signInStaff(t.slug, login);
  const at = async (local: string) => {
    await settle(t.id);
    setClock(new Date(`${local}+08:00`).toISOString());
  };

  await at('2026-03-02T10:00:00');
  const a = await open({ category: 'repair_quality', cause: 'repair_quality', summary: '返修后仍异响' });
  await at('2026-03-02T10:30:00');
  ok(await (await as('cs.specialist')).send('POST', `/api/complaints/${a}/contact`, { note: '' }), 'contact A');
  ok(
    await (
      await as('cs.specialist')
    ).send('POST', `/api/complaints/${a}/assign`, {
      handlerId: t.staffIds.service_advisor,
    }),
    'assign A',
  );
  const advisor = await as('service.advisor');
  ok(await advisor.send('POST', `/api/complaints/${a}/accept`, {}), 'accept A');
  await at('2026-03-02T11:00:00');
  ok(await advisor.send('POST', `/api/complaints/${a}/answer`, { answer: '安排复查' }), 'answer A');
  await at('2026-03-02T14:00:00');
  ok(
    await advisor.send('POST', `/api/complaints/${a}/resolve`, { solution: '更换衬套', completionDate: '2026-03-02' }),
    'resolve A',
  );
  await at('2026-03-03T10:00:00');
  ok(
    await (await as('cs.specialist')).send('POST', `/api/complaints/${a}/follow-up`, { satisfied: true, note: '' }),
    'follow-up A',
  );
  await at('2026-03-03T11:00:00');
  ok(
    await (
      await as('service.manager')
    ).send('POST', `/api/complaints/${a}/close`, {
      resolution: '已修复',
      improvements: [{ what: '返修车辆试车确认', ownerId: t.staffIds.service_advisor, due: '2026-03-31' }],
      closingReport: null,
    }),
    'close A',
  );

  await at('2026-03-03T09:00:00');
  const b = await open({
    category: 'product_quality',
    cause: 'product_quality',
    severity: 'major',
    summary: '刹车助力失效',
  });
  await at('2026-03-03T12:00:00');
  ok(await (await as('cs.specialist')).send('POST', `/api/complaints/${b}/contact`, { note: '' }), 'contact B');

  await at('2026-03-10T10:00:00');
  const c = await open({ kind: 'suggestion', category: 'service_environment', summary: '增加儿童游乐角' });

  await at('2026-04-01T10:00:00');
  const d = await open({
    category: 'repair_charges',
    cause: 'business_practice',
    severity: 'difficult',
    summary: '结算价高于报价',
  });
  await at('2026-04-02T12:00:00');
  await settle(t.id);
  return { t, ids: { a, b, c, d } };
};

describe('complaint reports: exact figures on constructed cases', () => {
  test('overview, monthly summary, first-contact report and the workbook', async () => {
    const { t } = await build();
    const manager = await signInStaff(t.slug, 'service.manager');

    const res = await manager.get('/api/complaints/reports/overview?from=2026-03&to=2026-04');
    ok(res, 'overview');
    const o = res.json<ComplaintOverview>();
    // Open now: B and C received a month ago, D yesterday; every one past a deadline.
    assert.deepEqual(o.openByAge, [
      { age: 'under1', running: 0, warning: 0, overdue: 0, total: 0 },
      { age: 'days1to3', running: 0, warning: 0, overdue: 1, total: 1 },
      { age: 'days3to7', running: 0, warning: 0, overdue: 0, total: 0 },
      { age: 'over7', running: 0, warning: 0, overdue: 2, total: 2 },
    ]);
    assert.deepEqual(o.compliance, [
      { kind: 'first_contact', met: 1, late: 3, running: 0, rate: 25 },
      { kind: 'answer', met: 1, late: 2, running: 0, rate: 33.3 },
      { kind: 'follow_up', met: 1, late: 0, running: 0, rate: 100 },
      { kind: 'oem_report', met: 0, late: 1, running: 0, rate: 0 },
      { kind: 'evaluation', met: 0, late: 1, running: 0, rate: 0 },
    ]);
    // Ranked by frequency × intensity: major 5, difficult 3, normal 1; suggestions are not complaints.
    assert.deepEqual(o.causes, {
      months: ['2026-03', '2026-04'],
      rows: [
        { category: 'product_quality', cause: 'product_quality', count: 1, score: 5, perMonth: [1, 0] },
        { category: 'repair_charges', cause: 'business_practice', count: 1, score: 3, perMonth: [0, 1] },
        { category: 'repair_quality', cause: 'repair_quality', count: 1, score: 1, perMonth: [1, 0] },
      ],
    });
    assert.deepEqual(o.perStore, [
      { id: t.storeId, name: '一号店', cases: 4, open: 3, overdue: 3, score: 9, firstContactRate: 25 },
    ]);
    assert.deepEqual(o.perHandler, [
      {
        id: t.staffIds.service_advisor,
        name: 'service_advisor',
        cases: 1,
        open: 0,
        overdue: 0,
        score: 1,
        firstContactRate: 100,
      },
    ]);

    // April alone: only D.
    const april = (
      await manager.get('/api/complaints/reports/overview?from=2026-04&to=2026-04')
    ).json<ComplaintOverview>();
    assert.deepEqual(april.compliance[0], { kind: 'first_contact', met: 0, late: 1, running: 0, rate: 0 });

    const m = await manager.get('/api/complaints/reports/monthly?month=2026-03');
    ok(m, 'monthly');
    assert.deepEqual(m.json<ComplaintMonthly>(), {
      month: '2026-03',
      complaints: 2,
      suggestions: 1,
      bySeverity: [
        { severity: 'normal', count: 1 },
        { severity: 'beyond_authority', count: 0 },
        { severity: 'oem_transfer', count: 0 },
        { severity: 'difficult', count: 0 },
        { severity: 'major', count: 1 },
      ],
      byCategory: [
        { category: 'repair_quality', count: 1 },
        { category: 'product_quality', count: 1 },
      ],
      closed: 1,
      openAtEnd: 2,
      firstContact: { met: 1, late: 2, rate: 33.3, averageMinutes: 105 },
      answer: { met: 1, late: 1, rate: 50 },
      satisfied: 1,
      notSatisfied: 0,
      escalated: 0,
      oemReports: 0,
      suggestionsAdopted: 0,
      improvements: { created: 1, done: 0 },
    });

    const q = await manager.get('/api/complaints/reports/first-contact?quarter=2026-Q1');
    ok(q, 'first contact');
    const figures = { cases: 3, onTime: 1, late: 2, pending: 0, rate: 33.3, averageMinutes: 105 };
    assert.deepEqual(q.json<ComplaintFirstContact>(), {
      quarter: '2026-Q1',
      departments: [{ department: 'customer_service', ...figures }],
      people: [
        { staffId: t.staffIds.cs_specialist, name: 'cs_specialist', department: 'customer_service', ...figures },
      ],
    });
    const q2 = (
      await manager.get('/api/complaints/reports/first-contact?quarter=2026-Q2')
    ).json<ComplaintFirstContact>();
    assert.deepEqual(q2.departments, [
      { department: 'customer_service', cases: 1, onTime: 0, late: 1, pending: 0, rate: 0, averageMinutes: null },
    ]);

    const file = await manager.get(
      '/api/complaints/reports.xlsx?from=2026-03&to=2026-04&month=2026-03&quarter=2026-Q1',
    );
    assert.equal(file.statusCode, 200, file.body);
    assert.match(
      String(file.headers['content-disposition']),
      /filename\*=UTF-8''%E6%8A%95%E8%AF%89%E6%8A%A5%E8%A1%A8-\d{8}\.xlsx/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['未结案件', '时限达成', '类别与原因', '门店', '处理人', '月度汇总', '首问负责'],
    );
    const values = (name: string, row: number) =>
      (book.getWorksheet(name)?.getRow(row).values as unknown[] | undefined)?.slice(1);
    assert.deepEqual(values('时限达成', 3), ['首次联系', 1, 3, 0, 25]);
    assert.deepEqual(values('类别与原因', 3), ['产品质量', '商品质量问题', 1, 5, 1, 0]);
    assert.deepEqual(values('首问负责', 5), ['客服部', 'cs_specialist', 3, 1, 2, 0, 33.3, 105]);
  });

  test('only managers read the reports; a store’s manager reads their own store; bad spans are refused', async () => {
    const t = await createTestTenant(['group_admin', 'service_manager', 'service_advisor']);
    const advisor = await signInStaff(t.slug, 'service.advisor');
    assert.equal((await advisor.get('/api/complaints/reports/overview?from=2026-03&to=2026-04')).statusCode, 403);
    assert.equal(
      (await advisor.get('/api/complaints/reports.xlsx?from=2026-03&to=2026-04&month=2026-03&quarter=2026-Q1'))
        .statusCode,
      403,
    );
    const manager = await signInStaff(t.slug, 'service.manager');
    const other = `/api/complaints/reports/monthly?month=2026-03&storeId=${t.otherStoreId}`;
    assert.equal((await manager.get(other)).statusCode, 403);
    const admin = await signInStaff(t.slug, 'group.admin');
    ok(await admin.get(other), 'the group admin picks a store');
    const backwards = await admin.get('/api/complaints/reports/overview?from=2026-04&to=2026-03');
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /to/);
    assert.equal((await admin.get('/api/complaints/reports/overview?from=2024-01&to=2026-03')).statusCode, 400);
    // The workbook checks its span the same way (the fuzzer found a 500 there).
    for (const span of ['from=2100-12&to=1910-12', 'from=1911-12&to=2081-09']) {
      const book = await admin.get(`/api/complaints/reports.xlsx?${span}&month=2026-03&quarter=2026-Q1`);
      assert.equal(book.statusCode, 400, book.body);
    }
    assert.equal((await admin.get('/api/complaints/reports/first-contact?quarter=2026-Q5')).statusCode, 400);
  });
});
