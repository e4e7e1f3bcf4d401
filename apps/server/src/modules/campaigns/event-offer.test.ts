import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CampaignResults, EventDetail, OwnerEvent } from '@m4s/contracts';
import { anotherOwner, createEvent, eventWorld, signUp, sqlOwner } from '../events/test-kit.ts';
import { campaignBody, createCampaign, previewOf } from './test-kit.ts';

/**
 * A campaign whose offer is an event (docs/campaigns.md): its message through the contact gate is the
 * invitation (linking to the event), the event records it as its own invitations, and the reached customers'
 * sign-ups and check-ins are attributed to the campaign.
 */
describe('campaigns: an event invitation as the offer', () => {
  test('bad offers are refused with the field named: another channel, an unknown event, one not open', async () => {
    const w = await eventWorld();
    const eventId = await createEvent(w.admin);
    const draftEvent = await createEvent(w.admin, { title: '未发布的活动' }, false);
    const body = (over: object) => campaignBody('', { offer: { kind: 'event', eventId }, ...over });
    const email = await w.admin.send('POST', '/api/campaigns', body({ channel: 'email' }));
    assert.equal(email.statusCode, 400, email.body);
    assert.equal(email.json().details.issues[0].path, 'channel');
    assert.equal(email.json().details.issues[0].message, '活动邀请只能通过短信或车主App消息发送');
    const unknown = await w.admin.send(
      'POST',
      '/api/campaigns',
      body({ offer: { kind: 'event', eventId: '00000000-0000-4000-8000-000000000000' } }),
    );
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.equal(unknown.json().details.issues[0].path, 'offer.eventId');
    const draft = await w.admin.send('POST', '/api/campaigns', body({ offer: { kind: 'event', eventId: draftEvent } }));
    assert.equal(draft.statusCode, 409, draft.body);
    assert.equal(draft.json().details.issues[0].path, 'offer.eventId');
    const [n] = await sqlOwner('SELECT count(*)::int AS n FROM campaigns WHERE tenant_id = $1', [w.t.id]);
    assert.equal(n?.n, 0, 'nothing written');
  });

  test('the message is the invitation; the event counts it; sign-ups and check-ins are attributed', async () => {
    const w = await eventWorld();
    const eventId = await createEvent(w.admin, { capacity: 5 });
    const second = await anotherOwner(w, '第二位车主');
    const refuser = await anotherOwner(w, '不要营销');
    await sqlOwner('UPDATE customers SET marketing_opt_out = true WHERE tenant_id = $1 AND id = $2', [
      w.t.id,
      refuser.customerId,
    ]);
    const body = campaignBody('', {
      name: '冬季讲堂邀约',
      message: '讲堂开讲啦，欢迎报名。',
      offer: { kind: 'event', eventId },
      channel: 'inbox',
      audience: {},
    });
    const id = await createCampaign(w.admin, body);
    const preview = await previewOf(w.admin, body, id);
    assert.equal(preview.reasons.marketing_opt_out, 1);
    assert.ok(preview.reached >= 2, JSON.stringify(preview));
    const sent = await w.admin.send('POST', `/api/campaigns/${id}/send`);
    assert.equal(sent.statusCode, 200, sent.body);
    assert.deepEqual(sent.json<{ counts: typeof preview }>().counts, preview);
    assert.equal(sent.json<{ offerName: string }>().offerName, '冬季爱车讲堂');

    // The event records everyone the gate decided on, with the decision; the reached got the invitation.
    const invitations = await sqlOwner(
      `SELECT customer_id, decision, reason, channel FROM event_invitations WHERE tenant_id = $1 AND event_id = $2`,
      [w.t.id, eventId],
    );
    assert.equal(invitations.length, preview.audience - preview.control);
    assert.equal(invitations.filter((i) => i.decision === 'sent').length, preview.reached);
    assert.deepEqual(
      invitations.find((i) => i.customer_id === refuser.customerId),
      { customer_id: refuser.customerId, decision: 'suppressed', reason: 'marketing_opt_out', channel: 'inbox' },
    );
    const messages = await sqlOwner(
      `SELECT recipient, link, body FROM notifications WHERE tenant_id = $1 AND topic = 'event_invitation'
       ORDER BY recipient`,
      [w.t.id],
    );
    assert.equal(messages.length, preview.reached);
    for (const m of messages) {
      assert.equal(m.link, `/events/${eventId}`);
      assert.match(String(m.body), /^讲堂开讲啦，欢迎报名。（冬季爱车讲堂）$/);
    }

    // Both owners sign up from it; one comes and is checked in.
    const code = (await signUp(w.owner, eventId)).json<OwnerEvent>().mine?.ticketCode ?? '';
    assert.equal((await signUp(second.agent, eventId)).statusCode, 200);
    const checked = await w.advisor.send('POST', `/api/events/${eventId}/check-in`, { code });
    assert.equal(checked.statusCode, 200, checked.body);

    const res = await w.admin.get(`/api/campaigns/${id}/results`);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json<CampaignResults>();
    assert.deepEqual(r.event, {
      eventId,
      signedUp: 2,
      checkedIn: 1,
      controlSignedUp: 0,
      controlCheckedIn: 0,
      successRate: Math.round((1 / preview.reached) * 10_000) / 100,
    });
    assert.equal(r.couponsIssued, 0);
    // The event's own KPIs count the campaign's invitations.
    const detail = (await w.admin.get(`/api/events/${eventId}`)).json<EventDetail>();
    assert.equal(detail.kpis.invited, preview.reached);
    assert.equal(detail.kpis.invitedAttended, 1);
  });
});
