// The visit flow without its traps (issue 11 point 7), on two phones. The demo owner's car is in the bay
// with two estimate lines waiting: the booking form says so before anything is filled in; the advisor keeps
// the visit page open while the owner approves, declines and then changes a decision in the app, and sees
// each decision arrive without reloading (the store's live stream, not polling). The car is then handed
// back, and the owner moves tomorrow's booking to another time: the new booking says 已改约 with the new
// time, the old one 已改约 with the new time and a link to it, and the message centre says 预约已改约.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type APIRequestContext } from 'playwright-core';
import type { Availability, Booking, OwnerVisitSummary } from '@m4s/contracts';
import { startHarness, type Harness, type Page } from './harness.ts';
import { staffApi, type Api } from './staff-api.ts';

const ownerPhone = '13800000001';
const zone = 'Asia/Shanghai';
/** Well under the 15 s the advisor's pages used to poll at: a decision must arrive by the live stream. */
const live = { timeout: 8_000 };

let h: Harness;
let owner: Page;
let advisor: Page;
let staff: APIRequestContext;
let admin: Api;
let visitId = '';

const clock = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(iso),
  );
const dayIn = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: zone }).format(new Date(ms));

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

const ownerGet = async <T>(url: string): Promise<T> =>
  (await (await owner.request.get(`${h.baseUrl}${url}`)).json()) as T;

/** Full-page shots from the top: a sticky bar would otherwise sit across the middle. */
const snap = async (page: Page, name: string) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await h.shot(page, name);
};

void test('the car is in the workshop: the booking form says so, with a link, before anything is filled in', async () => {
  await h.signInOwner(owner, ownerPhone);
  const visits = await ownerGet<{ items: OwnerVisitSummary[] }>('/api/owner/visits');
  visitId = visits.items.find((v) => v.status !== 'delivered')?.id ?? '';
  assert.ok(visitId, 'the demo owner’s car is in the bay');

  await owner.goto(`${h.baseUrl}/o/demo/book`);
  const notice = owner.getByTestId('clash-visit');
  await notice.getByText(/正在.+维修中/).waitFor();
  await snap(owner, 'visitflow-01-owner-car-in-workshop');
  await notice.getByTestId('clash-visit-link').click();
  await owner.getByTestId('page-visit').waitFor();
  assert.equal(new URL(owner.url()).pathname, `/o/demo/visits/${visitId}`);
});

void test('the advisor’s visit page shows the owner’s decisions as they are made, without reloading', async () => {
  await advisor.goto(`${h.baseUrl}/advisor/`);
  await advisor.getByTestId('login').fill('advisor');
  await advisor.getByTestId('password').fill('m4s-demo');
  await advisor.getByTestId('sign-in').click();
  await advisor.waitForURL(/\/advisor\/?$/);
  await advisor.goto(`${h.baseUrl}/advisor/visits/${visitId}`);
  await advisor.locator('[data-testid="visit-page"][data-live="open"]').waitFor();
  await advisor.locator('[data-testid="estimate-line-2"][data-status="proposed"]').waitFor();
  await advisor.locator('[data-testid="estimate-line-3"][data-status="proposed"]').waitFor();
  const reloads: string[] = [];
  advisor.on('framenavigated', (frame) => {
    if (frame === advisor.mainFrame()) reloads.push(frame.url());
  });

  // The owner (already on the visit page) approves the tyre in the app: the advisor sees it at once.
  await owner.getByTestId('estimate-line-2-approve').click();
  await owner.locator('[data-testid="estimate-line-2"][data-status="approved"]').waitFor();
  await advisor.locator('[data-testid="estimate-line-2"][data-status="approved"]').waitFor(live);

  await owner.getByTestId('estimate-line-3-decline').click();
  await owner.locator('[data-testid="estimate-line-3"][data-status="declined"]').waitFor();
  await advisor.locator('[data-testid="estimate-line-3"][data-status="declined"]').waitFor(live);
  await snap(advisor, 'visitflow-02-advisor-sees-decisions');

  // A decision made by mistake is changed, after a confirmation, while work on it has not started.
  await owner.getByTestId('estimate-line-3-change').click();
  const dialog = owner.locator('.adm-dialog');
  await dialog.getByText('四轮定位').waitFor();
  await owner.waitForTimeout(300); // the dialog's fade-in
  await h.shot(owner, 'visitflow-03-owner-change-confirm');
  await dialog.getByRole('button', { name: '确定更改' }).click();
  await owner.locator('[data-testid="estimate-line-3"][data-status="approved"]').waitFor();
  await advisor.locator('[data-testid="estimate-line-3"][data-status="approved"]').waitFor(live);
  await snap(advisor, 'visitflow-04-advisor-sees-change');
  assert.deepEqual(reloads, [], 'the advisor’s page was never reloaded');

  // The tyre was approved while the car was in the bay: work on it starts once the workshop moves on.
  await admin.send('POST', `/visits/${visitId}/status`, { status: 'quality_check', note: null });
  await advisor.locator('[data-testid="visit-page"][data-status="quality_check"]').waitFor(live);
  await owner.reload();
  await owner.locator('[data-testid="estimate-line-2"][data-status="approved"]').waitFor();
  assert.equal(await owner.getByTestId('estimate-line-2-change').count(), 0);
});

