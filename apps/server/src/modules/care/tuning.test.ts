import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, type Agent, type TestTenant } from '../../../test/harness.ts';
import { addMonths } from '../../platform/time/zone.ts';
import { inTenant, sqlIn } from '../contact/test-kit.ts';
import { sweep } from './sweep.ts';
import { addCustomer, addVehicle, shiftDay, staged } from './test-kit.ts';

type Issue = { path: string; message: string };
const issues = (res: { json: () => unknown }) =>
  (res.json() as { details?: { issues?: Issue[] } }).details?.issues ?? [];

const D = '2030-06-14';
const local = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

describe('the seeds’ timings are tunable per tenant (care rules settings)', () => {
  let t: TestTenant;
  let admin: Agent;
  before(async () => {
    t = await createTestTenant(['group_admin', 'sales_consultant', 'service_advisor', 'cs_specialist']);
    admin = await signInStaff(t.slug, 'group.admin');
  });
  const put = (key: string, body: object, lang = 'zh-CN') =>
    admin.inject({
      method: 'PUT',
      url: `/api/care/rules/${key}`,
      payload: body,
      headers: { 'x-csrf-token': admin.csrf, 'accept-language': lang },
    });

  test('the defaults are the seeds’: 2-hour care call, 24-hour follow-up, 5 years / 150,000 km, win-back 6+3×3 with the advisor', async () => {
    const items = (await admin.get('/api/care/rules')).json<{
      items: {
        key: string;
        timing: Record<string, number>;
        channel: string;
        taskRole: string | null;
        followUpCall: boolean;
      }[];
    }>().items;
    const of = (k: string) => items.find((r) => r.key === k);
    assert.deepEqual(
      [of('delivery_care')?.timing, of('delivery_care')?.channel, of('delivery_care')?.taskRole],
      [{ hoursAfter: 2 }, 'call', 'sales_consultant'],
    );
    assert.deepEqual(of('post_repair')?.timing, { hoursAfter: 24 });
    assert.deepEqual(of('trade_in')?.timing, { years: 5, km: 150000, everyMonths: 12 });
    assert.deepEqual(of('win_back')?.timing, { monthsWithout: 6, everyMonths: 3, steps: 3 });
    assert.deepEqual(
      [of('win_back')?.channel, of('win_back')?.taskRole, of('win_back')?.followUpCall],
      ['sms', 'service_advisor', true],
    );
  });

  test('impossible values are refused with a clear message, in zh-CN and in English', async () => {
    const call = { enabled: true, channel: 'call', taskRole: 'cs_specialist' };
    let res = await put('post_repair', { ...call, timing: { hoursAfter: 0 } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(issues(res)[0], { path: 'timing.hoursAfter', message: '时间超出该规则允许的范围' });
    res = await put('post_repair', { ...call, timing: { daysAfter: 1 } }, 'en');
    assert.deepEqual(
      issues(res).map((i) => [i.path, i.message]),
      [
        ['timing.daysAfter', 'This rule has no such timing setting'],
        ['timing.hoursAfter', 'Enter this timing setting'],
      ],
    );
    res = await put('trade_in', {
      ...call,
      taskRole: 'sales_consultant',
      timing: { years: 5, km: 1000, everyMonths: 12 },
    });
    assert.equal(issues(res)[0]?.path, 'timing.km');
    const winBack = { enabled: true, channel: 'sms', taskRole: 'service_advisor' };
    res = await put('win_back', { ...winBack, timing: { monthsWithout: 12, everyMonths: 6, steps: 4 } });
    assert.deepEqual(issues(res)[0], {
      path: 'timing.steps',
      message: '最后一次召回不能晚于未进厂24个月（首次月数 + 间隔 ×（次数 − 1）≤ 24）',
    });
    res = await put('insurance_30d', {
      enabled: true,
      channel: 'sms',
      taskRole: 'cs_specialist',
      timing: { daysBefore: 30 },
    });
    assert.deepEqual(issues(res)[0], { path: 'taskRole', message: '只有电话回访才需要指定岗位' });
    // Win-back's notice may go without the call (no role) or with it.
    assert.equal(
      (await put('win_back', { ...winBack, taskRole: null, timing: { monthsWithout: 6, everyMonths: 3, steps: 3 } }))
        .statusCode,
      200,
    );
    assert.equal(
      (await put('win_back', { ...winBack, timing: { monthsWithout: 6, everyMonths: 3, steps: 3 } })).statusCode,
      200,
    );
  });

  test('tuned: the follow-up 48 hours after, the care call 4 hours after, trade-in from 4 years, win-back at 3 and 5 months', async () => {
    const ok = async (key: string, body: object) => assert.equal((await put(key, body)).statusCode, 200, key);
    await ok('post_repair', { enabled: true, channel: 'call', taskRole: 'cs_specialist', timing: { hoursAfter: 48 } });
    await ok('delivery_care', {
      enabled: true,
      channel: 'call',
      taskRole: 'sales_consultant',
      timing: { hoursAfter: 4 },
    });
    await ok('trade_in', {
      enabled: true,
      channel: 'call',
      taskRole: 'sales_consultant',
      timing: { years: 4, km: 150000, everyMonths: 12 },
    });
    await ok('win_back', {
      enabled: true,
      channel: 'sms',
      taskRole: 'service_advisor',
      timing: { monthsWithout: 3, everyMonths: 2, steps: 2 },
    });

    const c = await addCustomer(t);
    const v = await addVehicle(t, c, { purchaseDate: addMonths(D, -48) });
    await sqlIn(
      t.id,
      `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, date_out)
       VALUES ($1, 'RO-T1', $2, $3, $4, 'general_repair', $5, $6)`,
      [t.id, v, c, t.storeId, local(shiftDay(D, -2), '09:00'), local(shiftDay(D, -2), '11:00')],
    );
    const buyer = await addCustomer(t);
    const car = await addVehicle(t, buyer, { purchaseDate: D });
    await sqlIn(
      t.id,
      `INSERT INTO sales_orders (tenant_id, customer_id, vehicle_id, store_id, consultant_id, order_date, delivery_date,
         delivered_at, price_fen) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, 15000000)`,
      [t.id, buyer, car, t.storeId, t.staffIds.sales_consultant, D, local(D, '09:15')],
    );
    const lapsed = [3, 5, 7].map(async (months) => {
      const who = await addCustomer(t);
      const car2 = await addVehicle(t, who, { purchaseDate: '2027-01-01' });
      await sqlIn(
        t.id,
        `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, date_out)
         VALUES ($1, $2, $3, $4, $5, 'maintenance', $6, $6)`,
        [t.id, `RO-W${months}`, car2, who, t.storeId, local(addMonths(D, -months), '10:00')],
      );
      return [months, who] as const;
    });
    const whoBy = new Map(await Promise.all(lapsed));
    const rows = await staged(t.id, D);
    const mine = (customer: string | undefined, rule: string) =>
      rows.filter((r) => r.customer_id === customer && r.rule_key === rule);
    assert.equal(new Date(mine(c, 'post_repair')[0]?.due_at ?? 0).toISOString(), local(D, '11:00').toISOString());
    assert.equal(new Date(mine(buyer, 'delivery_care')[0]?.due_at ?? 0).toISOString(), local(D, '13:15').toISOString());
    assert.equal(mine(c, 'trade_in').length, 1, 'a 4-year-old car is a candidate for this tenant');
    assert.equal(mine(whoBy.get(3), 'win_back').length, 1);
    assert.equal(mine(whoBy.get(5), 'win_back').length, 1);
    assert.equal(mine(whoBy.get(7), 'win_back').length, 0, 'two steps only');
  });

  test('a win-back step is a recall notice and the customer’s advisor’s call task, with the call script', async () => {
    const t2 = await createTestTenant(['group_admin', 'service_advisor']);
    const c = await addCustomer(t2);
    const v = await addVehicle(t2, c, { purchaseDate: '2027-01-01' });
    await sqlIn(
      t2.id,
      `UPDATE customers SET service_advisor_id = $3, preferred_slot = 'afternoon' WHERE tenant_id = $1 AND id = $2`,
      [t2.id, c, t2.staffIds.service_advisor],
    );
    await sqlIn(
      t2.id,
      `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, date_out)
       VALUES ($1, 'RO-1', $2, $3, $4, 'maintenance', $5, $5)`,
      [t2.id, v, c, t2.storeId, local(addMonths(D, -6), '10:00')],
    );
    const run = () => inTenant(t2.id, (ctx) => sweep(ctx, D, { dryRun: false }));
    const first = await run();
    assert.deepEqual(
      first.outcomes.filter((o) => o.customerId === c).map((o) => [o.ruleKey, o.channel, o.decision]),
      [['win_back', 'sms', 'sent']],
    );
    const tasks = await sqlIn(
      t2.id,
      `SELECT role, assignee_id, title, script, due_at FROM care_tasks WHERE tenant_id = $1 AND customer_id = $2`,
      [t2.id, c],
    );
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0]?.role, 'service_advisor');
    assert.equal(tasks[0]?.assignee_id, t2.staffIds.service_advisor);
    assert.match(String(tasks[0]?.script), /是不是对我们之前的服务有不满意的地方/);
    assert.equal(
      new Date(String(tasks[0]?.due_at)).toISOString(),
      local(D, '14:00').toISOString(),
      'in the afternoon slot',
    );
    const [note] = await sqlIn(
      t2.id,
      `SELECT channel, body FROM notifications WHERE tenant_id = $1 AND customer_id = $2`,
      [t2.id, c],
    );
    assert.equal(note?.channel, 'sms');
    assert.match(String(note?.body), /诚邀您回店免费检测/);
    // The night again: nothing twice.
    await run();
    const again = await sqlIn(t2.id, `SELECT count(*) AS n FROM care_tasks WHERE tenant_id = $1 AND customer_id = $2`, [
      t2.id,
      c,
    ]);
    assert.equal(Number(again[0]?.n), 1);
  });

  test('a rule tuned before its new fields existed keeps its choices; the new fields take their defaults', async () => {
    const t3 = await createTestTenant(['group_admin']);
    await sqlIn(
      t3.id,
      `INSERT INTO care_rules (tenant_id, rule_key, enabled, timing, channel, task_role)
       VALUES ($1, 'trade_in', true, '{"everyMonths": 24}', 'call', 'sales_consultant')`,
      [t3.id],
    );
    const a = await signInStaff(t3.slug, 'group.admin');
    const items = (await a.get('/api/care/rules')).json<{ items: { key: string; timing: Record<string, number> }[] }>()
      .items;
    assert.deepEqual(items.find((r) => r.key === 'trade_in')?.timing, { years: 5, km: 150000, everyMonths: 24 });
  });
});
