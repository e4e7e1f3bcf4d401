// The owner app's accessibility (issue 17 point 7): axe-core's WCAG 2.1 A/AA rules pass on every owner screen —
// sign-in, the four tabs, the car, its history and the add form, booking, the bookings, the visit, the
// message centre, contact preferences, membership, 用车知识 with an article, and a feed post — on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleHit, FeedPage, OwnerGarage } from '@m4s/contracts';
import { axeViolations } from './axe.ts';
import { startHarness, type Harness, type Page } from './harness.ts';

const ownerPhone = '13800000001';

let h: Harness;
let owner: Page;

before(async () => {
  h = await startHarness();
  owner = await h.newPage({ mobile: true });
});

after(async () => {
  await h?.close();
});

const ownerGet = async <T>(url: string): Promise<T> => {
  const res = await owner.request.get(`${h.baseUrl}${url}`);
  assert.ok(res.ok(), `GET ${url}: ${res.status()}`);
  return (await res.json()) as T;
};

/** Opens the screen, waits for its content, and runs the check; returns the violations, screen by screen. */
const check = async (path: string, ready: string) => {
  await owner.goto(`${h.baseUrl}/o/demo${path}`);
  await owner.getByTestId(ready).first().waitFor();
  await owner.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  const found = await axeViolations(owner);
  if (found.length > 0) await h.shot(owner, `a11y-${path.replace(/[^a-z0-9]+/gi, '-')}`);
  return found.map((v) => `${path}: ${v}`);
};

void test('every owner screen passes the accessibility check', async () => {
  await owner.goto(`${h.baseUrl}/o/demo/`);
  await owner.getByTestId('phone').waitFor();
  const problems = (await axeViolations(owner)).map((v) => `sign-in: ${v}`);
  await h.signInOwner(owner, ownerPhone);

  const garage = await ownerGet<OwnerGarage>('/api/owner/vehicles');
  const vehicleId = garage.vehicles[0]?.vehicleId ?? '';
  const visits = await ownerGet<{ items: { id: string }[] }>('/api/owner/visits');
  const bookings = await ownerGet<{ items: { id: string }[] }>('/api/owner/bookings');
  const feed = await ownerGet<FeedPage>('/api/owner/feed');
  const articles = await ownerGet<{ items: ArticleHit[] }>('/api/owner/knowledge');
  assert.ok(
    vehicleId && visits.items[0] && feed.items[0] && articles.items[0],
    'the demo owner has a car, a visit, posts',
  );

  const screens: [string, string][] = [
    ['/life', 'feed-item'],
    ['/services', 'page-services'],
    ['/records', 'page-records'],
    [`/records/${vehicleId}`, 'page-history'],
    ['/records/add', 'page-add-car'],
    ['/me', 'me-phone'],
    ['/book', 'page-book'],
    ['/bookings', 'page-bookings'],
    [`/visits/${visits.items[0]?.id ?? ''}`, 'page-visit'],
    ['/messages', 'page-inbox'],
    ['/me/contact', 'page-contact'],
    ['/me/loyalty', 'page-loyalty'],
    ['/knowledge', 'kb-item'],
    [`/knowledge/${articles.items[0]?.id ?? ''}`, 'article-title'],
    [`/life/posts/${feed.items[0]?.id ?? ''}`, 'post-title'],
  ];
  if (bookings.items[0]) screens.push([`/bookings/${bookings.items[0].id}`, 'page-booking']);
  for (const [path, ready] of screens) problems.push(...(await check(path, ready)));
  assert.deepEqual(problems, [], `accessibility violations:\n${problems.join('\n')}`);
});
