// 工作日历 in the admin console: the group admin reads the year's national holidays (or is told the year's
// schedule is not in yet), closes a day of the group's own, sets business hours, and removes the day again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let page: Page;
const year = new Date().getFullYear();
const now = new Date();
const day = `${year}-${String(now.getMonth() + 1).padStart(2, '0')}-28`;

before(async () => {
  h = await startHarness();
  page = await h.newPage();
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByTestId('login').fill('admin');
  await page.getByTestId('password').fill('m4s-demo');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('morning-rows').waitFor();
});

/** The 24-hour chooser has 96 quarter hours (a virtual list): type the time to find it, as a person would. */
const pickTime = async (testId: string, time: string) => {
  await page.getByTestId(testId).click();
  await page.keyboard.type(time);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: time }).first().click();
  await page.getByTestId(testId).getByText(time).waitFor();
};

after(async () => {
  await h?.close();
});

void test("the year's national days show with their source, or the console says the year is not in yet", async () => {
  await page.getByTestId('nav-work-calendar').click();
  await page.getByTestId('calendar-overrides').waitFor();
  const cal = await page.evaluate(async (y) => (await fetch(`/api/tenant/calendar?year=${y}`)).json(), year);
  if (cal.nationalSource) {
    await page.getByTestId('calendar-source').getByText(cal.nationalSource).waitFor();
    const firstHoliday = cal.days.find((d: { kind: string }) => d.kind === 'holiday');
    await page.getByTestId('calendar-national').getByText(firstHoliday.name).first().waitFor();
  } else {
    await page.getByTestId('calendar-no-national').getByText(`${year}年的国家节假日安排尚未收录`).waitFor();
  }
  await h.shot(page, 'admin-work-calendar');
});

void test('a day of the group’s own is added, shown with what it is nationally, and removed', async () => {
  // A day of the month the picker opens on (this month): no paging through months.
  await page.getByTestId('calendar-day').click();
  await page.locator(`.ant-picker-dropdown:visible td[title="${day}"]`).click();
  assert.equal(await page.getByTestId('calendar-day').inputValue(), day);
  await page.getByTestId('calendar-note').fill('集团周年庆');
  await page.getByTestId('calendar-add').click();
  const row = page.getByTestId('calendar-overrides').locator('tr', { hasText: day });
  await row.getByText('集团周年庆').waitFor();
  await row.getByText('休息日').waitFor();
  const cal = await page.evaluate(async (y) => (await fetch(`/api/tenant/calendar?year=${y}`)).json(), year);
  assert.deepEqual(
    cal.overrides.map((o: { day: string; kind: string }) => [o.day, o.kind]),
    [[day, 'closed']],
  );
  await h.shot(page, 'admin-work-calendar-day');

  await page.getByTestId(`calendar-remove-${day}`).click();
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await row.waitFor({ state: 'detached' });
});

void test('business hours are saved; an end before the start is refused in place', async () => {
  await pickTime('calendar-hours-start', '18:00');
  await page.getByTestId('calendar-hours-save').click();
  await page.getByText('结束时间应晚于开始时间').waitFor();
  await pickTime('calendar-hours-start', '09:00');
  await page.getByTestId('calendar-hours-save').click();
  await page.getByText('工作时间已保存').waitFor();
  const cal = await page.evaluate(async (y) => (await fetch(`/api/tenant/calendar?year=${y}`)).json(), year);
  assert.deepEqual(cal.businessHours, { start: '09:00', end: '17:30' });
});
