// 月度报告 (issue 18 point 5): the store manager opens 月度报告 on a fresh demo, finds last month's report of their
// store (made by the demo seed as the night of the 1st would), and downloads both files: the XLSX holds the KPI
// board's figures, the PDF embeds the Chinese font.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { startHarness, type Harness, type Page } from './harness.ts';
import { staffApi, type Api } from './staff-api.ts';

type Report = { id: string; month: string; storeId: string | null; offTarget: number };
type Figure = { id: string; actual: number | null };

let h: Harness;
let page: Page;
let api: Api;

before(async () => {
  h = await startHarness();
  page = await h.newPage();
  api = await staffApi((await h.newPage({ isolated: true })).request, 'store.manager');
});

after(async () => {
  await h?.close();
});

void test('a store manager downloads last month’s report of their store as XLSX and PDF', async () => {
  const reports = await api.get<{ items: Report[] }>('/reports');
  const report = reports.items[0]!;
  assert.ok(report && report.storeId, 'the demo seed made last month’s report of the manager’s store');
  const board = await api.get<{ items: Figure[] }>(`/kpis?month=${report.month}&storeId=${report.storeId}`);

  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('store.manager');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('nav-reports').click();
  const xlsxLink = page.getByTestId(`xlsx-${report.storeId}-${report.month}`);
  await xlsxLink.waitFor();
  await h.shot(page, 'reports-01-list');

  const xlsxDownload = page.waitForEvent('download');
  await xlsxLink.click();
  const xlsx = await xlsxDownload;
  assert.match(xlsx.suggestedFilename(), new RegExp(`^月度报告-.+-${report.month}\\.xlsx$`));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(await xlsx.path())) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('指标与目标')!;
  let capture: unknown;
  sheet.eachRow((row) => {
    if (row.getCell(1).text === '保养获得率') capture = row.getCell(2).value;
  });
  assert.equal(capture ?? null, board.items.find((i) => i.id === 'maintenance_capture')!.actual);

  const pdfDownload = page.waitForEvent('download');
  await page.getByTestId(`pdf-${report.storeId}-${report.month}`).click();
  const pdf = await readFile(await (await pdfDownload).path());
  const text = pdf.toString('latin1');
  assert.equal(text.slice(0, 5), '%PDF-');
  assert.match(text, /\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/, 'the Chinese font is embedded');
  assert.ok(Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(text)?.[1]) >= 1);
});
