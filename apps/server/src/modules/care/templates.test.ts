import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, type Agent, type TestTenant } from '../../../test/harness.ts';
import { inTenant, sqlIn } from '../contact/test-kit.ts';
import { renderFor } from './care.service.ts';
import { addCustomer, addVehicle, shiftDay, staged } from './test-kit.ts';

type Issue = { path: string; message: string };
const issues = (res: { json: () => unknown }) =>
  (res.json() as { details?: { issues?: Issue[] } }).details?.issues ?? [];

describe('care rules and templates', () => {
  let t: TestTenant;
  let admin: Agent;
  before(async () => {
    t = await createTestTenant(['group_admin', 'cashier', 'service_advisor']);
    admin = await signInStaff(t.slug, 'group.admin');
  });

  test('the rule list has every rule with its defaults; a cashier gets 403', async () => {
    const res = await admin.get('/api/care/rules');
    assert.equal(res.statusCode, 200);
    const items = res.json<{ items: { key: string; timing: Record<string, number>; channel: string }[] }>().items;
    assert.equal(items.length, 17);
    assert.deepEqual(items.find((r) => r.key === 'follow_up_3d')?.timing, { daysAfter: 3 });
    assert.equal(items.find((r) => r.key === 'follow_up_3d')?.channel, 'call');
    const cashier = await signInStaff(t.slug, 'cashier');
    assert.equal((await cashier.get('/api/care/rules')).statusCode, 403);
    assert.equal((await cashier.get('/api/care/tasks')).statusCode, 403);
  });

  test('impossible timings and a call without a role are refused with field messages', async () => {
    const put = (key: string, body: object) => admin.send('PUT', `/api/care/rules/${key}`, body);
    const base = { enabled: true, channel: 'sms', taskRole: null };
    let res = await put('insurance_30d', { ...base, timing: { daysBefore: -3 } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(issues(res)[0], { path: 'timing.daysBefore', message: '时间参数不能为负数' });
    res = await put('insurance_30d', { ...base, timing: { daysBefore: 400 } });
    assert.equal(issues(res)[0]?.path, 'timing.daysBefore');
    res = await put('first_maintenance', { ...base, timing: { daysBefore: 30, months: 1, km: 5000 } });
    assert.equal(issues(res)[0]?.message, '提前量不能超过规则的时间窗口');
    res = await put('insurance_30d', { ...base, timing: { daysBefore: 30, weeks: 2 } });
    assert.equal(issues(res)[0]?.path, 'timing.weeks');
    res = await put('follow_up_3d', { ...base, channel: 'call', timing: { daysAfter: 3 } });
    assert.deepEqual(issues(res)[0], { path: 'taskRole', message: '电话回访必须指定负责的岗位' });
    res = await put('follow_up_3d', { ...base, channel: 'call', taskRole: 'cashier', timing: { daysAfter: 3 } });
    assert.equal(issues(res)[0]?.path, 'taskRole');
    res = await put('insurance_30d', { ...base, timing: { daysBefore: 45 } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ customized: boolean }>().customized, true);
    const [audit] = await sqlIn(
      t.id,
      `SELECT action, target_id FROM audit_log WHERE tenant_id = $1 AND action = 'care.rule.update'`,
      [t.id],
    );
    assert.equal(audit?.target_id, 'insurance_30d');
  });

  test('an unknown variable or a snippet loop is refused; each edit is a new version', async () => {
    const put = (key: string, channel: string, body: object) =>
      admin.send('PUT', `/api/care/templates/${key}/${channel}`, body);
    let res = await put('birthday', 'sms', { subject: null, body: '{{customer}}生日快乐 {{coupon}}' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(issues(res)[0], { path: 'body', message: '模板中有不认识的变量，请从变量列表中选择' });
    res = await put('birthday', 'sms', { subject: null, body: '{{>nothing}}生日快乐' });
    assert.equal(issues(res)[0]?.message, '模板引用了不存在的公共片段');
    res = await put('signature', 'email', { subject: null, body: '{{store}} {{>call_intro}}' });
    assert.equal(res.statusCode, 200);
    res = await put('call_intro', 'email', { subject: null, body: '您好 {{>signature}}' });
    assert.equal(res.statusCode, 400);
    assert.equal(issues(res)[0]?.message, '公共片段之间形成了循环引用');
    res = await put('signature', 'inbox', { subject: null, body: '{{>signature}}' });
    assert.equal(issues(res)[0]?.message, '公共片段之间形成了循环引用');

    res = await put('birthday', 'sms', { subject: null, body: '{{>sms_sign}}{{customer}}，生日快乐！' });
    assert.equal(res.json<{ version: number }>().version, 1);
    res = await put('birthday', 'sms', { subject: null, body: '{{>sms_sign}}{{customer}}，祝您生日快乐！' });
    assert.equal(res.json<{ version: number }>().version, 2);
    const list = (await admin.get('/api/care/templates')).json<{
      items: { key: string; channel: string; version: number; body: string }[];
    }>();
    const current = list.items.find((i) => i.key === 'birthday' && i.channel === 'sms');
    assert.equal(current?.version, 2);
    assert.match(current?.body ?? '', /祝您生日快乐/);
    assert.equal(list.items.find((i) => i.key === 'birthday' && i.channel === 'inbox')?.version, 0);
  });

  test('preview: 姓 + 先生/女士 by gender, the full name when unknown; another tenant’s customer is 404', async () => {
    const he = await addCustomer(t, { name: '王建国', gender: 'male', birthday: '1980-01-02' });
    const she = await addCustomer(t, { name: '李秀英', gender: 'female' });
    const who = await addCustomer(t, { name: '赵一鸣', gender: null });
    const preview = async (id: string) =>
      (await admin.get(`/api/care/templates/insurance_7d/inbox/preview?customerId=${id}`)).json<{
        subject: string;
        body: string;
      }>();
    assert.match((await preview(he)).body, /^王先生您好/);
    assert.match((await preview(she)).body, /^李女士您好/);
    assert.match((await preview(who)).body, /^赵一鸣您好/);
    const sms = (await admin.get(`/api/care/templates/birthday/sms/preview?customerId=${he}`)).json<{ body: string }>();
    assert.equal(sms.body, '【测试】王先生，祝您生日快乐！');
    const other = await createTestTenant();
    const res = await admin.get(`/api/care/templates/birthday/sms/preview?customerId=${other.customerId}`);
    assert.equal(res.statusCode, 404);
  });

  test('the SQL renderer (sweep) and the TypeScript renderer (preview) say the same', async () => {
    const D = '2030-09-01';
    const c = await addCustomer(t, { name: '周晓梅', gender: 'female' });
    const v = await addVehicle(t, c, {
      plate: '浙A88888',
      insuranceExpiry: shiftDay(D, 45),
      inspectionDue: shiftDay(D, 30),
    });
    await sqlIn(t.id, 'UPDATE customers SET service_advisor_id = $3 WHERE tenant_id = $1 AND id = $2', [
      t.id,
      c,
      t.staffIds.service_advisor,
    ]);
    await admin.send('PUT', '/api/care/rules/inspection_due', {
      enabled: true,
      channel: 'email',
      taskRole: null,
      timing: { daysBefore: 30 },
    });
    const rows = (await staged(t.id, D)).filter((s) => s.customer_id === c);
    const byRule = new Map(rows.map((r) => [r.rule_key, r]));
    for (const [rule, channel, anchor] of [
      ['insurance_30d', 'sms', shiftDay(D, 45)],
      ['inspection_due', 'email', shiftDay(D, 30)],
    ] as const) {
      const row = byRule.get(rule);
      assert.ok(row, `${rule} staged`);
      const ts = await inTenant(t.id, (ctx) => renderFor(ctx, rule, channel, c, anchor, v));
      assert.equal(row.body, ts.body);
      assert.equal(row.subject, ts.subject);
    }
    assert.match(byRule.get('inspection_due')?.body ?? '', /周女士您好，您的爱车浙A88888年检将于10月1日到期/);
    assert.match(byRule.get('inspection_due')?.subject ?? '', /年检到期提醒｜一号店/);
  });
});
