// The management cockpit (issue 18, points 3–4): the general manager signs in to the admin console and lands on
// 经营晨报 with today's figures, opens the list behind a number, drills group → store → advisor; the scorecards
// page shows the store's advisors ranked; an advisor opens 我的绩效 in the advisor app.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { startHarness, type Harness, type Page } from './harness.ts';
import { staffApi, type Api } from './staff-api.ts';

type Today = {
  level: string;
  totals: { carsIn: number; complaintsOpen: number };
  rows: { key: string; label: string; carsIn: number }[];
};

type Figure = { id: string; actual: number | null; denominator: number | null };
type Breakdown = { rows: { key: string; label: string | null; denominator: number }[] };

let h: Harness;
let admin: Page;
let api: Api;

before(async () => {
  h = await startHarness();
  admin = await h.newPage();
  api = await staffApi((await h.newPage({ isolated: true })).request, 'admin');
});

after(async () => {
  await h?.close();
});

const figureShown = async (page: Page, key: string) =>
  Number((await page.getByTestId(`figure-${key}`).locator('.ant-statistic-content-value').innerText()).trim());

void test('the general manager lands on the morning view and drills group → store → advisor', async () => {
  const group = await api.get<Today>('/cockpit/today');
  await admin.goto(`${h.baseUrl}/admin/`);
  await admin.getByTestId('login').fill('admin');
  await admin.getByTestId('password').fill('m4s-demo');
  await admin.getByTestId('sign-in').click();
  await admin.getByTestId('morning-rows').waitFor();
  assert.equal(new URL(admin.url()).pathname, '/admin/');
  assert.equal(await figureShown(admin, 'carsIn'), group.totals.carsIn);
  assert.equal(await figureShown(admin, 'complaintsOpen'), group.totals.complaintsOpen);
  await admin.getByTestId('trend-chart').locator('canvas').waitFor();
  await h.shot(admin, 'cockpit-01-group');

  // The list behind 未结投诉, with its export.
  await admin.getByTestId('figure-complaintsOpen').click();
  const table = admin.getByTestId('items-table');
  await table.waitFor();
  if (group.totals.complaintsOpen > 0) await table.locator('tbody tr.ant-table-row').first().waitFor();
  const rows = await table.locator('tbody tr.ant-table-row').count();
  assert.equal(rows, Math.min(group.totals.complaintsOpen, 50));
  const download = admin.waitForEvent('download');
  await admin.getByTestId('items-export').click();
  assert.match((await download).suggestedFilename(), /^complaintsOpen-.*\.csv$/);
  await h.shot(admin, 'cockpit-02-complaints');
  await admin.keyboard.press('Escape');

  // Group → the store with the most cars in today → its busiest advisor.
  const store = [...group.rows].sort((a, b) => b.carsIn - a.carsIn)[0]!;
  await admin.getByTestId(`drill-${store.label}`).click();
  await admin.waitForURL((u) => u.searchParams.get('store') === store.key);
  const storeDay = await api.get<Today>(`/cockpit/today?storeId=${store.key}`);
  assert.equal(storeDay.level, 'store');
  await admin.getByText(`${store.label} 今日概况，点击顾问查看明细`).waitFor();
  assert.equal(await figureShown(admin, 'carsIn'), storeDay.totals.carsIn);
  await h.shot(admin, 'cockpit-03-store');
  const advisor = storeDay.rows.filter((r) => r.key !== 'none').sort((a, b) => b.carsIn - a.carsIn)[0]!;
  await admin.getByTestId(`drill-${advisor.label}`).click();
  await admin.waitForURL((u) => u.searchParams.get('advisor') === advisor.key);
  await admin.getByText(`${advisor.label} 今日概况`).waitFor();
  const own = await api.get<Today>(`/cockpit/today?advisorId=${advisor.key}`);
  assert.equal(await figureShown(admin, 'carsIn'), own.totals.carsIn);
  await h.shot(admin, 'cockpit-04-advisor');

  // 员工绩效: the store's advisors ranked for this month.
  await admin.getByTestId('nav-scorecards').click();
  await admin.getByTestId('scorecards').locator('tbody tr.ant-table-row').first().waitFor();
  await h.shot(admin, 'cockpit-05-scorecards');
});

