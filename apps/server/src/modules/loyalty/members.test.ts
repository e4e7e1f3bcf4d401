import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testClock } from '../../../test/harness.ts';
import { addDays, dayIn } from '../../platform/time/zone.ts';
import { post } from './ledger.service.ts';
import { remindNight } from './nightly.service.ts';
import { asNight, loyaltyWorld, readyVisit, sqlOwner, type LoyaltyWorld } from './test-kit.ts';

const today = () => dayIn(testClock.now(), 'Asia/Shanghai');

/** A second and a third customer of the tenant, with phones. */
const customers = async (w: LoyaltyWorld) => {
  const ids: string[] = [];
  for (const [name, phone] of [
    ['钱二', '13955553331'],
    ['孙三', '13955553332'],
  ] as const) {
    const res = await w.admin.send('POST', '/api/customers', { name, phones: [phone], source: 'walk_in' });
    assert.equal(res.statusCode, 201, res.body);
    ids.push(res.json<{ id: string }>().id);
  }
  return ids as [string, string];
};

/** Points earned by a survey, expiring on `expiresOn` (written as the survey module would). */
const earn = (w: LoyaltyWorld, customerId: string, points: number, expiresOn: string, key: string) =>
  asNight(w.t.id, (ctx) =>
    post(ctx, {
      customerId,
      storeId: w.t.storeId,
      kind: 'earn',
      points,
      source: 'survey',
      sourceId: key,
      expiresOn,
    }),
  );

type Row = { customerId: string; tier: string; balance: number; expiringPoints: number };

