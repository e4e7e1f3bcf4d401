// A DMS export as one workbook of three sheets (客户 / 车辆 / 工单, Chinese headers), built here with
// ExcelJS: the group admin uploads it with 自动识别, finds every sheet listed with its kind and the
// suggested mapping, starts one run, watches a bar per sheet, and reads the report per sheet (the rows
// at fault keep their own sheet's row numbers) — then downloads it as one .xlsx naming the sheets.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { vinCheckDigit } from '@m4s/contracts';
import { startHarness, type Harness, type Page } from './harness.ts';

/** A valid VIN (its check digit computed) from a serial number. */
const vin = (serial: number) => {
  const body = `LFVBA24B0P3${String(serial).padStart(6, '0')}`;
  return `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;
};
/** The same VIN with its check digit wrong: refused on its row. */
const badVin = (serial: number) => {
  const good = vin(serial);
  return `${good.slice(0, 8)}${good[8] === '1' ? '2' : '1'}${good.slice(9)}`;
};

const phone = (n: number) => `1391234${String(n).padStart(4, '0')}`;

/**
 * The workbook, sheet by sheet in the file's order, and the kind chosen for each in the console (the
 * server suggests them from the headers; `kind` is what the test picks, whatever was suggested).
 * `failed` is the row of the sheet expected in the report, by its own row number in Excel.
 */
const sheets = [
  {
    name: '客户',
    kind: 'customers',
    rows: [
      ['客户编号', '客户姓名', '手机号码', '性别', '出生日期', '联系地址'],
      ['KH0001', '陈建国', phone(1), '男', '1980-04-12', '上海市浦东新区张杨路 100 号'],
      ['KH0002', '林晓燕', phone(2), '女', '', '上海市徐汇区漕溪北路 8 号'],
      ['KH0003', '黄志强', phone(3), '男', '', '上海市闵行区莘庄 3 号'],
      ['KH0004', '周丽', phone(4), '女', '', '上海市静安区南京西路 66 号'],
      // Row 6: a landline, no mainland mobile — kept under 客户编号 without a phone (a data-fix task).
      ['KH0005', '吴刚', '021-51234567', '男', '', ''],
      // Row 7: a date that does not exist: the row is refused.
      ['KH0006', '郑敏', phone(6), '女', '1990-02-30', ''],
    ],
    failed: { row: 7, column: '出生日期' },
  },
  {
    name: '车辆',
    kind: 'vehicles',
    rows: [
      ['客户编号', '车架号', '车牌号', '购车日期'],
      ['KH0001', vin(1), '沪A12301', '2021-05-06'],
      ['KH0002', vin(2), '沪B23402', '2022/8/18'],
      ['KH0003', vin(3), '沪C34503', '2020年3月1日'],
      // Row 5: a VIN whose check digit is wrong.
      ['KH0004', badVin(4), '沪D45604', '2023-01-15'],
      // Row 6: the customer kept without a phone still gets their car (the plate written with a dash).
      ['KH0005', vin(5), '沪E-50029', '2019-07-01'],
    ],
    failed: { row: 5, column: '车架号' },
  },
  {
    name: '工单',
    kind: 'repair_orders',
    rows: [
      ['工单号', '车架号', '进厂日期', '维修类型', '进厂里程', '工时费', '材料费', '材料成本'],
      ['WX2024001', vin(1), '2024-03-05', '保养', '15000', '180', '68.50', '41.20'],
      ['WX2024002', vin(2), '2024-04-10', '一般维修', '32000', '260', '0', '0'],
      // Row 4: an amount that is not a number.
      ['WX2024003', vin(3), '2024-05-20', '保养', '41000', '1..8', '120', '80'],
      ['WX2024004', vin(5), '2024-06-01', '保养', '38000', '200', '150', '90'],
    ],
    failed: { row: 4, column: '工时费' },
  },
] as const;

/** Each sheet's data rows (below its header). */
const dataRows = (sheet: (typeof sheets)[number]) => sheet.rows.length - 1;

const workbook = async () => {
  const book = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow([...row]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
};

let h: Harness;
let page: Page;

/** The text an antd select shows for its chosen option. */
const selected = (scope: ReturnType<Page['getByTestId']>, testId: string) =>
  scope.getByTestId(testId).locator('xpath=ancestor-or-self::div[contains(@class,"ant-select")][1]').innerText();

before(async () => {
  h = await startHarness();
  page = await h.newPage();
});

after(async () => {
  await h?.close();
});

void test('the workbook is uploaded with 自动识别 and every sheet comes with its kind and mapping', async () => {
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('admin');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('nav-imports').click();
  await page.locator('[data-testid="import-kind-auto"][aria-checked="true"]').waitFor();
  await page.locator('input[type=file]').setInputFiles({
    name: '旧DMS导出.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await workbook(),
  });
  await page.getByTestId('import-mapping').waitFor();
  const list = page.getByTestId('import-sheets');
  for (const [index, sheet] of sheets.entries()) {
    await list.getByText(sheet.name, { exact: true }).waitFor();
    const picker = page.getByTestId(`sheet-kind-${index}`);
    if ((await picker.getAttribute('data-kind')) !== sheet.kind) {
      await picker.locator('.ant-select').click();
      await page.getByTestId(`sheet-kind-option-${sheet.kind}`).click();
    }
    await page.locator(`[data-testid="sheet-kind-${index}"][data-kind="${sheet.kind}"]`).waitFor();
    // The suggested mapping covers the kind's required fields: nothing left to map.
    assert.match(await page.getByTestId(`sheet-state-${index}`).innerText(), /已映射/);
  }
  await page.getByTestId('import-order').waitFor();
  await h.shot(page, 'imports-workbook-sheets');

  // Each sheet's mapping, as suggested from its Chinese headers.
  await page.getByTestId('sheet-tab-0').click();
  const customers = page.getByTestId('import-sheet-0');
  assert.equal(await selected(customers, 'mapping-customerName'), '客户姓名');
  assert.equal(await selected(customers, 'mapping-phone'), '手机号码');
  await page.getByTestId('sheet-tab-2').click();
  const orders = page.getByTestId('import-sheet-2');
  assert.equal(await selected(orders, 'mapping-orderNumber'), '工单号');
  assert.equal(await selected(orders, 'mapping-vin'), '车架号');
  assert.equal(await selected(orders, 'mapping-labourAmount'), '工时费');
  await page.getByTestId('sheet-tab-1').click();
  const cars = page.getByTestId('import-sheet-1');
  assert.equal(await selected(cars, 'mapping-vin'), '车架号');
  assert.ok((await cars.getByTestId('import-preview').locator('tbody tr').count()) > 0);
  await h.shot(page, 'imports-workbook-mapping');
});

void test('one run imports the sheets with a bar per sheet, and ends with each sheet done', async () => {
  await page.getByTestId('import-start').click();
  await page.getByTestId('sheet-progress').waitFor();
  await h.shot(page, 'imports-workbook-progress');
  await page.locator('[data-testid="import-progress"][data-status="done"]').waitFor({ timeout: 120_000 });
  for (const [index, sheet] of sheets.entries()) {
    const row = page.locator(`[data-testid="sheet-progress-${index}"][data-status="done"]`);
    await row.waitFor();
    const n = dataRows(sheet);
    assert.match(await row.getByTestId('sheet-rows').innerText(), new RegExp(`已处理 ${n} / ${n} 行`));
    assert.match(await row.getByTestId('sheet-rows-failed').innerText(), /失败 1 行/);
  }
  const total = sheets.reduce((n, s) => n + dataRows(s), 0);
  assert.match(
    (await page.getByTestId('import-rows').textContent()) ?? '',
    new RegExp(`已处理 ${total} / ${total} 行`),
  );
  // What the rows became, per sheet: the orders sheet made orders on the cars of the sheet before it.
  await page.getByTestId('sheet-progress-2').getByTestId('sheet-count-ordersCreated').waitFor();
  await page.getByTestId('sheet-progress-1').getByTestId('sheet-count-vehiclesCreated').waitFor();
  await page.getByTestId('sheet-progress-0').getByTestId('sheet-count-customersCreated').waitFor();
  await h.shot(page, 'imports-workbook-done');
});

void test('the report names each row by its sheet and its own row number, one sheet at a time if asked', async () => {
  const errors = page.getByTestId('import-errors');
  for (const sheet of sheets) {
    const line = errors.locator('tbody tr', { hasText: sheet.failed.column }).filter({ hasText: sheet.name });
    await line.getByText(`第 ${sheet.failed.row} 行`).first().waitFor();
  }
  const last = sheets[2];
  await page.getByTestId('import-errors-sheet').getByText(last.name, { exact: false }).click();
  await errors.locator('tbody tr').first().waitFor();
  for (const text of await errors.locator('tbody tr.ant-table-row td:first-child').allInnerTexts())
    assert.equal(text, last.name, 'only the chosen sheet’s rows');
  await h.shot(page, 'imports-workbook-errors');

  const downloaded = page.waitForEvent('download');
  await page.getByTestId('import-errors-download').click();
  const file = await downloaded;
  assert.match(file.suggestedFilename(), /错误报告\.xlsx$/);
  const path = await file.path();
  const report = new ExcelJS.Workbook();
  await report.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  const ws = report.worksheets[0];
  assert.deepEqual((ws?.getRow(1).values as unknown[]).slice(1, 3), ['工作表', '行号']);
  const listed = new Set<string>();
  ws?.eachRow((row, n) => {
    if (n > 1) listed.add(`${row.getCell(1).text}:${row.getCell(2).text}`);
  });
  for (const sheet of sheets) assert.ok(listed.has(`${sheet.name}:${sheet.failed.row}`), [...listed].join(' '));
});
