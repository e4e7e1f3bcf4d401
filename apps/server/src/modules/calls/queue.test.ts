// The call queues (docs/calls.md): due order inside each customer's slot and quiet hours, pages of 50, mine
// and the store's with every agent's day, reassignment, calls made by hand, and the nightly expiry.
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallDetail, CallQueue } from '@m4s/contracts';
import { createTestTenant, signInStaff, testClock, type Agent, type TestTenant } from '../../../test/harness.ts';
import { candidate, inTenant, sqlIn } from '../contact/test-kit.ts';
import { runGate, stage } from '../contact/gate.ts';
import { addCustomer, addVehicle } from '../care/test-kit.ts';
import { addDays, dayIn, instantOf, localOf } from '../../platform/time/zone.ts';
import { expireDueCalls } from './calls.nightly.ts';
import { insertValues } from '../../platform/db/insert-values.ts';
import { addCall, callRow, day, hour } from './test-kit.ts';

const zone = 'Asia/Shanghai';
const queue = async (agent: Agent, query: string) => {
  const res = await agent.get(`/api/calls?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<CallQueue>();
};

describe('call queues', () => {
  let t: TestTenant;
  let cs: Agent;
  let manager: Agent;
  before(async () => {
    t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager', 'service_advisor', 'cashier']);
    cs = await signInStaff(t.slug, 'cs.specialist');
    manager = await signInStaff(t.slug, 'service.manager');
  });

  test('calls the gate makes are queued in due order inside each customer’s slot and outside quiet hours', async () => {
    const tomorrow9 = instantOf(addDays(dayIn(testClock.now(), zone), 1), '09:00', zone);
    const evening = await addCustomer(t, { name: '晚间' });
    const quiet = await addCustomer(t, { name: '免打扰' });
    const plain = await addCustomer(t, { name: '随时' });
    await sqlIn(t.id, `UPDATE customers SET preferred_slot = 'evening' WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      evening,
    ]);
    await sqlIn(
      t.id,
      `UPDATE customers SET quiet_start = '21:00', quiet_end = '10:30' WHERE tenant_id = $1 AND id = $2`,
      [t.id, quiet],
    );
    await inTenant(t.id, async (ctx) => {
      await stage(
        ctx,
        [evening, quiet, plain].map((customerId) =>
          candidate(t, tomorrow9, {
            customerId,
            vehicleId: null,
            ruleKey: 'follow_up_7d',
            topic: 'follow_up',
            channel: 'call',
            taskTitle: '新车7日回访',
            taskRole: 'cs_specialist',
            storeId: t.storeId,
          }),
        ),
      );
      await runGate(ctx, { dryRun: false });
    });
    const items = (await queue(cs, 'scope=mine&when=all')).items;
    assert.deepEqual(
      items.map((i) => [i.customerName, localOf(new Date(i.dueAt), zone).time]),
      [
        ['随时', '09:00'],
        ['免打扰', '10:30'],
        ['晚间', '18:00'],
      ],
    );
    assert.ok(items.every((i) => i.state === 'scheduled' && !i.late && i.kind === 'call'));
    // Today's queue holds none of them: they are due tomorrow.
    assert.equal((await queue(cs, 'scope=mine')).total, 0);
  });

  test('a call made by hand: the rule’s call script with its variables filled in, placed in the slot', async () => {
    const res = await cs.send('POST', '/api/calls', {
      customerId: t.customerId,
      vehicleId: t.vehicleId,
      template: 'follow_up_3d',
    });
    assert.equal(res.statusCode, 201, res.body);
    const { call } = res.json<CallDetail>();
    assert.equal(call.title, '新车3日回访');
    assert.match(call.script, /^测试客户您好，我是一号店的cs_specialist。/, 'the caller speaks');
    assert.match(call.script, /您三天前在我店购买了一辆爱车/);
    assert.doesNotMatch(call.script, /\{\{/);
    assert.equal(call.assigneeId, t.staffIds.cs_specialist);
    const other = await addCustomer(t, { name: '别人' });
    const car = await addVehicle(t, other, { plate: '沪B00001' });
    const wrongCar = await cs.send('POST', '/api/calls', { customerId: t.customerId, vehicleId: car, template: null });
    assert.equal(wrongCar.statusCode, 400);
    const cashierGets = await cs.send('POST', '/api/calls', {
      customerId: t.customerId,
      assigneeId: t.staffIds.cashier,
    });
    assert.equal(cashierGets.statusCode, 400);
  });

  test('the supervisor’s store queue: what is late, every agent’s day; front-line staff may not see it', async () => {
    const now = testClock.now().getTime();
    const before = await queue(manager, 'scope=store&late=true');
    const mineBefore = before.loads.find((l) => l.staffId === t.staffIds.cs_specialist)?.late ?? 0;
    const late = await addCall(t, { dueAt: new Date(now - 3 * hour), assigneeId: t.staffIds.cs_specialist });
    const pooled = await addCall(t, { dueAt: new Date(now - 2 * hour) });
    const elsewhere = await addCall(t, { dueAt: new Date(now - hour), storeId: t.otherStoreId });
    assert.equal((await cs.get('/api/calls?scope=store')).statusCode, 403);
    assert.equal((await manager.get(`/api/calls?scope=store&storeId=${t.otherStoreId}`)).statusCode, 403);
    const lateOnly = await queue(manager, 'scope=store&late=true');
    assert.equal(lateOnly.total, before.total + 2, 'the store’s late calls, not the other store’s');
    const ids = lateOnly.items.map((i) => i.id);
    assert.ok(ids.includes(late) && ids.includes(pooled) && !ids.includes(elsewhere));
    assert.ok(ids.indexOf(late) < ids.indexOf(pooled), 'the latest first');
    assert.ok(lateOnly.items.every((i) => i.late));
    const mine = lateOnly.loads.find((l) => l.staffId === t.staffIds.cs_specialist);
    assert.equal(mine?.late, mineBefore + 1);
    assert.equal(mine?.target, 50);
    const pool = lateOnly.loads.find((l) => l.staffId === null && l.role === 'cs_specialist');
    assert.ok((pool?.late ?? 0) >= 1);
    // The agent's own day is her queue's: given to her and her role's pool, due by tonight.
    const today = await queue(cs, 'scope=mine');
    assert.equal(today.loads[0]?.dueToday, today.total);
    assert.equal(today.loads[0]?.late, (await queue(cs, 'scope=mine&late=true')).total);
    assert.ok(today.items.some((i) => i.id === pooled) && !today.items.some((i) => i.id === elsewhere));
  });

  test('reassignment by the supervisor moves calls to a colleague’s queue; only to someone who works calls', async () => {
    const id = await addCall(t, { dueAt: testClock.now(), role: 'service_advisor' });
    assert.equal(
      (await cs.send('POST', '/api/calls/reassign', { taskIds: [id], assigneeId: t.staffIds.cs_specialist }))
        .statusCode,
      403,
    );
    const bad = await manager.send('POST', '/api/calls/reassign', { taskIds: [id], assigneeId: t.staffIds.cashier });
    assert.equal(bad.statusCode, 400);
    const moved = await manager.send('POST', '/api/calls/reassign', {
      taskIds: [id],
      assigneeId: t.staffIds.cs_specialist,
    });
    assert.deepEqual(moved.json(), { moved: 1 });
    assert.ok((await queue(cs, 'scope=mine&when=all')).items.some((i) => i.id === id));
    assert.equal((await callRow(t, id)).assignee_id, t.staffIds.cs_specialist);
  });

  test('a call expires after the tenant’s window with its reason; an agreed time keeps it', async () => {
    const now = testClock.now().getTime();
    const never = await addCall(t, { dueAt: new Date(now - 16 * day) });
    const tried = await addCall(t, { dueAt: new Date(now + hour), firstDueAt: new Date(now - 16 * day) });
    await sqlIn(t.id, `UPDATE care_tasks SET attempts = 2, call_state = 'retry' WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      tried,
    ]);
    const agreed = await addCall(t, { dueAt: new Date(now + 2 * day), firstDueAt: new Date(now - 20 * day) });
    await sqlIn(
      t.id,
      `UPDATE care_tasks SET attempts = 1, call_state = 'rescheduled' WHERE tenant_id = $1 AND id = $2`,
      [t.id, agreed],
    );
    const young = await addCall(t, { dueAt: new Date(now - 14 * day) });
    const counts = await inTenant(t.id, (ctx) => expireDueCalls(ctx));
    assert.ok(counts.neverAttempted >= 1 && counts.notReached >= 1);
    assert.deepEqual(
      [await callRow(t, never), await callRow(t, tried)].map((r) => [r.status, r.call_state, r.close_reason]),
      [
        ['cancelled', 'expired', 'never_attempted'],
        ['cancelled', 'expired', 'not_reached'],
      ],
    );
    assert.equal((await callRow(t, agreed)).call_state, 'rescheduled');
    assert.equal((await callRow(t, young)).call_state, 'scheduled');
    const res = await cs.send('POST', `/api/calls/${never}/outcome`, { outcome: 'completed', attempts: 0 });
    assert.equal(res.statusCode, 409);
    assert.match(res.json<{ message: string }>().message, /过期/);
    // A shorter window, tuned by the tenant, expires the 14-day-old call too.
    const admin = await signInStaff(t.slug, 'group.admin');
    await admin.send('PUT', '/api/calls/policy', { queueDays: 10, noAnswerAttempts: 3, dailyLoad: 50 });
    await inTenant(t.id, (ctx) => expireDueCalls(ctx));
    assert.equal((await callRow(t, young)).call_state, 'expired');
  });
});

describe('pages of 50', () => {
  test('a store queue of 60 calls: 50 on the first page, 10 on the second, in due order', async () => {
    const t = await createTestTenant(['cs_specialist', 'service_manager']);
    const now = testClock.now().getTime();
    // Rows as VALUES: an INSERT … SELECT FROM generate_series is refused on Citus (docs/scaling.md §4).
    await inTenant(t.id, (ctx) =>
      insertValues(ctx.sql, {
        into: 'care_tasks',
        tenantId: t.id,
        shared: { customer_id: t.customerId, store_id: t.storeId, role: 'cs_specialist', script: '' },
        columns: ['id', 'title', 'due_at'],
        rows: Array.from({ length: 60 }, (_, i) => [randomUUID(), `回访${i + 1}`, new Date(now - (i + 1) * 60_000)]),
      }),
    );
    const manager = await signInStaff(t.slug, 'service.manager');
    const first = await queue(manager, 'scope=store');
    const second = await queue(manager, 'scope=store&page=2');
    assert.deepEqual([first.items.length, second.items.length, first.total, first.pageSize], [50, 10, 60, 50]);
    assert.equal(first.items[0]?.title, '回访60');
    assert.equal(second.items.at(-1)?.title, '回访1');
    const all = [...first.items, ...second.items].map((i) => i.dueAt);
    assert.deepEqual(all, [...all].sort());
  });
});