void test('the owner moves tomorrow’s booking and sees 已改约 with the new time, on both bookings', async () => {
  // The car is handed back first: a car in the workshop is not booked (nor moved) by its owner.
  type Visit = { status: string; totals: { approvedFen: number } };
  const ready = await admin.send<Visit>('POST', `/visits/${visitId}/status`, { status: 'ready', note: null });
  await admin.send('POST', `/visits/${visitId}/deliver`, {
    payment: { method: 'cash', amountFen: ready.totals.approvedFen },
  });

  const mine = await ownerGet<{ items: Booking[] }>('/api/owner/bookings');
  const old = mine.items.find((b) => b.status === 'booked' && b.changeable);
  assert.ok(old, JSON.stringify(mine.items.map((b) => [b.status, b.startsAt])));
  const day = dayIn(Date.parse(old.startsAt));
  const free = await ownerGet<Availability>(
    `/api/owner/stores/${old.store.id}/availability?from=${day}&days=1&serviceTypeId=${old.serviceType.id}`,
  );
  const target = free.days[0]?.slots.find(
    (s) => s.free > 0 && s.advisorFree && s.startsAt !== old.startsAt && Date.parse(s.startsAt) > Date.now(),
  );
  assert.ok(target, `a free slot on ${day}`);
  const time = clock(target.startsAt);

  await owner.goto(`${h.baseUrl}/o/demo/bookings/${old.id}`);
  await owner.getByTestId('booking-reschedule').click();
  await owner.getByTestId('page-reschedule').waitFor();
  await owner.getByTestId(`date-${day}`).click();
  await owner.getByTestId(`slot-${time}`).click();
  await owner.getByTestId('reschedule-submit').click();

  // The new booking: 已改约, the new time, and when the reminder comes.
  const banner = owner.getByTestId('booking-success');
  await banner.getByText('已改约').waitFor();
  await banner
    .getByTestId('booking-rescheduled-to')
    .getByText(new RegExp(`${day}.*${time}`))
    .waitFor();
  await banner
    .getByTestId('booking-reminder')
    .getByText(/短信提醒/)
    .waitFor();
  const newId = new URL(owner.url()).pathname.split('/').pop() ?? '';
  assert.notEqual(newId, old.id);
  await owner.locator('.adm-toast-mask').waitFor({ state: 'detached', timeout: 10_000 });
  await snap(owner, 'visitflow-05-owner-rescheduled');

  // The old booking: 已改约 (not 预约已取消), the new time, and a link to the new booking.
  await owner.goto(`${h.baseUrl}/o/demo/bookings/${old.id}`);
  const moved = owner.getByTestId('booking-banner');
  await moved.getByText('已改约').waitFor();
  await moved
    .getByTestId('booking-rescheduled-to')
    .getByText(new RegExp(`${day}.*${time}`))
    .waitFor();
  assert.equal(await owner.getByTestId('booking-status').textContent(), '已改约');
  assert.equal(await moved.getByText('预约已取消').count(), 0);
  await snap(owner, 'visitflow-06-owner-old-booking');
  await moved.getByTestId('booking-rescheduled-link').click();
  await owner.waitForURL(new RegExp(`/o/demo/bookings/${newId}$`));
  await owner
    .getByTestId('booking-time')
    .getByText(new RegExp(`${day}.*${time}`))
    .waitFor();

  // 消息中心: 预约已改约, linking to the new booking.
  const inbox = await ownerGet<{ items: { title: string; body: string; link: string | null }[] }>('/api/owner/inbox');
  const message = inbox.items.find((m) => m.title === '预约已改约');
  assert.ok(message, JSON.stringify(inbox.items.map((m) => m.title)));
  assert.equal(message.link, `/bookings/${newId}`);
  assert.match(message.body, new RegExp(`已改约至.*${time}`));
});
