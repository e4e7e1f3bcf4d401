import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { campaignMargin, responseRate, revenuePerVehicle, uplift } from '@m4s/contracts';
import { testClock } from '../../../test/harness.ts';
import { at, asJob, bookableStore, book, ownersWithCars, targetDay } from '../booking/test-kit.ts';
import { createTemplate, sqlOwner } from '../loyalty/test-kit.ts';
import { inControl } from './campaigns.send.ts';
import { sendScheduled } from './campaigns.service.ts';
import { campaignBody, createCampaign, previewOf } from './test-kit.ts';

/**
 * Campaigns (docs/campaigns.md): the preview through the contact gate matches the send; the control group is a
 * reproducible split recorded per customer; coupons go to the reached only; results are attributed within the
 * window, and a booking made with the campaign's coupon directly.
 */

/** A tenant with a bookable store, six app owners with a car each (reachable in the app) and the test customer (no app). */
const world = async () => {
  const s = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
  const owners = await ownersWithCars(s.t, 6, 15_100_000_000 + Math.floor(Math.random() * 800_000) * 10);
  const templateId = await createTemplate(s.admin, { name: '保养立减50元', pointsCost: null });
  // One owner refused marketing: the gate holds them back.
  await sqlOwner('UPDATE customers SET marketing_opt_out = true WHERE tenant_id = $1 AND id = $2', [
    s.t.id,
    owners[5]!.customerId,
  ]);
  return { ...s, owners, templateId };
};

type Member = { customer_id: string; grp: string; reason: string | null; coupon_id: string | null };
const membersOf = async (tenantId: string, campaignId: string) =>
  (await sqlOwner(
    'SELECT customer_id, grp, reason, coupon_id FROM campaign_members WHERE tenant_id = $1 AND campaign_id = $2',
    [tenantId, campaignId],
  )) as Member[];

const count = (rows: Member[], grp: string) => rows.filter((r) => r.grp === grp).length;

