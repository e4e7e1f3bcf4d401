// Customers (客户管理): the group admin registers a customer with two phones and a car through the catalogue
// pickers, opens the 360 view, logs a call and a mileage reading, registers a complaint about the car, opens
// its case page (已受理, the first-contact countdown) and, once the case has gone through its stages, sees it
// closed with its resolution; a duplicate phone is refused in the server's words; the cashier sees the
// same record with masked phones; the customer's own service advisor finds them by four phone digits on a
// phone and sees the mobile 360 with full numbers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessages } from '@m4s/contracts';
import { request, type APIRequestContext } from 'playwright-core';
import { chooseOption, startHarness, type Harness, type Page } from './harness.ts';
import { staffApi } from './staff-api.ts';

let h: Harness;
let page: Page;
let customerId = '';

const customer = { name: '李明', phones: ['13912345678', '13698765432'], tags: ['老客户'] };
const car = { vin: 'LFV2A21K8J3000001', plate: '沪AD12345' };
const advisorName = '陈静'; // the demo tenant's service advisor, login `advisor`

const choose = (testId: string, option: string) => chooseOption(page, testId, option);

/** An input React fills in after an event (a model choice fills its year): poll until it shows the value. */
const valueOf = async (p: Page, testId: string, expected: string) => {
  const input = p.getByTestId(testId);
  for (let i = 0; i < 50 && (await input.inputValue()) !== expected; i += 1) await p.waitForTimeout(100);
  return input.inputValue();
};

/** Before a screenshot: closing modals and drawers gone, success toasts faded out. */
const settle = async (p: Page) => {
  await p.locator('.ant-modal-wrap:visible, .ant-drawer-mask:visible').first().waitFor({ state: 'hidden' });
  await p.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
};

const signIn = async (p: Page, app: 'admin' | 'advisor', login: string) => {
  await p.goto(`${h.baseUrl}/${app}/`);
  await p.getByTestId('login').waitFor();
  await p.getByTestId('login').fill(login);
  await p.getByTestId('password').fill('m4s-demo');
  await p.getByTestId('sign-in').click();
};

let staff: APIRequestContext;

before(async () => {
  h = await startHarness();
  page = await h.newPage();
  staff = await request.newContext({ baseURL: h.baseUrl });
});

after(async () => {
  await staff?.dispose();
  await h?.close();
});

void test('the admin opens 客户管理 and is asked for a name or phone digits', async () => {
  await signIn(page, 'admin', 'admin');
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customer-search-prompt').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/customers');
});

void test('a customer with two phones, a tag and a service advisor is created', async () => {
  await page.getByTestId('customer-create').click();
  await page.getByTestId('customer-name').fill(customer.name);
  await page.getByTestId('customer-gender').getByText('男').click();
  await page.getByTestId('customer-phone-0').fill(customer.phones[0] ?? '');
  await page.getByTestId('customer-add-phone').click();
  await page.getByTestId('customer-phone-1').fill(customer.phones[1] ?? '');
  await page
    .getByTestId('customer-tags')
    .locator('input')
    .fill(customer.tags[0] ?? '');
  await page.getByTestId('customer-tags').locator('input').press('Enter');
  await choose('customer-advisor', advisorName);
  await page.getByTestId('customer-save').click();

  await page.getByTestId('customer-360').waitFor();
  customerId = new URL(page.url()).pathname.split('/').pop() ?? '';
  assert.match(customerId, /^[0-9a-f-]{36}$/);
  assert.equal(await page.getByTestId('customer-name-title').textContent(), customer.name);
  assert.equal(await page.getByTestId('customer-salutation').textContent(), '李先生');
  await page
    .getByTestId('customer-header')
    .getByText(customer.tags[0] ?? '')
    .waitFor();
  // The admin calls customers: full numbers, the first one primary.
  assert.deepEqual(await page.getByTestId('customer-phone').allTextContents(), customer.phones);
  assert.equal(await page.getByTestId('phone-masked').count(), 0);
});

void test('a car is added through the brand → series → model pickers', async () => {
  await page.getByTestId('vehicle-add').click();
  await page.getByTestId('vehicle-vin-input').fill(car.vin);
  await page.getByTestId('vehicle-plate-input').fill(car.plate);
  await choose('vehicle-brand', '大众');
  await choose('vehicle-series', '途观L');
  await choose('vehicle-model', '330TSI');
  assert.equal(await valueOf(page, 'vehicle-model-year', '2021'), '2021');
  await page.getByTestId('vehicle-purchase-date').fill('2024-05-01');
  await page.getByTestId('vehicle-insurer').fill('中国平安');
  await page.getByTestId('vehicle-save').click();

  const card = page.getByTestId(`vehicle-${car.vin}`);
  await card.waitFor();
  assert.equal(await card.getByTestId('vehicle-plate').textContent(), '沪A·D12345');
  assert.equal(await card.getByTestId('vehicle-name').textContent(), '大众 · 途观L');
  assert.equal(await card.getByTestId('vehicle-vin').textContent(), car.vin);
  // Volkswagen's own terms, counted from the purchase date.
  assert.match((await card.getByTestId('vehicle-warranty').textContent()) ?? '', /3年\/10万公里 至 2027-05-01/);
  await settle(page);
  await h.shot(page, 'customers-admin-360');
});

