// The call-attempt state machine (seed 001 ch3-4 §2.4) through the API: every outcome's move and what it
// sets off, every refusal naming the state, the stale screen and two agents at once (docs/calls.md).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callOutcomes, callStates, type CallDetail, type CallOutcome } from '@m4s/contracts';
import { createTestTenant, signInStaff, testClock, type Agent, type TestTenant } from '../../../test/harness.ts';
import { candidate, inTenant, sqlIn } from '../contact/test-kit.ts';
import { touch } from '../contact/gate.ts';
import { addCustomer } from '../care/test-kit.ts';
import { localOf } from '../../platform/time/zone.ts';
import { transition } from './outcomes.ts';
import { addCall, callRow, day, hour } from './test-kit.ts';

const zone = 'Asia/Shanghai';
const outcome = (agent: Agent, id: string, body: Record<string, unknown>) =>
  agent.send('POST', `/api/calls/${id}/outcome`, body);

describe('the outcome state machine (pure)', () => {
  test('every open state takes every outcome; a closed state takes none and is named', () => {
    const counts = { noAnswers: 0, maxNoAnswers: 3 };
    const expected: Record<CallOutcome, string> = {
      no_answer: 'retry',
      wrong_number: 'bad_number',
      disconnected: 'bad_number',
      empty_number: 'bad_number',
      non_owner: 'rescheduled',
      not_convenient: 'rescheduled',
      refused: 'refused',
      completed: 'completed',
    };
    for (const from of ['scheduled', 'retry', 'rescheduled'] as const)
      for (const o of callOutcomes) {
        const m = transition(from, o, counts);
        assert.ok(m.ok, `${from} + ${o}`);
        assert.equal(m.to, expected[o], `${from} + ${o}`);
      }
    for (const from of callStates.filter((s) => !['scheduled', 'retry', 'rescheduled'].includes(s)))
      for (const o of callOutcomes) assert.deepEqual(transition(from, o, counts), { ok: false, state: from });
    // The last allowed no-answer closes the call as unreachable.
    assert.deepEqual(transition('retry', 'no_answer', { noAnswers: 2, maxNoAnswers: 3 }), {
      ok: true,
      to: 'unreachable',
      closed: true,
      next: null,
    });
  });
});

