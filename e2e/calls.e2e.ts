// The follow-up call centre as a CS specialist works it at a desk (issue 14): a 3-day follow-up in her
// queue, the call screen with the script filled in and one tap to dial, "不方便" with an agreed time —
// and the call comes back in the queue, rescheduled to that time, with the attempt kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let page: Page;
let customerName = '';

before(async () => {
  h = await startHarness();
  page = await h.newPage();
});

after(async () => {
  await h?.close();
});

/** Tomorrow's local day in Shanghai (the browser's zone) as YYYY-MM-DD, and its M/D as the page shows it. */
const tomorrow = () => {
  const d = new Date(Date.now() + 86_400_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
  const [, m, dd] = day.split('-').map(Number) as [number, number, number];
  return { day, md: `${m}/${dd}` };
};

void test('the CS specialist signs in at her desk and finds a 3-day follow-up in her queue', async () => {
  await page.goto(`${h.baseUrl}/advisor/`);
  await page.getByTestId('login').fill('cs');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('open-calls').waitFor();

  // The 3-day follow-up of the demo owner's purchase, made by hand from the rule's call template.
  const me = (await (await page.request.get('/api/auth/staff/me')).json()) as { csrfToken: string };
  const found = (await (await page.request.get('/api/customers?q=13800000001')).json()) as {
    items: { id: string; name: string }[];
  };
  const customer = found.items[0];
  assert.ok(customer, 'the demo owner');
  customerName = customer.name;
  const cars = (await (await page.request.get(`/api/customers/${customer.id}/vehicles`)).json()) as {
    items: { id: string }[];
  };
  const made = await page.request.post('/api/calls', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { customerId: customer.id, vehicleId: cars.items[0]?.id ?? null, template: 'follow_up_3d' },
  });
  assert.equal(made.status(), 201, await made.text());

  await page.getByTestId('open-calls').click();
  await page.getByTestId('calls-when').getByText('全部').click();
  const row = page.getByTestId('call-row').filter({ hasText: customerName }).filter({ hasText: '新车3日回访' });
  await row.first().waitFor();
  await h.shot(page, 'calls-queue');
});

void test('the call screen: the script filled in, one tap to dial, the customer’s summary', async () => {
  const row = page.getByTestId('call-row').filter({ hasText: customerName }).filter({ hasText: '新车3日回访' });
  await row.first().getByTestId('call-open').click();
  await page.getByTestId('call-screen').waitFor();
  const script = (await page.getByTestId('call-script').textContent()) ?? '';
  assert.match(script, /您三天前在我店购买了一辆/);
  assert.doesNotMatch(script, /\{\{/, 'every variable filled in');
  assert.match((await page.getByTestId('call-dial').getAttribute('href')) ?? '', /^tel:1\d{10}$/);
  await page.getByTestId('call-summary').getByText('车辆').waitFor();
  await h.shot(page, 'calls-screen');
});

void test('"不方便": rescheduled to the agreed time, never cancelled — it comes back in the queue', async () => {
  const { day, md } = tomorrow();
  await page.getByTestId('call-outcome-not_convenient').click();
  await page.getByTestId('call-outcome-sheet').waitFor();
  // Without a time it is refused before anything is sent.
  await page.getByTestId('call-outcome-save').click();
  await page.getByTestId('call-outcome-error').getByText('请填写约定时间').waitFor();
  await page.getByTestId('call-callback-at').fill(`${day}T15:30`);
  await page.getByTestId('call-note').locator('textarea').fill('客户在开车，约明天下午');
  await h.shot(page, 'calls-not-convenient');
  await page.getByTestId('call-outcome-save').click();
  await page.getByTestId('call-outcome-sheet').waitFor({ state: 'detached' });

  // The screen shows the new state and the attempt with its agreed time.
  await page.getByTestId('call-screen').getByText('已改约').first().waitFor();
  const attempt = page.getByTestId('call-attempt').first();
  await attempt.getByText('不方便').waitFor();
  assert.match((await attempt.textContent()) ?? '', new RegExp(`→ ${md} 15:30`));
  await page.getByText('上次客户不方便', { exact: false }).waitFor();

  // Back in the queue: the same call, rescheduled, due at the agreed time.
  await page.goto(`${h.baseUrl}/advisor/calls`);
  await page.getByTestId('calls-when').getByText('全部').click();
  const row = page.getByTestId('call-row').filter({ hasText: customerName }).filter({ hasText: '新车3日回访' });
  await row.first().getByText('已改约').waitFor();
  assert.equal(await row.first().getByTestId('call-due').textContent(), `${md} 15:30`);
  assert.match((await row.first().textContent()) ?? '', /已拨 1 次/);
  await h.shot(page, 'calls-rescheduled');
});
