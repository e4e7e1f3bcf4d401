// 指标体系 (issue 18): the general manager (the demo's `admin`) opens /kpis, sees the group's maintenance
// capture as the server computes it, drills from the group to a store, to an advisor, to the customers
// behind the number, and exports them to Excel.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { startHarness, type Harness, type Page } from './harness.ts';
import { staffApi, type Api } from './staff-api.ts';

type Figure = { id: string; actual: number | null; numerator: number | null; denominator: number | null };
type Breakdown = { rows: { key: string; label: string | null; numerator: number; denominator: number }[] };

let h: Harness;
let page: Page;
let api: Api;

before(async () => {
  h = await startHarness();
  page = await h.newPage();
  api = await staffApi((await h.newPage({ isolated: true })).request, 'admin');
});

after(async () => {
  await h?.close();
});

void test('the general manager drills the group’s maintenance capture to the customers behind it and exports them', async () => {
  const board = await api.get<{ items: Figure[] }>('/kpis');
  const capture = board.items.find((i) => i.id === 'maintenance_capture')!;
  assert.ok(capture.actual !== null && capture.denominator! > 0, 'the demo group has retained customers');

  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('admin');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('nav-kpis').click();
  const cell = page.getByTestId('kpi-actual-maintenance_capture');
  await cell.waitFor();
  assert.equal((await cell.innerText()).trim(), `${capture.actual.toFixed(2)}%`);
  await h.shot(page, 'kpis-01-board');

  // Group → store: the store with the most retained customers.
  await cell.click();
  const byStore = await api.get<Breakdown>('/kpis/maintenance_capture/breakdown?by=store');
  const store = [...byStore.rows].sort((a, b) => b.denominator - a.denominator)[0]!;
  assert.equal(
    byStore.rows.reduce((n, r) => n + r.denominator, 0),
    capture.denominator,
    'the stores add up to the group',
  );
  await page.getByTestId(`kpi-row-${store.key}`).click();
  await h.shot(page, 'kpis-02-store');

  // Store → advisor.
  const byAdvisor = await api.get<Breakdown>(`/kpis/maintenance_capture/breakdown?by=advisor&storeId=${store.key}`);
  const advisor = [...byAdvisor.rows].sort((a, b) => b.denominator - a.denominator)[0]!;
  await page.getByTestId(`kpi-row-${advisor.key}`).click();
  assert.equal((await page.getByTestId('kpi-drill-level').innerText()).trim(), advisor.label ?? '未分配');

  // Advisor → the customers: as many as the advisor's retained customers (the denominator ÷ 4).
  const customers = page.getByTestId('kpi-drill-customers');
  await customers.locator('tbody tr.ant-table-row').first().waitFor();
  await page.getByText(`共 ${advisor.denominator / 4} 条`).waitFor();
  await h.shot(page, 'kpis-03-customers');

  const downloaded = page.waitForEvent('download');
  await page.getByTestId('kpi-drill-export').click();
  const file = await downloaded;
  assert.match(file.suggestedFilename(), /指标明细-maintenance_capture-\d{8}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(await file.path())) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  assert.equal(sheet.rowCount - 1, advisor.denominator / 4, 'every customer behind the number, once');
  assert.equal(sheet.getRow(1).getCell(1).text, '客户');
});