describe('call outcomes (API)', () => {
  let t: TestTenant;
  let cs: Agent;
  let manager: Agent;
  before(async () => {
    t = await createTestTenant([
      'group_admin',
      'cs_specialist',
      'service_manager',
      'service_advisor',
      'sales_consultant',
      'cashier',
    ]);
    cs = await signInStaff(t.slug, 'cs.specialist');
    manager = await signInStaff(t.slug, 'service.manager');
    // Two no-answers close a call in this tenant.
    const admin = await signInStaff(t.slug, 'group.admin');
    const saved = await admin.send('PUT', '/api/calls/policy', { queueDays: 15, noAnswerAttempts: 2, dailyLoad: 40 });
    assert.equal(saved.statusCode, 200);
    assert.equal(
      (await cs.send('PUT', '/api/calls/policy', { queueDays: 15, noAnswerAttempts: 2, dailyLoad: 40 })).statusCode,
      403,
    );
  });

  test('no answer: retried the next day inside the customer’s slot; the last try closes it as unreachable', async () => {
    const customerId = await addCustomer(t, { name: '赵敏', gender: 'female' });
    await sqlIn(t.id, `UPDATE customers SET preferred_slot = 'evening' WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      customerId,
    ]);
    const id = await addCall(t, { customerId, dueAt: new Date(testClock.now().getTime() - hour) });
    const first = await outcome(cs, id, { outcome: 'no_answer', attempts: 0, note: '响铃无人接' });
    assert.equal(first.statusCode, 200, first.body);
    const call = first.json<CallDetail>().call;
    assert.equal(call.state, 'retry');
    assert.equal(call.attempts, 1);
    const due = localOf(new Date(call.dueAt), zone);
    const tomorrow = localOf(new Date(testClock.now().getTime() + day), zone).day;
    assert.deepEqual(due, { day: tomorrow, time: '18:00' }, 'tomorrow at the start of the evening slot');
    const row = await callRow(t, id);
    assert.equal(row.status, 'open');
    assert.ok(row.first_due_at, 'the first due time is kept for the queue window');

    const last = await outcome(cs, id, { outcome: 'no_answer', attempts: 1 });
    assert.equal(last.json<CallDetail>().call.state, 'unreachable');
    assert.equal((await callRow(t, id)).status, 'done');
    const refused = await outcome(cs, id, { outcome: 'completed', attempts: 2 });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json<{ message: string }>().message, /无人接听/);
    assert.equal(refused.json<{ details: { state: string } }>().details.state, 'unreachable');
    const detail = (await cs.get(`/api/calls/${id}`)).json<CallDetail>();
    assert.deepEqual(
      detail.attempts.map((a) => [a.seq, a.outcome, a.stateBefore, a.stateAfter]),
      [
        [1, 'no_answer', 'scheduled', 'retry'],
        [2, 'no_answer', 'retry', 'unreachable'],
      ],
    );
    assert.equal(detail.attempts[0]?.note, '响铃无人接');
  });

  test('an empty number: flagged on the phone, one data-fix task each for sales and after-sales', async () => {
    const customerId = await addCustomer(t, { name: '钱进', phone: '13900001111' });
    await sqlIn(t.id, `UPDATE customers SET sales_consultant_id = $3 WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      customerId,
      t.staffIds.sales_consultant,
    ]);
    const id = await addCall(t, { customerId, dueAt: testClock.now() });
    const res = await outcome(cs, id, { outcome: 'empty_number', attempts: 0 });
    assert.equal(res.json<CallDetail>().call.state, 'bad_number');
    assert.equal(res.json<CallDetail>().call.phoneFlag, 'empty_number');
    const [phone] = await sqlIn(
      t.id,
      `SELECT flag FROM customer_phones WHERE tenant_id = $1 AND phone = '13900001111'`,
      [t.id],
    );
    assert.equal(phone?.flag, 'empty_number');
    const fixes = await sqlIn(
      t.id,
      `SELECT role, assignee_id, title FROM care_tasks WHERE tenant_id = $1 AND customer_id = $2 AND kind = 'data_fix' ORDER BY role`,
      [t.id, customerId],
    );
    assert.deepEqual(
      fixes.map((f) => [f.role, f.assignee_id]),
      [
        ['sales_consultant', t.staffIds.sales_consultant],
        ['service_advisor', null],
      ],
    );
    assert.match(String(fixes[0]?.title), /空号/);
    // Another call finding the same: no second data-fix task while one is open.
    const again = await addCall(t, { customerId, dueAt: testClock.now() });
    await outcome(cs, again, { outcome: 'wrong_number', attempts: 0 });
    const count = await sqlIn(
      t.id,
      `SELECT count(*)::int AS n FROM care_tasks WHERE tenant_id = $1 AND customer_id = $2 AND kind = 'data_fix'`,
      [t.id, customerId],
    );
    assert.equal(count[0]?.n, 2);
    // A data-fix task is not a call.
    const fixId = String(
      (
        await sqlIn(
          t.id,
          `SELECT id FROM care_tasks WHERE tenant_id = $1 AND customer_id = $2 AND kind = 'data_fix' LIMIT 1`,
          [t.id, customerId],
        )
      )[0]?.id,
    );
    assert.equal((await outcome(manager, fixId, { outcome: 'completed', attempts: 0 })).statusCode, 409);
  });

  test('someone else answered, or not convenient: rescheduled to the agreed time, never cancelled', async () => {
    const id = await addCall(t, { dueAt: testClock.now() });
    const noTime = await outcome(cs, id, { outcome: 'non_owner', attempts: 0 });
    assert.equal(noTime.statusCode, 400);
    const past = await outcome(cs, id, { outcome: 'non_owner', attempts: 0, callbackAt: '2020-01-01T10:00:00+08:00' });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /晚于现在/);
    assert.equal((await callRow(t, id)).attempts, 0, 'a refused outcome writes nothing');
    const ownerFree = new Date(testClock.now().getTime() + 3 * hour).toISOString();
    const res = await outcome(cs, id, { outcome: 'non_owner', attempts: 0, callbackAt: ownerFree, note: '车主在开会' });
    assert.equal(res.json<CallDetail>().call.state, 'rescheduled');
    assert.equal(res.json<CallDetail>().call.dueAt, ownerFree);
    const agreed = new Date(testClock.now().getTime() + 2 * day).toISOString();
    const later = await outcome(cs, id, {
      outcome: 'not_convenient',
      attempts: 1,
      callbackAt: agreed,
      preferredSlot: 'afternoon',
    });
    assert.equal(later.statusCode, 200);
    const call = later.json<CallDetail>().call;
    assert.equal(call.state, 'rescheduled');
    assert.equal(call.dueAt, agreed);
    assert.equal(call.preferredSlot, 'afternoon', 'the slot the customer asked for is kept on the customer');
    assert.equal((await callRow(t, id)).status, 'open');
  });

  test('refused: closed politely, remembered, and the contact gate holds back the next follow-up', async () => {
    const customerId = await addCustomer(t, { name: '孙立' });
    const id = await addCall(t, { customerId, dueAt: testClock.now() });
    const res = await outcome(cs, id, { outcome: 'refused', attempts: 0 });
    assert.equal(res.json<CallDetail>().call.state, 'refused');
    const [c] = await sqlIn(t.id, `SELECT topics_opted_out FROM customers WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      customerId,
    ]);
    assert.deepEqual(c?.topics_opted_out, ['follow_up']);
    const [consent] = await sqlIn(
      t.id,
      `SELECT subject, granted, via FROM consents WHERE tenant_id = $1 AND customer_id = $2`,
      [t.id, customerId],
    );
    assert.deepEqual({ ...consent }, { subject: 'follow_up', granted: false, via: 'phone' });
    const next = await inTenant(t.id, (ctx) =>
      touch(
        ctx,
        candidate(t, new Date(testClock.now().getTime() + day), {
          customerId,
          vehicleId: null,
          ruleKey: 'follow_up_1m',
          topic: 'follow_up',
          channel: 'call',
          taskTitle: '新车1个月回访',
          taskRole: 'service_advisor',
        }),
      ),
    );
    assert.deepEqual([next.decision, next.reason], ['suppressed', 'topic_opted_out']);
  });

  test('completed: what the customer raised goes to a named person with a callback time', async () => {
    const id = await addCall(t, { dueAt: testClock.now() });
    const callbackAt = new Date(Math.floor((testClock.now().getTime() + day) / 1000) * 1000).toISOString();
    const wrongPerson = await outcome(cs, id, {
      outcome: 'completed',
      attempts: 0,
      issues: [{ summary: '空调异响', assigneeId: t.staffIds.cashier, callbackAt }],
    });
    assert.equal(wrongPerson.statusCode, 400);
    assert.equal((await callRow(t, id)).attempts, 0, 'nothing written');
    const res = await outcome(cs, id, {
      outcome: 'completed',
      attempts: 0,
      issues: [{ summary: '空调异响，希望尽快检查', assigneeId: t.staffIds.service_advisor, callbackAt }],
      note: '客户满意',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<CallDetail>().call.state, 'completed');
    const [cb] = await sqlIn(
      t.id,
      `SELECT kind, role, assignee_id, script, due_at FROM care_tasks WHERE tenant_id = $1 AND kind = 'callback'`,
      [t.id],
    );
    assert.deepEqual(
      [cb?.kind, cb?.role, cb?.assignee_id, cb?.script, new Date(String(cb?.due_at)).toISOString()],
      ['callback', 'service_advisor', t.staffIds.service_advisor, '空调异响，希望尽快检查', callbackAt],
    );
    const [audit] = await sqlIn(
      t.id,
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'call.outcome' AND target_id = $2`,
      [t.id, id],
    );
    assert.doesNotMatch(JSON.stringify(audit?.details), /空调|满意/, 'the audit log carries no words');
  });

  test('a stale screen is refused; two agents recording at once: one wins, the other gets a clear conflict', async () => {
    const id = await addCall(t, { dueAt: testClock.now() });
    const stale = await outcome(cs, id, { outcome: 'no_answer', attempts: 3 });
    assert.equal(stale.statusCode, 409);
    const race = await addCall(t, { dueAt: testClock.now() });
    const agreed = new Date(testClock.now().getTime() + 5 * hour).toISOString();
    const [a, b] = await Promise.all([
      outcome(cs, race, { outcome: 'no_answer', attempts: 0 }),
      outcome(manager, race, { outcome: 'not_convenient', attempts: 0, callbackAt: agreed }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    const lost = a.statusCode === 409 ? a : b;
    assert.match(lost.json<{ message: string }>().message, /另一位同事刚刚记录/);
    const attempts = await sqlIn(
      t.id,
      `SELECT count(*)::int AS n FROM call_attempts WHERE tenant_id = $1 AND task_id = $2`,
      [t.id, race],
    );
    assert.equal(attempts[0]?.n, 1, 'exactly one attempt kept');
    assert.equal((await callRow(t, race)).attempts, 1);
  });

  test('a cashier may not record outcomes; another tenant’s call or a call out of reach is 404', async () => {
    const id = await addCall(t, { dueAt: testClock.now(), storeId: t.otherStoreId });
    const cashier = await signInStaff(t.slug, 'cashier');
    assert.equal((await outcome(cashier, id, { outcome: 'no_answer', attempts: 0 })).statusCode, 403);
    assert.equal((await outcome(cs, id, { outcome: 'no_answer', attempts: 0 })).statusCode, 404);
  });
});
