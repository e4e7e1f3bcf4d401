import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { FeedPage, FeedPost, Post } from '@m4s/contracts';
import { createTestTenant, signInOwner, signInStaff, testApp, testClock, type Agent } from '../../../test/harness.ts';
import { ownerWith } from './test-kit.ts';

const hour = 3_600_000;
const iso = (ms: number) => new Date(testClock.now().getTime() + ms).toISOString();
const create = async (agent: Agent, body: object) => {
  const res = await agent.send('POST', '/api/content/posts', { kind: 'news', body: '正文', ...body });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<Post>();
};
const feedTitles = async (owner: Agent) => {
  const res = await owner.get('/api/owner/feed?limit=50');
  assert.equal(res.statusCode, 200, res.body);
  return res
    .json<FeedPage>()
    .items.map((i) => i.title)
    .sort();
};

describe('the feed: targeting, schedule, reads and likes', () => {
  test('a post reaches only the owners its store, tier and segment targets name', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    await ownerWith(t, { phone: '13900000101', vin: 'LFV2A21K8J3000101', storeId: t.storeId, tier: 'gold', rfm: 'A' });
    await ownerWith(t, {
      phone: '13900000102',
      vin: 'LFV2A21K8J3000102',
      storeId: t.otherStoreId,
      tier: null,
      rfm: 'D',
    });
    const gold = await signInOwner(t.slug, '13900000101');
    const plain = await signInOwner(t.slug, '13900000102');
    const carless = await signInOwner(t.slug, '13900000103');
    const live = { publishAt: iso(-hour) };
    await create(admin, { title: '全体', ...live });
    await create(admin, { title: '金卡专享', targets: { tiers: ['gold'] }, ...live });
    await create(admin, { title: '二号店', targets: { storeIds: [t.otherStoreId] }, ...live });
    await create(admin, { title: 'A类客户', targets: { segments: ['rfm:A'] }, ...live });
    await create(admin, { title: '金卡且二号店', targets: { tiers: ['gold'], storeIds: [t.otherStoreId] }, ...live });
    await create(admin, { title: '草稿' });
    assert.deepEqual(await feedTitles(gold), ['A类客户', '全体', '金卡专享'].sort());
    assert.deepEqual(await feedTitles(plain), ['二号店', '全体'].sort());
    assert.deepEqual(await feedTitles(carless), ['全体'], 'an owner with no car sees what targets everyone');
  });

  test('scheduled posts appear at their time and leave at their expiry; withdrawn ones at once', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const owner = await signInOwner(t.slug, '13900000111');
    const later = await create(admin, { title: '明天发布', publishAt: iso(24 * hour), expiresAt: iso(48 * hour) });
    assert.equal(later.status, 'scheduled');
    const now = await create(admin, { title: '现在', publishAt: iso(-hour) });
    assert.deepEqual(await feedTitles(owner), ['现在']);
    const hidden = await owner.get(`/api/owner/feed/${later.id}`);
    assert.equal(hidden.statusCode, 404, 'a scheduled post cannot be opened early');
    testClock.advance(25 * hour);
    assert.deepEqual(await feedTitles(owner), ['明天发布', '现在'].sort());
    testClock.advance(24 * hour);
    assert.deepEqual(await feedTitles(owner), ['现在']);
    const fresh = await signInStaff(t.slug, 'group.admin');
    const list = (await fresh.get('/api/content/posts')).json<{ items: Post[] }>().items;
    assert.equal(list.find((p) => p.id === later.id)?.status, 'expired');
    const withdrawn = await fresh.send('POST', `/api/content/posts/${now.id}/withdraw`);
    assert.equal(withdrawn.json<Post>().status, 'withdrawn');
    assert.deepEqual(await feedTitles(owner), []);
  });

  test('bad schedules and another store’s targets are refused with a message', async () => {
    const t = await createTestTenant(['group_admin', 'store_manager']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const bad = await admin.send('POST', '/api/content/posts', {
      kind: 'offer',
      title: '倒序',
      body: '正文',
      publishAt: iso(hour),
      expiresAt: iso(-hour),
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /下线时间须晚于发布时间/);
    const manager = await signInStaff(t.slug, 'store.manager');
    const other = await manager.send('POST', '/api/content/posts', {
      kind: 'event',
      title: '越店',
      body: '正文',
      targets: { storeIds: [t.otherStoreId] },
    });
    assert.equal(other.statusCode, 400, other.body);
    assert.match(other.body, /门店员工只能面向本门店发布/);
    const own = await create(manager, { title: '本店活动' });
    assert.equal(own.storeId, t.storeId);
    assert.deepEqual(own.targets.storeIds, [t.storeId], "a store's post goes to its own customers");
    const adminPost = await create(admin, { title: '集团' });
    assert.equal((await manager.get(`/api/content/posts/${adminPost.id}/cover`)).statusCode, 404);
  });

  test('reads count owners once; a like is one per owner and setting it twice changes nothing', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const post = await create(admin, { title: '点赞', publishAt: iso(-hour) });
    const a = await signInOwner(t.slug, '13900000121');
    const b = await signInOwner(t.slug, '13900000122');
    for (const owner of [a, a, b]) assert.equal((await owner.get(`/api/owner/feed/${post.id}`)).statusCode, 200);
    const like = (owner: Agent, liked: boolean) => owner.send('PUT', `/api/owner/feed/${post.id}/like`, { liked });
    assert.deepEqual((await like(a, true)).json(), { liked: true, likes: 1 });
    assert.deepEqual((await like(a, true)).json(), { liked: true, likes: 1 }, 'a retried like is not a second like');
    assert.deepEqual((await like(b, true)).json(), { liked: true, likes: 2 });
    assert.deepEqual((await like(a, false)).json(), { liked: false, likes: 1 });
    assert.deepEqual((await like(a, false)).json(), { liked: false, likes: 1 });
    const seen = (await b.get(`/api/owner/feed/${post.id}`)).json<FeedPost>();
    assert.equal(seen.reads, 2);
    assert.equal(seen.liked, true);
    assert.equal(seen.body, '正文');
    const page = (await a.get('/api/owner/feed')).json<FeedPage>();
    assert.equal(page.items[0]?.liked, false);
  });

  test('the feed pages by its cursor, newest first', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    for (let i = 1; i <= 5; i++) await create(admin, { title: `第${i}条`, publishAt: iso(-i * hour) });
    const owner = await signInOwner(t.slug, '13900000131');
    const first = (await owner.get('/api/owner/feed?limit=2')).json<FeedPage>();
    assert.deepEqual(
      first.items.map((i) => i.title),
      ['第1条', '第2条'],
    );
    assert.ok(first.next);
    const second = (
      await owner.get(`/api/owner/feed?limit=2&cursor=${encodeURIComponent(first.next)}`)
    ).json<FeedPage>();
    assert.deepEqual(
      second.items.map((i) => i.title),
      ['第3条', '第4条'],
    );
    const bad = await owner.get('/api/owner/feed?cursor=nonsense');
    assert.equal(bad.statusCode, 400);
  });

  test('a cover is re-encoded by sharp: resized, a JPEG, its EXIF (GPS) gone', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const post = await create(admin, { title: '封面', publishAt: iso(-hour) });
    const photo = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#3366aa' } })
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' } })
      .png()
      .toBuffer();
    assert.ok((await sharp(photo).metadata()).exif, 'the upload carries EXIF');
    const put = await admin.send('PUT', `/api/content/posts/${post.id}/cover`, {
      dataUrl: `data:image/png;base64,${photo.toString('base64')}`,
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json<Post>().hasCover, true);
    const owner = await signInOwner(t.slug, '13900000141');
    const served = await owner.get(`/api/owner/feed/${post.id}/cover`);
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/jpeg');
    assert.equal(served.headers['x-content-type-options'], 'nosniff');
    const meta = await sharp(served.rawPayload).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.width, 1280);
    assert.equal(meta.exif, undefined, 'no EXIF, so no GPS position');
    const junk = await admin.send('PUT', `/api/content/posts/${post.id}/cover`, {
      dataUrl: 'data:image/png;base64,AAAA',
    });
    assert.equal(junk.statusCode, 400, junk.body);
  });

  test('a push goes through the contact gate as marketing, once; an opted-out owner is held back', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const yes = await ownerWith(t, {
      phone: '13900000151',
      vin: 'LFV2A21K8J3000151',
      storeId: t.storeId,
      tier: 'gold',
      rfm: null,
    });
    const no = await ownerWith(t, {
      phone: '13900000152',
      vin: 'LFV2A21K8J3000152',
      storeId: t.storeId,
      tier: 'gold',
      rfm: null,
    });
    await ownerWith(t, {
      phone: '13900000153',
      vin: 'LFV2A21K8J3000153',
      storeId: t.storeId,
      tier: 'silver',
      rfm: null,
    });
    const { db } = await testApp();
    await db.owner.executeSql('UPDATE customers SET marketing_opt_out = true WHERE tenant_id = $1 AND id = $2', [
      t.id,
      no.customerId,
    ]);
    const draft = await create(admin, { title: '金卡推送', targets: { tiers: ['gold'] } });
    const early = await admin.send('POST', `/api/content/posts/${draft.id}/push`);
    assert.equal(early.statusCode, 400, 'a draft is not pushed');
    const post = await create(admin, {
      title: '金卡推送',
      summary: '金卡会员专享',
      targets: { tiers: ['gold'] },
      publishAt: iso(-hour),
    });
    const res = await admin.send('POST', `/api/content/posts/${post.id}/push`);
    assert.equal(res.statusCode, 200, res.body);
    const result = res.json<{ targeted: number; sent: number }>();
    assert.equal(result.targeted, 2, 'the gold members who hold the app');
    const touches = await db.owner.executeSql(
      `SELECT customer_id, kind, topic, decision, reason FROM touches WHERE tenant_id = $1 AND source = 'feed' ORDER BY customer_id`,
      [t.id],
    );
    assert.equal(touches.rows.length, 2);
    for (const row of touches.rows) assert.deepEqual([row.kind, row.topic], ['marketing', 'offers']);
    const decisionOf = (id: string) => touches.rows.find((r) => r.customer_id === id);
    assert.equal(decisionOf(yes.customerId)?.decision, 'sent');
    assert.deepEqual(
      [decisionOf(no.customerId)?.decision, decisionOf(no.customerId)?.reason],
      ['suppressed', 'marketing_opt_out'],
    );
    assert.equal(result.sent, 1);
    const again = await admin.send('POST', `/api/content/posts/${post.id}/push`);
    assert.equal(again.statusCode, 400, 'pushed once');
  });
});
