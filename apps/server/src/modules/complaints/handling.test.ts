import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { Complaint, ComplaintCase, OwnerComplaintDetail } from '@m4s/contracts';
import { createTestTenant, signInOwner, signInStaff, testApp, type Agent } from '../../../test/harness.ts';
import { walkToFollowUp, walkToResolved } from './test-kit.ts';

const issueOf = (body: { details?: { issues?: { path: string; message: string }[] } }) => body.details?.issues?.[0];
const okCase = async (agent: Agent, id: string, action: string, body: object = {}) => {
  const res = await agent.send('POST', `/api/complaints/${id}/${action}`, body);
  assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  return res.json<ComplaintCase>();
};
const openCase = async (agent: Agent, customerId: string, body: object = {}) => {
  const res = await agent.send('POST', `/api/customers/${customerId}/complaints`, {
    category: 'repair_quality',
    channel: 'phone',
    summary: '返修两次仍然漏油',
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<Complaint>();
};

describe('complaint handling: repetition, improvement items, races, the owner’s own cases', () => {
  test('a case handled twice without the customer satisfied must be reported to the OEM before it closes', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_advisor', 'service_manager']);
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const manager = await signInStaff(t.slug, 'service.manager');
    const c = await openCase(cs, t.customerId);
    await walkToResolved(cs, c.id, t.staffIds.service_advisor!, advisor);

    // Once not satisfied: reviewed, handled again; no OEM report yet.
    const first = await okCase(cs, c.id, 'follow-up', { satisfied: false, note: '仍然漏油' });
    assert.equal(first.complaint.reopenCount, 1);
    assert.ok(!first.events.some((e) => e.kind === 'oem_report_required'));
    assert.ok(!first.complaint.deadlines.some((d) => d.kind === 'oem_report'));
    await okCase(advisor, c.id, 'accept');
    await okCase(advisor, c.id, 'answer', { answer: '更换油封' });
    await okCase(advisor, c.id, 'resolve', { solution: '更换油封', completionDate: '2026-03-14' });

    // Twice: the case is to be reported to the OEM, with its 4-hour deadline.
    const second = await okCase(cs, c.id, 'follow-up', { satisfied: false, note: '第三次来店' });
    assert.equal(second.complaint.reopenCount, 2);
    assert.equal(second.events.filter((e) => e.kind === 'review_required').length, 2);
    assert.equal(second.events.find((e) => e.kind === 'oem_report_required')?.details, 'repeated');
    assert.equal(second.complaint.deadlines.find((d) => d.kind === 'oem_report')?.state, 'running');
    assert.ok(second.actions.length > 0);

    await okCase(advisor, c.id, 'accept');
    await okCase(advisor, c.id, 'answer', { answer: '申请厂家技术支持' });
    await okCase(advisor, c.id, 'resolve', { solution: '更换发动机后油封总成', completionDate: '2026-03-20' });
    await okCase(cs, c.id, 'follow-up', { satisfied: true });
    const close = {
      resolution: '厂家技术支持后解决',
      improvements: [{ what: '漏油返修须复检', ownerId: t.staffIds.service_manager, due: '2026-04-30' }],
    };
    const early = await manager.send('POST', `/api/complaints/${c.id}/close`, close);
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(issueOf(early.json())?.message, '须先向厂家提交书面报告，才能结案');
    const sent = await manager.send('POST', `/api/complaints/${c.id}/oem-report`, { text: '多次处理未解决，报厂家' });
    assert.equal(sent.statusCode, 200, sent.body);
    const closed = await manager.send('POST', `/api/complaints/${c.id}/close`, close);
    assert.equal(closed.statusCode, 200, closed.body);
  });

  test('an improvement item is marked done by its owner or a manager, nobody else', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_advisor', 'service_manager']);
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const manager = await signInStaff(t.slug, 'service.manager');
    const c = await openCase(cs, t.customerId);
    await walkToFollowUp(cs, c.id, t.staffIds.service_advisor!, advisor);
    const closed = await manager.send('POST', `/api/complaints/${c.id}/close`, {
      resolution: '已解决',
      improvements: [
        { what: '交车前复检', ownerId: t.staffIds.service_advisor, due: '2026-04-30' },
        { what: '班前会通报', ownerId: t.staffIds.service_manager, due: '2026-04-15' },
      ],
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const items = (await manager.get(`/api/complaints/${c.id}`)).json<ComplaintCase>().improvements;
    const advisorsItem = items.find((i) => i.owner.id === t.staffIds.service_advisor)?.id ?? '';
    const managersItem = items.find((i) => i.owner.id === t.staffIds.service_manager)?.id ?? '';

    // The CS specialist owns neither and is no manager.
    const stranger = await cs.send('POST', `/api/complaint-improvements/${advisorsItem}/done`, {});
    assert.equal(stranger.statusCode, 403, stranger.body);
    // The advisor marks their own, not the manager's.
    assert.equal((await advisor.send('POST', `/api/complaint-improvements/${managersItem}/done`, {})).statusCode, 403);
    const own = await advisor.send('POST', `/api/complaint-improvements/${advisorsItem}/done`, {});
    assert.equal(own.statusCode, 200, own.body);
    // A manager may mark any.
    assert.equal((await manager.send('POST', `/api/complaint-improvements/${managersItem}/done`, {})).statusCode, 200);
    const after = (await manager.get(`/api/complaints/${c.id}`)).json<ComplaintCase>();
    assert.ok(after.improvements.every((i) => i.doneAt !== null));
    assert.equal(after.events.filter((e) => e.kind === 'improvement_done').length, 2);
  });

  test('two people acting on a case at once: one first contact, one acceptance, the other refused', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_advisor']);
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const admin = await signInStaff(t.slug, 'group.admin');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const advisorPhone = await signInStaff(t.slug, 'service.advisor');
    const c = await openCase(cs, t.customerId);

    const contacts = await Promise.all([
      cs.send('POST', `/api/complaints/${c.id}/contact`, { note: '电话致歉' }),
      admin.send('POST', `/api/complaints/${c.id}/contact`, { note: '到店接待' }),
    ]);
    assert.deepEqual(contacts.map((r) => r.statusCode).sort(), [200, 409]);
    const lost = contacts.find((r) => r.statusCode === 409);
    assert.equal(issueOf(lost?.json() ?? {})?.message, '已登记首次联系，无需重复');

    await okCase(cs, c.id, 'assign', { handlerId: t.staffIds.service_advisor });
    const accepts = await Promise.all([
      advisor.send('POST', `/api/complaints/${c.id}/accept`, {}),
      advisorPhone.send('POST', `/api/complaints/${c.id}/accept`, {}),
    ]);
    assert.deepEqual(accepts.map((r) => r.statusCode).sort(), [200, 409]);

    const page = (await cs.get(`/api/complaints/${c.id}`)).json<ComplaintCase>();
    assert.equal(page.events.filter((e) => e.kind === 'contacted').length, 1);
    assert.equal(page.events.filter((e) => e.kind === 'accepted').length, 1);
  });

  test('a suggestion’s closing message tells the customer whether it was adopted, through the contact gate', async () => {
    const { db } = await testApp();
    // One tenant each: two thank-yous to one customer in a day would meet the gate's topic cap.
    for (const adopted of [true, false]) {
      const t = await createTestTenant(['group_admin', 'cs_specialist']);
      const cs = await signInStaff(t.slug, 'cs.specialist');
      const admin = await signInStaff(t.slug, 'group.admin');
      const s = await openCase(cs, t.customerId, { kind: 'suggestion', summary: '希望延长周末营业时间' });
      await okCase(cs, s.id, 'contact', { note: '感谢建议' });
      await okCase(cs, s.id, 'evaluate', { adopted, note: adopted ? '已采纳' : '暂不采纳' });
      assert.equal(
        (await admin.send('POST', `/api/complaints/${s.id}/close`, { resolution: '已告知' })).statusCode,
        200,
      );
      const touches = await db.owner.executeSql(
        `SELECT decision FROM touches WHERE tenant_id = $1 AND source = 'complaint' AND dedupe_key LIKE $2`,
        [t.id, `complaint:${s.id}:thanks:%`],
      );
      assert.deepEqual(
        touches.rows.map((r) => r.decision),
        ['sent'],
      );
      const sent = await db.owner.executeSql(
        `SELECT body FROM notifications WHERE tenant_id = $1 AND customer_id = $2`,
        [t.id, t.customerId],
      );
      assert.equal(sent.rows.length, 1);
      assert.match(String(sent.rows[0]?.body), adopted ? /已被采纳/ : /暂未被采纳/);
    }
  });

  test('an owner of the same tenant sees none of another customer’s cases', async () => {
    const t = await createTestTenant(['group_admin']);
    const owner = await signInOwner(t.slug, '13000000000');
    const filed = await owner.send('POST', '/api/owner/complaints', { category: 'repair_time', summary: '等候太久' });
    assert.equal(filed.statusCode, 201, filed.body);
    const id = filed.json<OwnerComplaintDetail>().id;
    const neighbour = await signInOwner(t.slug, '13000000009');
    assert.equal((await neighbour.get(`/api/owner/complaints/${id}`)).statusCode, 404);
    assert.deepEqual((await neighbour.get('/api/owner/complaints')).json<{ items: unknown[] }>().items, []);
    const info = await neighbour.send('POST', `/api/owner/complaints/${id}/info`, { text: '冒充补充' });
    assert.equal(info.statusCode, 404);
    const said = await neighbour.send('POST', `/api/owner/complaints/${id}/follow-up`, { satisfied: false });
    assert.equal(said.statusCode, 404);
  });

  test('transfers from a consumer association and a government body; a major one closes only with its closing report', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_advisor', 'service_manager']);
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const manager = await signInStaff(t.slug, 'service.manager');
    for (const channel of ['consumer_association', 'government'])
      assert.equal((await openCase(cs, t.customerId, { channel, severity: 'difficult' })).channel, channel);

    const major = await openCase(cs, t.customerId, { severity: 'major', summary: '行驶中起火，客户受轻伤' });
    await walkToFollowUp(cs, major.id, t.staffIds.service_advisor!, advisor);
    const sent = await manager.send('POST', `/api/complaints/${major.id}/oem-report`, { text: '重大投诉书面报告' });
    assert.equal(sent.statusCode, 200, sent.body);
    const close = {
      resolution: '厂家联合检测后更换线束并赔偿',
      improvements: [{ what: '线束类召回核查', ownerId: t.staffIds.service_manager, due: '2026-04-30' }],
    };
    const bare = await manager.send('POST', `/api/complaints/${major.id}/close`, close);
    assert.equal(bare.statusCode, 400, bare.body);
    assert.equal(issueOf(bare.json())?.path, 'closingReport');
    assert.equal((await manager.get(`/api/complaints/${major.id}`)).json<ComplaintCase>().complaint.status, 'open');
    const done = await manager.send('POST', `/api/complaints/${major.id}/close`, {
      ...close,
      closingReport: '结案报告：起火原因为线束磨损，已更换并赔偿，客户签字确认',
    });
    assert.equal(done.statusCode, 200, done.body);
  });

  test('an owner’s photo is checked and re-encoded: a JPEG without its GPS position', async () => {
    const t = await createTestTenant(['group_admin']);
    const owner = await signInOwner(t.slug, '13000000000');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#aa3322' } })
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' } })
      .jpeg()
      .toBuffer();
    assert.ok((await sharp(photo).metadata()).exif, 'the upload carries EXIF');
    const filed = await owner.send('POST', '/api/owner/complaints', {
      category: 'repair_quality',
      summary: '漆面有划痕',
      photos: [`data:image/jpeg;base64,${photo.toString('base64')}`],
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const c = filed.json<OwnerComplaintDetail>();
    const served = await owner.get(`/api/owner/complaints/${c.id}/photos/${c.photoIds[0]}`);
    assert.equal(served.statusCode, 200);
    const meta = await sharp(served.rawPayload).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.exif, undefined, 'no EXIF, so no GPS position');
  });
});
