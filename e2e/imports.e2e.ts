// Data import (数据导入) and export: the group admin uploads the shipped DMS sample 客户车辆档案, finds the
// columns already mapped, starts the run and watches it finish (a reload in the middle lands on the same
// job) with the broken rows listed by row and column; then the repair-order sample CSV. A car from the
// sample shows up on 客户管理 with its repair orders, and the search result is exported to Excel.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let page: Page;
let customersJobId = '';

const samples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'samples', 'dms');
const customersFile = path.join(samples, '客户车辆档案-示例.xlsx');
const ordersFile = path.join(samples, '维修工单明细-示例.csv');

/** The first repair order of the CSV sample: its number and car, looked for later in the 360 view. */
const firstOrder = (() => {
  const lines = readFileSync(ordersFile, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const headers = (lines[0] ?? '').split(',');
  const cells = (lines[1] ?? '').split(',');
  const cell = (name: string) => cells[headers.indexOf(name)] ?? '';
  return { number: cell('工单号'), vin: cell('车架号') };
})();

const jobIdOf = (p: Page) => {
  const match = /\/admin\/imports\/([0-9a-f-]{36})$/.exec(new URL(p.url()).pathname);
  assert.ok(match, `not on an import's page: ${p.url()}`);
  return match[1] ?? '';
};

/** The text an antd select shows for its chosen option. */
const selected = (testId: string) =>
  page.getByTestId(testId).locator('xpath=ancestor-or-self::div[contains(@class,"ant-select")][1]').innerText();

/** Before a screenshot: success toasts faded out. */
const settle = async (p: Page) => {
  await p
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
};

const finished = (p: Page) =>
  p.locator('[data-testid="import-progress"][data-status="done"]').waitFor({ timeout: 120_000 });

before(async () => {
  assert.match(firstOrder.vin, /^[A-HJ-NPR-Z0-9]{17}$/, 'the repair-order sample starts with a VIN');
  h = await startHarness();
  page = await h.newPage();
});

after(async () => {
  await h?.close();
});

void test('the admin opens 数据导入 and sees both kinds of DMS file with their samples', async () => {
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('admin');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('nav-imports').click();
  await page.getByTestId('import-kind-customers').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/imports');
  await page.getByTestId('import-sample-customers').waitFor();
  await page.getByTestId('import-sample-repair_orders').waitFor();
  await page.getByText('100MB').waitFor();
  await h.shot(page, 'imports-start');
});

void test('the customer sample is uploaded and its columns come prefilled in the mapping', async () => {
  await page.getByTestId('import-kind-customers').click();
  await page.locator('[data-testid="import-kind-customers"][aria-checked="true"]').waitFor();
  await page.locator('input[type=file]').setInputFiles(customersFile);
  await page.getByTestId('import-mapping').waitFor();
  customersJobId = jobIdOf(page);
  assert.equal(await selected('mapping-customerName'), '客户姓名');
  assert.equal(await selected('mapping-phone'), '手机号码');
  assert.equal(await selected('mapping-vin'), '车架号');
  // Required fields are marked, and the preview shows the file's own rows.
  assert.ok((await page.getByTestId('mapping-table').getByText('必填').count()) >= 2);
  assert.ok((await page.getByTestId('import-preview').locator('tbody tr').count()) > 0);
  await h.shot(page, 'imports-mapping');
});

void test('the import starts, survives a reload mid-run, and finishes with the broken rows listed', async () => {
  await page.getByTestId('import-start').click();
  await page.getByTestId('import-progress').waitFor();
  await page.getByTestId('import-progress-bar').waitFor();
  await h.shot(page, 'imports-progress');
  // The run is the server's: a reload comes back to the same job, wherever it has got to.
  await page.reload();
  await page.getByTestId('import-progress').waitFor();
  assert.equal(jobIdOf(page), customersJobId);
  await finished(page);

  assert.match((await page.getByTestId('import-rows').textContent()) ?? '', /已处理 200 \/ 200 行/);
  assert.match((await page.getByTestId('import-rows-failed').textContent()) ?? '', /失败 6 行/);
  await page.getByTestId('import-done').waitFor();
  assert.ok(
    Number(await page.getByTestId('import-count-customersCreated').locator('.ant-statistic-content').innerText()) > 0,
  );
  await page.getByTestId('import-count-customersMerged').waitFor();

  const errors = page.getByTestId('import-errors');
  await errors.locator('tbody tr').first().waitFor();
  await errors
    .getByText(/第 \d+ 行/)
    .first()
    .waitFor();
  await errors.getByRole('cell', { name: '车架号' }).first().waitFor();
  await errors.getByRole('cell', { name: '手机号码' }).first().waitFor();
  await page.getByTestId('import-errors-download').waitFor();
  await settle(page);
  await h.shot(page, 'imports-customers-done');
});

void test('a reload after the run shows the finished job and its errors again', async () => {
  await page.reload();
  await finished(page);
  assert.equal(jobIdOf(page), customersJobId);
  await page
    .getByTestId('import-errors')
    .getByText(/第 \d+ 行/)
    .first()
    .waitFor();
});

void test('the repair-order sample CSV is imported the same way', async () => {
  await page.getByTestId('import-new').click();
  await page.getByTestId('import-kind-repair_orders').click();
  await page.locator('input[type=file]').setInputFiles(ordersFile);
  await page.getByTestId('import-mapping').waitFor();
  assert.notEqual(jobIdOf(page), customersJobId);
  assert.equal(await selected('mapping-orderNumber'), '工单号');
  assert.equal(await selected('mapping-dateIn'), '进厂日期');
  await h.shot(page, 'imports-orders-mapping');
  await page.getByTestId('import-start').click();
  await finished(page);
  assert.ok(
    Number(await page.getByTestId('import-count-ordersCreated').locator('.ant-statistic-content').innerText()) > 0,
  );
  await settle(page);
  await h.shot(page, 'imports-orders-done');
});

void test('the history lists both imports as finished', async () => {
  await page.getByTestId('nav-imports').click();
  const history = page.getByTestId('import-history');
  await history.getByText('客户车辆档案-示例.xlsx').waitFor();
  await history.getByText('维修工单明细-示例.csv').waitFor();
  // The list may first show the last run as it was a moment ago; it polls while a run is active.
  const done = history.locator('[data-testid="import-status"][data-status="done"]');
  await done.nth(1).waitFor();
  assert.equal(await done.count(), 2);
  await h.shot(page, 'imports-history');
});

void test('a car from the sample is found on 客户管理 with its repair orders in the 360 view', async () => {
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customer-search').locator('input').fill(firstOrder.vin);
  await page.getByTestId('customer-search').locator('input').press('Enter');
  const results = page.getByTestId('customer-results');
  await results.locator('a[data-testid^="customer-link-"]').first().click();
  await page.getByTestId('customer-360').waitFor();
  await page.getByTestId(`vehicle-${firstOrder.vin}`).waitFor();
  await page.getByTestId('repair-orders').getByText(firstOrder.number).waitFor();
  await h.shot(page, 'imports-customer-360');
});

void test('the search result is exported to Excel', async () => {
  await page.goBack();
  await page.getByTestId('customer-results').locator('a[data-testid^="customer-link-"]').first().waitFor();
  const downloaded = page.waitForEvent('download');
  await page.getByTestId('customer-export').click();
  const file = await downloaded;
  assert.match(file.suggestedFilename(), /\.xlsx$/);
  await page.getByText(/已导出/).waitFor();
  await h.shot(page, 'imports-export');
});
