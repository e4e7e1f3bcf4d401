// Issue 11 §6, "the contact promise without leaks": one topic list, every visit's quiet period, calls in the
// slot and outside quiet hours. Each case of the issue text, against the real database (both engines).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  careRuleKeys,
  contactTopicLabels,
  contactTopics,
  optOutTopics,
  followUpSlotWindows,
  transactionalTopics,
  type FollowUpSlot,
} from '@m4s/contracts';
import { signInOwner, signInStaff } from '../../../test/harness.ts';
import { callMoment } from '../../platform/time/quiet.ts';
import { ruleDefaults } from '../care/rules.ts';
import { importFile } from '../imports/test-kit.ts';
import { candidate, gate, sqlIn, tenantWith } from './test-kit.ts';

type Issue = { path: string; message: string };

describe('one topic list (contracts) for the gate, the owner app and the admin console', () => {
  test('every care rule sends about a topic of the list; every topic has a zh-CN and an en name', () => {
    for (const key of careRuleKeys) assert.ok(contactTopics.includes(ruleDefaults[key].topic), key);
    assert.equal(ruleDefaults.trade_in.topic, 'trade_in');
    for (const x of contactTopics) {
      assert.ok(contactTopicLabels[x]['zh-CN'] && contactTopicLabels[x].en, x);
    }
    // 新车推荐 is the trade-in topic's name: the admin console's old "new_car" is gone.
    assert.match(contactTopicLabels.trade_in['zh-CN'], /新车推荐/);
    assert.deepEqual([...optOutTopics].sort(), contactTopics.filter((x) => !transactionalTopics.includes(x)).sort());
  });

  test('staff opt the customer out of 新车推荐 (trade_in): the trade-in call is held back', async () => {
    const t = await tenantWith('');
    const admin = await signInStaff(t.slug, 'group.admin');
    const put = await admin.send('PUT', `/api/customers/${t.customerId}/contact-preferences`, {
      channels: ['app', 'sms', 'phone'],
      quietStart: null,
      quietEnd: null,
      topicsOptedOut: ['trade_in'],
      marketingOptOut: false,
    });
    assert.equal(put.statusCode, 200, put.body);
    const [call] = await gate(t.id, [
      candidate(t, '2026-03-10T01:00:00Z', {
        channel: 'call',
        topic: 'trade_in',
        kind: 'marketing',
        ruleKey: 'trade_in',
        taskRole: 'sales_consultant',
      }),
    ]);
    assert.equal(call?.decision, 'suppressed');
    assert.equal(call?.reason, 'topic_opted_out');
    const tasks = await sqlIn(t.id, 'SELECT count(*)::int AS n FROM care_tasks WHERE tenant_id = $1', [t.id]);
    assert.equal(tasks[0]?.n, 0);
  });

  test('unknown topics are refused with 400 and a zh-CN (or en) message by the owner and the staff API; nothing is written', async () => {
    const t = await tenantWith(`topics_opted_out = '{birthday}'`);
    const owner = await signInOwner(t.slug, '13000000000');
    const refused = await owner.send('PUT', '/api/owner/contact-preferences', {
      channels: ['app'],
      quietStart: null,
      quietEnd: null,
      topicsOptedOut: ['maintenance', 'new_car'],
      marketingOptOut: false,
      preferredSlot: null,
    });
    assert.equal(refused.statusCode, 400, refused.body);
    const issues = refused.json().details.issues as Issue[];
    assert.deepEqual(
      issues.map((i) => i.path),
      ['topicsOptedOut.1'],
    );
    assert.match(issues[0]?.message ?? '', /^未知的消息主题；可选：.*trade_in（置换升级与新车推荐）/);

    const admin = await signInStaff(t.slug, 'group.admin');
    const staff = await admin.inject({
      method: 'PUT',
      url: `/api/customers/${t.customerId}/contact-preferences`,
      payload: {
        channels: ['sms'],
        quietStart: null,
        quietEnd: null,
        topicsOptedOut: ['events'],
        marketingOptOut: true,
      },
      headers: { 'x-csrf-token': admin.csrf, 'accept-language': 'en' },
    });
    assert.equal(staff.statusCode, 400, staff.body);
    assert.match((staff.json().details.issues as Issue[])[0]?.message ?? '', /^Unknown topic; choose from: booking/);

    const [row] = await sqlIn(
      t.id,
      'SELECT channels, topics_opted_out FROM customers WHERE tenant_id = $1 AND id = $2',
      [t.id, t.customerId],
    );
    assert.deepEqual(row?.topics_opted_out, ['birthday']);
    assert.deepEqual(row?.channels, ['app', 'sms', 'phone']);
    // And below the API: the database refuses a topic outside the list (migration 0023).
    await assert.rejects(
      sqlIn(t.id, `UPDATE customers SET topics_opted_out = '{new_car}' WHERE tenant_id = $1`, [t.id]),
      /customers_topics_opted_out_known/,
    );
  });
});

