import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComplaintCase, Complaint } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp, testClock, type TestTenant } from '../../../test/harness.ts';
import { systemCtx, type Ctx } from '../../platform/context.ts';
import type { JobSteps } from '../../platform/jobs/queue.ts';
import { workCalendar } from '../../platform/time/work-calendar.ts';
import { answerDue, evaluationDue, firstContactDue, followUpDue, oemReportDue } from './complaints.deadlines.ts';
import { actOnDeadlines, complaintDeadlineJob } from './complaints.escalation.ts';
import { complaintDeadlinesNightly } from './complaints.nightly.ts';

/** The clock is outside the code under test: these tests set it to moments in Asia/Shanghai. */
const setClock = (iso: string) => {
  testClock.offsetMs = Date.parse(iso) - Date.now();
};
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();

const noJobs = { send: async () => {}, sendMany: async () => {} };
const asJob = async <T>(tenantId: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> => {
  const { app, db } = await testApp();
  return db.transaction({ tenantId }, (tx) =>
    fn(systemCtx({ tenantId, tx, jobs: noJobs, clock: testClock, log: app.log, requestId: 'test-job' })),
  );
};

const national = workCalendar({ zone: 'Asia/Shanghai' });

describe('complaint deadlines in the business calendar (Asia/Shanghai, 08:30–17:30)', () => {
  test('first contact 2 business hours: across a night, a weekend and the National Day holiday', () => {
    assert.equal(
      firstContactDue(national, new Date(cst('2026-03-10T16:30:00'))).toISOString(),
      cst('2026-03-11T09:30:00'),
    );
    assert.equal(
      firstContactDue(national, new Date(cst('2026-03-13T16:45:00'))).toISOString(),
      cst('2026-03-16T09:45:00'),
    );
    assert.equal(
      firstContactDue(national, new Date(cst('2026-09-30T16:30:00'))).toISOString(),
      cst('2026-10-08T09:30:00'),
    );
    assert.equal(
      firstContactDue(national, new Date(cst('2026-03-10T10:00:00'))).toISOString(),
      cst('2026-03-10T12:00:00'),
    );
  });

  test('answer 1 working day, OEM report 4 business hours, suggestion 3 working days, follow-up the tenant’s days', () => {
    assert.equal(answerDue(national, new Date(cst('2026-03-10T16:30:00'))).toISOString(), cst('2026-03-11T16:30:00'));
    assert.equal(answerDue(national, new Date(cst('2026-09-30T11:00:00'))).toISOString(), cst('2026-10-08T11:00:00'));
    assert.equal(
      oemReportDue(national, new Date(cst('2026-03-13T15:00:00'))).toISOString(),
      cst('2026-03-16T10:00:00'),
    );
    assert.equal(
      evaluationDue(national, new Date(cst('2026-03-12T10:00:00'))).toISOString(),
      cst('2026-03-17T10:00:00'),
    );
    assert.equal(
      followUpDue(national, new Date(cst('2026-03-13T17:00:00')), 1).toISOString(),
      cst('2026-03-16T17:00:00'),
    );
    assert.equal(
      followUpDue(national, new Date(cst('2026-03-13T17:00:00')), 3).toISOString(),
      cst('2026-03-18T17:00:00'),
    );
  });
});

const open = async (t: TestTenant, login: string, body: Record<string, unknown>) => {
  const agent = await signInStaff(t.slug, login);
  const res = await agent.send('POST', `/api/customers/${t.customerId}/complaints`, {
    category: 'repair_quality',
    channel: 'phone',
    summary: '返修后仍然异响',
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return { agent, c: res.json<Complaint>() };
};
const page = async (t: TestTenant, id: string) => {
  const admin = await signInStaff(t.slug, 'group.admin');
  const res = await admin.get(`/api/complaints/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<ComplaintCase>();
};
const due = (c: Complaint, kind: string) => c.deadlines.find((d) => d.kind === kind);
/** The test clock runs on from where it is set (milliseconds pass): deadlines are compared to the minute. */
const minute = (iso: string | undefined) => iso?.slice(0, 16);
const escalations = (p: ComplaintCase) => p.events.filter((e) => e.kind === 'escalated');

/** A case left untouched past a deadline at `dueAt`: nothing before it, one escalation after it, never two. */
const breachAt = async (t: TestTenant, id: string, nominal: string, before: string[], kind = 'first_contact') => {
  // The clock ran on for a moment between being set and the case being written: the due moment as stored.
  const dueAt = due((await page(t, id)).complaint, kind)?.due ?? '';
  assert.equal(minute(dueAt), minute(nominal));
  for (const moment of before) {
    setClock(moment);
    await asJob(t.id, (ctx) => actOnDeadlines(ctx, id));
    assert.equal(escalations(await page(t, id)).length, 0, `nothing escalates at ${moment}`);
  }
  setClock(new Date(Date.parse(dueAt) - 20_000).toISOString());
  await asJob(t.id, (ctx) => actOnDeadlines(ctx, id));
  assert.equal(escalations(await page(t, id)).length, 0, 'not yet, 20 s before');
  setClock(new Date(Date.parse(dueAt) + 1_000).toISOString());
  await asJob(t.id, (ctx) => actOnDeadlines(ctx, id));
  await asJob(t.id, (ctx) => actOnDeadlines(ctx, id));
  // The queued job's own handler does the same, and nothing more.
  const job = complaintDeadlineJob;
  if ('handle' in job) await asJob(t.id, (ctx) => job.handle(ctx, { tenantId: t.id, complaintId: id }));
  const after = await page(t, id);
  assert.equal(escalations(after).length, 1, 'escalated once, by itself');
  return after;
};
describe('deadlines that act: warnings, then escalation by itself', () => {
  test('untouched past first contact across a weekend: a warning on Monday, escalation to the service manager at 09:45', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager']);
    setClock(cst('2026-03-13T16:45:00'));
    const { c } = await open(t, 'cs.specialist', {});
    assert.equal(c.stage, 'received');
    assert.equal(minute(due(c, 'first_contact')?.due), minute(cst('2026-03-16T09:45:00')));
    assert.equal(minute(due(c, 'answer')?.due), minute(cst('2026-03-16T16:45:00')));
    assert.equal(due(c, 'first_contact')?.state, 'running');

    const { db } = await testApp();
    const jobs = await db.owner.executeSql(
      `SELECT start_after FROM pgboss.job WHERE name = 'complaints.deadline' AND data->>'complaintId' = $1 ORDER BY start_after`,
      [c.id],
    );
    const starts = jobs.rows.map((r) => minute(new Date(r.start_after as string).toISOString()));
    assert.ok(starts.includes(minute(cst('2026-03-16T09:45:00'))), 'a job at the first-contact deadline');
    assert.ok(starts.includes(minute(cst('2026-03-16T09:15:00'))), 'and one at its warning (¾ of the time)');

    setClock(cst('2026-03-16T09:16:00'));
    await asJob(t.id, (ctx) => actOnDeadlines(ctx, c.id));
    const warned = await page(t, c.id);
    assert.equal(due(warned.complaint, 'first_contact')?.state, 'warning');
    assert.equal(warned.events.filter((e) => e.kind === 'deadline_warning').length, 1);

    const after = await breachAt(t, c.id, cst('2026-03-16T09:45:00'), [cst('2026-03-14T12:00:00')]);
    assert.equal(after.complaint.escalationLevel, 1);
    assert.deepEqual(after.complaint.responsible, { id: t.staffIds.service_manager, name: 'service_manager' });
    assert.equal(escalations(after)[0]?.details, 'deadline:1');
    assert.equal(due(after.complaint, 'first_contact')?.state, 'overdue');
    assert.equal(after.events.filter((e) => e.kind === 'deadline_warning').length, 1, 'one warning per deadline');
  });

  test('across a night and across the National Day holiday', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager', 'store_manager']);
    setClock(cst('2026-03-10T16:30:00'));
    const night = (await open(t, 'cs.specialist', {})).c;
    assert.equal(minute(due(night, 'first_contact')?.due), minute(cst('2026-03-11T09:30:00')));
    await breachAt(t, night.id, cst('2026-03-11T09:30:00'), [cst('2026-03-10T23:00:00'), cst('2026-03-11T08:40:00')]);

    setClock(cst('2026-09-30T16:30:00'));
    const holiday = (await open(t, 'cs.specialist', {})).c;
    assert.equal(minute(due(holiday, 'first_contact')?.due), minute(cst('2026-10-08T09:30:00')));
    const after = await breachAt(t, holiday.id, cst('2026-10-08T09:30:00'), [
      cst('2026-10-01T10:00:00'),
      cst('2026-10-07T17:00:00'),
    ]);
    // The answer (1 working day from receipt) passes too: a second level, the general manager.
    setClock(cst('2026-10-08T16:31:00'));
    await asJob(t.id, (ctx) => actOnDeadlines(ctx, holiday.id));
    const later = await page(t, holiday.id);
    assert.equal(escalations(later).length, 2);
    assert.equal(later.complaint.escalationLevel, 2);
    assert.deepEqual(later.complaint.responsible, { id: t.staffIds.store_manager, name: 'store_manager' });
    assert.equal(after.complaint.escalationLevel, 1);
  });

  test('a major complaint: the written report to the OEM within 4 business hours, escalated when it is late', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager']);
    setClock(cst('2026-03-13T15:00:00'));
    const { agent, c } = await open(t, 'cs.specialist', { severity: 'major', summary: '刹车失灵致轻伤，媒体已介入' });
    assert.equal(minute(due(c, 'oem_report')?.due), minute(cst('2026-03-16T10:00:00')));
    setClock(cst('2026-03-13T15:30:00'));
    assert.equal((await agent.send('POST', `/api/complaints/${c.id}/contact`, {})).statusCode, 200);

    const manager = await signInStaff(t.slug, 'service.manager');
    const draft = await manager.get(`/api/complaints/${c.id}/oem-report`);
    assert.equal(draft.statusCode, 200, draft.body);
    assert.match(draft.json<{ text: string }>().text, /重大投诉书面报告[\s\S]*刹车失灵致轻伤/);
    assert.equal((await agent.get(`/api/complaints/${c.id}/oem-report`)).statusCode, 403, 'a manager’s report');

    const after = await breachAt(t, c.id, cst('2026-03-16T10:00:00'), [cst('2026-03-13T17:31:00')], 'oem_report');
    assert.equal(escalations(after)[0]?.details, 'deadline:1');
    const monday = await signInStaff(t.slug, 'service.manager');
    const sent = await monday.send('POST', `/api/complaints/${c.id}/oem-report`, { text: '报告正文（经理补充）' });
    assert.equal(sent.statusCode, 200, sent.body);
    const report = due(sent.json<ComplaintCase>().complaint, 'oem_report');
    assert.equal(report?.state, 'late', 'sent after its deadline: recorded as late');
    const again = await monday.send('POST', `/api/complaints/${c.id}/oem-report`, { text: '再次提交' });
    assert.equal(again.statusCode, 409);

    setClock(cst('2026-03-16T11:00:00'));
    const inTime = (await open(t, 'cs.specialist', { severity: 'major' })).c;
    setClock(cst('2026-03-16T14:59:00'));
    const ontime = await monday.send('POST', `/api/complaints/${inTime.id}/oem-report`, { text: '按时报告' });
    assert.equal(due(ontime.json<ComplaintCase>().complaint, 'oem_report')?.state, 'met');
  });

  test('the nightly sweep is the safety net: it escalates what the jobs missed, once', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager']);
    setClock(cst('2026-03-10T10:00:00'));
    const { c } = await open(t, 'cs.specialist', {});
    setClock(cst('2026-03-12T02:00:00'));
    const job = {
      tenantId: t.id,
      jobId: 'test',
      clock: testClock,
      step: <T>(fn: (ctx: Ctx) => Promise<T>) => asJob(t.id, fn),
    } as unknown as JobSteps;
    await complaintDeadlinesNightly.run(job, '2026-03-12');
    await complaintDeadlinesNightly.run(job, '2026-03-12');
    const after = await page(t, c.id);
    // First contact and answer both passed: two deadlines, two levels, each once.
    assert.deepEqual(
      escalations(after).map((e) => e.details),
      ['deadline:1', 'deadline:2'],
    );
  });

  test('a deadline is moved only while it runs, by a manager, with the old value kept', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager']);
    setClock(cst('2026-03-10T10:00:00'));
    const { agent, c } = await open(t, 'cs.specialist', {});
    const manager = await signInStaff(t.slug, 'service.manager');
    const body = { kind: 'answer', due: cst('2026-03-11T15:00:00'), reason: '客户出差，约定周三下午回复' };
    assert.equal((await agent.send('PUT', `/api/complaints/${c.id}/deadline`, body)).statusCode, 403);
    const moved = await manager.send('PUT', `/api/complaints/${c.id}/deadline`, body);
    assert.equal(moved.statusCode, 200, moved.body);
    const p = moved.json<ComplaintCase>();
    assert.equal(minute(due(p.complaint, 'answer')?.due), minute(cst('2026-03-11T15:00:00')));
    assert.equal(
      p.events.find((e) => e.kind === 'deadline_changed')?.details?.replace(/:\d\d\.\d{3}Z/g, ''),
      `answer:${minute(cst('2026-03-11T10:00:00'))}->${minute(cst('2026-03-11T15:00:00'))}`,
      'the old value is kept',
    );
    const admin = await signInStaff(t.slug, 'group.admin');
    const audit = await admin.get('/api/audit?action=complaint.deadline_changed');
    assert.match(audit.body, /"before"/);

    setClock(cst('2026-03-10T12:30:00'));
    const late = await manager.send('PUT', `/api/complaints/${c.id}/deadline`, {
      kind: 'first_contact',
      due: cst('2026-03-10T17:00:00'),
      reason: '补登',
    });
    assert.equal(late.statusCode, 409, 'a passed deadline cannot be moved to hide the breach');
    assert.equal(late.json<{ message: string }>().message, '该时限已过，不能修改（超时记录不可掩盖）');
    const past = await manager.send('PUT', `/api/complaints/${c.id}/deadline`, {
      kind: 'answer',
      due: cst('2026-03-10T11:00:00'),
      reason: '提前',
    });
    assert.equal(past.statusCode, 400);
  });
});

describe('the tenant’s own calendar', () => {
  test('a day the tenant closes (stock-taking on a Monday) moves the deadlines past it', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist']);
    setClock(cst('2026-03-13T16:45:00'));
    const admin = await signInStaff(t.slug, 'group.admin');
    const closed = await admin.send('PUT', '/api/tenant/calendar/days', {
      day: '2026-03-16',
      kind: 'closed',
      note: '盘点',
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const { c } = await open(t, 'cs.specialist', {});
    assert.equal(minute(due(c, 'first_contact')?.due), minute(cst('2026-03-17T09:45:00')));
    assert.equal(minute(due(c, 'answer')?.due), minute(cst('2026-03-17T16:45:00')));
  });
});
