import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OwnerReferrals, ReferralReport } from '@m4s/contracts';
import { asNight, balanceOf, createTemplate, deliver, ledgerSum, loyaltyWorld, sqlOwner } from '../loyalty/test-kit.ts';
import { rewardForOrder } from './referrals.service.ts';
import { rewardNight } from './reward.service.ts';
import { becomeCustomer, codeOf, freshPhone, leadInApp, readyVisitOf, referralRow } from './test-kit.ts';

describe('referrals (docs/referrals.md)', () => {
  test('a lead made with the code is rewarded once, at the referred customer’s first paid visit', async () => {
    const w = await loyaltyWorld();
    const code = await codeOf(w.owner);
    assert.equal(await codeOf(w.owner), code, 'one code per customer');
    const templateId = await createTemplate(w.admin, { name: '推荐好礼券', pointsCost: null });
    const settings = (await w.admin.get('/api/loyalty/settings')).json();
    const put = await w.admin.send('PUT', '/api/loyalty/settings', { ...settings, referralTemplateId: templateId });
    assert.equal(put.statusCode, 200, put.body);

    const phone = freshPhone();
    const { referral } = await leadInApp(w.t.slug, phone, code.toLowerCase());
    assert.deepEqual([referral.status, referral.reason, referral.code], ['invited', null, code]);
    assert.equal(referral.store.id, w.t.storeId, 'no store chosen: the first one');

    const who = await becomeCustomer(w, phone, 'LFV2A21K8J3900001');
    // The referred customer walks in: invited → visited.
    const walkIn = await w.advisor.send('POST', '/api/visits', {
      customerId: who.customerId,
      vehicleId: who.vehicleId,
      storeId: w.t.storeId,
      mileageKm: 1200,
    });
    assert.equal(walkIn.statusCode, 201, walkIn.body);
    assert.equal((await referralRow(referral.id))?.status, 'visited');
    await sqlOwner(`UPDATE visits SET status = 'delivered', delivered_at = now() WHERE id = $1`, [walkIn.json().id]);

    const before = await balanceOf(w.t.id, w.t.customerId);
    const paid = await deliver(w.cashier, await readyVisitOf(w, who, 80_000), 80_000);
    assert.equal(paid.statusCode, 200, paid.body);
    assert.equal(await balanceOf(w.t.id, w.t.customerId), before + 500, 'the referrer earned the referral points');
    const row = await referralRow(referral.id);
    assert.equal(row?.status, 'rewarded');
    assert.equal(row?.reward_points, 500);
    assert.match(String(row?.reward_source), /^repair_order:/);

    // A second paid visit rewards nothing more.
    const again = await deliver(w.cashier, await readyVisitOf(w, who, 50_000), 50_000);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(await balanceOf(w.t.id, w.t.customerId), before + 500);

    const mine = (await w.owner.get('/api/owner/referrals')).json<OwnerReferrals>();
    assert.equal(mine.rewardCoupon, '推荐好礼券');
    assert.deepEqual(
      mine.items.map((r) => [r.status, r.referredName, r.referredPhone.slice(0, 3)]),
      [['rewarded', '李*', '139']],
    );
    assert.ok(mine.items[0]?.rewardCouponId, 'the referral coupon was issued');
    const coupons = await sqlOwner('SELECT issue_key FROM coupons WHERE tenant_id = $1 AND customer_id = $2', [
      w.t.id,
      w.t.customerId,
    ]);
    assert.deepEqual(coupons, [{ issue_key: `referral:${referral.id}` }]);

    const report = (await w.admin.get('/api/referrals')).json<ReferralReport>();
    assert.deepEqual(report.totals, { invited: 1, visited: 1, rewarded: 1, ineligible: 0, rate: 1 });
    assert.equal(report.stores[0]?.id, w.t.storeId);
  });

  test('the referrer themselves, an existing customer and a person referred already are recorded as ineligible', async () => {
    const w = await loyaltyWorld();
    const code = await codeOf(w.owner);
    // The referrer uses their own link.
    const self = await w.owner.send('POST', '/api/owner/referrals', { code, channel: 'inquiry', name: '自己' });
    assert.equal(self.statusCode, 201, self.body);
    assert.deepEqual([self.json().status, self.json().reason], ['ineligible', 'referral_self']);
    // Staff record a walk-in who is a customer already (another customer's phone).
    const existing = await w.admin.send('POST', '/api/customers', {
      name: '老客户',
      phones: ['13700000001'],
      source: 'walk_in',
    });
    assert.equal(existing.statusCode, 201, existing.body);
    const old = await w.admin.send('POST', '/api/referrals', {
      code,
      name: '老客户',
      phone: '13700000001',
      storeId: w.t.storeId,
    });
    assert.equal(old.statusCode, 201, old.body);
    assert.deepEqual([old.json().status, old.json().reason], ['ineligible', 'referral_existing_customer']);
    // A person referred already stays with the first referrer.
    const phone = freshPhone();
    await leadInApp(w.t.slug, phone, code);
    const twice = await w.admin.send('POST', '/api/referrals', { code, name: '李四', phone, storeId: w.t.storeId });
    assert.deepEqual([twice.json().status, twice.json().reason], ['ineligible', 'referral_already_referred']);
    // An unknown code is a 400 in the user's language; nothing is written.
    const count = async () =>
      Number((await sqlOwner('SELECT count(*)::int AS n FROM referrals WHERE tenant_id = $1', [w.t.id]))[0]?.n);
    const n = await count();
    const unknown = await w.admin.send('POST', '/api/referrals', {
      code: 'ZZZZZZZZ',
      name: '王五',
      phone: freshPhone(),
      storeId: w.t.storeId,
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().details.issues[0].message, '推荐码不存在，请核对后重试');
    const bad = await w.admin.send('POST', '/api/referrals', {
      code: '12',
      name: '王五',
      phone: '123',
      storeId: w.t.storeId,
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(await count(), n);

    const report = (await w.admin.get('/api/referrals')).json<ReferralReport>();
    assert.deepEqual(report.totals, { invited: 1, visited: 0, rewarded: 0, ineligible: 3, rate: 0 });
    // An ineligible referral earns nothing, whatever the person pays later.
    const who = await becomeCustomer(w, freshPhone(), 'LFV2A21K8J3900002');
    assert.equal(await asNight(w.t.id, (ctx) => rewardForOrder(ctx, { customerId: who.customerId, source: 'x' })), 0);
    assert.equal(await ledgerSum(w.t.id, w.t.customerId), 0);
  });

  test('rewards of one referral at the same moment land once (a paid delivery and two more calls)', async () => {
    const w = await loyaltyWorld();
    const code = await codeOf(w.owner);
    const phone = freshPhone();
    const { referral } = await leadInApp(w.t.slug, phone, code);
    const who = await becomeCustomer(w, phone, 'LFV2A21K8J3900003');
    const visitId = await readyVisitOf(w, who, 40_000);
    // Two deliveries at once cannot both write a repair order (its number is drawn per day), so the delivery
    // races two direct calls of the reward, each in its own transaction.
    const [paid] = await Promise.all([
      deliver(w.cashier, visitId, 40_000),
      asNight(w.t.id, (ctx) => rewardForOrder(ctx, { customerId: who.customerId, source: 'again:1' })),
      asNight(w.t.id, (ctx) => rewardForOrder(ctx, { customerId: who.customerId, source: 'again:2' })),
    ]);
    assert.equal(paid.statusCode, 200, paid.body);
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 500);
    const entries = await sqlOwner(
      `SELECT kind, points, source_id FROM points_ledger WHERE tenant_id = $1 AND customer_id = $2`,
      [w.t.id, w.t.customerId],
    );
    assert.deepEqual(entries, [{ kind: 'earn', points: 500, source_id: referral.id }]);
    assert.equal((await referralRow(referral.id))?.status, 'rewarded');
  });

  test('the night rewards a referred customer’s car purchase that arrived by import, once', async () => {
    const w = await loyaltyWorld();
    const code = await codeOf(w.owner);
    const phone = freshPhone();
    const { referral } = await leadInApp(w.t.slug, phone, code);
    const who = await becomeCustomer(w, phone, 'LFV2A21K8J3900005');
    assert.deepEqual(await asNight(w.t.id, (ctx) => rewardNight(ctx)), { rewarded: 0 }, 'nothing bought yet');
    // A warranty order is nobody's purchase.
    await sqlOwner(
      `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, total_fen)
       VALUES ($1, 'W-1', $2, $3, $4, 'warranty_claim', now(), 90000)`,
      [w.t.id, who.vehicleId, who.customerId, w.t.storeId],
    );
    assert.deepEqual(await asNight(w.t.id, (ctx) => rewardNight(ctx)), { rewarded: 0 });
    const [so] = await sqlOwner(
      `INSERT INTO sales_orders (tenant_id, customer_id, vehicle_id, store_id, order_date, price_fen)
       VALUES ($1, $2, $3, $4, current_date, 15000000) RETURNING id`,
      [w.t.id, who.customerId, who.vehicleId, w.t.storeId],
    );
    assert.deepEqual(await asNight(w.t.id, (ctx) => rewardNight(ctx)), { rewarded: 1 });
    assert.deepEqual(await asNight(w.t.id, (ctx) => rewardNight(ctx)), { rewarded: 0 });
    assert.equal((await referralRow(referral.id))?.reward_source, `sales_order:${String(so?.id)}`);
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 500);
  });
});
