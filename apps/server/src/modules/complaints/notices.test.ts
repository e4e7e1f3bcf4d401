import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Complaint, ComplaintNoticeList } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp, testClock, type TestTenant } from '../../../test/harness.ts';
import { systemCtx, type Ctx } from '../../platform/context.ts';
import type { JobSteps } from '../../platform/jobs/queue.ts';
import { actOnDeadlines, complaintDeadlineJob } from './complaints.escalation.ts';
import { complaintDeadlinesNightly } from './complaints.nightly.ts';

/** The clock is outside the code under test: these tests set it to moments in Asia/Shanghai. */
const setClock = (iso: string) => {
  testClock.offsetMs = Date.parse(iso) - Date.now();
};
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();
const minute = (iso: string | null | undefined) => iso?.slice(0, 16);

const noJobs = { send: async () => {}, sendMany: async () => {} };
const asJob = async <T>(tenantId: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> => {
  const { app, db } = await testApp();
  return db.transaction({ tenantId }, (tx) =>
    fn(systemCtx({ tenantId, tx, jobs: noJobs, clock: testClock, log: app.log, requestId: 'test-job' })),
  );
};
/** Every way the deadline moment is acted on: the job, its retry, and the nightly sweep. */
const actAll = async (t: TestTenant, id: string) => {
  await asJob(t.id, (ctx) => actOnDeadlines(ctx, id));
  const job = complaintDeadlineJob;
  if ('handle' in job) await asJob(t.id, (ctx) => job.handle(ctx, { tenantId: t.id, complaintId: id }));
  const steps = {
    tenantId: t.id,
    jobId: 'test',
    clock: testClock,
    step: <T>(fn: (ctx: Ctx) => Promise<T>) => asJob(t.id, fn),
  } as unknown as JobSteps;
  await complaintDeadlinesNightly.run(steps, '2026-03-10');
};
const notices = async (t: TestTenant, login: string) => {
  const res = await (await signInStaff(t.slug, login)).get('/api/complaints/notices');
  assert.equal(res.statusCode, 200, res.body);
  return res.json<ComplaintNoticeList>();
};
const setLead = async (t: TestTenant, warnMinutes: number) => {
  const { db } = await testApp();
  await db.owner.executeSql(`UPDATE tenants SET complaint_policy = $2::jsonb WHERE id = $1`, [
    t.id,
    JSON.stringify({ followUpDays: 1, warnMinutes }),
  ]);
};

describe('deadline warnings reach the person who answers for the case', () => {
  test('the tenant’s lead: the receiver is warned once, 60 business minutes before; the manager hears of the escalation', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager', 'service_advisor']);
    await setLead(t, 60);
    setClock(cst('2026-03-10T10:00:00'));
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const made = await cs.send('POST', `/api/customers/${t.customerId}/complaints`, {
      category: 'repair_quality',
      channel: 'phone',
      summary: '返修后仍然异响',
    });
    assert.equal(made.statusCode, 201, made.body);
    const c = made.json<Complaint>();
    assert.equal(minute(c.deadlines.find((d) => d.kind === 'first_contact')?.due), minute(cst('2026-03-10T12:00:00')));

    // The job is queued at the warning: 60 business minutes before the deadline.
    const { db } = await testApp();
    const jobs = await db.owner.executeSql(
      `SELECT start_after FROM pgboss.job WHERE name = 'complaints.deadline' AND data->>'complaintId' = $1`,
      [c.id],
    );
    const starts = jobs.rows.map((r) => minute(new Date(r.start_after as string).toISOString()));
    assert.ok(starts.includes(minute(cst('2026-03-10T11:00:00'))), `a job at 11:00 (${starts.join(', ')})`);

    setClock(cst('2026-03-10T10:59:00'));
    await actAll(t, c.id);
    assert.deepEqual(await notices(t, 'cs.specialist'), { items: [], unread: 0 }, 'nothing a minute before');

    setClock(cst('2026-03-10T11:01:00'));
    await actAll(t, c.id);
    await actAll(t, c.id);
    const warned = await notices(t, 'cs.specialist');
    assert.equal(warned.unread, 1, 'one notice, however often the moment is acted on');
    assert.equal(warned.items.length, 1);
    const [w] = warned.items;
    assert.equal(w?.kind, 'deadline_warning');
    assert.equal(w?.deadline, 'first_contact');
    assert.equal(minute(w?.due), minute(cst('2026-03-10T12:00:00')));
    assert.equal(w?.complaintId, c.id);
    assert.equal(w?.customerName, '测试客户');
    assert.equal(w?.open, true);
    assert.deepEqual(await notices(t, 'service.manager'), { items: [], unread: 0 });

    setClock(cst('2026-03-10T12:00:30'));
    await actAll(t, c.id);
    const manager = await notices(t, 'service.manager');
    assert.equal(manager.unread, 1);
    assert.equal(manager.items[0]?.kind, 'escalated');
    assert.equal(manager.items[0]?.level, 1);
    assert.equal((await notices(t, 'cs.specialist')).items.length, 1, 'no second warning for the same deadline');

    // Read: once, by its addressee only.
    const other = await signInStaff(t.slug, 'service.manager');
    assert.equal((await other.send('POST', `/api/complaints/notices/${w?.id}/seen`, {})).statusCode, 404);
    const seen = await cs.send('POST', `/api/complaints/notices/${w?.id}/seen`, {});
    assert.equal(seen.statusCode, 200, seen.body);
    const after = seen.json<ComplaintNoticeList>();
    assert.equal(after.unread, 0);
    assert.equal(minute(after.items[0]?.seenAt), minute(cst('2026-03-10T12:00:30')));

    // The handler hears of the assignment, and is the one warned before the answer is due.
    assert.equal((await cs.send('POST', `/api/complaints/${c.id}/contact`, { note: '' })).statusCode, 200);
    const assign = await cs.send('POST', `/api/complaints/${c.id}/assign`, { handlerId: t.staffIds.service_advisor });
    assert.equal(assign.statusCode, 200, assign.body);
    const advisor = await notices(t, 'service.advisor');
    assert.deepEqual(
      advisor.items.map((n) => [n.kind, n.from?.id]),
      [['assigned', t.staffIds.cs_specialist]],
    );
    // Answer due 2026-03-11 10:00 (1 working day): warned at 09:00, the handler and the manager it was escalated to.
    setClock(cst('2026-03-11T08:59:00'));
    await actAll(t, c.id);
    assert.equal((await notices(t, 'service.advisor')).items.length, 1, 'not yet');
    setClock(cst('2026-03-11T09:01:00'));
    await actAll(t, c.id);
    await actAll(t, c.id);
    for (const login of ['service.advisor', 'service.manager']) {
      const answerWarnings = (await notices(t, login)).items.filter((n) => n.kind === 'deadline_warning');
      assert.deepEqual(
        answerWarnings.map((n) => [n.deadline, minute(n.due)]),
        [['answer', minute(cst('2026-03-11T10:00:00'))]],
        login,
      );
    }
  });

  test('the default lead is 30 business minutes, counted across the night', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager']);
    setClock(cst('2026-03-10T17:00:00'));
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const made = await cs.send('POST', `/api/customers/${t.customerId}/complaints`, {
      category: 'repair_time',
      channel: 'walk_in',
      summary: '等候时间过长',
    });
    const c = made.json<Complaint>();
    // 30 business minutes today, 90 tomorrow: due 10:00, warned from 09:30.
    assert.equal(minute(c.deadlines.find((d) => d.kind === 'first_contact')?.due), minute(cst('2026-03-11T10:00:00')));
    setClock(cst('2026-03-11T09:29:00'));
    await actAll(t, c.id);
    assert.equal((await notices(t, 'cs.specialist')).unread, 0);
    setClock(cst('2026-03-11T09:31:00'));
    await actAll(t, c.id);
    assert.equal((await notices(t, 'cs.specialist')).unread, 1);
  });
});
