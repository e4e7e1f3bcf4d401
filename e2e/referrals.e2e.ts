// Referrals (issue 16, docs/referrals.md). The demo owner opens 我的 › 推荐有礼 and sees their code and QR
// poster; a new owner opens the poster's link, signs in with a new phone and asks for a first service with it;
// the store takes the newcomer's car in, and the advisor hands it back and takes the payment at 交车结算 — the
// referrer's points grow by the referral reward and their referral reads 已奖励.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type APIRequestContext } from 'playwright-core';
import type { OwnerLoyalty, OwnerReferrals, Visit } from '@m4s/contracts';
import { startHarness, type Harness, type Page } from './harness.ts';
import { staffApi, type Api } from './staff-api.ts';

const referrerPhone = '13800000001';
const newcomerPhone = '13912345678';

let h: Harness;
let referrer: Page;
let newcomer: Page;
let advisor: Page;
let desk: Api;
let deskContext: APIRequestContext;

before(async () => {
  h = await startHarness();
  referrer = await h.newPage({ mobile: true });
  newcomer = await h.newPage({ mobile: true, isolated: true });
  advisor = await h.newPage({ mobile: true, isolated: true });
  // The advisor takes the newcomer in (their own customer and visit), at their own store.
  deskContext = await request.newContext({ baseURL: h.baseUrl });
  desk = await staffApi(deskContext, 'advisor');
});

after(async () => {
  await deskContext?.dispose();
  await h?.close();
});

const ownerApi = async <T>(page: Page, url: string): Promise<T> => {
  const res = await page.request.get(`${h.baseUrl}${url}`);
  assert.ok(res.ok(), `GET ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
};

let code = '';
let pointsBefore = 0;

void test('the referrer sees their code and QR poster', async () => {
  await h.signInOwner(referrer, referrerPhone);
  pointsBefore = (await ownerApi<OwnerLoyalty>(referrer, '/api/owner/loyalty')).member?.balance ?? 0;
  await referrer.goto(`${h.baseUrl}/o/demo/me`);
  await referrer.getByTestId('me-referrals').click();
  await referrer.getByTestId('page-referrals').waitFor();
  code = ((await referrer.getByTestId('referral-code').textContent()) ?? '').trim();
  assert.match(code, /^[A-Z0-9]{8}$/);
  await referrer.getByTestId('referral-qr').waitFor();
  assert.match((await referrer.getByTestId('referral-qr').getAttribute('src')) ?? '', /^data:image\/png;base64,/);
  assert.match((await referrer.getByTestId('referral-link').textContent()) ?? '', new RegExp(`/o/demo/r/${code}$`));
  await h.shot(referrer, 'referrals-01-referrer-code-poster');
});

void test('a new owner arrives through the link and asks for a first service', async () => {
  await newcomer.goto(`${h.baseUrl}/o/demo/r/${code}`);
  await newcomer.getByTestId('phone').fill(newcomerPhone);
  await newcomer.getByTestId('send-code').click();
  await newcomer.getByTestId('code-sent').waitFor();
  await newcomer.getByTestId('code').fill(await h.smsCode(newcomerPhone));
  await newcomer.getByTestId('sign-in').click();
  await newcomer.getByTestId('page-referral-join').waitFor();
  await newcomer.getByTestId('referral-join-name').locator('input').fill('欧阳娜');
  await newcomer.getByTestId('referral-join-submit').click();
  await newcomer.locator('[data-testid="referral-join-result"], [data-testid="referral-join-error"]').first().waitFor();
  const refused = await newcomer.getByTestId('referral-join-error').count();
  if (refused > 0) assert.fail((await newcomer.getByTestId('referral-join-error').textContent()) ?? 'refused');
  await h.shot(newcomer, 'referrals-02-newcomer-joined');
  assert.equal(await newcomer.getByTestId('referral-join-result').getAttribute('data-status'), 'invited');

  const mine = await ownerApi<OwnerReferrals>(referrer, '/api/owner/referrals');
  // The demo owner has referred others before (seed/demo-referrals.ts): the newcomer's is the newest.
  assert.deepEqual(
    [mine.items[0]?.status, mine.items[0]?.referredName, mine.items[0]?.channel],
    ['invited', '欧**', 'service'],
  );
});

void test('after the newcomer’s first paid visit the referrer is rewarded', async () => {
  // The newcomer becomes a customer at the desk and their car is taken in.
  const customer = await desk.send<{ id: string }>('POST', '/customers', {
    name: '欧阳娜',
    phones: [newcomerPhone],
    source: 'referral',
  });
  const car = await desk.send<{ id: string }>('POST', '/vehicles', {
    vin: 'LFV2A21K8J3000001',
    ownerId: customer.id,
  });
  const me = await desk.get<{ staff: { store: { id: string } | null } }>('/auth/staff/me');
  const visit = await desk.send<Visit>('POST', '/visits', {
    vehicleId: car.id,
    customerId: customer.id,
    storeId: me.staff.store?.id,
    mileageKm: 3_000,
  });
  await desk.send('PUT', `/visits/${visit.id}/estimate`, {
    lines: [{ kind: 'labour', description: '首次保养工时', amountFen: 40_000, costFen: 0, labourHours: 1 }],
  });
  await desk.send('POST', `/visits/${visit.id}/estimate/send`);
  await desk.send('POST', `/visits/${visit.id}/status`, { status: 'in_bay', note: null });
  const detail = await desk.get<Visit>(`/visits/${visit.id}`);
  for (const line of detail.lines.filter((l) => l.status === 'proposed'))
    await desk.send('POST', `/visits/${visit.id}/lines/${line.id}/decision`, { decision: 'approved', via: 'phone' });
  await desk.send('POST', `/visits/${visit.id}/status`, { status: 'quality_check', note: null });
  await desk.send('POST', `/visits/${visit.id}/status`, { status: 'ready', note: null });
  const visited = await ownerApi<OwnerReferrals>(referrer, '/api/owner/referrals');
  assert.equal(visited.items.find((r) => r.referredName === '欧**')?.status, 'visited');

  // 交车结算 in the advisor app, as the loyalty test does.
  await advisor.goto(`${h.baseUrl}/advisor/`);
  await advisor.getByTestId('login').fill('advisor');
  await advisor.getByTestId('password').fill('m4s-demo');
  await advisor.getByTestId('sign-in').click();
  await advisor.waitForURL(/\/advisor\/?$/);
  await advisor.goto(`${h.baseUrl}/advisor/visits/${visit.id}`);
  await advisor.locator('[data-testid="visit-page"][data-status="ready"]').waitFor();
  await advisor.getByTestId('stage-delivered').click();
  await advisor.getByTestId('deliver-save').click();
  await advisor.locator('[data-testid="visit-page"][data-status="delivered"]').waitFor();

  const after = await ownerApi<OwnerLoyalty>(referrer, '/api/owner/loyalty');
  assert.equal(after.member?.balance, pointsBefore + 500, 'the referral reward (500 points) landed');
  await referrer.goto(`${h.baseUrl}/o/demo/me/referrals`);
  const row = referrer.locator('[data-testid="referral"][data-status="rewarded"]', { hasText: '欧**' });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /已奖励/);
  await h.shot(referrer, 'referrals-03-referrer-rewarded');
});