void test('a call is logged on the timeline and a mileage reading on the car', async () => {
  await page.getByTestId('interaction-add').click();
  await page.getByTestId('interaction-summary').fill('首保提醒：客户确认下周六上午到店保养');
  await page.getByTestId('interaction-promise').fill('周五下午短信提醒到店时间');
  await page.getByTestId('interaction-save').click();
  const item = page.getByTestId('interaction-item').first();
  await item.getByText('首保提醒：客户确认下周六上午到店保养').waitFor();
  await item.getByText('周五下午短信提醒到店时间').waitFor();
  await item.getByText('王建国').waitFor();

  await page.getByTestId(`vehicle-${car.vin}-mileage`).click();
  await page.getByTestId('mileage-km').fill('12000');
  await page.getByTestId('mileage-save').click();
  await page.getByTestId('vehicle-mileage').getByText('12,000 km').waitFor();
  await page.getByTestId('vehicle-km-per-day').waitFor();
  await settle(page);
  await h.shot(page, 'customers-admin-360-updated');
});

void test('a complaint about the car is registered as 处理中 and closed with its resolution', async () => {
  const summary = '保养等候超过三小时，期间无人告知进度';
  await page.getByTestId('complaint-add').click();
  await choose('complaint-category', '维修时间');
  await choose('complaint-channel', '到店');
  await choose('complaint-vehicle', car.plate);
  await page.getByTestId('complaint-summary').fill(summary);
  await page.getByTestId('complaint-save').click();
  const item = page.getByTestId('complaint-item').filter({ hasText: summary });
  await item.getByTestId('complaint-status').getByText('处理中').waitFor();
  await item.getByText(car.plate).waitFor();
  await page.getByTestId('complaint-open-hint').waitFor();
  await settle(page);
  await h.shot(page, 'customers-admin-complaint-open');

  // Issue 15: the complaint is a case. Its page shows the stage and the first-contact countdown; it is
  // closed only after contact, assignment, answer, resolution and a satisfied follow-up, with an
  // improvement item (those steps go through the API here; e2e/complaints.e2e.ts is the page flow).
  await item.getByTestId('complaint-open-case').click();
  await page.getByTestId('case-stage').getByText('已受理').waitFor();
  await page.getByTestId('deadline-first_contact').waitFor();
  const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  const admin = await staffApi(staff, 'admin');
  const me = await admin.get<{ staff: { id: string } }>('/auth/staff/me');
  await admin.send('POST', `/complaints/${id}/contact`, { note: '已致电致歉' });
  await admin.send('POST', `/complaints/${id}/assign`, { handlerId: me.staff.id });
  await admin.send('POST', `/complaints/${id}/accept`, {});
  await admin.send('POST', `/complaints/${id}/answer`, { answer: '已调整预约排班' });
  await admin.send('POST', `/complaints/${id}/resolve`, { solution: '赠送一次免费保养', completionDate: '2026-03-12' });
  await admin.send('POST', `/complaints/${id}/follow-up`, { satisfied: true });
  await admin.send('POST', `/complaints/${id}/close`, {
    resolution: '当面致歉，赠送一次免费保养，客户表示认可',
    improvements: [{ what: '预约客户专用工位', ownerId: me.staff.id, due: '2026-12-31' }],
  });
  // Back on the 360 page, read afresh (the steps went through the API, not this page).
  await page.goBack();
  await page.reload();
  await item.getByTestId('complaint-status').getByText('已关闭').waitFor();
  await item
    .getByTestId('complaint-resolution-text')
    .getByText(/赠送一次免费保养/)
    .waitFor();
  assert.equal(await page.getByTestId('complaint-open-hint').count(), 0);
  await settle(page);
  await h.shot(page, 'customers-admin-complaint-closed');
});

void test('a phone already on file is refused with the server message, and its owner can be opened', async () => {
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customer-create').click();
  await page.getByTestId('customer-name').fill('王芳');
  await page.getByTestId('customer-phone-0').fill(customer.phones[1] ?? '');
  await page.getByTestId('customer-save').click();

  const message = errorMessages['zh-CN'].PHONE_TAKEN;
  const alert = page.getByTestId('customer-form-error');
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', new RegExp(message));
  await page
    .locator('.ant-form-item', { has: page.getByTestId('customer-phone-0') })
    .getByText(message)
    .waitFor();
  await h.shot(page, 'customers-admin-duplicate-phone');
  await page.getByTestId('customer-open-taken').click();
  await page.getByTestId('customer-360').waitFor();
  assert.equal(new URL(page.url()).pathname, `/admin/customers/${customerId}`);
});

