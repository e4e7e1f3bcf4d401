import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInOwner, signInStaff } from '../../../test/harness.ts';
import { candidate, gate, sqlIn, tenantWith } from './test-kit.ts';

const T = '2026-03-10T02:00:00Z';
type Issue = { path: string; message: string };

describe('contact policy API', () => {
  test('defaults, floors with field messages, save, audit; only care managers', async () => {
    const t = await tenantWith('');
    const admin = await signInStaff(t.slug, 'group.admin');
    assert.deepEqual((await admin.get('/api/contact/policy')).json(), {
      weeklyMessages: 2,
      monthlyCalls: 1,
      topicDays: 30,
      postVisitDays: 3,
    });
    const refused = await admin.send('PUT', '/api/contact/policy', {
      weeklyMessages: 0,
      monthlyCalls: 0,
      topicDays: 400,
      postVisitDays: 3,
    });
    assert.equal(refused.statusCode, 400, refused.body);
    const issues = refused.json().details.issues as Issue[];
    assert.deepEqual(issues.map((i) => i.path).sort(), ['monthlyCalls', 'topicDays', 'weeklyMessages']);
    assert.match(issues.find((i) => i.path === 'weeklyMessages')?.message ?? '', /每周关怀消息上限应为1–14条/);

    const next = { weeklyMessages: 3, monthlyCalls: 2, topicDays: 14, postVisitDays: 5 };
    const saved = await admin.send('PUT', '/api/contact/policy', next);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual((await admin.get('/api/contact/policy')).json(), next);
    const auditLog = (await admin.get('/api/audit')).json().items as { action: string }[];
    assert.ok(auditLog.some((e) => e.action === 'contact.policy_updated'));

    const cs = await signInStaff(t.slug, 'cs.specialist');
    assert.equal((await cs.get('/api/contact/policy')).statusCode, 403);
  });
});

describe('touch ledger', () => {
  test('staff see what was sent, deferred or held back, with the reason', async () => {
    const t = await tenantWith(`marketing_opt_out = true, quiet_start = '09:00', quiet_end = '11:00'`);
    await gate(t.id, [
      candidate(t, T, { dedupeKey: 'deferred-one', body: '【测试】保养提醒' }),
      candidate(t, '2026-03-09T02:00:00Z', { dedupeKey: 'offer', kind: 'marketing', topic: 'offers' }),
    ]);
    const admin = await signInStaff(t.slug, 'group.admin');
    const res = await admin.get(`/api/customers/${t.customerId}/touches`);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as {
      decision: string;
      reason: string | null;
      body: string | null;
      sendAt: string;
    }[];
    assert.deepEqual(
      items.map((i) => [i.decision, i.reason, i.body]),
      [
        ['deferred', null, '【测试】保养提醒'],
        ['suppressed', 'marketing_opt_out', null],
      ],
    );
    assert.equal(items[0]?.sendAt, '2026-03-10T03:00:00.000Z', '11:00 local');
  });

  test('the ledger follows the customers module’s scope: an own-scope advisor sees only their customers', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    await sqlIn(t.id, `UPDATE tenants SET customer_scope = 'own' WHERE id = $1`, [t.id]);
    const advisor = await signInStaff(t.slug, 'service.advisor');
    assert.equal((await advisor.get(`/api/customers/${t.customerId}/touches`)).statusCode, 403);
    await sqlIn(t.id, `UPDATE customers SET service_advisor_id = $2 WHERE id = $1`, [
      t.customerId,
      t.staffIds.service_advisor,
    ]);
    const mine = await advisor.get(`/api/customers/${t.customerId}/touches?limit=5`);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.deepEqual(mine.json(), { items: [] });
  });

  test('the owner sees their preferences and ledger, and changes them in one place', async () => {
    const t = await tenantWith('');
    await gate(t.id, [candidate(t, T, { dedupeKey: 'sent-one' })]);
    const owner = await signInOwner(t.slug, '13000000000');
    const mine = (await owner.get('/api/owner/touches')).json();
    assert.deepEqual(mine.preferences, {
      channels: ['app', 'sms', 'phone'],
      quietStart: null,
      quietEnd: null,
      topicsOptedOut: [],
      marketingOptOut: false,
      preferredSlot: null,
    });
    assert.equal(mine.items.length, 1);

    const prefs = {
      channels: ['app'],
      quietStart: '21:00',
      quietEnd: '09:00',
      topicsOptedOut: ['birthday'],
      marketingOptOut: true,
      preferredSlot: 'evening',
    };
    const put = await owner.send('PUT', '/api/owner/contact-preferences', prefs);
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json().preferences, prefs);
    const [offer] = await gate(t.id, [candidate(t, T, { channel: 'inbox', kind: 'marketing', topic: 'offers' })], true);
    assert.equal(offer?.reason, 'marketing_opt_out');

    const stranger = await signInOwner(t.slug, '13000000077');
    assert.deepEqual((await stranger.get('/api/owner/touches')).json(), { preferences: null, items: [] });
    assert.equal((await stranger.send('PUT', '/api/owner/contact-preferences', prefs)).statusCode, 404);
  });
});
