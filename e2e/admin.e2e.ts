// The admin console (管理后台): the group admin signs in, opens a store, hires a service advisor for it,
// and that advisor can sign in to the advisor app on a phone. Bad input gets the server's own words.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessages, roleNames } from '@m4s/contracts';
import { chooseOption, startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let page: Page;

// The database is fresh per run, but a code that is new by construction keeps the test honest anyway.
const storeCode = `E2E-${String(Date.now()).slice(-6)}`;
const storeName = '宁波鄞州4S店';
const advisor = { login: 'advisor-e2e', name: '赵子涵', password: 'advisor-pass-1' };

const choose = (testId: string, option: string) => chooseOption(page, testId, option);

before(async () => {
  h = await startHarness();
  page = await h.newPage();
});

after(async () => {
  await h?.close();
});

void test('the sign-in page remembers the group and shows a wrong password as the server says it', async () => {
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').waitFor();
  assert.equal(await page.title(), 'M4S 管理后台');
  assert.equal(await page.getByTestId('tenant').inputValue(), 'demo');
  await page.getByTestId('login').fill('admin');
  await page.getByTestId('password').fill('not-the-password');
  await page.getByTestId('sign-in').click();
  const error = page.getByTestId('sign-in-error');
  await error.waitFor();
  assert.equal((await error.textContent())?.trim(), errorMessages['zh-CN'].INVALID_CREDENTIALS);
});

void test('the group admin signs in and sees the group, their name and role', async () => {
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  // The console opens on the morning view (issue 18); the stores are one click away.
  await page.getByTestId('morning-rows').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/');
  await page.getByTestId('nav-stores').click();
  await page.getByTestId('stores-table').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/stores');
  assert.equal(await page.getByTestId('tenant-name').textContent(), '示例汽车集团');
  const me = await page.evaluate(async () => (await fetch('/api/auth/staff/me')).json());
  assert.equal(await page.getByTestId('staff-name').textContent(), me.staff.name);
  await page.getByTestId('user-menu').getByText(roleNames['zh-CN'].group_admin).waitFor();
  await page.getByTestId('stores-table').getByText('上海浦东4S店').waitFor();
  await h.shot(page, 'admin-signed-in');
});

void test('the session survives a reload', async () => {
  await page.reload();
  await page.getByTestId('stores-table').getByText('杭州西湖4S店').waitFor();
});

void test('a new store is created with its address and opening hours', async () => {
  await page.getByTestId('store-create').click();
  await page.getByTestId('store-code').fill(storeCode);
  await page.getByTestId('store-name').fill(storeName);
  await page.getByTestId('store-brand').fill('示例品牌');
  await page.getByTestId('store-province').fill('浙江省');
  await page.getByTestId('store-city').fill('宁波市');
  await page.getByTestId('store-address').fill('宁波市鄞州区天童南路 999 号');
  await page.getByTestId('store-phone').fill('0574-88886666');
  await page.getByTestId('hours-sun-open').click(); // closed on Sundays
  await page.getByTestId('store-save').click();
  await page.getByTestId('store-code').waitFor({ state: 'detached' });

  const row = page.getByTestId('stores-table').locator('tr', { hasText: storeCode });
  await row.getByText(storeName).waitFor();
  await row.getByText('周一–周六 08:30–18:00').waitFor();
  const { items } = await page.evaluate(async () => (await fetch('/api/stores')).json());
  const created = items.find((s: { code: string }) => s.code === storeCode);
  assert.equal(created?.address, '宁波市鄞州区天童南路 999 号');
  assert.deepEqual(created?.openingHours.sun, []);
  assert.deepEqual(created?.openingHours.mon, [{ open: '08:30', close: '18:00' }]);
  await h.shot(page, 'admin-store-created');
});

void test('a duplicate store code is refused with the server message on the code field', async () => {
  await page.getByTestId('store-create').click();
  await page.getByTestId('store-code').fill(storeCode);
  await page.getByTestId('store-name').fill('重复编码测试店');
  await page.getByTestId('store-address').fill('宁波市海曙区中山西路 1 号');
  await page.getByTestId('store-save').click();
  const message = errorMessages['zh-CN'].STORE_CODE_TAKEN;
  const alert = page.getByTestId('store-form-error');
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', new RegExp(message));
  await page
    .locator('.ant-form-item', { has: page.getByTestId('store-code') })
    .getByText(message)
    .waitFor();
  await h.shot(page, 'admin-store-duplicate');
  await page.getByRole('button', { name: /取\s*消/ }).click();
  await page.getByTestId('store-code').waitFor({ state: 'detached' });
});

void test('a service advisor is created in the new store', async () => {
  await page.getByTestId('nav-staff').click();
  await page.getByTestId('staff-table').waitFor();
  await page.getByTestId('staff-create').click();
  await page.getByTestId('staff-login').fill(advisor.login);
  await page.getByTestId('staff-name-input').fill(advisor.name);
  await page.getByTestId('staff-phone').fill('13912345678');
  await choose('staff-role', roleNames['zh-CN'].service_advisor);
  await choose('staff-store', storeName);
  await page.getByTestId('staff-password').fill(advisor.password);
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByTestId('staff-login').waitFor({ state: 'detached' });

  const row = page.getByTestId('staff-table').locator('tr', { hasText: advisor.login });
  await row.getByText(advisor.name).waitFor();
  await row.getByText(roleNames['zh-CN'].service_advisor).waitFor();
  await row.getByText(storeName).waitFor();
  await h.shot(page, 'admin-staff-created');
});

void test('the audit log records both changes', async () => {
  await page.getByTestId('nav-audit').click();
  const table = page.getByTestId('audit-table');
  await table.getByText('新建员工').waitFor();
  await table.getByText('新建门店').first().waitFor();
});

void test('the audit log names every action and shows details in words, not codes or JSON', async () => {
  const table = page.getByTestId('audit-table');
  // The action cell keeps the code on hover (title) and shows its label.
  const cells = table.locator('tbody td span[title]');
  const actions = await cells.evaluateAll((els) =>
    els.map((e) => ({ code: e.getAttribute('title') ?? '', text: e.textContent ?? '' })),
  );
  const coded = actions.filter((a) => /^[a-z_]+(\.[a-z_]+)+$/.test(a.code));
  assert.ok(coded.length > 0, 'no action codes in the audit table');
  assert.deepEqual(
    coded.filter((a) => a.text === a.code),
    [],
    'actions shown as raw codes',
  );
  const text = (await table.locator('tbody').textContent()) ?? '';
  assert.ok(!text.includes('{"') && !text.includes('":'), `details shown as JSON: ${text.slice(0, 200)}`);
  await table
    .getByText(/编号: /)
    .first()
    .waitFor(); // store.created's { code }
  await h.shot(page, 'admin-audit-log');
});

void test('the branding page shows the owner app install link, its QR code and downloads the poster', async () => {
  await page.getByTestId('nav-branding').click();
  const qr = page.getByTestId('branding-install-qr');
  await qr.waitFor();
  // The QR code is drawn (a 1024 px PNG from the server's builder), not a broken image.
  assert.equal(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), 1024);
  const link = page.getByTestId('branding-install-url');
  assert.equal((await link.textContent())?.trim(), `${h.baseUrl}/o/demo/`);
  const [poster] = await Promise.all([page.waitForEvent('download'), page.getByTestId('branding-poster').click()]);
  assert.equal(poster.suggestedFilename(), 'install-poster-demo.svg');
  const svg = await (await fetch(`${h.baseUrl}/o/demo/install-poster.svg`)).text();
  assert.ok(svg.includes('示例汽车集团') && svg.includes(`${h.baseUrl}/o/demo/`));
  await h.shot(page, 'admin-branding-install');
});

void test('the new advisor signs in to the advisor app and sees their name and store', async () => {
  const phone = await h.newPage({ mobile: true, isolated: true });
  await phone.goto(`${h.baseUrl}/advisor/`);
  await phone.getByTestId('login').waitFor();
  await phone.getByTestId('tenant').fill('demo');
  await phone.getByTestId('login').fill(advisor.login);
  await phone.getByTestId('password').fill(advisor.password);
  await phone.getByTestId('sign-in').click();
  await phone.getByText(advisor.name).first().waitFor();
  const storeLabel = phone.getByTestId('me-store');
  if ((await storeLabel.count()) > 0) assert.equal(await storeLabel.textContent(), storeName);
  await h.shot(phone, 'advisor-home');
  await phone.close();
});
