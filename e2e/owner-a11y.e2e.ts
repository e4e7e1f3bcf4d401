// The owner app's accessibility (issue 17 point 7): axe-core's WCAG 2.1 A/AA rules pass on every owner screen —
// sign-in, the four tabs, the car, its history and the add form, booking, the bookings, the visit, the
// message centre, contact preferences, membership, 用车知识 with an article, a feed post, 咨询 (the advisors'
// list, the assistant and an advisor's conversation), every 车业务 service form the demo store offers and a
// request's page, 反馈投诉, the events and 推荐有礼 — on a phone. The demo's open chats are checked on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  ArticleHit,
  ChatThread,
  FeedPage,
  OwnerChats,
  OwnerServiceRequest,
  OwnerServices,
  OwnerGarage,
  OwnerMe,
} from '@m4s/contracts';
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

  // 咨询: the demo starts with open chats (the service advisor answered this owner; docs/chat.md).
  const chats = await ownerGet<OwnerChats>('/api/owner/chat');
  assert.ok(chats.canChat, 'the demo owner can chat');
  const thread = await ownerGet<ChatThread>('/api/owner/chat/thread?kind=service');
  assert.ok(thread.messages.length > 0, 'the demo has an open conversation with the service advisor');
  screens.push(['/chat', 'chat-list'], ['/chat/assistant', 'chat-input'], ['/chat/service', 'chat-msg']);

  // 车业务: every service form the demo store offers (booking opens its own flow, checked above), and a request.
  const services = await ownerGet<OwnerServices>('/api/owner/services');
  const forms = services.items.filter((i) => !i.opens);
  assert.ok(forms.length >= 10, `the demo offers the services: ${forms.map((f) => f.id).join(', ')}`);
  for (const f of forms) screens.push([`/services/${f.id}`, `page-service-${f.id}`]);
  const wash = await owner.request.post(`${h.baseUrl}/api/owner/service-requests`, {
    headers: { 'x-csrf-token': (await ownerGet<OwnerMe>('/api/auth/owner/me')).csrfToken },
    data: { serviceId: 'car_wash', storeId: services.stores[0]?.id, answers: { kind: 'wash', date: '2027-03-01' } },
  });
  assert.equal(wash.status(), 201, await wash.text());
  const request = (await wash.json()) as OwnerServiceRequest;
  screens.push([`/services/requests/${request.id}`, 'page-service-request']);

  screens.push(['/feedback', 'page-feedback'], ['/feedback/new', 'page-feedback-new']);
  screens.push(['/events', 'page-events'], ['/me/referrals', 'page-referrals']);
  for (const [path, ready] of screens) problems.push(...(await check(path, ready)));
  assert.deepEqual(problems, [], `accessibility violations:\n${problems.join('\n')}`);
});
