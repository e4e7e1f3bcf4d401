import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CareTask } from '@m4s/contracts';
import { createTestTenant, signInStaff, testClock, type Agent, type TestTenant } from '../../../test/harness.ts';
import { sqlIn } from '../contact/test-kit.ts';

const addTask = async (
  t: TestTenant,
  over: { storeId: string; role: string; assigneeId?: string; dueAt: Date; ruleKey?: string },
) => {
  const [row] = await sqlIn(
    t.id,
    `INSERT INTO care_tasks (tenant_id, customer_id, vehicle_id, store_id, rule_key, role, assignee_id, title, script, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '回访', '您好……', $8) RETURNING id`,
    [
      t.id,
      t.customerId,
      t.vehicleId,
      over.storeId,
      over.ruleKey ?? 'post_repair',
      over.role,
      over.assigneeId ?? null,
      over.dueAt,
    ],
  );
  return String(row?.id);
};

describe('care tasks', () => {
  let t: TestTenant;
  let advisor: Agent;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await createTestTenant([
      'group_admin',
      'service_advisor',
      'sales_consultant',
      'cs_specialist',
      'cashier',
      'store_manager',
    ]);
    advisor = await signInStaff(t.slug, 'service.advisor');
    const now = testClock.now().getTime();
    const hour = 3600_000;
    ids.mineLater = await addTask(t, {
      storeId: t.storeId,
      role: 'service_advisor',
      assigneeId: t.staffIds.service_advisor,
      dueAt: new Date(now + 5 * hour),
      ruleKey: 'follow_up_1m',
    });
    ids.poolOverdue = await addTask(t, {
      storeId: t.storeId,
      role: 'service_advisor',
      dueAt: new Date(now - 26 * hour),
    });
    ids.csPool = await addTask(t, { storeId: t.storeId, role: 'cs_specialist', dueAt: new Date(now - hour) });
    ids.otherStore = await addTask(t, {
      storeId: t.otherStoreId,
      role: 'service_advisor',
      dueAt: new Date(now - hour),
    });
  });

  test('my tasks: assigned to me and my role’s open ones in my store, overdue first', async () => {
    const res = await advisor.get('/api/care/tasks?scope=mine&status=open');
    assert.equal(res.statusCode, 200);
    const items = res.json<{ items: CareTask[] }>().items;
    assert.deepEqual(
      items.map((i) => i.id),
      [ids.poolOverdue, ids.mineLater],
    );
    assert.equal(items[0]?.overdue, true);
    assert.equal(items[0]?.phone, '13000000000');
    const manager = await signInStaff(t.slug, 'store.manager');
    const store = (await manager.get('/api/care/tasks?scope=store')).json<{ items: CareTask[] }>().items;
    assert.equal(store.length, 3);
    const cashier = await signInStaff(t.slug, 'cashier');
    assert.equal((await cashier.get('/api/care/tasks')).statusCode, 403);
    assert.equal(
      (await cashier.send('POST', `/api/care/tasks/${ids.poolOverdue}/done`, { outcome: '已回访' })).statusCode,
      403,
    );
  });

  test('another store’s task, or another role’s, is 404', async () => {
    for (const id of [ids.otherStore, ids.csPool]) {
      const res = await advisor.send('POST', `/api/care/tasks/${id}/done`, { outcome: '已回访' });
      assert.equal(res.statusCode, 404);
    }
  });

  test('snooze hides a task until its time; reassign moves it; both audited', async () => {
    const past = await advisor.send('POST', `/api/care/tasks/${ids.poolOverdue}/snooze`, {
      until: '2020-01-01T00:00:00Z',
    });
    assert.equal(past.statusCode, 400);
    const until = new Date(testClock.now().getTime() + 2 * 3600_000).toISOString();
    const res = await advisor.send('POST', `/api/care/tasks/${ids.poolOverdue}/snooze`, { until });
    assert.equal(res.json<CareTask>().status, 'snoozed');
    let mine = (await advisor.get('/api/care/tasks')).json<{ items: CareTask[] }>().items;
    assert.deepEqual(
      mine.map((i) => i.id),
      [ids.mineLater],
    );
    testClock.advance(3 * 3600_000);
    mine = (await advisor.get('/api/care/tasks')).json<{ items: CareTask[] }>().items;
    assert.deepEqual(
      mine.map((i) => i.id),
      [ids.poolOverdue, ids.mineLater],
    );

    const bad = await advisor.send('POST', `/api/care/tasks/${ids.poolOverdue}/reassign`, {
      assigneeId: t.staffIds.cashier,
    });
    assert.equal(bad.statusCode, 400);
    const moved = await advisor.send('POST', `/api/care/tasks/${ids.poolOverdue}/reassign`, {
      assigneeId: t.staffIds.cs_specialist,
    });
    assert.equal(moved.statusCode, 200);
    assert.equal(moved.json<CareTask>().assigneeId, t.staffIds.cs_specialist);
    assert.equal(
      (await advisor.send('POST', `/api/care/tasks/${ids.poolOverdue}/done`, { outcome: 'x' })).statusCode,
      404,
    );
    const actions = await sqlIn(
      t.id,
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND action LIKE 'care.task.%' ORDER BY at`,
      [t.id],
    );
    assert.deepEqual(
      actions.map((a) => a.action),
      ['care.task.snooze', 'care.task.reassign'],
    );
  });

  test('the 1-month follow-up records the mileage the owner gave', async () => {
    const res = await advisor.send('POST', `/api/care/tasks/${ids.mineLater}/done`, {
      outcome: '车况良好',
      mileageKm: 2300,
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<CareTask>().status, 'done');
    const [reading] = await sqlIn(
      t.id,
      'SELECT km, source FROM mileage_readings WHERE tenant_id = $1 AND vehicle_id = $2',
      [t.id, t.vehicleId],
    );
    assert.deepEqual({ km: reading?.km, source: reading?.source }, { km: 2300, source: 'follow_up' });
    const again = await advisor.send('POST', `/api/care/tasks/${ids.mineLater}/done`, { outcome: '重复' });
    assert.equal(again.statusCode, 409);
  });
});
