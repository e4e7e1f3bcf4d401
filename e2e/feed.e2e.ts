// 轮生活 (issue 17, docs/feed.md): the admin writes a post in 内容管理 for 金卡 members and publishes it; the demo's
// 金卡 owner (13800000004) sees it in the feed, opens and likes it; the silver demo owner (13800000001) does not
// see it, nor can open it by its address. A payload in a post shows as text (xss.e2e.ts covers every field).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FeedPage } from '@m4s/contracts';
import { startHarness, type Harness, type Page } from './harness.ts';

const goldPhone = '13800000004';
const silverPhone = '13800000001';
const title = '金卡专享：免费四轮定位 <b>限时</b>';

let h: Harness;
let admin: Page;
let gold: Page;
let silver: Page;

before(async () => {
  h = await startHarness();
  admin = await h.newPage();
  gold = await h.newPage({ mobile: true });
  silver = await h.newPage({ mobile: true, isolated: true });
});

after(async () => {
  await h?.close();
});

void test('the admin publishes a post for 金卡 members in 内容管理', async () => {
  await admin.goto(`${h.baseUrl}/admin/`);
  await admin.getByTestId('login').fill('admin');
  await admin.getByTestId('password').fill('m4s-demo');
  await admin.getByTestId('sign-in').click();
  await admin.getByText('内容管理').first().waitFor();
  await admin.goto(`${h.baseUrl}/admin/content`);
  await admin.getByTestId('post-new').click();
  await admin.getByTestId('post-title').fill(title);
  await admin.getByTestId('post-summary').fill('本月到店即可预约');
  await admin.getByTestId('post-body').fill('金卡会员本月可享一次免费四轮定位。\n请在车业务中预约。');
  // The tiers select takes the programme's tiers; 金卡 is chosen by its name.
  await admin.getByTestId('post-tiers').click();
  await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '金卡' }).first().click();
  await admin.keyboard.press('Escape');
  // Published a minute ago, typed as the picker shows it (Asia/Shanghai), and confirmed with Enter.
  const minuteAgo = new Date(Date.now() - 60_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const publishAt = admin
    .locator('input[data-testid="post-publish-at"], [data-testid="post-publish-at"] input')
    .first();
  await publishAt.click();
  await publishAt.fill(minuteAgo);
  await publishAt.press('Enter');
  await admin.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
  await h.shot(admin, 'feed-01-admin-post-form');
  await admin.getByTestId('post-save').click();
  const row = admin.getByTestId('posts-table').locator('tr', { hasText: '金卡专享：免费四轮定位' });
  await row.waitFor();
  assert.match((await row.getByTestId('post-status').textContent()) ?? '', /展示中/);
  await h.shot(admin, 'feed-02-admin-post-live');
});

void test('the 金卡 owner sees it in 轮生活, opens and likes it; its title shows as text', async () => {
  await h.signInOwner(gold, goldPhone);
  const item = gold.getByTestId('feed-item').filter({ hasText: '金卡专享：免费四轮定位' });
  await item.waitFor();
  assert.equal(await gold.locator('.feed-list b').count(), 0, 'the markup in the title is text, not an element');
  await h.shot(gold, 'feed-03-gold-owner-feed');
  await item.click();
  assert.equal(await gold.getByTestId('post-title').textContent(), title);
  await gold.getByTestId('post-like').click();
  await gold.locator('[data-testid="post-like"][aria-pressed="true"]').waitFor();
  assert.equal(await gold.getByTestId('post-likes').textContent(), '1');
  await h.shot(gold, 'feed-04-gold-owner-post-liked');
});

void test('the silver owner does not see it, and cannot open it by its address', async () => {
  await h.signInOwner(silver, silverPhone);
  await silver.getByTestId('feed-item').first().waitFor();
  const titles = await silver.getByTestId('feed-title').allTextContents();
  assert.ok(titles.length > 0, 'the silver owner has a feed');
  assert.ok(!titles.some((t) => t.includes('金卡专享')), `not targeted at silver: ${titles.join(' | ')}`);
  const goldFeed = (await (await gold.request.get(`${h.baseUrl}/api/owner/feed?limit=50`)).json()) as FeedPage;
  const id = goldFeed.items.find((i) => i.title === title)?.id ?? '';
  assert.ok(id);
  await silver.goto(`${h.baseUrl}/o/demo/life/posts/${id}`);
  await silver.getByTestId('post-gone').waitFor();
  await h.shot(silver, 'feed-05-silver-owner-no-access');
});
