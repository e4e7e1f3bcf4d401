import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CampaignResults, EventDetail } from '@m4s/contracts';
import { signInStaff, testClock } from '../../../test/harness.ts';
import { createEvent } from '../events/test-kit.ts';
import { loyaltyWorld, sqlOwner } from '../loyalty/test-kit.ts';

/**
 * The textbook's campaign examples (seed-001 ch5-7 §4.5) reproduced exactly through the real figures — rows in
 * the tables, the KPIs from the routes — not only the pure formulas (those: events.test.ts, campaigns.test.ts):
 * 500 invited, 700 attended, 400 of them invited → 80% invitation success, 42.86% of attendees uninvited;
 * 300 customers, ¥12,000 revenue, ¥8,000 cost → ¥40 a vehicle, 33.33% margin (an event's and a campaign's).
 */

const dayMs = 86_400_000;

/** `n` rows of `values(i)` as one multi-row INSERT (parameters from $2; $1 the tenant). */
const insertRows = async (tenantId: string, head: string, n: number, values: (i: number) => unknown[]) => {
  const params: unknown[] = [tenantId];
  const tuples = Array.from({ length: n }, (_, i) => {
    const row = values(i);
    const refs = row.map((v) => {
      params.push(v);
      return `$${params.length}`;
    });
    return `($1, ${refs.join(', ')})`;
  });
  return sqlOwner(`${head} VALUES ${tuples.join(', ')} RETURNING id`, params);
};

describe('the textbook’s campaign examples, reproduced from the data', () => {
  test('500 invited, 700 attended, 400 of them invited; 300 customers, ¥12,000, ¥8,000', async () => {
    const w = await loyaltyWorld();
    const admin = await signInStaff(w.t.slug, 'group.admin');
    const now = testClock.now();
    // 800 customers: 0–399 invited and came, 400–699 came uninvited, 700–799 invited and stayed away.
    const customers = (
      await insertRows(w.t.id, 'INSERT INTO customers (tenant_id, name, source)', 800, (i) => [`会员${i}`, 'walk_in'])
    ).map((r) => String(r.id));
    const lecture = await createEvent(admin, { title: '教材示例讲堂', capacity: 1000 });
    await insertRows(
      w.t.id,
      'INSERT INTO event_invitations (tenant_id, event_id, customer_id, channel, decision, invited_at)',
      500,
      (i) => [lecture, customers[i < 400 ? i : 300 + i], 'sms', 'sent', now],
    );
    const signups = (event: string, n: number, tag: string) =>
      insertRows(
        w.t.id,
        `INSERT INTO event_signups (tenant_id, event_id, customer_id, status, ticket_code, signed_up_at, checked_in_at)`,
        n,
        (i) => [event, customers[i], 'confirmed', `${tag}${String(i).padStart(6, '0')}`, now, now],
      );
    await signups(lecture, 700, 'TBA');
    const invitation = (await admin.get(`/api/events/${lecture}`)).json<EventDetail>().kpis;
    assert.deepEqual(
      {
        invited: invitation.invited,
        attended: invitation.attended,
        invitedAttended: invitation.invitedAttended,
        successRate: invitation.successRate,
        uninvitedShare: invitation.uninvitedShare,
      },
      { invited: 500, attended: 700, invitedAttended: 400, successRate: 80, uninvitedShare: 42.86 },
    );

    // 300 customers came to a tour costing ¥8,000, and spent ¥12,000 in the workshop after it (¥40 each).
    const tour = await createEvent(admin, { title: '教材示例自驾游', kind: 'tour', capacity: 300, costFen: 800_000 });
    await signups(tour, 300, 'TBB');
    const orderAt = new Date(now.getTime() + 3 * dayMs);
    await insertRows(
      w.t.id,
      'INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, total_fen)',
      300,
      (i) => [`TB-${i}`, w.t.vehicleId, customers[i], w.t.storeId, 'maintenance', orderAt, 4000],
    );
    const tourKpis = (await admin.get(`/api/events/${tour}`)).json<EventDetail>().kpis;
    assert.deepEqual(
      { revenueFen: tourKpis.revenueFen, perVehicle: tourKpis.revenuePerVehicleFen, margin: tourKpis.margin },
      { revenueFen: 1_200_000, perVehicle: 4000, margin: 33.33 },
    );

    // A campaign that reached the same 300 customers and cost ¥8,000: the same ¥40 and 33.33%.
    const [campaign] = await sqlOwner(
      `INSERT INTO campaigns (tenant_id, name, audience, offer, channel, message, attribution_days, created_at, sent_at,
         status, counts, cost_fen)
       VALUES ($1, '教材示例活动', '{}'::jsonb, jsonb_build_object('kind', 'package', 'serviceTypeId', $3::text,
         'name', '保养套餐', 'priceFen', 0), 'sms', '教材示例', 30, $2, $2, 'sent',
         '{"audience":300,"reached":300,"deferred":0,"held":0,"control":0,"reasons":{}}'::jsonb, 800000)
       RETURNING id`,
      [w.t.id, now, w.serviceTypeId],
    );
    const campaignId = String(campaign?.id);
    await sqlOwner(
      `INSERT INTO campaign_members (tenant_id, campaign_id, customer_id, grp, decision)
       SELECT tenant_id, $2::uuid, id, 'reached', 'sent' FROM customers WHERE tenant_id = $1 AND id = ANY($3::uuid[])`,
      [w.t.id, campaignId, customers.slice(0, 300)],
    );
    const res = await admin.get(`/api/campaigns/${campaignId}/results`);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json<CampaignResults>();
    assert.equal(r.reached.customers, 300);
    assert.equal(r.reached.revenueFen, 1_200_000);
    assert.equal(r.costFen, 800_000);
    assert.equal(r.kpis.revenuePerVehicleFen, 4000);
    assert.equal(Math.round((r.kpis.margin ?? 0) * 10_000) / 100, 33.33);
  });
});