describe('membership: the member list and points-expiry reminders (docs/loyalty.md)', () => {
  test('the member list filters by tier, minimum points and points expiring within N days', async () => {
    const w = await loyaltyWorld();
    const [b, c] = await customers(w);
    const day = today();
    await earn(w, w.t.customerId, 800, addDays(day, 20), 'a1');
    await earn(w, w.t.customerId, 400, addDays(day, 200), 'a2');
    await earn(w, b, 3000, addDays(day, 45), 'b1');
    await earn(w, c, 100, addDays(day, 400), 'c1');
    await sqlOwner(`UPDATE loyalty_members SET tier = 'gold' WHERE tenant_id = $1 AND customer_id = $2`, [w.t.id, b]);
    const list = async (query: string) => {
      const res = await w.admin.get(`/api/loyalty/members${query}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ items: Row[]; total: number }>();
      assert.equal(body.total, body.items.length);
      return body.items.map((r) => [r.customerId, r.balance, r.expiringPoints]);
    };
    // Without a window, what expires within 30 days is shown; highest balance first.
    assert.deepEqual(await list(''), [
      [b, 3000, 0],
      [w.t.customerId, 1200, 800],
      [c, 100, 0],
    ]);
    assert.deepEqual(await list('?tier=gold'), [[b, 3000, 0]]);
    assert.deepEqual(await list('?minPoints=1000'), [
      [b, 3000, 0],
      [w.t.customerId, 1200, 800],
    ]);
    assert.deepEqual(await list('?expiringDays=30'), [[w.t.customerId, 1200, 800]]);
    assert.deepEqual(await list('?expiringDays=60'), [
      [b, 3000, 3000],
      [w.t.customerId, 1200, 800],
    ]);
    // Points taken away go against the oldest first: 900 spent leaves 300, none of them expiring soon.
    await asNight(w.t.id, (ctx) =>
      post(ctx, {
        customerId: w.t.customerId,
        storeId: null,
        kind: 'redeem',
        points: -900,
        source: 'coupon',
        sourceId: 'x1',
      }),
    );
    assert.deepEqual(await list('?expiringDays=30'), []);
    assert.equal((await w.admin.get('/api/loyalty/members?tier=GOLD')).statusCode, 400);
    assert.equal((await w.admin.get('/api/loyalty/members?expiringDays=0')).statusCode, 400);

    const wallet = await w.admin.get(`/api/loyalty/members/${b}`);
    assert.equal(wallet.statusCode, 200, wallet.body);
    assert.equal(wallet.json<{ tier: { name: string } }>().tier.name, '金卡');
  });

  test('points expiring at a month’s end are reminded through the contact gate, once; an opted-out owner is not', async () => {
    const w = await loyaltyWorld();
    const [b] = await customers(w);
    const optOut = await w.admin.send('PUT', `/api/customers/${b}/contact-preferences`, {
      channels: ['app', 'sms', 'phone', 'email'],
      quietStart: null,
      quietEnd: null,
      topicsOptedOut: [],
      marketingOptOut: true,
    });
    assert.equal(optOut.statusCode, 200, optOut.body);
    const expiresOn = addDays(today(), 40);
    await earn(w, w.t.customerId, 600, expiresOn, 'a1');
    await earn(w, b, 300, expiresOn, 'b1');
    // 30 days before (the default reminderDays): both are due; only the first is reached.
    const tooEarly = await asNight(w.t.id, (ctx) => remindNight(ctx, addDays(expiresOn, -31)));
    assert.deepEqual(tooEarly, { coupons: 0, points: 0, sent: 0 });
    const due = await asNight(w.t.id, (ctx) => remindNight(ctx, addDays(expiresOn, -30)));
    assert.deepEqual(due, { coupons: 0, points: 2, sent: 1 });
    const touches = await sqlOwner(
      `SELECT t.customer_id, t.decision, t.reason, n.body FROM touches t
       LEFT JOIN notifications n ON n.tenant_id = t.tenant_id AND n.id = t.notification_id
       WHERE t.tenant_id = $1 AND t.source = 'loyalty'`,
      [w.t.id],
    );
    assert.equal(touches.length, 2);
    const [sent, held] = [
      touches.find((t) => t.customer_id === w.t.customerId),
      touches.find((t) => t.customer_id === b),
    ];
    assert.equal(sent?.decision, 'sent');
    assert.match(String(sent?.body), new RegExp(`600积分将于${expiresOn}到期`));
    assert.equal(held?.decision, 'suppressed');
    assert.equal(held?.reason, 'marketing_opt_out');
    // Once: the night after (or the same night again) sends nothing more.
    await asNight(w.t.id, (ctx) => remindNight(ctx, addDays(expiresOn, -30)));
    const [n] = await sqlOwner(`SELECT count(*)::int AS n FROM touches WHERE tenant_id = $1 AND source = 'loyalty'`, [
      w.t.id,
    ]);
    assert.equal(n?.n, 2);
  });

  test('the advisor’s visit names the benefits the member’s tier gives: 代步车 from 银卡, 免费洗车 from 金卡', async () => {
    const w = await loyaltyWorld();
    const visit = await readyVisit(w, 20_000);
    const benefitsOnVisit = async () => {
      const res = await w.cashier.get(`/api/loyalty/visits/${visit}`);
      assert.equal(res.statusCode, 200, res.body);
      const { tier } = res.json<{ member: { tier: { name: string; benefits: Record<string, unknown> } } }>().member;
      return [tier.name, tier.benefits.courtesyCar, tier.benefits.freeWash, tier.benefits.vipLounge];
    };
    await earn(w, w.t.customerId, 100, addDays(today(), 400), 'a1');
    assert.deepEqual(await benefitsOnVisit(), ['普通', false, false, false]);
    for (const [tier, expected] of [
      ['silver', ['银卡', true, false, false]],
      ['gold', ['金卡', true, true, false]],
      ['platinum', ['白金', true, true, true]],
    ] as const) {
      await sqlOwner('UPDATE loyalty_members SET tier = $3 WHERE tenant_id = $1 AND customer_id = $2', [
        w.t.id,
        w.t.customerId,
        tier,
      ]);
      assert.deepEqual(await benefitsOnVisit(), expected);
    }
  });
});