void test('an advisor opens 我的绩效 in the advisor app', async () => {
  const page = await h.newPage({ mobile: true, isolated: true });
  const advisorApi = await staffApi((await h.newPage({ isolated: true })).request, 'advisor');
  const card = await advisorApi.get<{ total: number | null; rank: number | null; of: number }>(
    '/cockpit/scorecards/mine',
  );
  await page.goto(`${h.baseUrl}/advisor/`);
  await page.getByTestId('login').fill('advisor');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('section-scorecard').waitFor();
  await h.shot(page, 'cockpit-06-advisor-home');
  await page.getByTestId('open-scorecard').click();
  const total = page.getByTestId('score-total');
  await total.waitFor();
  assert.equal((await total.innerText()).trim(), card.total === null ? '无数据' : String(card.total));
  if (card.rank)
    assert.equal((await page.getByTestId('score-rank').innerText()).trim(), `第 ${card.rank} / ${card.of} 名`);
  await page.getByTestId('score-repeat').click();
  await page.getByTestId('score-items').waitFor();
  await h.shot(page, 'cockpit-07-advisor-scorecard');
});

void test('on the morning view the general manager drills the group’s maintenance capture to the customers and exports them', async () => {
  const page = await h.newPage({ isolated: true });
  const board = await api.get<{ items: Figure[] }>('/kpis');
  const capture = board.items.find((i) => i.id === 'maintenance_capture')!;
  assert.ok(capture.actual !== null && capture.denominator! > 0, 'the demo group has retained customers');
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('admin');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  const kpis = page.getByTestId('morning-kpis');
  const cell = kpis.getByTestId('kpi-actual-maintenance_capture');
  await cell.waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/');
  assert.equal((await cell.innerText()).trim(), `${capture.actual.toFixed(2)}%`);
  // The textbook's lifecycle priority is shown beside the KPI (§4.6: in warranty, maintenance capture).
  await kpis.getByText('保修期内').first().waitFor();
  await page.getByTestId('trend-chart').locator('canvas').waitFor();
  await h.shot(page, 'cockpit-08-morning-kpis');

  await cell.click();
  const byStore = await api.get<Breakdown>('/kpis/maintenance_capture/breakdown?by=store');
  const store = [...byStore.rows].sort((a, b) => b.denominator - a.denominator)[0]!;
  await page.getByTestId(`kpi-row-${store.key}`).click();
  const byAdvisor = await api.get<Breakdown>(`/kpis/maintenance_capture/breakdown?by=advisor&storeId=${store.key}`);
  const advisor = [...byAdvisor.rows].sort((a, b) => b.denominator - a.denominator)[0]!;
  await page.getByTestId(`kpi-row-${advisor.key}`).click();
  assert.equal((await page.getByTestId('kpi-drill-level').innerText()).trim(), advisor.label ?? '未分配');
  await page.getByTestId('kpi-drill-customers').locator('tbody tr.ant-table-row').first().waitFor();
  await page.getByText(`共 ${advisor.denominator / 4} 条`).waitFor();
  await h.shot(page, 'cockpit-09-morning-kpi-customers');
  const downloaded = page.waitForEvent('download');
  await page.getByTestId('kpi-drill-export').click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(await (await downloaded).path())) as unknown as ArrayBuffer);
  assert.equal(book.worksheets[0]!.rowCount - 1, advisor.denominator / 4, 'every customer behind the number, once');
});

for (const [login, role] of [
  ['store.manager', 'store manager'],
  ['service.manager', 'service manager'],
] as const) {
  void test(`the ${role} lands on their store’s morning view with the store’s KPIs`, async () => {
    const page = await h.newPage({ isolated: true });
    const own = await staffApi((await h.newPage({ isolated: true })).request, login);
    const day = await own.get<Today & { storeId: string; storeName: string }>('/cockpit/today');
    assert.equal(day.level, 'store');
    const board = await own.get<{ items: Figure[] }>(`/kpis?storeId=${day.storeId}`);
    const capture = board.items.find((i) => i.id === 'maintenance_capture')!;
    await page.goto(`${h.baseUrl}/admin/`);
    await page.getByTestId('login').fill(login);
    await page.getByTestId('password').fill('m4s-demo');
    await page.getByTestId('sign-in').click();
    await page.getByText(`${day.storeName} 今日概况，点击顾问查看明细`).waitFor();
    assert.equal(await figureShown(page, 'carsIn'), day.totals.carsIn);
    const cell = page.getByTestId('morning-kpis').getByTestId('kpi-actual-maintenance_capture');
    await cell.waitFor();
    assert.equal((await cell.innerText()).trim(), capture.actual === null ? '—' : `${capture.actual.toFixed(2)}%`);
    await h.shot(page, `cockpit-10-${login.replace('.', '-')}`);
  });
}
