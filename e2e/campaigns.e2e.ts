// Campaigns (issue 16, docs/campaigns.md). In the admin console's 营销活动 the group admin builds a campaign to
// the demo owner's RFM class with a coupon, by the owner app: the live preview counts who is reached and held
// back (and why); the send reaches exactly those. The demo owner, whose car is handed back first, books in
// the owner app with the coupon, and the campaign's results page attributes the booking to it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type APIRequestContext } from 'playwright-core';
import type { Availability, OwnerLoyalty, OwnerVisitSummary } from '@m4s/contracts';
import { chooseOption, startHarness, type Harness, type Page } from './harness.ts';
import { staffApi, type Api } from './staff-api.ts';

const ownerPhone = '13800000001';
const storeName = '上海浦东4S店';
const serviceName = '常规保养';
const couponName = '活动专享：保养立减80元';
const zone = 'Asia/Shanghai';
const dayIn = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: zone }).format(new Date(ms));
const clock = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(iso),
  );

let h: Harness;
let page: Page;
let owner: Page;
let staff: APIRequestContext;
let admin: Api;
let campaignId = '';
const shown = { audience: 0, reached: 0, held: 0 };

before(async () => {
  h = await startHarness();
  page = await h.newPage();
  owner = await h.newPage({ mobile: true, isolated: true });
  staff = await request.newContext({ baseURL: h.baseUrl });
  admin = await staffApi(staff, 'admin');
});

after(async () => {
  await staff?.dispose();
  await h?.close();
});

/**
 * Picks an option of a select by typing it (a long list renders only what is in view) and clicking it; a
 * multiple select keeps its popup open, so it is closed; then the field shows the choice.
 */
