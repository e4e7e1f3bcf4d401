// Preview and undo of a DMS import: the group admin uploads a small customer file, previews its rows as
// they would be stored (nothing is written), starts the run, then undoes it: the import shows 已撤销.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let page: Page;

const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'm4s-undo-')), '撤销测试客户.csv');

before(async () => {
  writeFileSync(
    file,
    '\uFEFF客户姓名,手机号码,地址\r\n撤销甲,13912340001,上海市徐汇区\r\n撤销乙,13912340002,上海市长宁区\r\n,abc,坏行\r\n',
  );
  h = await startHarness();
  page = await h.newPage();
});

after(async () => {
  await h?.close();
});

void test('the preview shows the rows as they would be stored, then the finished run is undone', async () => {
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('admin');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('nav-imports').click();
  await page.getByTestId('import-kind-customers').click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('import-mapping').waitFor();

  await page.getByTestId('import-dry-run-start').click();
  const records = page.getByTestId('import-dry-run-records');
  await records.waitFor();
  await records.getByText('撤销甲').waitFor();
  await page
    .getByTestId('import-dry-run')
    .getByText(/第 4 行 手机号码/)
    .waitFor();
  await h.shot(page, 'imports-dry-run');

  await page.getByTestId('import-start').click();
  await page.locator('[data-testid="import-progress"][data-status="done"]').waitFor({ timeout: 60_000 });
  await page.getByTestId('import-undo').click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /^撤\s?销$/ })
    .click();
  await page.locator('[data-testid="import-status"][data-status="undone"]').waitFor();
  await page.getByTestId('import-undone').waitFor();
  assert.equal(await page.getByTestId('import-undo').count(), 0);
  await h.shot(page, 'imports-undone');
});
