// Service recovery (issue 14, What 7; docs/recovery.md): the opening rule, business-hour due times, the
// escalation, the close and its refusals, the follow-up call and the complaint of a strongly dissatisfied
// customer — on both engines.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hotAlertTriggers, type RecoveryAlert, type RecoveryAlertDetail, type RecoveryList } from '@m4s/contracts';
import { createTestTenant, signInStaff, type Agent, type TestTenant } from '../../../test/harness.ts';
import { inTenant, sqlIn } from '../contact/test-kit.ts';
import { normalize } from '../surveys/surveys.service.ts';
import { templates } from '../surveys/templates/index.ts';
import { instantOf } from '../../platform/time/zone.ts';
import { escalateAlert, escalateJobName } from './recovery.service.ts';
import { addResponse, alertRow, openAt, repairAnswers } from './test-kit.ts';

const zone = 'Asia/Shanghai';
const at = (day: string, time: string) => instantOf(day, time, zone);
const def = (key: string) => {
  const t = templates.find((x) => x.key === key);
  assert.ok(t);
  return normalize(t.definition);
};

describe('the opening rule (pure)', () => {
  const repair = def('repair_followup');
  test('a 0–10 answer of 7 opens, 8 does not', () => {
    assert.deepEqual(
      hotAlertTriggers(repair, repairAnswers(7)).map((x) => [x.question, x.kind, x.score]),
      [['R1', 'score', 7]],
    );
    assert.deepEqual(hotAlertTriggers(repair, repairAnswers(8)), []);
    assert.deepEqual(hotAlertTriggers(repair, repairAnswers(10)), []);
  });
  test('a dissatisfied answer on a critical question opens whatever the score; a satisfied one does not', () => {
    assert.deepEqual(
      hotAlertTriggers(repair, repairAnswers(9, 'dissatisfied')).map((x) => [x.question, x.kind]),
      [['R3', 'critical']],
    );
    const post = def('post_service');
    // Q2 (recommend, 0–10) under 8 opens even though it is not critical; an answer the path skips counts for nothing.
    assert.deepEqual(
      hotAlertTriggers(post, { Q1: { score: 9 }, Q2: { score: 6 } }).map((x) => x.question),
      ['Q2'],
    );
    const sales = def('sales_followup');
    assert.deepEqual(
      hotAlertTriggers(sales, { H1: { choice: 'agree' }, B3: { choice: 'dissatisfied' } }).map((x) => x.question),
      ['B3'],
    );
    assert.deepEqual(hotAlertTriggers(sales, { H1: { choice: 'agree' }, B3: { choice: 'satisfied' } }), []);
    // B3 is on the path only after the header's consent: declined, the header jumps to the sub-body.
    assert.deepEqual(hotAlertTriggers(sales, { H1: { choice: 'decline' }, B3: { choice: 'dissatisfied' } }), []);
  });
});

