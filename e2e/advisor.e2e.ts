// The advisor app (顾问端) on a phone: staff sign-in, "who and where you are", honest empty sections.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessages, roleNames } from '@m4s/contracts';
import { startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let page: Page;

before(async () => {
  h = await startHarness();
  page = await h.newPage({ mobile: true });
});

after(async () => {
  await h?.close();
});

void test('the sign-in page is prefilled with the demo group', async () => {
  await page.goto(`${h.baseUrl}/advisor/`);
  await page.getByTestId('login').waitFor();
  assert.equal(new URL(page.url()).pathname, '/advisor/sign-in');
  assert.equal(await page.getByTestId('tenant').inputValue(), 'demo');
  await h.shot(page, 'advisor-sign-in');
});

void test('empty fields are caught before anything is sent', async () => {
  await page.getByTestId('sign-in').click();
  await page.getByText('请填写账号').waitFor();
  await page.getByText('请填写密码').waitFor();
});

void test('a wrong password shows the server error', async () => {
  await page.getByTestId('login').fill('advisor');
  await page.getByTestId('password').fill('not-the-password');
  await page.getByTestId('sign-in').click();
  const error = page.getByTestId('sign-in-error');
  await error.waitFor();
  assert.equal(await error.textContent(), errorMessages['zh-CN'].INVALID_CREDENTIALS);
  await h.shot(page, 'advisor-wrong-password');
});

void test('an unknown group shows the server error', async () => {
  await page.getByTestId('tenant').fill('no-such-group');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByText(errorMessages['zh-CN'].TENANT_NOT_FOUND).waitFor();
  await page.getByTestId('tenant').fill('demo');
});

void test('the demo advisor signs in and sees who and where they are', async () => {
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('me-name').waitFor();
  assert.match(new URL(page.url()).pathname, /^\/advisor\/?$/);
  const me = await page.evaluate(async () => (await fetch('/api/auth/staff/me')).json());
  const staff = (me as { staff: { name: string; store: { name: string } | null } }).staff;
  assert.equal(await page.getByTestId('me-name').textContent(), staff.name);
  assert.equal(await page.getByTestId('me-role').textContent(), roleNames['zh-CN'].service_advisor);
  assert.equal(await page.getByTestId('me-store').textContent(), staff.store?.name);
  assert.equal(await page.getByTestId('me-tenant').textContent(), '示例汽车集团');
  assert.match(
    (await page.getByTestId('today').textContent()) ?? '',
    /^\d{4}年\d{1,2}月\d{1,2}日 星期[一二三四五六日]$/,
  );
  await page.getByTestId('section-bookings').getByText('今日预约').waitFor();
  await page.getByTestId('section-tasks').getByText('我的任务').waitFor();
  await h.shot(page, 'advisor-home');
});

void test('the session survives a reload and the language can be switched', async () => {
  await page.reload();
  await page.getByTestId('me-name').waitFor();
  await page.getByTestId('lang-en').click();
  await page.getByText("Today's bookings").waitFor();
  assert.equal(await page.getByTestId('me-role').textContent(), roleNames.en.service_advisor);
  await h.shot(page, 'advisor-home-en');
  await page.getByTestId('lang-zh-CN').click();
  await page.getByText('今日预约').waitFor();
});

void test('a group-wide role is shown as 集团', async () => {
  const admin = await h.newPage({ mobile: true, isolated: true });
  await admin.goto(`${h.baseUrl}/advisor/`);
  await admin.getByTestId('login').fill('admin');
  await admin.getByTestId('password').fill('m4s-demo');
  await admin.getByTestId('sign-in').click();
  await admin.getByTestId('me-name').waitFor();
  assert.equal(await admin.getByTestId('me-store').textContent(), '集团');
  assert.equal(await admin.getByTestId('me-role').textContent(), roleNames['zh-CN'].group_admin);
  await admin.close();
});

void test('signing out returns to the sign-in page, remembering the group', async () => {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('login').waitFor();
  assert.equal(await page.getByTestId('tenant').inputValue(), 'demo');
  const me = await page.evaluate(async () => (await fetch('/api/auth/staff/me')).status);
  assert.equal(me, 401);
});