const pick = async (testId: string, option: string) => {
  const field = page.getByTestId(testId);
  await field.click();
  await page.keyboard.type(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  await page.keyboard.press('Escape');
  await field.getByText(option).waitFor();
};

const statistic = async (testId: string) =>
  Number(
    ((await page.getByTestId(testId).locator('.ant-statistic-content-value').textContent()) ?? '').replace(/\D/g, ''),
  );

void test('the admin builds a campaign to a segment with a coupon; the preview’s counts are what the send makes', async () => {
  // The demo owner's customer and class, and a coupon for the campaign (the loyalty suite covers templates).
  const found = await admin.get<{ items: { id: string }[] }>(`/customers?q=${ownerPhone}`);
  const customerId = found.items[0]?.id ?? '';
  const classes = await admin.get<{ rfm: string | null }>(`/segments/customers/${customerId}`);
  const rfm = classes.rfm ?? 'none';
  await admin.send('POST', '/loyalty/templates', {
    name: couponName,
    kind: 'amount',
    amountFen: 8000,
    validDays: 30,
  });
  const label =
    { A: 'A类 忠诚客户', B: 'B类 潜力客户', C: 'C类 新客户', D: 'D类 流失风险客户', none: '未归类' }[rfm] ?? rfm;

  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('admin');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('morning-rows').waitFor();
  await page.goto(`${h.baseUrl}/admin/campaigns`);
  await page.getByTestId('ready-D').waitFor();
  await page.getByTestId('campaign-list').getByText('流失风险客户召回').waitFor();
  await h.shot(page, 'campaigns-01-list');
  await page.getByTestId('campaign-new').click();
  await page.getByTestId('campaign-name').fill('车主App专享保养礼');
  await pick('audience-rfm', label);
  await pick('offer-template', couponName);
  await chooseOption(page, 'campaign-channel', '车主App消息');
  await page.getByTestId('campaign-control').fill('0');
  await page.getByTestId('campaign-message').fill('感谢您的信任，到店保养立减80元，优惠券已放入卡券包。');
  const preview = page.getByTestId('campaign-preview');
  await preview.getByTestId('preview-reached').waitFor();
  // The preview follows the form: wait until it has settled on this audience.
  await page.waitForTimeout(1200);
  shown.audience = await statistic('preview-audience');
  shown.reached = await statistic('preview-reached');
  shown.held = await statistic('preview-held');
  assert.ok(shown.audience > 0 && shown.reached > 0, JSON.stringify(shown));
  assert.equal(shown.reached + shown.held, shown.audience);
  await h.shot(page, 'campaigns-02-builder-preview');

  await page.getByTestId('campaign-send').click();
  await page.getByTestId('campaign-counts').waitFor();
  campaignId = new URL(page.url()).pathname.split('/').pop() ?? '';
  assert.equal(await statistic('sent-audience'), shown.audience);
  assert.equal(await statistic('sent-reached'), shown.reached);
  assert.equal(await statistic('sent-held'), shown.held);
  await h.shot(page, 'campaigns-03-sent');
});

/**
 * The demo owner's car is in the bay when the demo starts, and an owner never books a car in the workshop:
 * the store finishes and hands it back through the API first.
 */
const handBackDemoCar = async () => {
  const visits = (await (await owner.request.get(`${h.baseUrl}/api/owner/visits`)).json()) as {
    items: OwnerVisitSummary[];
  };
  type Visit = { status: string; lines: { id: string; status: string }[]; totals: { approvedFen: number } };
  const onward: Partial<Record<string, string>> = {
    checked_in: 'in_bay',
    in_bay: 'quality_check',
    waiting_parts: 'in_bay',
    quality_check: 'ready',
  };
  for (const { id } of visits.items.filter((x) => x.status !== 'delivered')) {
    let v = await admin.get<Visit>(`/visits/${id}`);
    for (const line of v.lines.filter((l) => l.status === 'proposed'))
      v = await admin.send<Visit>('POST', `/visits/${id}/lines/${line.id}/decision`, {
        decision: 'approved',
        via: 'phone',
      });
    for (let next = onward[v.status]; next; next = onward[v.status])
      v = await admin.send<Visit>('POST', `/visits/${id}/status`, { status: next, note: null });
    await admin.send('POST', `/visits/${id}/deliver`, { payment: { method: 'cash', amountFen: v.totals.approvedFen } });
  }
};

void test('the owner books with the campaign’s coupon, and the results page attributes the booking to it', async () => {
  await h.signInOwner(owner, ownerPhone);
  const wallet = (await (await owner.request.get(`${h.baseUrl}/api/owner/loyalty`)).json()) as OwnerLoyalty;
  const coupon = wallet.coupons.find((c) => c.name === couponName && c.status === 'issued');
  assert.ok(coupon, 'the demo owner was reached and holds the campaign’s coupon');
  await handBackDemoCar();

  const stores = (await (await owner.request.get(`${h.baseUrl}/api/owner/stores`)).json()) as {
    items: { id: string; name: string }[];
  };
  const storeId = stores.items.find((s) => s.name === storeName)?.id ?? '';
  const types = (await (await owner.request.get(`${h.baseUrl}/api/owner/service-types?storeId=${storeId}`)).json()) as {
    items: { id: string; name: string }[];
  };
  const serviceTypeId = types.items.find((x) => x.name === serviceName)?.id ?? '';
  const day = dayIn(Date.now() + 2 * 86_400_000);
  const free = (await (
    await owner.request.get(
      `${h.baseUrl}/api/owner/stores/${storeId}/availability?from=${day}&days=1&serviceTypeId=${serviceTypeId}`,
    )
  ).json()) as Availability;
  const slot = free.days[0]?.slots.find((s) => s.free > 0 && s.advisorFree);
  assert.ok(slot, `a free slot on ${day}`);

  await owner.goto(`${h.baseUrl}/o/demo/book`);
  await owner.getByTestId('page-book').waitFor();
  await owner.getByTestId('store-option').filter({ hasText: storeName }).click();
  await owner.getByTestId('service-option').filter({ hasText: serviceName }).click();
  await owner.getByTestId(`date-${day}`).click();
  await owner.getByTestId(`slot-${clock(slot.startsAt)}`).click();
  await owner.locator(`[data-testid="coupon-option"][data-name="${couponName}"]`).click();
  await h.shot(owner, 'campaigns-04-owner-book-with-coupon');
  await owner.getByTestId('book-submit').click();
  const sheet = owner.getByTestId('book-confirm-sheet');
  await sheet.getByText(couponName).waitFor();
  await owner.getByTestId('book-confirm').click();
  await owner.getByTestId('booking-success').getByText('预约成功').waitFor();

  await page.goto(`${h.baseUrl}/admin/campaigns/${campaignId}`);
  const results = page.getByTestId('campaign-results');
  await results.waitFor();
  assert.equal((await page.getByTestId('direct-bookings').textContent())?.trim(), '1');
  await h.shot(page, 'campaigns-05-results');
});
