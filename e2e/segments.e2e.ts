// Classes the trade means (issue 11 point 4) as the store manager sees them on the demo group: the segments
// page's churn measure without the seasonal and the new owners, the lapsing high-value list as a filter of
// its own, and on a customer's page the classes with why (R, F, M and the band or the nearest band).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let page: Page;

before(async () => {
  h = await startHarness();
  page = await h.newPage();
});

after(async () => {
  await h?.close();
});

void test('the store manager filters the lapsing high-value customers and reads why one is in his classes', async () => {
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('store.manager');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('nav-segments').click();

  const churn = page.getByTestId('segment-churn');
  await churn.waitFor();
  assert.match((await churn.textContent()) ?? '', /流失率 \d+\.\d%/);
  await page.getByTestId('segment-card-flag').waitFor();
  await page.getByTestId('segment-frequency-new_owner').waitFor();

  await page.getByTestId('segment-flag-lapsing').click();
  const list = page.getByTestId('segment-customers');
  await list.getByText('标记 · 高价值客户久未到店').waitFor();
  const first = page.getByTestId('segment-customers-table').locator('tbody tr a').first();
  await first.waitFor();
  await h.shot(page, 'segments-lapsing');
  await first.click();

  const classes = page.getByTestId('customer-classes');
  await classes.waitFor();
  await classes.getByTestId('class-flag-lapsing').waitFor();
  const rfm = (await classes.getByTestId('class-rfm').textContent()) ?? '';
  assert.match(rfm, /R 最近到店 \d+ 天前 · F 近12个月 \d+ 次 · M 近12个月 ¥[\d,]+/);
  assert.match(rfm, /符合该类标准|按距离最近归入（距离 \d+\.\d\d）/);
  assert.match((await classes.getByTestId('class-lapsing-why').textContent()) ?? '', /高价值客户久未到店/);
  await h.shot(page, 'segments-customer-why');
});
