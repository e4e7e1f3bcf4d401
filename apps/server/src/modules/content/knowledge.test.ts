import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, ArticleHit } from '@m4s/contracts';
import { createTestTenant, signInOwner, signInStaff, type Agent } from '../../../test/harness.ts';
import { installKnowledgeFor } from './test-kit.ts';
import { shippedArticles } from './knowledge.shipped.ts';
import { buildIndex, search, words } from './search.ts';

const ask = async (owner: Agent, q: string) => {
  const res = await owner.get(`/api/owner/knowledge?q=${encodeURIComponent(q)}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ items: ArticleHit[] }>().items;
};
const keyOf = (title: string) => shippedArticles.find((a) => a.title === title)?.key;

describe('用车知识: shipped articles, search, editing', () => {
  test('Intl.Segmenter segments Chinese into words here (full ICU)', () => {
    assert.deepEqual(words('轮胎多久换一次？'), ['轮胎', '换', '一次']);
    assert.ok(words('发动机故障灯亮了').includes('故障'));
  });

  test('real owner questions find the right article first', async () => {
    const t = await createTestTenant(['group_admin']);
    assert.equal(await installKnowledgeFor(t.id), shippedArticles.length);
    assert.equal(await installKnowledgeFor(t.id), 0, 'installed once');
    assert.ok(shippedArticles.length >= 15);
    const owner = await signInOwner(t.slug, '13900000201');
    const cases: [string, string][] = [
      ['轮胎多久换一次', 'tyre-rotation'],
      ['新车磨合期要注意什么', 'run-in-new-car'],
      ['仪表盘亮红灯怎么办', 'warning-light-colours'],
      ['出险理赔要带什么资料', 'insurance-claim-documents'],
      ['撞车了怎么处理', 'accident-checklist'],
      ['冬天电瓶没电打不着火', 'battery-care'],
      ['首保什么时候做', 'first-service'],
      ['胎压多少合适', 'tyre-pressure'],
    ];
    for (const [question, key] of cases) {
      const hits = await ask(owner, question);
      assert.ok(hits.length > 0, question);
      assert.equal(
        keyOf(hits[0]?.title ?? ''),
        key,
        `${question} → ${hits.map((h) => `${h.title} ${h.score}`).join(' | ')}`,
      );
      assert.ok((hits[0]?.score ?? 0) > (hits[1]?.score ?? 0), `${question}: the first is ranked above the second`);
    }
    assert.deepEqual(await ask(owner, '的了吗'), [], 'stop words alone match nothing');
    const all = (await owner.get('/api/owner/knowledge?category=tyres')).json<{ items: ArticleHit[] }>().items;
    assert.deepEqual(
      all.map((h) => h.category).filter((c) => c !== 'tyres'),
      [],
    );
    assert.equal(all.length, 3);
  });

  test('the search is a pure function the assistant can call: ranked ids with scores', () => {
    const index = buildIndex(
      shippedArticles.map((a) => ({ id: a.key, title: a.title, keywords: a.keywords, body: a.body })),
    );
    const hits = search(index, '轮胎多久换一次', 3);
    assert.equal(hits[0]?.id, 'tyre-rotation');
    assert.equal(hits.length, 3);
    assert.ok(hits.every((h, i) => i === 0 || (hits[i - 1]?.score ?? 0) >= h.score));
  });

  test('staff edit, hide and add articles; the owner’s search follows at once', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    await installKnowledgeFor(t.id);
    const admin = await signInStaff(t.slug, 'group.admin');
    const owner = await signInOwner(t.slug, '13900000211');
    const list = (await admin.get('/api/content/articles')).json<{ items: Article[] }>().items;
    const rotation = list.find((a) => a.shippedKey === 'tyre-rotation');
    assert.ok(rotation);
    const edit = await admin.send('PUT', `/api/content/articles/${rotation.id}`, {
      kind: rotation.kind,
      category: rotation.category,
      title: '四轮定位与轮胎换位',
      body: rotation.body,
      keywords: rotation.keywords,
      published: false,
    });
    assert.equal(edit.statusCode, 200, edit.body);
    assert.ok(!(await ask(owner, '轮胎换位')).some((h) => h.id === rotation.id), 'an unpublished article is not found');
    assert.equal((await owner.get(`/api/owner/knowledge/${rotation.id}`)).statusCode, 404);
    const added = await admin.send('POST', '/api/content/articles', {
      kind: 'faq',
      category: 'maintenance',
      title: '雨刮片多久换？',
      body: '雨刮片一般每年更换一次，刮不干净或有异响时也应更换。',
      keywords: '雨刷 雨刮器',
    });
    assert.equal(added.statusCode, 201, added.body);
    const hits = await ask(owner, '雨刷多久换');
    assert.equal(hits[0]?.title, '雨刮片多久换？');
    const removed = await admin.send('DELETE', `/api/content/articles/${rotation.id}`);
    assert.equal(removed.statusCode, 200);
    assert.equal(await installKnowledgeFor(t.id), 0, 'a deleted shipped article is not installed again');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    assert.equal((await advisor.get('/api/content/articles')).statusCode, 403);
    const empty = await admin.send('POST', '/api/content/articles', {
      kind: 'faq',
      category: 'tyres',
      title: ' ',
      body: 'x',
    });
    assert.equal(empty.statusCode, 400);
  });
});
