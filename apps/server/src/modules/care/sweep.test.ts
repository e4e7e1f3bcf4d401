import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, type Agent, type TestTenant } from '../../../test/harness.ts';
import { inTenant, sqlIn } from '../contact/test-kit.ts';
import type { CareDryRun } from '@m4s/contracts';
import { nightlyJobName, scheduleNightly } from './care.jobs.ts';
import { sweep } from './sweep.ts';
import { addCustomer, addVehicle, shiftDay } from './test-kit.ts';

const D = '2030-11-20';
const count = async (t: TestTenant, table: string) =>
  Number((await sqlIn(t.id, `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [t.id]))[0]?.n);

describe('the care sweep', () => {
  let t: TestTenant;
  let admin: Agent;
  const who: Record<string, string> = {};
  before(async () => {
    t = await createTestTenant(['group_admin', 'sales_consultant', 'cs_specialist']);
    admin = await signInStaff(t.slug, 'group.admin');
    // Reached: insurance SMS; a follow-up call (a task); a birthday greeting.
    who.insured = await addCustomer(t, { name: '陈立', gender: 'male' });
    await addVehicle(t, who.insured, { insuranceExpiry: shiftDay(D, 30) });
    who.bought = await addCustomer(t, { name: '孙丽', gender: 'female' });
    const car = await addVehicle(t, who.bought, { purchaseDate: shiftDay(D, -3) });
    await sqlIn(
      t.id,
      `INSERT INTO sales_orders (tenant_id, customer_id, vehicle_id, store_id, consultant_id, order_date, delivery_date, price_fen)
       VALUES ($1, $2, $3, $4, $5, $6, $6, 12000000)`,
      [t.id, who.bought, car, t.storeId, t.staffIds.sales_consultant, shiftDay(D, -3)],
    );
    // Suppressed: no SMS accepted.
    who.noSms = await addCustomer(t, { name: '钱进', gender: 'male' });
    await addVehicle(t, who.noSms, { inspectionDue: shiftDay(D, 30) });
    await sqlIn(t.id, `UPDATE customers SET channels = '{app,phone}' WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      who.noSms,
    ]);
  });

  test('the dry run lists who would be touched and who suppressed, and why — and writes nothing', async () => {
    const res = await admin.get(`/api/care/dry-run?day=${D}`);
    assert.equal(res.statusCode, 200);
    const { items, day } = res.json<CareDryRun>();
    assert.equal(day, D);
    const of = (id: string | undefined) => items.filter((i) => i.customerId === id);
    assert.deepEqual(
      of(who.insured).map((i) => [i.ruleKey, i.channel, i.decision]),
      [['insurance_30d', 'sms', 'sent']],
    );
    assert.equal(of(who.insured)[0]?.customerName, '陈立');
    assert.match(of(who.insured)[0]?.maskedPhone ?? '', /^139\*{4}\d{4}$/);
    assert.deepEqual(
      of(who.bought).map((i) => [i.ruleKey, i.channel, i.decision]),
      [['follow_up_3d', 'call', 'sent']],
    );
    assert.deepEqual(
      of(who.noSms).map((i) => [i.ruleKey, i.decision, i.reason]),
      [['inspection_due', 'suppressed', 'channel_refused']],
    );
    for (const table of ['touches', 'care_tasks', 'notifications']) assert.equal(await count(t, table), 0, table);
    assert.equal((await admin.get('/api/care/dry-run?day=2030-13-01')).statusCode, 400);
  });

  test('a sweep run twice for the same day creates nothing twice', async () => {
    const first = await inTenant(t.id, (ctx) => sweep(ctx, D, { dryRun: false }));
    assert.ok(first.outcomes.length >= 3);
    const touches = await count(t, 'touches');
    const tasks = await count(t, 'care_tasks');
    const notices = await count(t, 'notifications');
    assert.equal(touches, first.outcomes.length);
    assert.equal(tasks, 1);
    assert.equal(notices, 1);
    const second = await inTenant(t.id, (ctx) => sweep(ctx, D, { dryRun: false }));
    assert.equal(second.outcomes.length, first.outcomes.length);
    assert.ok(second.outcomes.every((o) => o.duplicate));
    assert.equal(await count(t, 'touches'), touches);
    assert.equal(await count(t, 'care_tasks'), tasks);
    assert.equal(await count(t, 'notifications'), notices);
    const [task] = await sqlIn(t.id, 'SELECT role, assignee_id, title, script FROM care_tasks WHERE tenant_id = $1', [
      t.id,
    ]);
    assert.equal(task?.role, 'sales_consultant');
    assert.equal(task?.assignee_id, t.staffIds.sales_consultant);
    assert.match(String(task?.script), /^孙女士您好，我是一号店的sales_consultant。您三天前在我店购买了一辆爱车/);
  });

  test('a switched-off rule stages nothing', async () => {
    const res = await admin.send('PUT', '/api/care/rules/insurance_30d', {
      enabled: false,
      channel: 'sms',
      taskRole: null,
      timing: { daysBefore: 30 },
    });
    assert.equal(res.statusCode, 200);
    const { staged } = await inTenant(t.id, (ctx) => sweep(ctx, D, { dryRun: true }));
    assert.equal(staged.insurance_30d, undefined);
    assert.equal(staged.inspection_due, 1);
  });

  test('the nightly run is queued for 02:00 in the tenant’s zone, once per tenant and day', async () => {
    const sent = await inTenant(t.id, async (ctx, jobs) => {
      await scheduleNightly(ctx, D);
      return jobs;
    });
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.name, nightlyJobName);
    assert.deepEqual(sent[0]?.data, { tenantId: t.id, day: D });
    assert.equal(sent[0]?.startAfter?.toISOString(), '2030-11-19T18:00:00.000Z');
  });
});
