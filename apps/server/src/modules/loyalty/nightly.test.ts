import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultLoyaltySettings } from '@m4s/contracts';
import { createTestTenant, signInStaff, testClock } from '../../../test/harness.ts';
import { addDays, dayIn } from '../../platform/time/zone.ts';
import { post } from './ledger.service.ts';
import { couponNight, earnNight, expireNight, remindNight, tierNight } from './nightly.service.ts';
import { expiresOnOf, purchasePoints } from './rules.ts';
import { asNight, balanceOf, createTemplate, ledgerSum, sqlOwner } from './test-kit.ts';

const tz = 'Asia/Shanghai';
const daysAgo = (n: number) => new Date(testClock.now().getTime() - n * 86_400_000);
const today = () => dayIn(testClock.now(), tz);

const order = (
  t: { id: string; storeId: string; customerId: string; vehicleId: string },
  type: string,
  fen: number,
  ago: number,
) =>
  sqlOwner(
    `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, date_out, total_fen)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
    [t.id, `RO-${type}-${ago}-${fen}`, t.vehicleId, t.customerId, t.storeId, type, daysAgo(ago), fen],
  );

const sale = (t: { id: string; storeId: string; customerId: string; vehicleId: string }, ago: number) =>
  sqlOwner(
    `INSERT INTO sales_orders (tenant_id, customer_id, vehicle_id, store_id, order_date, price_fen)
     VALUES ($1, $2, $3, $4, $5, 15000000)`,
    [t.id, t.customerId, t.vehicleId, t.storeId, dayIn(daysAgo(ago), tz)],
  );

describe('membership: the night (docs/loyalty.md)', () => {
  test('Toyota’s purchase points: 1 → 1,000; 2 → 3,000; 3 → 4,500; 4 → 6,000', () => {
    const s = defaultLoyaltySettings();
    const total = (n: number) =>
      Array.from({ length: n }, (_, i) => purchasePoints(s, i + 1)).reduce((a, b) => a + b, 0);
    assert.deepEqual([1, 2, 3, 4].map(total), [1000, 3000, 4500, 6000]);
    assert.equal(expiresOnOf('2025-03-05', 24), '2027-03-31');
    assert.equal(expiresOnOf('2025-12-31', 2), '2026-02-28');
    assert.equal(expiresOnOf('2025-12-31', 0), null);
  });

  test('earns paid orders and purchases once (warranty nothing), moves tiers up at once and down after the grace', async () => {
    const t = await createTestTenant(['group_admin']);
    await order(t, 'maintenance', 50_000, 100);
    await order(t, 'warranty_claim', 100_000, 50);
    await order(t, 'general_repair', 200_000, 10);
    await sale(t, 400);
    await sale(t, 200);
    await sale(t, 30);
    const earned = await asNight(t.id, (ctx) => earnNight(ctx, today()));
    assert.deepEqual(earned, { entries: 5, points: 500 + 2000 + 1000 + 2000 + 1500 });
    assert.deepEqual(await asNight(t.id, (ctx) => earnNight(ctx, today())), { entries: 0, points: 0 });
    assert.equal(await balanceOf(t.id, t.customerId), 7000);
    assert.equal(await ledgerSum(t.id, t.customerId), 7000);
    const rows = await sqlOwner(
      `SELECT points, balance_after, expires_on::text AS e, at FROM points_ledger WHERE tenant_id = $1 ORDER BY at`,
      [t.id],
    );
    assert.deepEqual(
      rows.map((r) => Number(r.balance_after)),
      [1000, 3000, 3500, 5000, 7000],
    );
    for (const r of rows) assert.equal(r.e, expiresOnOf(dayIn(new Date(String(r.at)), tz), 24));
    // Ids made in SQL are valid uuids (the API's schemas check them).
    for (const r of await sqlOwner('SELECT id::text AS id FROM points_ledger WHERE tenant_id = $1', [t.id]))
      assert.match(String(r.id), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // 12 months: 500 + 2,000 + 2,000 + 1,500 = 6,000 points → 白金 (the purchase 400 days ago is out).
    assert.deepEqual(await asNight(t.id, (ctx) => tierNight(ctx, today())), { members: 1, moved: 1 });
    const tierOf = async () =>
      (
        await sqlOwner('SELECT tier, grace_until::text AS g, points_12m FROM loyalty_members WHERE tenant_id = $1', [
          t.id,
        ])
      )[0];
    assert.deepEqual(await tierOf(), { tier: 'platinum', g: null, points_12m: 6000 });

    // 200 days on, the 2,000 of the second purchase has left the window: 4,000 → 金卡, after 3 months' grace.
    const later = addDays(today(), 200);
    await asNight(t.id, (ctx) => tierNight(ctx, later));
    const graced = await tierOf();
    assert.equal(graced?.tier, 'platinum');
    assert.ok(graced?.g && graced.g > later);
    await asNight(t.id, (ctx) => tierNight(ctx, addDays(later, 30)));
    assert.equal((await tierOf())?.tier, 'platinum', 'still within the grace');
    const after = addDays(typeof graced?.g === 'string' ? graced.g : '', 1);
    assert.deepEqual(await asNight(t.id, (ctx) => tierNight(ctx, after)), { members: 1, moved: 1 });
    // The 2,000 and 1,500 of the last 30 days are still in that year: 3,500 → 金卡.
    assert.equal((await tierOf())?.tier, 'gold');
    const history = await sqlOwner('SELECT from_tier, to_tier FROM tier_changes WHERE tenant_id = $1 ORDER BY day', [
      t.id,
    ]);
    assert.deepEqual(history, [
      { from_tier: 'standard', to_tier: 'platinum' },
      { from_tier: 'platinum', to_tier: 'gold' },
    ]);
  });

  test('expiry takes the oldest points first and never more than the balance; reminders go through the gate', async () => {
    const t = await createTestTenant(['group_admin']);
    await asNight(t.id, async (ctx) => {
      const base = { customerId: t.customerId, storeId: t.storeId };
      await post(ctx, {
        ...base,
        kind: 'earn',
        points: 100,
        source: 'survey',
        sourceId: 's1',
        expiresOn: '2027-01-31',
      });
      await post(ctx, { ...base, kind: 'earn', points: 50, source: 'survey', sourceId: 's2', expiresOn: '2027-06-30' });
      await post(ctx, { ...base, kind: 'redeem', points: -120, source: 'coupon', sourceId: 'c1' });
    });
    assert.deepEqual(await asNight(t.id, (ctx) => expireNight(ctx, '2027-02-01')), { entries: 0, points: 0 });
    assert.deepEqual(await asNight(t.id, (ctx) => expireNight(ctx, '2027-07-01')), { entries: 1, points: 30 });
    assert.deepEqual(await asNight(t.id, (ctx) => expireNight(ctx, '2027-07-02')), { entries: 0, points: 0 });
    assert.equal(await balanceOf(t.id, t.customerId), 0);
    assert.equal(await ledgerSum(t.id, t.customerId), 0);

    // A coupon whose last day is 30 days ahead: one marketing SMS through the gate, once.
    const admin = await signInStaff(t.slug, 'group.admin');
    const templateId = await createTemplate(admin, { validDays: 31 });
    await admin.send('POST', '/api/loyalty/coupons', { templateId, customerIds: [t.customerId] });
    const first = await asNight(t.id, (ctx) => remindNight(ctx, today()));
    assert.equal(first.coupons, 1);
    const touches = await sqlOwner(`SELECT source, topic, kind FROM touches WHERE tenant_id = $1`, [t.id]);
    assert.deepEqual(touches, [{ source: 'loyalty', topic: 'offers', kind: 'marketing' }]);
    assert.equal((await asNight(t.id, (ctx) => remindNight(ctx, today()))).coupons, 0);
  });

  test('the night’s totals hold more points than a 32-bit integer (a million members of 5,000 each)', async () => {
    // Found by bench/loyalty.ts: the expiry's total over every member was cast to int ("integer out of range").
    const t = await createTestTenant(['group_admin']);
    const [other] = await sqlOwner(
      `INSERT INTO customers (tenant_id, name, source) VALUES ($1, '第二位会员', 'walk_in') RETURNING id`,
      [t.id],
    );
    await asNight(t.id, async (ctx) => {
      for (const customerId of [t.customerId, String(other?.id)])
        await post(ctx, {
          customerId,
          storeId: t.storeId,
          kind: 'earn',
          points: 1_500_000_000,
          source: 'survey',
          sourceId: `big:${customerId}`,
          expiresOn: '2027-01-31',
        });
    });
    assert.deepEqual(await asNight(t.id, (ctx) => expireNight(ctx, '2027-02-01')), {
      entries: 2,
      points: 3_000_000_000,
    });
  });

  test('rule coupons: the tier’s annual pack once a year, the birthday gift, the new-owner pack after the first service', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const pack = await createTemplate(admin, {
      name: '年度权益：免费空调清洗',
      kind: 'free_item',
      item: '空调清洗',
      amountFen: 0,
    });
    const gift = await createTemplate(admin, {
      name: '生日礼：免费洗车',
      kind: 'free_item',
      item: '洗车',
      amountFen: 0,
    });
    const welcome = await createTemplate(admin, { name: '新车主礼包', pointsCost: null });
    const s = defaultLoyaltySettings();
    s.tiers[1]!.benefits.annualPackTemplateIds = [pack];
    s.tiers[1]!.benefits.birthdayTemplateId = gift;
    s.newOwnerTemplateIds = [welcome];
    const saved = await admin.send('PUT', '/api/loyalty/settings', s);
    assert.equal(saved.statusCode, 200, saved.body);
    const bad = structuredClone(s);
    bad.tiers[2]!.minPoints = 10;
    const refused = await admin.send('PUT', '/api/loyalty/settings', bad);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /等级门槛须从低到高排列/);

    await sqlOwner('UPDATE customers SET birthday = $2 WHERE tenant_id = $1', [t.id, `1990-${today().slice(5)}`]);
    await order(t, 'maintenance', 150_000, 5);
    await asNight(t.id, (ctx) => earnNight(ctx, today()));
    await asNight(t.id, (ctx) => tierNight(ctx, today()));
    const issued = await asNight(t.id, (ctx) => couponNight(ctx, today()));
    assert.equal(issued.issued, 3);
    assert.equal((await asNight(t.id, (ctx) => couponNight(ctx, today()))).issued, 0);
    const names = await sqlOwner(
      `SELECT t.name FROM coupons c JOIN coupon_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id WHERE c.tenant_id = $1 ORDER BY t.name`,
      [t.id],
    );
    assert.deepEqual(
      names.map((r) => r.name),
      ['年度权益：免费空调清洗', '新车主礼包', '生日礼：免费洗车'],
    );
    // Birthday points too (200 by default), once a year.
    const [b] = await sqlOwner(`SELECT points FROM points_ledger WHERE tenant_id = $1 AND source = 'birthday'`, [t.id]);
    assert.equal(b?.points, 200);
  });
});
