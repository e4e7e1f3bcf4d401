import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { ChatPosted, ChatStats, ChatThread, OwnerChats, StaffThread } from '@m4s/contracts';
import { createTestTenant, signInOwner, signInStaff, testApp, type TestTenant } from '../../../test/harness.ts';
import { subscribeOwner, subscribeStoreChat, type LiveEvent } from '../../platform/events.ts';
import { ownersWithCars } from '../booking/test-kit.ts';
import { installKnowledgeFor } from '../content/test-kit.ts';

const roles = ['group_admin', 'service_manager', 'service_advisor', 'sales_consultant', 'cs_specialist'] as const;

const sql = async (text: string, values: unknown[] = []) => {
  const { db } = await testApp();
  return (await db.owner.executeSql(text, values)).rows;
};

const setup = async () => {
  const t = await createTestTenant([...roles]);
  await installKnowledgeFor(t.id);
  const [owner] = await ownersWithCars(t, 1, 15_800_000_000);
  if (!owner) throw new Error('no owner');
  await sql('UPDATE customers SET service_advisor_id = $3 WHERE tenant_id = $1 AND id = $2', [
    t.id,
    owner.customerId,
    t.staffIds.service_advisor,
  ]);
  return { t, owner };
};

const post = async (
  agent: {
    send: (m: 'POST', u: string, p?: object) => Promise<{ statusCode: number; body: string; json: <T>() => T }>;
  },
  url: string,
  body: object,
) => {
  const res = await agent.send('POST', url, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json<ChatPosted>();
};

const closeToday = async (t: TestTenant) => {
  const admin = await signInStaff(t.slug, 'group.admin');
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const res = await admin.send('PUT', '/api/tenant/calendar/days', { day: today, kind: 'closed', note: '测试' });
  assert.ok(res.statusCode < 300, res.body);
};

describe('咨询: owner ↔ advisors, the assistant', () => {
  test('an owner without a car cannot chat (400 in their language), and sees why', async () => {
    const t = await createTestTenant(['group_admin']);
    const owner = await signInOwner(t.slug, '13900000301');
    assert.deepEqual((await owner.get('/api/owner/chat')).json<OwnerChats>(), { canChat: false, items: [] });
    const res = await owner.send('POST', '/api/owner/chat/messages?kind=service', { text: '你好' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /绑定爱车/);
  });

  test('the assistant answers from an article with its source, and hands an unsure question to the insurance advisor', async () => {
    const { t, owner } = await setup();
    const answered = await post(owner.agent, '/api/owner/chat/messages?kind=assistant', { text: '轮胎多久换一次' });
    const [question, answer] = answered.messages;
    assert.equal(question?.sender, 'owner');
    assert.equal(answer?.sender, 'assistant');
    assert.equal(answer?.outcome, 'answered');
    assert.equal(answer?.source?.kind, 'article');
    assert.match(answer?.source?.kind === 'article' ? answer.source.title : '', /轮胎/);

    const unsure = await post(owner.agent, '/api/owner/chat/messages?kind=assistant', { text: '车险续保多少钱' });
    assert.equal(unsure.messages[1]?.outcome, 'unsure');
    assert.equal(unsure.messages[1]?.handoverTo, 'insurance');
    assert.equal(unsure.messages[1]?.source, null);
    // The insurance conversation holds the question with the assistant's conversation attached.
    const insurance = (await owner.agent.get('/api/owner/chat/thread?kind=insurance')).json<ChatThread>();
    const handed = insurance.messages.at(-1);
    assert.equal(handed?.text, '车险续保多少钱');
    assert.ok(
      (handed?.attachment ?? []).some((m) => m.text === '轮胎多久换一次'),
      'the conversation is attached',
    );
    // The pool answers (no insurance advisor assigned): the store's customer-service specialist sees it.
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const inbox = (await cs.get('/api/chat/conversations')).json<{ items: { id: string; kind: string }[] }>();
    assert.ok(inbox.items.some((c) => c.kind === 'insurance'));

    // 已解决 on the first answer; the figures count it.
    const resolved = await owner.agent.send('POST', `/api/owner/chat/answers/${answer?.id}/resolve`);
    assert.equal(resolved.statusCode, 200, resolved.body);
    const manager = await signInStaff(t.slug, 'service.manager');
    const stats = (await manager.get('/api/chat/stats')).json<ChatStats>();
    assert.deepEqual(
      { q: stats.assistant.questions, closed: stats.assistant.closed, handed: stats.assistant.handedOver },
      { q: 2, closed: 1, handed: 1 },
    );
    assert.equal(stats.assistant.closedRate, 0.5);
  });

  test('the assistant answers from the owner own records, saying so', async () => {
    const { owner } = await setup();
    const res = await post(owner.agent, '/api/owner/chat/messages?kind=assistant', { text: '我的车什么时候能修好' });
    assert.deepEqual(res.messages[1]?.source, { kind: 'own_data', topic: 'visit' });
    assert.match(res.messages[1]?.text ?? '', /没有在店维修/);
  });

  test('owner and advisor: scope, unread counts, live events both ways, response times, XSS kept as text', async () => {
    const { t, owner } = await setup();
    const heardByStore: LiveEvent[] = [];
    const heardByOwner: LiveEvent[] = [];
    const offStore = subscribeStoreChat(t.id, t.storeId, (e) => heardByStore.push(e));
    const offOwner = subscribeOwner(t.id, owner.ownerId, (e) => heardByOwner.push(e));
    const xss = '<img src=x onerror=alert(1)>保养多少钱？';
    const sent = await post(owner.agent, '/api/owner/chat/messages?kind=service', { text: xss });
    assert.equal(sent.messages[0]?.text, xss, 'stored and answered as the text it is');
    assert.equal(heardByStore.at(-1)?.type, 'chat');

    const advisor = await signInStaff(t.slug, 'service.advisor');
    const inbox = (await advisor.get('/api/chat/conversations')).json<{
      items: { id: string; unread: number; mine: boolean }[];
      unread: number;
    }>();
    const conv = inbox.items[0];
    assert.ok(conv?.mine);
    assert.equal(conv.unread, 1);
    // A sales consultant is neither this customer's service advisor nor in the service pool: 403, not in the list.
    const sales = await signInStaff(t.slug, 'sales.consultant');
    assert.equal((await sales.get(`/api/chat/conversations/${conv.id}`)).statusCode, 403);
    assert.equal((await sales.get('/api/chat/conversations')).json<{ items: unknown[] }>().items.length, 0);

    const reply = await post(advisor, `/api/chat/conversations/${conv.id}/messages`, {
      text: '您好，常规保养约 600 元。',
    });
    assert.equal(reply.messages[0]?.senderName, 'service_advisor');
    assert.equal(heardByOwner.at(-1)?.type, 'chat', 'the owner hears the reply live');
    offStore();
    offOwner();
    const chats = (await owner.agent.get('/api/owner/chat')).json<OwnerChats>();
    assert.equal(chats.items.find((c) => c.kind === 'service')?.unread, 1);
    assert.equal(chats.items.find((c) => c.kind === 'service')?.advisorName, 'service_advisor');
    await owner.agent.send('POST', '/api/owner/chat/read?kind=service');
    assert.equal(
      (await owner.agent.get('/api/owner/chat')).json<OwnerChats>().items.find((c) => c.kind === 'service')?.unread,
      0,
    );

    const manager = await signInStaff(t.slug, 'service.manager');
    const stats = (await manager.get('/api/chat/stats?days=7')).json<ChatStats>();
    assert.equal(stats.staff[0]?.staffId, t.staffIds.service_advisor);
    assert.equal(stats.staff[0]?.replies, 1);
    assert.equal(stats.waiting, 0);
    assert.equal((await advisor.get('/api/chat/stats')).statusCode, 403, 'advisors do not see the figures');
  });

  test('the conversation belongs to the store: reassigned or departed, the history goes to who answers next', async () => {
    const { t, owner } = await setup();
    await post(owner.agent, '/api/owner/chat/messages?kind=service', { text: '空调不凉了' });
    await sql(`UPDATE staff SET status = 'disabled' WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      t.staffIds.service_advisor,
    ]);
    // The departed advisor's conversation falls to the store's pool of service advisors …
    const admin = await signInStaff(t.slug, 'group.admin');
    const thread = (await admin.get('/api/chat/conversations')).json<{
      items: { id: string; advisorName: string | null }[];
    }>();
    assert.equal(thread.items[0]?.advisorName, null);
    // … and a newly assigned advisor sees the whole history.
    await sql(
      `INSERT INTO staff (tenant_id, login, name, role, store_id, password_hash, status)
               SELECT tenant_id, 'new.advisor', '新顾问', 'service_advisor', store_id, password_hash, 'active'
                 FROM staff WHERE tenant_id = $1 AND id = $2`,
      [t.id, t.staffIds.service_advisor],
    );
    const [fresh] = await sql(`SELECT id FROM staff WHERE tenant_id = $1 AND login = 'new.advisor'`, [t.id]);
    await sql('UPDATE customers SET service_advisor_id = $3 WHERE tenant_id = $1 AND id = $2', [
      t.id,
      owner.customerId,
      fresh?.id,
    ]);
    const next = (await admin.get(`/api/chat/conversations/${thread.items[0]?.id}`)).json<StaffThread>();
    assert.equal(next.conversation.advisorName, '新顾问');
    assert.equal(next.messages[0]?.text, '空调不凉了');
  });

  test('outside business hours the owner gets one auto-reply per spell', async () => {
    const { t, owner } = await setup();
    await closeToday(t);
    const first = await post(owner.agent, '/api/owner/chat/messages?kind=sales', { text: '想看看新款' });
    assert.equal(first.messages.length, 2);
    assert.equal(first.messages[1]?.sender, 'system');
    assert.match(first.messages[1]?.text ?? '', /非营业时间/);
    const second = await post(owner.agent, '/api/owner/chat/messages?kind=sales', { text: '在吗' });
    assert.equal(second.messages.length, 1, 'not again within the spell');
  });

  test('a photo is re-encoded (a JPEG without its GPS); what does not decode is a 400; the other side reads it', async () => {
    const { t, owner } = await setup();
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#aa3366' } })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' } })
      .png()
      .toBuffer();
    const sent = await post(owner.agent, '/api/owner/chat/messages?kind=service', {
      photo: `data:image/png;base64,${png.toString('base64')}`,
    });
    const id = sent.messages[0]?.id ?? '';
    assert.equal(sent.messages[0]?.hasPhoto, true);
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const served = await advisor.inject({ method: 'GET', url: `/api/chat/photos/${id}` });
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/jpeg');
    assert.equal((await sharp(served.rawPayload).metadata()).exif, undefined);
    const bad = await owner.agent.send('POST', '/api/owner/chat/messages?kind=service', {
      photo: 'data:image/png;base64,AAAA',
    });
    assert.equal(bad.statusCode, 400);
    const empty = await owner.agent.send('POST', '/api/owner/chat/messages?kind=service', { text: '   ' });
    assert.equal(empty.statusCode, 400);
    // Another owner of the tenant cannot read it.
    const stranger = await signInOwner(t.slug, '13900000302');
    assert.equal((await stranger.get(`/api/owner/chat/photos/${id}`)).statusCode, 404);
  });
});
