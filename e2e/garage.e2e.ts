// 我的车辆 and 维修档案 (owner app) with the store's 车辆绑定审核 (admin console): a demo owner links his car
// by the plate and the VIN's last six from the 行驶证, waits for the store, the group admin confirms, and
// the owner sees the car's dates and every workshop visit with its lines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';

// The demo data's third owner (吴先生) and his BYD 汉, with three visits at the Hangzhou store.
const phone = '13800000003';
const car = { plate: '浙AD62158', typed: '浙a·d62158', vinLast6: '371958' };

let h: Harness;
let owner: Page;
let admin: Page;

before(async () => {
  h = await startHarness();
  owner = await h.newPage({ mobile: true });
  admin = await h.newPage();
});

after(async () => {
  await h?.close();
});

void test('the owner signs in and finds no car yet, with what to do about it', async () => {
  await h.signInOwner(owner, phone);

  await owner.getByTestId('tab-records').click();
  await owner.getByTestId('records-empty').getByText('还没有绑定车辆').waitFor();
  await h.shot(owner, 'garage-owner-empty');
});

void test('a plate and VIN ending that match no car are refused without saying which is wrong', async () => {
  await owner.getByTestId('records-empty').getByTestId('add-car').click();
  await owner.getByTestId('page-add-car').waitFor();
  await owner.getByTestId('licence-hint').getByText('见行驶证').waitFor();
  // Checked in the browser first: a VIN ending with an O is never valid.
  await owner.getByTestId('bind-plate').fill(car.typed);
  await owner.getByTestId('bind-vin').fill('37195O');
  await owner.getByTestId('bind-submit').click();
  await owner.getByText('请输入车架号最后6位数字或字母（不含 I、O、Q）').waitFor();
  await h.shot(owner, 'garage-add-form');

  await owner.getByTestId('bind-vin').fill('371959');
  await owner.getByTestId('bind-submit').click();
  const error = owner.getByTestId('bind-error');
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /未找到与车架号后6位和车牌号同时匹配的车辆/);
  await h.shot(owner, 'garage-add-no-match');
});

void test('the right plate and VIN ending make a request the store has to confirm', async () => {
  await owner.getByTestId('bind-vin').fill(car.vinLast6);
  await owner.getByTestId('bind-submit').click();
  await owner.getByTestId('page-records').waitFor();
  const request = owner.getByTestId('request-pending');
  await request.getByText('门店确认中').waitFor();
  await request.getByText(car.plate).waitFor();
  assert.equal(await owner.getByTestId('car-card').count(), 0);
  await owner.getByText('已提交，等待门店确认').waitFor();
  await owner.locator('.adm-toast-mask').waitFor({ state: 'detached', timeout: 10_000 });
  await h.shot(owner, 'garage-owner-pending');
});

void test('the group admin confirms it in 车辆绑定审核, with the phone-match hint', async () => {
  await admin.goto(`${h.baseUrl}/admin/`);
  await admin.getByTestId('login').fill('admin');
  await admin.getByTestId('password').fill('m4s-demo');
  await admin.getByTestId('sign-in').click();
  await admin.getByTestId('nav-vehicle-bindings').click();
  const table = admin.getByTestId('bindings-table');
  const row = table.locator('tr', { hasText: car.plate });
  await row.waitFor();
  // The demo data's other request (周女士, 沪B3M915) waits too.
  await table.locator('tr', { hasText: '沪B3M915' }).waitFor();
  await row.getByText('吴刚').waitFor();
  await row.getByText('手机号与档案一致').waitFor();
  assert.equal(await row.getByText(phone).count(), 1, 'the group admin sees the full number');
  await h.shot(admin, 'garage-admin-review');

  await admin.getByTestId(`binding-confirm-${car.plate}`).click();
  // The decision's own answer first: when this fails, it says what the server said.
  const [decided] = await Promise.all([
    admin.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/decision')),
    admin.getByTestId('binding-confirm-ok').click(),
  ]);
  assert.equal(decided.status(), 200, await decided.text());
  await admin.getByText('已确认绑定，已短信通知车主').waitFor();
  await row.waitFor({ state: 'detached' });
  await admin.getByTestId('binding-status').getByText('已确认').click();
  await table.locator('tr', { hasText: car.plate }).getByText('王建国 处理').waitFor();
  await h.shot(admin, 'garage-admin-confirmed');
  assert.match(await h.outboxMessage(phone, '已通过门店确认'), /浙AD62158/);
});

void test('after a reload the owner sees the car with its dates and opens its 维修档案', async () => {
  await owner.reload();
  const card = owner.locator('[data-testid="car-card"]', { hasText: car.plate });
  await card.waitFor();
  await card.getByText('比亚迪 汉').waitFor();
  await card.getByText(`车架号尾号 ${car.vinLast6}`).waitFor();
  // BYD's own warranty (6 years / 150,000 km), the next service and its state.
  await card
    .getByTestId('car-date-warranty')
    .getByText(/150,000 公里/)
    .waitFor();
  const service = card.getByTestId('car-date-service');
  await service.getByText(/上次保养 \d{4}-\d{2}-\d{2} · 17,200 公里/).waitFor();
  assert.ok(
    ['expired', 'soon', 'ok'].includes((await service.getByTestId('due-service').getAttribute('data-state')) ?? ''),
  );
  assert.equal(await owner.getByTestId('request-pending').count(), 0);
  await h.shot(owner, 'garage-owner-car');

  await card.getByTestId('car-records').click();
  await owner.getByTestId('page-history').waitFor();
  const visits = owner.getByTestId('visit');
  await visits.first().waitFor();
  assert.equal(await visits.count(), 3);
  await owner.getByText('到店记录 · 3次').waitFor();
  assert.match((await visits.first().textContent()) ?? '', /维修.*¥290\.00.*杭州西湖4S店/);
  await h.shot(owner, 'garage-history');

  await visits.nth(1).click();
  const sheet = owner.getByTestId('visit-sheet');
  await sheet.waitFor();
  await sheet.getByText('空调滤清器').waitFor();
  assert.equal(await sheet.getByTestId('visit-line').count(), 3);
  assert.equal(await sheet.getByTestId('visit-total').textContent(), '¥278.00');
  await owner.waitForTimeout(400); // the sheet's slide-in
  await h.shot(owner, 'garage-visit-lines');
});
