import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Complaint, ComplaintCase, ComplaintCaseRow, OwnerComplaintDetail } from '@m4s/contracts';
import { createTestTenant, signInOwner, signInStaff, testApp, type Agent } from '../../../test/harness.ts';
import { jpegDataUrl as jpeg } from '../visits/test-kit.ts';
import { walkToResolved } from './test-kit.ts';

const issueOf = (body: { details?: { issues?: { path: string; message: string }[] } }) => body.details?.issues?.[0];
const post = async (agent: Agent, id: string, action: string, body: object = {}) =>
  agent.send('POST', `/api/complaints/${id}/${action}`, body);
const okCase = async (agent: Agent, id: string, action: string, body: object = {}) => {
  const res = await post(agent, id, action, body);
  assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  return res.json<ComplaintCase>();
};
const refused = async (agent: Agent, id: string, action: string, body: object, message: string) => {
  const res = await post(agent, id, action, body);
  assert.equal(res.statusCode, 409, `${action}: ${res.body}`);
  assert.equal(issueOf(res.json())?.message, message);
};

describe('complaint cases: the state machine', () => {
  test('received → contacted → assigned (the handler signs) → answered → resolved → follow-up → closed, each refusal with its reason', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_advisor', 'service_manager']);
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const manager = await signInStaff(t.slug, 'service.manager');
    const opened = await cs.send('POST', `/api/customers/${t.customerId}/complaints`, {
      category: 'repair_quality',
      channel: 'walk_in',
      summary: '更换刹车片后仍有异响',
      classification: 'handling_failure',
      cause: 'repair_quality',
      customerRequest: '免费返修并赔偿打车费',
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const c = opened.json<Complaint>();
    assert.equal(c.stage, 'received');
    assert.equal(c.classification, 'handling_failure');
    assert.equal(c.customerRequest, '免费返修并赔偿打车费');
    const id = c.id;

    await refused(
      cs,
      id,
      'assign',
      { handlerId: t.staffIds.service_advisor },
      '请先联系客户（受理后2个工作小时内），再指派处理人',
    );
    const en = await cs.inject({
      method: 'POST',
      url: `/api/complaints/${id}/resolve`,
      payload: { solution: 'x', completionDate: '2026-03-12' },
      headers: { 'x-csrf-token': cs.csrf, 'accept-language': 'en' },
    });
    assert.equal(en.statusCode, 409);
    assert.equal(issueOf(en.json())?.message, 'Answer the customer before recording the solution');

    const contacted = await okCase(cs, id, 'contact', { note: '已致电致歉，约定明天回复' });
    assert.equal(contacted.complaint.stage, 'contacted');
    assert.equal(contacted.complaint.deadlines.find((d) => d.kind === 'first_contact')?.state, 'met');
    const assigned = await okCase(cs, id, 'assign', { handlerId: t.staffIds.service_advisor });
    assert.deepEqual(assigned.complaint.handler, { id: t.staffIds.service_advisor, name: 'service_advisor' });
    await refused(cs, id, 'accept', {}, '只有当前处理人本人才能确认接收');
    await refused(advisor, id, 'answer', { answer: '已安排复查' }, '处理人须先确认接收案件，再答复客户');

    // A transfer: who → whom, why; the new handler signs again; the first receiver stays owner of record.
    const moved = await okCase(advisor, id, 'transfer', {
      toId: t.staffIds.service_manager,
      reason: '需要返厂检测，超出权限',
    });
    const log = moved.events.find((e) => e.kind === 'transferred');
    assert.equal(log?.from?.id, t.staffIds.service_advisor);
    assert.equal(log?.to?.id, t.staffIds.service_manager);
    assert.equal(log?.text, '需要返厂检测，超出权限');
    assert.equal(moved.complaint.receivedBy?.id, t.staffIds.cs_specialist);
    assert.equal(moved.complaint.handlerAcceptedAt, null);
    await okCase(manager, id, 'accept');
    await okCase(manager, id, 'answer', { answer: '明天安排技师路试复查' });
    await refused(
      manager,
      id,
      'close',
      { resolution: '已处理', improvements: [] },
      '请先回访客户并确认满意，才能结案（不能跳过回访）',
    );
    await okCase(manager, id, 'resolve', { solution: '更换刹车盘，免费', completionDate: '2026-03-12' });
    await refused(cs, id, 'close', { resolution: '已处理' }, '请先回访客户并确认满意，才能结案（不能跳过回访）');

    // Not satisfied: reopened, handled again, the handling reviewed.
    const reopened = await okCase(cs, id, 'follow-up', { satisfied: false, note: '仍有轻微异响' });
    assert.equal(reopened.complaint.stage, 'reopened');
    assert.equal(reopened.complaint.reopenCount, 1);
    assert.ok(reopened.events.some((e) => e.kind === 'review_required'));
    await okCase(manager, id, 'accept');
    await okCase(manager, id, 'answer', { answer: '再次检测' });
    await okCase(manager, id, 'resolve', { solution: '更换卡钳', completionDate: '2026-03-13' });
    await okCase(cs, id, 'follow-up', { satisfied: true });

    const noItems = await post(manager, id, 'close', { resolution: '已解决' });
    assert.equal(noItems.statusCode, 400);
    assert.equal(issueOf(noItems.json())?.path, 'improvements');
    await refused(
      cs,
      id,
      'close',
      {
        resolution: '已解决',
        improvements: [{ what: '刹车类返修必须路试', ownerId: t.staffIds.service_manager, due: '2026-04-30' }],
      },
      '受理人不能自行结案，须由经理结案',
    );
    const closed = await post(manager, id, 'close', {
      resolution: '已解决',
      improvements: [{ what: '刹车类返修必须路试', ownerId: t.staffIds.service_manager, due: '2026-04-30' }],
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const page = (await manager.get(`/api/complaints/${id}`)).json<ComplaintCase>();
    assert.equal(page.complaint.stage, 'closed');
    assert.equal(page.improvements.length, 1);
    assert.equal(page.improvements[0]?.doneAt, null);

    // The thank-you went through the contact gate (the ledger has it, source complaint).
    const { db } = await testApp();
    const touches = await db.owner.executeSql(
      `SELECT source, topic, decision FROM touches WHERE tenant_id = $1 AND customer_id = $2 AND source = 'complaint'`,
      [t.id, t.customerId],
    );
    assert.equal(touches.rows.length, 1);
    assert.equal(touches.rows[0]?.topic, 'follow_up');

    // The improvement item is tracked to done, once.
    const itemId = page.improvements[0]?.id ?? '';
    assert.equal((await manager.send('POST', `/api/complaint-improvements/${itemId}/done`, {})).statusCode, 200);
    assert.equal((await manager.send('POST', `/api/complaint-improvements/${itemId}/done`, {})).statusCode, 409);

    // Reopening a closed case takes the customer's word.
    const noWord = await post(cs, id, 'reopen', { customerWord: ' ' });
    assert.equal(noWord.statusCode, 400);
    const back = await okCase(cs, id, 'reopen', { customerWord: '客户来电：异响复发' });
    assert.equal(back.complaint.status, 'open');
    assert.equal(back.complaint.stage, 'reopened');
    await refused(cs, id, 'reopen', { customerWord: '再次' }, '只有已结案的案件才能根据客户意见重新打开');
  });

  test('a suggestion: acknowledged, evaluated within 3 working days, the customer told', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist']);
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const admin = await signInStaff(t.slug, 'group.admin');
    const made = await cs.send('POST', `/api/customers/${t.customerId}/complaints`, {
      kind: 'suggestion',
      category: 'service_environment',
      channel: 'app',
      summary: '休息区希望增加儿童游乐角',
    });
    assert.equal(made.statusCode, 201, made.body);
    const s = made.json<Complaint>();
    assert.deepEqual(
      s.deadlines.map((d) => d.kind),
      ['first_contact', 'evaluation'],
    );
    await refused(
      cs,
      s.id,
      'assign',
      { handlerId: t.staffIds.cs_specialist },
      '建议按建议流程处理：确认收到、评估、告知客户是否采纳',
    );
    await refused(cs, s.id, 'evaluate', { adopted: true, note: '采纳' }, '请先确认收到建议，再进行评估');
    await okCase(cs, s.id, 'contact', { note: '感谢建议，已转门店评估' });
    await refused(cs, s.id, 'close', { resolution: '完成' }, '请先评估建议并告知客户是否采纳，才能结案');
    const evaluated = await okCase(cs, s.id, 'evaluate', { adopted: true, note: '已采纳，下月增设儿童角' });
    assert.equal(evaluated.complaint.adopted, true);
    const closed = await post(admin, s.id, 'close', { resolution: '已采纳' });
    assert.equal(closed.statusCode, 200, closed.body);
    const { db } = await testApp();
    const open = await db.owner.executeSql(
      `SELECT count(*)::int AS n FROM complaints WHERE tenant_id = $1 AND kind = 'suggestion'`,
      [t.id],
    );
    assert.equal(open.rows[0]?.n, 1);
  });

  test('manual escalation by authority, then up to the OEM regional manager with its report', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager', 'store_manager']);
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const c = (
      await cs.send('POST', `/api/customers/${t.customerId}/complaints`, {
        category: 'product_quality',
        channel: 'oem',
        severity: 'oem_transfer',
        summary: '厂家转办：变速箱顿挫',
      })
    ).json<Complaint>();
    const one = await okCase(cs, c.id, 'escalate', { reason: 'authority', note: '涉及厂家索赔' });
    assert.equal(one.complaint.escalationLevel, 1);
    assert.equal(one.complaint.responsible?.id, t.staffIds.service_manager);
    await okCase(cs, c.id, 'escalate', { reason: 'difficulty', note: '客户要求换车' });
    const three = await okCase(cs, c.id, 'escalate', { reason: 'difficulty', note: '超出经销商能力' });
    assert.equal(three.complaint.escalationLevel, 3);
    assert.equal(three.events.at(-1)?.details, 'difficulty:oem_regional_manager');
    assert.ok(
      three.complaint.deadlines.some((d) => d.kind === 'oem_report'),
      'reported to the OEM in writing',
    );
    await refused(cs, c.id, 'escalate', { reason: 'difficulty', note: '再升级' }, '已上报至厂家区域经理，无法再升级');
  });
});

describe('complaint cases: the lists and the owner', () => {
  test('an owner files with a photo, sees only public updates, and answers the follow-up; staff see the countdown', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_advisor']);
    const owner = await signInOwner(t.slug, '13000000000');
    const filed = await owner.send('POST', '/api/owner/complaints', {
      category: 'repair_time',
      summary: '保养等了三个小时',
      customerRequest: '希望改进预约',
      photos: [jpeg],
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const mine = filed.json<OwnerComplaintDetail>();
    assert.equal(mine.stage, 'received');
    assert.equal(mine.photoIds.length, 1);
    const photo = await owner.get(`/api/owner/complaints/${mine.id}/photos/${mine.photoIds[0]}`);
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/jpeg');
    const bad = await owner.send('POST', '/api/owner/complaints', {
      category: 'repair_time',
      summary: 'x',
      photos: ['data:image/jpeg;base64,aGVsbG8='],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(issueOf(bad.json())?.path, 'photos');

    const cs = await signInStaff(t.slug, 'cs.specialist');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const list = (await cs.get('/api/complaints')).json<{ items: ComplaintCaseRow[] }>().items;
    const row = list.find((x) => x.id === mine.id);
    assert.equal(row?.channel, 'app');
    assert.equal(row?.receivedBy, null);
    assert.equal(row?.deadlines[0]?.kind, 'first_contact');
    assert.equal(row?.customerName, '测试客户');

    await okCase(cs, mine.id, 'notes', { text: '内部：客户情绪激动', public: false });
    await walkToResolved(cs, mine.id, t.staffIds.service_advisor!, advisor);
    const seen = (await owner.get(`/api/owner/complaints/${mine.id}`)).json<OwnerComplaintDetail>();
    assert.equal(seen.stage, 'resolved');
    assert.equal(seen.awaitingFollowUp, true);
    assert.equal(seen.solution, '免费返修');
    assert.ok(!JSON.stringify(seen).includes('内部'), 'internal notes never reach the owner');
    assert.deepEqual(
      seen.updates.map((u) => u.kind),
      ['received', 'contacted', 'answered', 'resolved'],
    );
    const info = await owner.send('POST', `/api/owner/complaints/${mine.id}/info`, { text: '补充：上次也等了很久' });
    assert.equal(info.statusCode, 200, info.body);
    const said = await owner.send('POST', `/api/owner/complaints/${mine.id}/follow-up`, { satisfied: true });
    assert.equal(said.statusCode, 200, said.body);
    assert.equal(said.json<OwnerComplaintDetail>().stage, 'followed_up');
    const twice = await owner.send('POST', `/api/owner/complaints/${mine.id}/follow-up`, { satisfied: false });
    assert.equal(twice.statusCode, 409);

    // Another owner sees nothing of it.
    const other = await createTestTenant(['group_admin']);
    const stranger = await signInOwner(other.slug, '13000000000');
    assert.equal((await stranger.get(`/api/owner/complaints/${mine.id}`)).statusCode, 404);
    const theirs = (await stranger.get('/api/owner/complaints')).json<{ items: unknown[] }>().items;
    assert.deepEqual(theirs, []);
  });
});