describe('every visit starts the post-visit quiet period, whatever its source', () => {
  const held = async (t: Awaited<ReturnType<typeof tenantWith>>, dueAt: string) =>
    (
      await gate(
        t.id,
        [
          candidate(t, dueAt, { topic: 'inspection', ruleKey: 'inspection_due', priority: 1 }),
          candidate(t, dueAt, { topic: 'follow_up', ruleKey: 'post_repair', channel: 'call', priority: 2 }),
        ],
        true,
      )
    ).map((o) => o.reason ?? o.decision);

  test('a repair order entered through the API (no visit in the visit flow)', async () => {
    const t = await tenantWith('');
    const admin = await signInStaff(t.slug, 'group.admin');
    const created = await admin.send('POST', '/api/repair-orders', {
      number: 'RO-API-0001',
      vehicleId: t.vehicleId,
      type: 'general_repair',
      dateIn: '2026-03-08T01:00:00Z',
      dateOut: '2026-03-08T06:00:00Z',
      mileageKm: 12000,
      lines: [{ kind: 'labour', description: '更换刹车片', labourHours: 1, amountFen: 20000 }],
    });
    assert.equal(created.statusCode, 201, created.body);
    // postVisitDays 3: held within 3 days of the car leaving, the visit's own follow-up exempt; after, free.
    assert.deepEqual(await held(t, '2026-03-10T02:00:00Z'), ['recent_visit', 'sent']);
    assert.deepEqual(await held(t, '2026-03-11T05:59:00Z'), ['recent_visit', 'sent']);
    assert.deepEqual(await held(t, '2026-03-11T06:00:00Z'), ['sent', 'sent']);
    assert.deepEqual(await held(t, '2026-03-08T05:59:00Z'), ['sent', 'sent'], 'not before the car left');
  });

  test('a repair order from the DMS import', async () => {
    const t = await tenantWith('');
    const admin = await signInStaff(t.slug, 'group.admin');
    const csv = [
      '工单号,车架号,车牌号,进厂日期,出厂日期,维修类型,进厂里程,服务顾问,维修技师,项目类型,项目名称,工时,数量,金额(元),成本(元)',
      'WT202603081000,LFV2A21K8J3000001,,2026-03-08 09:00,2026-03-08 14:00,定期保养,12000,,,工时,常规保养工时,1,,180,',
    ].join('\n');
    const run = await importFile(admin, 'repair_orders', '维修工单.csv', Buffer.from(`\ufeff${csv}\n`, 'utf8'));
    assert.equal(run.job.status, 'done', JSON.stringify(run.job));
    assert.equal(run.job.rowsFailed, 0, JSON.stringify(run.job));
    // Out at 14:00 local (06:00Z) on the 8th: held until 14:00 on the 11th.
    assert.deepEqual(await held(t, '2026-03-10T02:00:00Z'), ['recent_visit', 'sent']);
    assert.deepEqual(await held(t, '2026-03-11T06:00:00Z'), ['sent', 'sent']);
  });

  test('an order still open (no date out) counts from the day the car came in', async () => {
    const t = await tenantWith('');
    await sqlIn(
      t.id,
      `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, type, date_in)
        VALUES ($1, 'RO-OPEN-1', $2, $3, 'general_repair', '2026-03-09T02:00:00Z')`,
      [t.id, t.vehicleId, t.customerId],
    );
    assert.deepEqual(await held(t, '2026-03-10T02:00:00Z'), ['recent_visit', 'sent']);
  });
});