describe('campaigns', () => {
  test('the preview’s counts are what the send reaches and holds back; coupons only to the reached', async () => {
    const w = await world();
    const body = campaignBody(w.templateId, { channel: 'inbox', controlPercent: 30 });
    const id = await createCampaign(w.admin, body);
    const preview = await previewOf(w.admin, body, id);
    assert.equal(preview.audience, 7);
    assert.equal(preview.reached + preview.held, preview.audience);
    assert.equal(preview.reasons.marketing_opt_out ?? 0, inControl(id, w.owners[5]!.customerId, 30) ? 0 : 1);
    // The test customer has no app account: nothing to reach them on in the app (unless in the control group).
    assert.equal(preview.reasons.no_address ?? 0, inControl(id, w.t.customerId, 30) ? 0 : 1);
    assert.equal(preview.reasons.control ?? 0, preview.control);

    const sent = await w.admin.send('POST', `/api/campaigns/${id}/send`);
    assert.equal(sent.statusCode, 200, sent.body);
    const campaign = sent.json<{ status: string; counts: typeof preview }>();
    assert.equal(campaign.status, 'sent');
    assert.deepEqual(campaign.counts, preview);

    const members = await membersOf(w.t.id, id);
    assert.equal(members.length, preview.audience);
    assert.equal(count(members, 'reached'), preview.reached);
    assert.equal(count(members, 'control'), preview.control);
    assert.equal(count(members, 'held'), preview.held - preview.control);
    // The split is the recorded one, and reproducible from the campaign and the customer alone.
    for (const m of members) assert.equal(m.grp === 'control', inControl(id, m.customer_id, 30), m.customer_id);
    for (const m of members) assert.equal(m.coupon_id !== null, m.grp === 'reached');
    const [coupons] = await sqlOwner(
      `SELECT count(*)::int AS n FROM coupons WHERE tenant_id = $1 AND origin = 'campaign' AND issue_key LIKE $2`,
      [w.t.id, `campaign:${id}:%`],
    );
    assert.equal(coupons?.n, preview.reached);
    // Every message went through the gate (the control group never did).
    const [touched] = await sqlOwner(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE decision IN ('sent', 'deferred'))::int AS reached
       FROM touches WHERE tenant_id = $1 AND source = 'campaign' AND dedupe_key LIKE $2`,
      [w.t.id, `campaign:${id}:%`],
    );
    assert.equal(touched?.n, preview.audience - preview.control);
    assert.equal(touched?.reached, preview.reached);

    const again = await w.admin.send('POST', `/api/campaigns/${id}/send`);
    assert.equal(again.statusCode, 409, again.body);
  });

  test('the control split is deterministic: the same campaign and customer, the same group, about the share', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const held = ids.filter((c) => inControl('campaign-x', c, 20));
    assert.deepEqual(
      held,
      ids.filter((c) => inControl('campaign-x', c, 20)),
    );
    assert.ok(held.length > 700 && held.length < 900, String(held.length));
    assert.equal(ids.filter((c) => inControl('campaign-x', c, 0)).length, 0);
    // Another campaign splits otherwise.
    assert.notDeepEqual(
      held,
      ids.filter((c) => inControl('campaign-y', c, 20)),
    );
  });

  test('a booking made with the campaign’s coupon is attributed to it; visits count within the window only', async () => {
    const w = await world();
    const id = await createCampaign(w.admin, campaignBody(w.templateId, { channel: 'inbox', attributionDays: 30 }));
    const sent = await w.admin.send('POST', `/api/campaigns/${id}/send`);
    assert.equal(sent.statusCode, 200, sent.body);
    const members = await membersOf(w.t.id, id);
    const reached = members.filter((m) => m.grp === 'reached');
    assert.equal(reached.length, 5);
    const [first, second] = w.owners;
    const coupon = reached.find((m) => m.customer_id === first!.customerId)?.coupon_id;
    assert.ok(coupon);
    const slot = { storeId: w.t.storeId, serviceTypeId: w.serviceTypeId, startsAt: at(targetDay(), '10:00') };
    // Another owner's coupon is refused, with nothing written.
    const foreign = await book(second!.agent, { ...slot, vehicleId: second!.vehicleId, couponId: coupon });
    assert.equal(foreign.statusCode, 400, foreign.body);
    assert.match(foreign.body, /couponId/);
    const booked = await book(first!.agent, { ...slot, vehicleId: first!.vehicleId, couponId: coupon });
    assert.equal(booked.statusCode, 201, booked.body);

    const day = 86_400_000;
    const now = testClock.now().getTime();
    const order = (customerId: string, vehicleId: string, offsetDays: number, totalFen: number, n: string) =>
      sqlOwner(
        `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, total_fen,
           parts_cost_fen) VALUES ($1, $2, $3, $4, $5, 'maintenance', $6, $7, $8)`,
        [w.t.id, n, vehicleId, customerId, w.t.storeId, new Date(now + offsetDays * day), totalFen, totalFen / 4],
      );
    await order(second!.customerId, second!.vehicleId, 3, 80_000, 'RO-IN'); // inside the window
    await order(second!.customerId, second!.vehicleId, 45, 50_000, 'RO-AFTER'); // after it
    await order(w.owners[2]!.customerId, w.owners[2]!.vehicleId, -2, 30_000, 'RO-BEFORE'); // before the send

    const res = await w.admin.get(`/api/campaigns/${id}/results`);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json<{
      reached: { customers: number; responders: number; bookings: number; visits: number; revenueFen: number };
      control: { customers: number };
      direct: { bookings: number; visits: number };
      couponsIssued: number;
      kpis: { responseRate: number; revenuePerVehicleFen: number; uplift: number | null; margin: number };
    }>();
    assert.equal(r.direct.bookings, 1);
    assert.equal(r.reached.bookings, 1);
    assert.equal(r.reached.visits, 1);
    assert.equal(r.reached.revenueFen, 80_000);
    assert.equal(r.reached.responders, 2);
    assert.equal(r.couponsIssued, 5);
    assert.equal(r.control.customers, 0);
    assert.equal(r.kpis.uplift, null);
    assert.equal(r.kpis.responseRate, 2 / 5);
    assert.equal(r.kpis.revenuePerVehicleFen, 16_000);
    assert.equal(r.kpis.margin, 1);
  });

  test('the textbook’s campaign KPIs: 300 customers, ¥12,000 revenue, ¥8,000 cost → ¥40 per vehicle, 33.33%', () => {
    assert.equal(revenuePerVehicle(1_200_000, 300), 4000);
    assert.equal(Math.round((campaignMargin(1_200_000, 800_000) ?? 0) * 10_000) / 100, 33.33);
    assert.equal(responseRate(0, 0), null);
    assert.equal(responseRate(30, 300), 0.1);
    assert.ok(Math.abs((uplift(0.12, 0.05) ?? 0) - 0.07) < 1e-12);
    assert.equal(uplift(0.1, null), null);
  });

  test('a scheduled campaign waits for its time, then the job sends it once', async () => {
    const w = await world();
    const when = new Date(testClock.now().getTime() + 3_600_000).toISOString();
    const id = await createCampaign(w.admin, campaignBody(w.templateId, { channel: 'inbox', scheduledAt: when }));
    const res = await w.admin.send('POST', `/api/campaigns/${id}/send`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ status: string }>().status, 'scheduled');
    assert.equal((await membersOf(w.t.id, id)).length, 0);
    assert.equal(await asJob(w.t.id, (ctx) => sendScheduled(ctx, id)), true);
    assert.equal(await asJob(w.t.id, (ctx) => sendScheduled(ctx, id)), false);
    assert.equal((await membersOf(w.t.id, id)).length, 7);
  });

  test('bad input is a 4xx naming the field, nothing written', async () => {
    const w = await world();
    const bad = async (over: object, field: RegExp, status = 400) => {
      const res = await w.admin.send('POST', '/api/campaigns', { ...campaignBody(w.templateId), ...over });
      assert.equal(res.statusCode, status, res.body);
      assert.match(res.body, field);
    };
    await bad({ controlPercent: 80 }, /controlPercent/);
    await bad({ audience: { lastVisitDays: { min: 30, max: 10 } } }, /最大值不能小于最小值/);
    await bad({ offer: { kind: 'coupon', templateId: crypto.randomUUID() } }, /offer\.templateId/);
    await bad({ audience: { storeIds: [crypto.randomUUID()] } }, /audience\.storeIds\.0/);
    await bad({ channel: 'fax' }, /channel/);
    const [n] = await sqlOwner('SELECT count(*)::int AS n FROM campaigns WHERE tenant_id = $1', [w.t.id]);
    assert.equal(n?.n, 0);
    const id = await createCampaign(w.admin, campaignBody(w.templateId));
    const early = await w.admin.get(`/api/campaigns/${id}/results`);
    assert.equal(early.statusCode, 409, early.body);
  });

  test('the ready campaigns A–D make drafts with their coupon', async () => {
    const w = await world();
    const list = await w.admin.get('/api/campaigns/templates');
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json<{ items: { strategy: string }[] }>().items.map((t) => t.strategy),
      ['A', 'B', 'C', 'D'],
    );
    const res = await w.admin.send('POST', '/api/campaigns/from-template', { strategy: 'D' });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json<{
      strategy: string;
      offerName: string;
      audience: { rfm: string[]; lastVisitDays: { min: number } };
    }>();
    assert.equal(c.strategy, 'D');
    assert.equal(c.offerName, '老客户回厂7折券');
    assert.deepEqual(c.audience.rfm, ['D']);
    assert.equal(c.audience.lastVisitDays.min, 180);
  });
});