void test('the search finds the customer by name and by four phone digits, masked in the list', async () => {
  await page.goto(`${h.baseUrl}/admin/customers?q=5678`);
  const results = page.getByTestId('customer-results');
  await results.getByText(customer.name).waitFor();
  await results.getByText('139****5678').waitFor();
  await page.getByTestId('customer-search').locator('input').fill('李');
  await page.getByTestId('customer-search').locator('input').press('Enter');
  await results.getByText(customer.tags[0] ?? '').waitFor();
  await h.shot(page, 'customers-admin-search');
});

void test('the cashier opens the same customer and sees masked phones only', async () => {
  const cashier = await h.newPage({ isolated: true });
  await signIn(cashier, 'admin', 'cashier');
  await cashier.getByTestId('staff-name').waitFor();
  await cashier.goto(`${h.baseUrl}/admin/customers/${customerId}`);
  await cashier.getByTestId('customer-360').waitFor();
  assert.deepEqual(await cashier.getByTestId('customer-phone').allTextContents(), ['139****5678', '136****5432']);
  assert.equal(await cashier.getByTestId('phone-masked').count(), 2);
  const html = await cashier.content();
  assert.ok(!html.includes(customer.phones[0] ?? 'x') && !html.includes(customer.phones[1] ?? 'x'));
  // A cashier reads the record but cannot change it.
  assert.equal(await cashier.getByTestId('customer-edit').count(), 0);
  assert.equal(await cashier.getByTestId('vehicle-add').count(), 0);
  await cashier.getByTestId(`vehicle-${car.vin}`).waitFor();
  await h.shot(cashier, 'customers-cashier-masked');
  await cashier.close();
});

void test('the service advisor finds the customer by four phone digits on the advisor app', async () => {
  const phone = await h.newPage({ mobile: true });
  await signIn(phone, 'advisor', 'advisor');
  await phone.getByTestId('home-search').fill('5678');
  await phone.getByTestId('home-search').press('Enter');
  await phone.getByTestId('customer-results').getByText(customer.name).click();

  await phone.getByTestId('customer-360').waitFor();
  assert.equal(new URL(phone.url()).pathname, `/advisor/customers/${customerId}`);
  // 陈静 is this customer's own service advisor: she sees the numbers she calls, and can tap to call.
  assert.deepEqual(await phone.getByTestId('customer-phone').allTextContents(), customer.phones);
  await phone.getByTestId(`vehicle-${car.vin}`).getByText('12,000 km').waitFor();
  await phone.getByTestId('timeline').getByText('首保提醒：客户确认下周六上午到店保养').waitFor();
  await h.shot(phone, 'customers-advisor-360');

  await phone.getByTestId('interaction-add').click();
  await phone.getByTestId('interaction-summary').fill('到店取车，客户对保养结果满意');
  await phone.getByTestId('interaction-sheet-save').click();
  await phone.getByTestId('timeline').getByText('到店取车，客户对保养结果满意').waitFor();

  await phone.getByTestId('mileage-add').click();
  await phone.getByTestId('mileage-km').fill('11000');
  await phone.getByTestId('mileage-sheet-save').click();
  // Lower than the 12,000 km already on record: the server refuses and the sheet says why on the field.
  await phone.getByTestId('mileage-sheet').getByText('里程不能小于之前的读数').first().waitFor();
  await phone.getByTestId('mileage-km').fill('12650');
  await phone.getByTestId('mileage-sheet-save').click();
  await phone.getByTestId(`vehicle-${car.vin}`).getByText('12,650 km').waitFor();
});

void test('the advisor registers a walk-in with name, phone and source', async () => {
  const phone = await h.newPage({ mobile: true });
  await phone.goto(`${h.baseUrl}/advisor/`);
  await phone.getByTestId('home-new-customer').click();
  await phone.getByTestId('new-name').fill('周婷');
  await phone.getByTestId('new-phone').fill('13755550000');
  await phone.getByTestId('new-source').getByText('来电').click();
  await phone.getByTestId('new-submit').click();
  await phone.getByTestId('customer-360').waitFor();
  assert.equal(await phone.getByTestId('customer-name').textContent(), '周婷');
  assert.deepEqual(await phone.getByTestId('customer-phone').allTextContents(), ['13755550000']);
  await phone.locator('.adm-toast-mask').waitFor({ state: 'detached' });
  await h.shot(phone, 'customers-advisor-walk-in');
});
