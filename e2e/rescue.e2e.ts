// 车业务 as the Done-when tells it (issue 17 point 3): an owner calls roadside rescue — the position shared
// with consent, a photo, the store's rescue line and the OEM's hotline one tap away — and watches its status change
// as the advisor dispatches it, without reloading; then one other service (洗车美容) end to end.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let owner: Page;
let advisor: Page;
let rescueId = '';

// A 2×2 PNG, so the photo goes through the app's compression and the server's re-encoding.
const scene = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

before(async () => {
  h = await startHarness();
  owner = await h.newPage({ mobile: true, isolated: true });
  await owner.context().grantPermissions(['geolocation'], { origin: h.baseUrl });
  await owner.context().setGeolocation({ latitude: 31.2108, longitude: 121.5903, accuracy: 30 });
  advisor = await h.newPage({ mobile: true, isolated: true });
});

after(async () => {
  await h?.close();
});

const signInAdvisor = async () => {
  await advisor.goto(`${h.baseUrl}/advisor/`);
  await advisor.getByTestId('login').fill('advisor');
  await advisor.getByTestId('password').fill('m4s-demo');
  await advisor.getByTestId('sign-in').click();
  await advisor.getByTestId('open-service-requests').waitFor();
};

/** The advisor takes the next step of a request on its page (filling what the step asks for). */
const step = async (id: string, fields: Record<string, string> = {}) => {
  await advisor.goto(`${h.baseUrl}/advisor/service-requests/${id}`);
  await advisor.getByTestId('sr-advance').waitFor();
  for (const [key, value] of Object.entries(fields))
    await advisor.getByTestId(`sr-field-${key}`).locator('input').fill(value);
  await advisor.getByTestId('sr-advance').click();
};

const statusIs = async (text: string) => {
  await owner.getByTestId('svc-status').filter({ hasText: text }).waitFor({ timeout: 15_000 });
};

void test('the owner calls roadside rescue: position with consent, a photo, the call buttons', async () => {
  await h.signInOwner(owner, '13800000001');
  await owner.goto(`${h.baseUrl}/o/demo/services`);
  await owner.getByTestId('service-tiles').waitFor();
  await h.shot(owner, 'services-tab');
  await owner.getByTestId('service-rescue').click();
  await owner.getByTestId('page-service-rescue').waitFor();
  await owner.getByTestId('svc-store').getByText('上海浦东4S店').click();
  assert.equal(await owner.getByTestId('svc-call-rescueLine').getAttribute('href'), 'tel:021-58889110');
  assert.equal(await owner.getByTestId('svc-call-oem').getAttribute('href'), 'tel:400-810-1010');
  await owner.getByTestId('svc-location-consent').click();
  await owner.getByTestId('svc-location-state').filter({ hasText: '已获取位置' }).waitFor();
  await owner.getByTestId('svc-field-trouble').getByText('爆胎/缺气').click();
  await owner.getByTestId('svc-field-contact').locator('input').fill('13800000001');
  await owner.getByTestId('svc-photo').locator('input[type=file]').setInputFiles({
    name: 'scene.png',
    mimeType: 'image/png',
    buffer: scene,
  });
  await owner.locator('.adm-image-uploader-cell-image').first().waitFor();
  await h.shot(owner, 'rescue-form');
  await owner.getByTestId('svc-submit').click();
  await owner.getByTestId('page-service-request').waitFor();
  await statusIs('已受理');
  rescueId = /\/services\/requests\/([0-9a-f-]{36})/.exec(owner.url())?.[1] ?? '';
  assert.ok(rescueId, owner.url());
  assert.equal(await owner.getByTestId('svc-call-rescueLine').count(), 1, 'the call buttons stay on the request');
});

void test('the advisor dispatches it from 服务请求 and the owner sees each step without reloading', async () => {
  await signInAdvisor();
  await advisor.getByTestId('open-service-requests').click();
  const item = advisor.getByTestId('sr-item').filter({ hasText: '道路救援' }).filter({ hasText: '已受理' });
  await item.first().waitFor();
  assert.match((await item.first().textContent()) ?? '', /紧急/, 'rescue is at the top as 紧急');
  await h.shot(advisor, 'service-requests');
  await advisor.goto(`${h.baseUrl}/advisor/service-requests/${rescueId}`);
  await advisor.getByTestId('sr-map').waitFor();
  await step(rescueId, { driver: '赵师傅', etaMinutes: '25' });
  await advisor.getByTestId('sr-status').filter({ hasText: '已派车' }).waitFor();
  await statusIs('已派车');
  await owner.getByTestId('svc-driver').filter({ hasText: '赵师傅' }).waitFor();
  await owner.getByTestId('svc-eta').filter({ hasText: '约25分钟' }).waitFor();
  await h.shot(owner, 'rescue-dispatched');
  await step(rescueId);
  await statusIs('已到达');
  await step(rescueId);
  await statusIs('已完成');
  await h.shot(owner, 'rescue-done');
});

void test('another service end to end: 洗车美容 asked, confirmed and done, seen live', async () => {
  await owner.goto(`${h.baseUrl}/o/demo/services/car_wash`);
  await owner.getByTestId('page-service-car_wash').waitFor();
  await owner.getByTestId('svc-store').getByText('上海浦东4S店').click();
  await owner.getByTestId('svc-field-kind').getByText('打蜡').click();
  await owner.getByTestId('svc-field-date').locator('input').fill('2030-05-01');
  await owner.getByTestId('svc-submit').click();
  await owner.getByTestId('page-service-request').waitFor();
  await statusIs('已受理');
  const id = /\/services\/requests\/([0-9a-f-]{36})/.exec(owner.url())?.[1] ?? '';
  await step(id);
  await statusIs('已确认');
  await step(id);
  await statusIs('已完成');
  await owner.goto(`${h.baseUrl}/o/demo/services`);
  const mine = owner.getByTestId('svc-request-item');
  await mine.filter({ hasText: '洗车美容' }).first().waitFor();
  await mine.filter({ hasText: '道路救援' }).first().waitFor();
});