describe('calls respect quiet hours and the preferred slot', () => {
  // The test tenants live in Asia/Shanghai (UTC+8).
  const cases: {
    name: string;
    prefs: string;
    due: string;
    want: string;
  }[] = [
    { name: 'no slot, no quiet hours: as due', prefs: '', due: '2026-03-10T13:00:00Z', want: '2026-03-10T13:00:00Z' },
    {
      name: 'no slot, 21:00 delivery + 2 h falls in 22:00–08:00: the next 08:00',
      prefs: `quiet_start = '22:00', quiet_end = '08:00'`,
      due: '2026-03-10T15:00:00Z',
      want: '2026-03-11T00:00:00Z',
    },
    {
      name: 'afternoon slot, due 10:00: 14:00 the same day',
      prefs: `preferred_slot = 'afternoon'`,
      due: '2026-03-10T02:00:00Z',
      want: '2026-03-10T06:00:00Z',
    },
    {
      name: 'afternoon slot, due 15:30 (inside): as due',
      prefs: `preferred_slot = 'afternoon'`,
      due: '2026-03-10T07:30:00Z',
      want: '2026-03-10T07:30:00Z',
    },
    {
      name: 'morning slot, due 15:00 (past the slot): 09:00 the next day, never before it was due',
      prefs: `preferred_slot = 'morning'`,
      due: '2026-03-10T07:00:00Z',
      want: '2026-03-11T01:00:00Z',
    },
    {
      name: 'evening slot 18–21 with quiet hours from 20:00, due 20:30: 18:00 the next day',
      prefs: `preferred_slot = 'evening', quiet_start = '20:00', quiet_end = '09:00'`,
      due: '2026-03-10T12:30:00Z',
      want: '2026-03-11T10:00:00Z',
    },
    {
      name: 'morning slot with quiet hours to 10:00, due 07:00: 10:00 (the free part of the slot)',
      prefs: `preferred_slot = 'morning', quiet_start = '22:00', quiet_end = '10:00'`,
      due: '2026-03-09T23:00:00Z',
      want: '2026-03-10T02:00:00Z',
    },
    {
      name: 'evening slot wholly inside quiet hours 17:00–09:00: quiet hours win, 09:00',
      prefs: `preferred_slot = 'evening', quiet_start = '17:00', quiet_end = '09:00'`,
      due: '2026-03-10T10:00:00Z',
      want: '2026-03-11T01:00:00Z',
    },
  ];
  for (const c of cases)
    test(c.name, async () => {
      const t = await tenantWith(c.prefs);
      const [o] = await gate(t.id, [
        candidate(t, c.due, { channel: 'call', topic: 'follow_up', ruleKey: 'delivery_care', storeId: t.storeId }),
      ]);
      assert.equal(o?.decision, 'sent', JSON.stringify(o));
      assert.equal(o?.sendAt, new Date(c.want).toISOString());
      const [task] = await sqlIn(t.id, 'SELECT due_at FROM care_tasks WHERE tenant_id = $1', [t.id]);
      assert.equal(new Date(task?.due_at as string).toISOString(), new Date(c.want).toISOString());
      // The TypeScript rule (platform/time) says the same.
      const [row] = await sqlIn(t.id, 'SELECT preferred_slot, quiet_start, quiet_end FROM customers WHERE id = $1', [
        t.customerId,
      ]);
      const slot = row?.preferred_slot ? followUpSlotWindows[row.preferred_slot as FollowUpSlot] : null;
      const quiet = row?.quiet_start ? { start: row.quiet_start as string, end: row.quiet_end as string } : null;
      assert.equal(callMoment(new Date(c.due), slot, quiet, 'Asia/Shanghai').toISOString(), o?.sendAt);
    });
});
