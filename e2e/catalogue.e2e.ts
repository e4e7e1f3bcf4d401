// 未匹配车型库的值 (issue 12): a DMS export whose phones, plates and names are typed every which way imports
// whole; the brand/series/model values the catalogue lacks are listed once under the report with their row
// counts; the admin adds the missing series (加入车型库) and importing the same file again matches the cars.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vinCheckDigit } from '@m4s/contracts';
import { startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let page: Page;

const vinOf = (serial: number) => {
  const draft = `LSVAU2180N${String(serial).padStart(7, '0')}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
};

/** A UTF-8 (BOM) CSV as a DMS writes it, dirty formats included. */
const file = path.join(mkdtempSync(path.join(tmpdir(), 'm4s-e2e-')), '客户车辆档案-车型.csv');
writeFileSync(
  file,
  '\uFEFF' +
    [
      ['客户姓名', '手机号码', '车架号', '车牌号', '品牌', '车系', '车型'],
      [' 周　 一 ', '１３８１１１１０００１', vinOf(901), '沪E-60001', '大众', '', '朗逸'],
      ['吴二', '+86 139-1111-0002', vinOf(902), '沪E·60002', '比亚迪', '', '汉EV'],
      ['郑三', '0086 137 1111 0003', vinOf(903).toLowerCase(), '沪 E 60003', '比亚迪', '海豹07', ''],
      ['王四', '13611110004', vinOf(904), '沪E.60004', '比亚迪', '海豹07', ''],
      ['冯五', '13511110005', vinOf(905), '', '长城', '炮', ''],
    ]
      .map((r) => r.join(','))
      .join('\r\n') +
    '\r\n',
);

const unlistedRows = async (p: Page) => {
  await p.getByTestId('import-unlisted').waitFor();
  return p.locator('[data-testid="import-unlisted"] tbody tr.ant-table-row').allInnerTexts();
};

const importTheFile = async () => {
  await page.getByTestId('nav-imports').click();
  await page.getByTestId('import-kind-customers').click();
  await page.locator('[data-testid="import-kind-customers"][aria-checked="true"]').waitFor();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('import-start').click();
  await page.locator('[data-testid="import-progress"][data-status="done"]').waitFor({ timeout: 120_000 });
};

before(async () => {
  h = await startHarness();
  page = await h.newPage();
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('admin');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
});

after(async () => {
  await h?.close();
});

void test('dirty rows all import, and the values the catalogue lacks are listed once with their rows', async () => {
  await importTheFile();
  await page.getByText('共 5 行，全部导入成功').waitFor();
  const rows = await unlistedRows(page);
  assert.deepEqual(
    rows.map((r) => r.split(/\s+/).slice(0, 3).join(' ')),
    ['海豹07 车系 2', '长城 品牌 1', '炮 车系 1'],
  );
  await h.shot(page, 'import-unlisted');
});

void test('the admin adds the missing series, and the same file imported again matches its cars', async () => {
  await page.getByTestId('unlisted-add').first().click();
  await page.getByTestId('unlisted-name').waitFor();
  assert.equal(await page.getByTestId('unlisted-name').inputValue(), '海豹07');
  await page.getByTestId('unlisted-save').click();
  await page.getByText('已加入车型库：海豹07').waitFor();
  await page.locator('[data-testid="import-unlisted"] .ant-tag-success').getByText('已在车型库').waitFor();
  // A brand is the platform's to add: its button stays disabled.
  const brandRow = page.locator('[data-testid="import-unlisted"] tr.ant-table-row', { hasText: '长城' });
  assert.equal(await brandRow.getByTestId('unlisted-add').isDisabled(), true);

  await importTheFile();
  const rows = await unlistedRows(page);
  assert.deepEqual(
    rows.map((r) => r.split(/\s+/).slice(0, 3).join(' ')),
    ['长城 品牌 1', '炮 车系 1'],
  );
  await page.getByText('已合并车辆').waitFor();
});
