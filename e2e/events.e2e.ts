// Events and clubs (issue 16, docs/events.md). Staff publish a 车友会 and invite the demo owner through the
// contact gate (the dry run's counts first); the owner opens the invitation in 消息中心, which leads to the
// event, signs up and gets a QR ticket; at the event the advisor's 活动签到 takes the code the owner's ticket
// encodes (read from the owner's page, typed in the staff page: this browser has no camera), the ticket is
// checked in once, and the owner's page shows it with the check-in points.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type APIRequestContext } from 'playwright-core';
import type { EventSummary, InviteResult, OwnerLoyalty } from '@m4s/contracts';
import { startHarness, type Harness, type Page } from './harness.ts';
import { staffApi, type Api } from './staff-api.ts';

const ownerPhone = '13800000001';
const title = '车友会·冬季夜跑与安全检测';

let h: Harness;
let owner: Page;
let advisor: Page;
let staff: APIRequestContext;
let admin: Api;
let eventId = '';
let code = '';

before(async () => {
  h = await startHarness();
  owner = await h.newPage({ mobile: true });
  advisor = await h.newPage({ mobile: true, isolated: true });
  staff = await request.newContext({ baseURL: h.baseUrl });
  admin = await staffApi(staff, 'admin');
});

after(async () => {
  await staff?.dispose();
  await h?.close();
});

const ownerApi = async <T>(url: string): Promise<T> => {
  const res = await owner.request.get(`${h.baseUrl}${url}`);
  assert.ok(res.ok(), `GET ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
};

// One test walks the whole path of the Done-when line: the invitation → the sign-up and its QR ticket → the
// check-in at 活动签到 (once) → the owner's page and points, the event's KPIs.
void test('an owner signs up for an event from an invitation and is checked in by QR', async () => {
  // The event runs from now for three hours: sign-up is open until it starts (a minute from now is too soon
  // for the owner's steps, so the deadline is the start and the start is an hour away).
  const now = Date.now();
  const event = await admin.send<EventSummary>('POST', '/events', {
    title,
    kind: 'club',
    description: '绕湖夜跑5公里，结束后免费车辆安全检测。',
    storeId: null,
    startsAt: new Date(now + 60 * 60_000).toISOString(),
    endsAt: new Date(now + 4 * 60 * 60_000).toISOString(),
    signupDeadline: new Date(now + 60 * 60_000).toISOString(),
    place: '一号店展厅',
    capacity: 20,
    costFen: 50_000,
  });
  eventId = event.id;
  await admin.send('POST', `/events/${eventId}/publish`);
  const found = await admin.get<{ items: { id: string }[] }>(`/customers?q=${ownerPhone}`);
  const customerId = found.items[0]?.id ?? '';
  assert.ok(customerId, 'the demo owner’s customer');
  const dry = await admin.send<InviteResult>('POST', `/events/${eventId}/invitations`, {
    customerIds: [customerId],
    dryRun: true,
  });
  assert.equal(dry.reached, 1, `the demo owner is reachable: ${JSON.stringify(dry)}`);
  const sent = await admin.send<InviteResult>('POST', `/events/${eventId}/invitations`, { customerIds: [customerId] });
  assert.deepEqual(sent, { ...dry, dryRun: false });

  await h.signInOwner(owner, ownerPhone);
  // The invitation goes out from the send job a moment later: the inbox is read again until it is there.
  const deadline = Date.now() + 30_000;
  const invitation = owner.getByTestId('inbox-item').filter({ hasText: `活动邀请：${title}` });
  for (;;) {
    await owner.goto(`${h.baseUrl}/o/demo/messages`);
    await owner.getByTestId('page-inbox').waitFor();
    if ((await invitation.count()) > 0 || Date.now() > deadline) break;
    await owner.waitForTimeout(1000);
  }
  await h.shot(owner, 'events-01-owner-invitation');
  await invitation.first().click();
  await owner.waitForURL(new RegExp(`/o/demo/events/${eventId}$`));
  await owner.getByTestId('page-event').waitFor();
  await h.shot(owner, 'events-02-owner-event');
  await owner.getByTestId('event-signup').click();
  const ticket = owner.getByTestId('event-ticket');
  await ticket.waitFor();
  // The QR encodes M4S-EVT:<code>; the page shows the same code under it.
  code = (await ticket.getAttribute('data-code')) ?? '';
  assert.match(code, /^[A-Z0-9]{10}$/);
  assert.ok(((await owner.getByTestId('event-ticket-code').textContent()) ?? '').includes(code));
  const qr = owner.getByTestId('event-qr');
  await qr.waitFor();
  assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/png;base64,/, 'the QR is drawn');
  await h.shot(owner, 'events-03-owner-ticket');
  // 我的 › 活动 lists it as signed up.
  await owner.goto(`${h.baseUrl}/o/demo/me`);
  await owner.getByTestId('me-events').click();
  await owner.getByTestId('event-item').filter({ hasText: title }).getByText('已报名').waitFor();

  // The advisor checks the ticket in at 活动签到, once; the owner earns the check-in points.
  const before = (await ownerApi<OwnerLoyalty>('/api/owner/loyalty')).member?.balance ?? 0;
  await advisor.goto(`${h.baseUrl}/advisor/`);
  await advisor.getByTestId('login').fill('advisor');
  await advisor.getByTestId('password').fill('m4s-demo');
  await advisor.getByTestId('sign-in').click();
  await advisor.waitForURL(/\/advisor\/?$/);
  await advisor.getByTestId('open-check-in').click();
  await advisor.getByTestId('page-check-in').waitFor();
  await advisor.getByTestId('check-in-events').getByText(title).click();
  // Headless Chromium has no BarcodeDetector: the page says so and takes the code typed or pasted.
  await advisor.getByTestId('check-in-camera-note').waitFor();
  await advisor.getByTestId('check-in-code').locator('input').fill(`M4S-EVT:${code}`);
  await advisor.getByTestId('check-in-submit').click();
  await advisor.getByTestId('check-in-done').getByText('获得 100 积分').waitFor();
  await advisor.getByTestId('check-in-progress').getByText('已签到 1 / 1').waitFor();
  await h.shot(advisor, 'events-04-advisor-checked-in');
  // The same ticket again: refused with the reason.
  await advisor.getByTestId('check-in-code').locator('input').fill(code);
  await advisor.getByTestId('check-in-submit').click();
  await advisor.getByText('这张门票已签到过').waitFor();

  await owner.goto(`${h.baseUrl}/o/demo/events/${eventId}`);
  await owner.getByTestId('event-checked-in').waitFor();
  await h.shot(owner, 'events-05-owner-checked-in');
  const after = (await ownerApi<OwnerLoyalty>('/api/owner/loyalty')).member?.balance ?? 0;
  assert.equal(after - before, 100);
  const detail = await admin.get<{ kpis: { invited: number; attended: number; successRate: number } }>(
    `/events/${eventId}`,
  );
  assert.deepEqual(
    { invited: detail.kpis.invited, attended: detail.kpis.attended, successRate: detail.kpis.successRate },
    { invited: 1, attended: 1, successRate: 100 },
  );
});
