// Contact governance as the owner and the group admin see it (issue 5): the owner turns off offers and
// sets quiet hours in 我的 › 消息设置; the admin's 关怀试运行 for the day the owner's win-back offer (a
// marketing touch, six months after the last visit — seed 002's first recall step) falls due then lists the owner as held back, with
// the reason. The admin also finds the care rules and the customer segments in the console.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';

const ownerPhone = '13800000001';
let h: Harness;
let owner: Page;
let admin: Page;
let customerName = '';

before(async () => {
  h = await startHarness();
  owner = await h.newPage({ mobile: true });
  admin = await h.newPage();
});

after(async () => {
  await h?.close();
});

/** A local day plus whole months, as the win-back rule counts them (the month's last day when shorter). */
const plusMonths = (day: string, months: number) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  const at = new Date(Date.UTC(y, m - 1 + months, Math.min(d, last)));
  return at.toISOString().slice(0, 10);
};

const shanghaiDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

void test('the owner turns off offers and sets quiet hours in 我的 › 消息设置', async () => {
  await h.signInOwner(owner, ownerPhone);

  await owner.getByTestId('tab-me').click();
  await owner.getByTestId('me-contact').click();
  await owner.getByTestId('page-contact').waitFor();
  await owner.getByText('预约确认、维修进度和验证码等服务通知不受以下设置影响', { exact: false }).waitFor();
  const marketing = owner.getByTestId('marketing-toggle');
  assert.equal(await marketing.getAttribute('aria-checked'), 'true', 'offers are on until the owner says no');
  await marketing.click();
  await owner.getByTestId('quiet-toggle').click();
  await owner.getByTestId('quiet-start').fill('21:30');
  await owner.getByTestId('quiet-end').fill('08:30');
  await owner.getByTestId('contact-save').click();
  await owner.getByText('设置已保存').waitFor();
  await h.shot(owner, 'care-owner-preferences');

  // What the server kept, as the page reads it after a reload.
  await owner.reload();
  await owner.getByTestId('page-contact').waitFor();
  assert.equal(await owner.getByTestId('marketing-toggle').getAttribute('aria-checked'), 'false');
  assert.equal(await owner.getByTestId('quiet-start').inputValue(), '21:30');
  assert.equal(await owner.getByTestId('quiet-end').inputValue(), '08:30');
});

void test('the admin’s dry run lists the owner as held back from the win-back offer, with the reason', async () => {
  await admin.goto(`${h.baseUrl}/admin/`);
  await admin.getByTestId('login').fill('admin');
  await admin.getByTestId('password').fill('m4s-demo');
  await admin.getByTestId('sign-in').click();
  await admin.getByTestId('nav-care-rules').waitFor();

  // The day the owner's win-back falls due: six months after the customer's last workshop visit (seed 002).
  const found = (await (await admin.request.get(`/api/customers?q=${ownerPhone}`)).json()) as {
    items: { id: string; name: string }[];
  };
  const customer = found.items[0];
  assert.ok(customer, 'the demo owner’s customer record');
  customerName = customer.name;
  const overview = (await (await admin.request.get(`/api/customers/${customer.id}/overview`)).json()) as {
    repairOrders: { dateIn: string }[];
  };
  const lastVisit = overview.repairOrders
    .map((r) => shanghaiDay(r.dateIn))
    .sort()
    .at(-1);
  assert.ok(lastVisit, 'the demo car has a service history');
  const day = plusMonths(lastVisit, 6);

  await admin.getByTestId('nav-care-rules').click();
  await admin.getByText('流失召回').first().waitFor();
  await h.shot(admin, 'care-admin-rules');

  await admin.getByTestId('nav-care-dry-run').click();
  await admin.getByTestId('dry-run-day').fill(day);
  await admin.getByTestId('dry-run-go').click();
  await admin.getByTestId('dry-run-summary').waitFor();
  const row = admin
    .getByTestId('dry-run-table')
    .locator('tr', { hasText: customerName })
    .filter({ hasText: '流失召回' });
  await row.first().waitFor();
  const text = (await row.first().textContent()) ?? '';
  assert.match(text, /拦截/);
  assert.match(text, /客户拒收营销信息/);
  assert.match(text, /138\*{4}0001/, 'the phone is masked');
  await h.shot(admin, 'care-admin-dry-run');
});

void test('the dry run wrote nothing: the owner’s 消息设置 lists no win-back touch', async () => {
  await owner.reload();
  await owner.getByTestId('contact-recent').waitFor();
  assert.equal(await owner.getByTestId('touch-item').filter({ hasText: '回厂关怀' }).count(), 0);
});

void test('the console shows the customer segments, classified when the demo was made, and recomputes them', async () => {
  await admin.getByTestId('nav-segments').click();
  const computed = admin.getByTestId('segment-computed-on');
  await computed.waitFor();
  assert.match((await computed.textContent()) ?? '', /\d{4}-\d{2}-\d{2}/);
  await admin.getByTestId('segment-card-frequency').waitFor();
  await admin.getByTestId('segment-recompute').click();
  await admin.getByText('已提交', { exact: false }).first().waitFor();
  await h.shot(admin, 'care-admin-segments');
});
