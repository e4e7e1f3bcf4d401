// Membership (issue 16, docs/loyalty.md). The demo owner's car is handed back and paid at the advisor's
// 交车结算: the owner's 我的 shows the tier and the points it earned; in 会员中心 the owner buys 保养立减50元
// with points; at the next visit the advisor sees the member's benefits, picks the coupon at delivery, and
// the owner's coupon is then 已使用 — ¥50 came off the bill.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type APIRequestContext } from 'playwright-core';
import type { OwnerLoyalty, OwnerVisitDetail, OwnerVisitSummary } from '@m4s/contracts';
import { startHarness, type Harness, type Page } from './harness.ts';
import { staffApi, type Api } from './staff-api.ts';

const ownerPhone = '13800000001';

let h: Harness;
let owner: Page;
let advisor: Page;
let staff: APIRequestContext;
let admin: Api;
let before0 = 0;
let firstVisitId = '';

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

const ownerApi = async <T>(method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> => {
  const res = await owner.request.fetch(`${h.baseUrl}${url}`, { method, data });
  assert.ok(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
};

/** The owner approves every proposed line (in the app's API), then the workshop moves the car to ready. */
const readyForDelivery = async (visitId: string) => {
  const detail = await ownerApi<OwnerVisitDetail>('GET', `/api/owner/visits/${visitId}`);
  for (const line of detail.lines.filter((l) => l.status === 'proposed'))
    await admin.send('POST', `/visits/${visitId}/lines/${line.id}/decision`, {
      decision: 'approved',
      via: 'phone',
    });
  const visit = await admin.get<{ status: string }>(`/visits/${visitId}`);
  if (visit.status === 'in_bay')
    await admin.send('POST', `/visits/${visitId}/status`, { status: 'quality_check', note: null });
  await admin.send('POST', `/visits/${visitId}/status`, { status: 'ready', note: null });
};

const deliverInAdvisorApp = async (visitId: string, coupon: string | null) => {
  await advisor.goto(`${h.baseUrl}/advisor/visits/${visitId}`);
  await advisor.locator('[data-testid="visit-page"][data-status="ready"]').waitFor();
  await advisor.getByTestId('visit-member').waitFor();
  await advisor.getByTestId('stage-delivered').click();
  if (coupon) await advisor.getByTestId('deliver-coupon').getByText(coupon).click();
  await h.shot(advisor, coupon ? 'loyalty-03-advisor-coupon-at-delivery' : 'loyalty-01-advisor-delivery');
  await advisor.getByTestId('deliver-save').click();
  await advisor.locator('[data-testid="visit-page"][data-status="delivered"]').waitFor();
};

// One test walks the whole path of the Done-when line: a paid visit → tier and points in 我的 → a coupon bought
// with points → the coupon applied at the next delivery.
void test('an owner sees tier and points after a paid visit, redeems points for a coupon, and the coupon is applied at the next delivery', async () => {
  await h.signInOwner(owner, ownerPhone);
  before0 = (await ownerApi<OwnerLoyalty>('GET', '/api/owner/loyalty')).member?.balance ?? 0;
  const visits = await ownerApi<{ items: OwnerVisitSummary[] }>('GET', '/api/owner/visits');
  const visitId = visits.items.find((v) => v.status !== 'delivered')?.id ?? '';
  assert.ok(visitId, 'the demo owner’s car is in the bay');
  firstVisitId = visitId;
  await readyForDelivery(visitId);

  await advisor.goto(`${h.baseUrl}/advisor/`);
  await advisor.getByTestId('login').fill('advisor');
  await advisor.getByTestId('password').fill('m4s-demo');
  await advisor.getByTestId('sign-in').click();
  await advisor.waitForURL(/\/advisor\/?$/);
  await deliverInAdvisorApp(visitId, null);

  await owner.goto(`${h.baseUrl}/o/demo/me`);
  const card = owner.getByTestId('member-card');
  await card.waitFor();
  const points = Number(await card.getByTestId('member-points').textContent());
  assert.ok(points > before0, `points grew: ${before0} → ${points}`);
  assert.match((await card.getByTestId('member-tier').textContent()) ?? '', /普通|银卡|金卡|白金|钻石/);
  await h.shot(owner, 'loyalty-02-owner-me-tier-points');

  // The owner buys a coupon with points, and the advisor applies it at the next delivery.
  await owner.getByTestId('member-card').click();
  await owner.getByTestId('page-loyalty').waitFor();
  const offer = owner.getByTestId('offer-list').locator('.adm-list-item', { hasText: '保养立减50元' });
  await offer.getByTestId('offer-redeem').click();
  await owner.locator('.adm-dialog').getByText('确定').click();
  await owner.getByTestId('coupon-list').getByText('保养立减50元').waitFor();
  await owner.getByTestId('points-statement').getByText('兑换卡券').waitFor();
  await h.shot(owner, 'loyalty-03-owner-coupon');

  // The next visit: a walk-in check-in with a ¥500 line the owner approves.
  const mine = await ownerApi<OwnerLoyalty>('GET', '/api/owner/loyalty');
  const coupon = mine.coupons.find((c) => c.name === '保养立减50元' && c.status === 'issued');
  assert.ok(coupon);
  const first = await admin.get<{ storeId: string; customer: { id: string }; vehicle: { id: string } }>(
    `/visits/${firstVisitId}`,
  );
  const visit = await admin.send<{ id: string }>('POST', '/visits', {
    vehicleId: first.vehicle.id,
    customerId: first.customer.id,
    storeId: first.storeId,
    mileageKm: 99_000,
  });
  await admin.send('PUT', `/visits/${visit.id}/estimate`, {
    lines: [{ kind: 'labour', description: '常规保养工时', amountFen: 50_000, costFen: 0, labourHours: 1 }],
  });
  await admin.send('POST', `/visits/${visit.id}/estimate/send`);
  await admin.send('POST', `/visits/${visit.id}/status`, { status: 'in_bay', note: null });
  await readyForDelivery(visit.id);
  await deliverInAdvisorApp(visit.id, '保养立减50元');

  const after = await ownerApi<OwnerLoyalty>('GET', '/api/owner/loyalty');
  const used = after.coupons.find((c) => c.id === coupon.id);
  assert.equal(used?.status, 'redeemed');
  assert.equal(used?.discountFen, 5000);
  await owner.goto(`${h.baseUrl}/o/demo/me/loyalty`);
  await owner.getByTestId('coupon-list').getByText('已使用').waitFor();
  await h.shot(owner, 'loyalty-04-owner-coupon-used');
});