describe('hot alerts', () => {
  let t: TestTenant;
  let advisor: Agent;
  let cs: Agent;
  let manager: Agent;
  before(async () => {
    t = await createTestTenant(['group_admin', 'service_manager', 'service_advisor', 'cs_specialist']);
    await sqlIn(t.id, `UPDATE customers SET service_advisor_id = $2 WHERE tenant_id = $1 AND id = $3`, [
      t.id,
      t.staffIds.service_advisor,
      t.customerId,
    ]);
    advisor = await signInStaff(t.slug, 'service.advisor');
    cs = await signInStaff(t.slug, 'cs.specialist');
    manager = await signInStaff(t.slug, 'service.manager');
  });

  test('one alert per response, due one business hour later, its escalation queued for that moment', async () => {
    const r = await addResponse(t, 'repair_followup', repairAnswers(7));
    const opened = at('2026-12-01', '10:15');
    const first = await openAt(t, opened, r);
    assert.ok(first.id);
    const row = await alertRow(t, first.id);
    assert.equal(new Date(String(row.due_at)).getTime(), at('2026-12-01', '11:15').getTime());
    assert.equal(row.assignee_id, t.staffIds.service_advisor, "the customer's advisor (no visit)");
    assert.equal(row.score, 7);
    assert.equal(row.strong, false);
    assert.deepEqual(
      first.sent.map((s) => [s.name, s.startAfter?.getTime()]),
      [[escalateJobName, at('2026-12-01', '11:15').getTime()]],
    );
    const again = await openAt(t, opened, r);
    assert.equal(again.id, null, 'idempotent per response');
    assert.deepEqual(again.sent, []);
    const [n] = await sqlIn(
      t.id,
      `SELECT count(*)::int AS n FROM recovery_alerts WHERE tenant_id = $1 AND response_id = $2`,
      [t.id, r.responseId],
    );
    assert.equal(n?.n, 1);
    // 8 opens nothing.
    const fine = await openAt(t, opened, await addResponse(t, 'repair_followup', repairAnswers(8)));
    assert.equal(fine.id, null);
  });

  test('the due time crosses a night, a weekend and a holiday to the next working morning', async () => {
    const cases: [string, string, string, string][] = [
      // Tuesday 16:59: 31 minutes today, 29 the next morning (08:30–17:30).
      ['2026-12-01', '16:59', '2026-12-02', '08:59'],
      // Friday 17:00: half an hour on Friday, half an hour on Monday.
      ['2026-11-27', '17:00', '2026-11-30', '09:00'],
      // Saturday: Monday from the opening.
      ['2026-11-28', '11:00', '2026-11-30', '09:30'],
      // The eve of National Day (1–7 October 2026): the 8th.
      ['2026-09-30', '17:00', '2026-10-08', '09:00'],
      // After hours: the next morning.
      ['2026-12-01', '21:00', '2026-12-02', '09:30'],
    ];
    for (const [day, time, dueDay, dueTime] of cases) {
      const r = await addResponse(t, 'repair_followup', repairAnswers(5));
      const { id } = await openAt(t, at(day, time), r);
      assert.ok(id);
      const row = await alertRow(t, id);
      assert.equal(new Date(String(row.due_at)).toISOString(), at(dueDay, dueTime).toISOString(), `${day} ${time}`);
    }
  });

  test("the visit's advisor first; without any advisor, the store's service manager", async () => {
    await sqlIn(t.id, `UPDATE customers SET service_advisor_id = NULL WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      t.customerId,
    ]);
    const r = await addResponse(t, 'repair_followup', repairAnswers(6));
    const { id } = await openAt(t, at('2026-12-01', '10:00'), r);
    assert.ok(id);
    assert.equal((await alertRow(t, id)).assignee_id, t.staffIds.service_manager);
    await sqlIn(t.id, `UPDATE customers SET service_advisor_id = $2 WHERE tenant_id = $1 AND id = $3`, [
      t.id,
      t.staffIds.service_advisor,
      t.customerId,
    ]);
  });

  test('late: escalated to the service manager once; early or closed: left alone', async () => {
    const r = await addResponse(t, 'repair_followup', repairAnswers(6));
    const { id } = await openAt(t, at('2026-12-01', '10:00'), r);
    assert.ok(id);
    const run = (now: Date) => inTenant(t.id, (ctx) => escalateAlert({ ...ctx, clock: { now: () => now } }, id));
    assert.equal(await run(at('2026-12-01', '10:30')), false, 'not late yet');
    assert.equal(await run(at('2026-12-01', '11:01')), true);
    assert.equal(await run(at('2026-12-01', '11:02')), false, 'idempotent');
    const row = await alertRow(t, id);
    assert.equal(row.escalated_to, t.staffIds.service_manager);
    assert.equal(new Date(String(row.escalated_at)).getTime(), at('2026-12-01', '11:01').getTime());
    // The manager sees it among theirs, escalated.
    const mine = (await manager.get('/api/recovery/alerts?scope=mine')).json<RecoveryList>();
    const item = mine.items.find((a) => a.id === id);
    assert.equal(item?.escalatedTo?.id, t.staffIds.service_manager);
    assert.equal(item?.late, true);
  });

  test('closing needs what was done and the reaction (zh-CN), then schedules the follow-up; closed twice is a 409', async () => {
    const r = await addResponse(t, 'repair_followup', repairAnswers(6));
    const { id } = await openAt(t, new Date(), r);
    assert.ok(id);
    const list = (await advisor.get('/api/recovery/alerts')).json<RecoveryList>();
    assert.ok(list.items.some((a) => a.id === id && a.status === 'open'));

    const empty = await advisor.send('POST', `/api/recovery/alerts/${id}/close`, {});
    assert.equal(empty.statusCode, 400, empty.body);
    const issues = empty.json<{ details: { issues: { path: string; message: string }[] } }>().details.issues;
    assert.deepEqual(
      issues.map((i) => i.path),
      ['action', 'reaction', 'reactionCode'],
    );
    assert.match(issues[0]?.message ?? '', /补救措施/);
    const half = await advisor.send('POST', `/api/recovery/alerts/${id}/close`, { action: '已致电道歉并预约免费复检' });
    assert.equal(half.statusCode, 400, half.body);
    assert.equal((await alertRow(t, id)).status, 'open', 'nothing written');

    const closed = await advisor.send('POST', `/api/recovery/alerts/${id}/close`, {
      action: '已致电道歉并预约免费复检',
      reaction: '客户表示接受',
      reactionCode: 'accepted',
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const a = closed.json<RecoveryAlertDetail>().alert;
    assert.equal(a.status, 'closed');
    assert.equal(a.onTime, true);
    assert.equal(a.complaintId, null);
    assert.ok(a.followUpTaskId);
    const [task] = await sqlIn(
      t.id,
      `SELECT kind, role, assignee_id, due_at, status FROM care_tasks WHERE tenant_id = $1 AND id = $2`,
      [t.id, a.followUpTaskId],
    );
    assert.equal(task?.kind, 'recovery_followup');
    assert.equal(task?.role, 'cs_specialist');
    const days = (new Date(String(task?.due_at)).getTime() - Date.parse(a.closedAt ?? '')) / 86_400_000;
    assert.ok(days > 2.99 && days < 4, `three days later (${days})`);
    const again = await advisor.send('POST', `/api/recovery/alerts/${id}/close`, {
      action: 'x',
      reaction: 'y',
      reactionCode: 'satisfied',
    });
    assert.equal(again.statusCode, 409, again.body);

    // The follow-up call: resolved is stored on the alert and completes the call.
    const answered = await cs.send('POST', `/api/recovery/follow-ups/${a.followUpTaskId}`, {
      answer: 'resolved',
      attempts: 0,
    });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal(answered.json<RecoveryAlert>().followUpAnswer, 'resolved');
    const [done] = await sqlIn(t.id, `SELECT call_state FROM care_tasks WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      a.followUpTaskId,
    ]);
    assert.equal(done?.call_state, 'completed');

    // The on-time figure counts it for the store and the advisor.
    const day = new Date().toISOString().slice(0, 10);
    const rate = await manager.get(
      `/api/recovery/on-time?from=2026-01-01&to=${day > '2027-12-31' ? day : '2027-12-31'}`,
    );
    assert.equal(rate.statusCode, 200, rate.body);
    const rows = rate.json<{ rows: { advisorId: string | null; closed: number; onTime: number }[] }>().rows;
    const mineRow = rows.find((x) => x.advisorId === t.staffIds.service_advisor);
    assert.ok(mineRow && mineRow.closed >= 1 && mineRow.onTime >= 1);
  });

  test('0–4 recorded by an agent: flagged and a complaint opened; still dissatisfied after the follow-up: a complaint', async () => {
    const v = await addResponse(t, 'repair_followup', {});
    const version = await sqlIn(t.id, `SELECT version_id FROM survey_responses WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      v.responseId,
    ]);
    const res = await cs.send('POST', '/api/survey-responses', {
      versionId: version[0]?.version_id,
      customerId: t.customerId,
      answers: repairAnswers(3),
    });
    assert.equal(res.statusCode, 201, res.body);
    const responseId = res.json<{ id: string }>().id;
    const [row] = await sqlIn(
      t.id,
      `SELECT a.id, a.strong, a.complaint_id, c.status, c.channel FROM recovery_alerts a
         JOIN complaints c ON c.tenant_id = a.tenant_id AND c.id = a.complaint_id
        WHERE a.tenant_id = $1 AND a.response_id = $2`,
      [t.id, responseId],
    );
    assert.equal(row?.strong, true);
    assert.equal(row?.status, 'open');
    assert.equal(row?.channel, 'follow_up');

    // A 6 closed, then "not resolved" on the follow-up call: flagged, a complaint.
    const r = await addResponse(t, 'repair_followup', repairAnswers(6));
    const { id } = await openAt(t, new Date(), r);
    assert.ok(id);
    const closed = await advisor.send('POST', `/api/recovery/alerts/${id}/close`, {
      action: '更换了雨刮',
      reaction: '客户暂时接受',
      reactionCode: 'accepted',
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const taskId = closed.json<RecoveryAlertDetail>().alert.followUpTaskId;
    const follow = await cs.send('POST', `/api/recovery/follow-ups/${taskId}`, { answer: 'not_resolved', attempts: 0 });
    assert.equal(follow.statusCode, 200, follow.body);
    const after = follow.json<RecoveryAlert>();
    assert.equal(after.strong, true);
    assert.ok(after.complaintId);
  });

  test('closed as still dissatisfied: a complaint at once', async () => {
    const { id } = await openAt(t, new Date(), await addResponse(t, 'repair_followup', repairAnswers(7)));
    assert.ok(id);
    const closed = await advisor.send('POST', `/api/recovery/alerts/${id}/close`, {
      action: '解释了收费明细',
      reaction: '客户仍认为收费过高',
      reactionCode: 'still_dissatisfied',
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const a = closed.json<RecoveryAlertDetail>().alert;
    assert.equal(a.strong, true);
    assert.ok(a.complaintId);
  });

  test('answers and the completed outcome in one transaction: a refused answer leaves the call open', async () => {
    const { versionId } = await (async () => {
      const v = await addResponse(t, 'repair_followup', {});
      const [row] = await sqlIn(t.id, `SELECT version_id FROM survey_responses WHERE tenant_id = $1 AND id = $2`, [
        t.id,
        v.responseId,
      ]);
      return { versionId: String(row?.version_id) };
    })();
    const [task] = await sqlIn(
      t.id,
      `INSERT INTO care_tasks (tenant_id, customer_id, store_id, role, title, script, due_at)
       VALUES ($1, $2, $3, 'cs_specialist', '维修回访', '您好', now()) RETURNING id`,
      [t.id, t.customerId, t.storeId],
    );
    const taskId = String(task?.id);
    const bad = await cs.send('POST', '/api/survey-responses', {
      versionId,
      customerId: t.customerId,
      taskId,
      answers: { R1: { score: 9 } },
      outcome: { attempts: 0 },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    const [open] = await sqlIn(t.id, `SELECT call_state FROM care_tasks WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      taskId,
    ]);
    assert.equal(open?.call_state, 'scheduled');
    const ok = await cs.send('POST', '/api/survey-responses', {
      versionId,
      customerId: t.customerId,
      taskId,
      answers: repairAnswers(9),
      outcome: { attempts: 0 },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const [att] = await sqlIn(
      t.id,
      `SELECT a.response_id, k.call_state FROM call_attempts a
         JOIN care_tasks k ON k.tenant_id = a.tenant_id AND k.id = a.task_id
        WHERE a.tenant_id = $1 AND a.task_id = $2`,
      [t.id, taskId],
    );
    assert.equal(att?.call_state, 'completed');
    assert.equal(att?.response_id, ok.json<{ id: string }>().id);
  });

  test('a store role sees its store only; an advisor cannot read another advisor’s alert', async () => {
    const other = await manager.get(`/api/recovery/alerts?scope=store&storeId=${t.otherStoreId}`);
    assert.equal(other.statusCode, 403, other.body);
    const store = await manager.get('/api/recovery/alerts?scope=store&status=all');
    assert.equal(store.statusCode, 200, store.body);
    const someone = store.json<RecoveryList>().items.find((a) => a.assignee?.id === t.staffIds.service_manager);
    assert.ok(someone);
    assert.equal((await advisor.get(`/api/recovery/alerts/${someone.id}`)).statusCode, 404);
  });
});
