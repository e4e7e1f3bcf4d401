// Complaints as the Done-when tells it (issue 15): an owner files a complaint with a photo in the owner
// app → the CS specialist (login cs) sees it in 投诉与建议 with its 2-hour countdown, records the first contact
// and assigns it to the service advisor → the advisor accepts, answers and resolves it in the advisor app →
// the owner says at follow-up that they are satisfied → the CS specialist closes it with an improvement item.
// The owner's view shows each public step, never the internal ones.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseOption, startHarness, type Harness, type Page } from './harness.ts';
import { local, offsetMinutes, serverNow } from './business-clock.ts';

const ownerPhone = '13800000001';
const summary = '更换刹车片后方向盘抖动，第二次进店仍未解决';
const request = '希望免费复查并由技术经理试车';

let h: Harness;
let owner: Page;
let cs: Page;
let advisor: Page;
let caseId = '';

before(async () => {
  h = await startHarness({ clockOffsetMinutes: offsetMinutes ?? 0 });
  owner = await h.newPage({ mobile: true });
  cs = await h.newPage();
  advisor = await h.newPage({ mobile: true, isolated: true });
});

after(async () => {
  await h?.close();
});

/** A phone photo: a 1600×1200 PNG drawn in the page (the app shrinks it to a JPEG before upload). */
const photo = async (page: Page): Promise<Buffer> => {
  const dataUrl = await page.evaluate(() => {
    const canvas = Object.assign(document.createElement('canvas'), { width: 1600, height: 1200 });
    const g = canvas.getContext('2d');
    if (!g) return '';
    g.fillStyle = '#b83a1b';
    g.fillRect(0, 0, 1600, 1200);
    g.fillStyle = '#ffffff';
    g.fillRect(400, 300, 800, 600);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
};

/** An antd-mobile text area by its test id (the id sits on the field's wrapper). */
const area = (page: Page, testId: string) =>
  page.locator(`textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`).first();

/** The updates the owner's case page lists, by their titles. */
const ownerUpdates = async () => {
  await owner.reload();
  await owner.getByTestId('feedback-updates').waitFor();
  return (await owner.getByTestId('feedback-updates').locator('.adm-step-title').allInnerTexts()).map((s) => s.trim());
};

const ownerStage = async () => ((await owner.getByTestId('feedback-case-stage').textContent()) ?? '').trim();

/** What the case page's countdown shows for a time left (as the console formats it). */
const span = (ms: number) => {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  return hours >= 1 ? `${hours}h${minutes % 60}m` : `${minutes}m`;
};

void test('the owner files a complaint with a photo from the app', async () => {
  await h.signInOwner(owner, ownerPhone);
  await owner.getByTestId('life-feedback').click();
  await owner.getByTestId('page-feedback').waitFor();
  await owner.getByTestId('feedback-new').click();
  await owner.getByTestId('page-feedback-new').waitFor();
  // 投诉 is the kind already chosen (a second tap would clear it).
  await owner.getByTestId('feedback-kind').locator('.adm-selector-item-active', { hasText: '投诉' }).waitFor();
  await owner.getByTestId('feedback-category').getByText('维修质量', { exact: true }).click();
  await area(owner, 'feedback-summary').fill(summary);
  await area(owner, 'feedback-request').fill(request);
  await owner
    .getByTestId('page-feedback-new')
    .locator('input[type=file]')
    .setInputFiles({ name: 'steering.png', mimeType: 'image/png', buffer: await photo(owner) });
  await owner.locator('.adm-image-uploader-cell img').first().waitFor();
  await h.shot(owner, 'complaints-01-owner-new');
  await owner.getByTestId('feedback-submit').click();
  await owner.getByTestId('page-feedback-case').waitFor();
  caseId = new URL(owner.url()).pathname.split('/').pop() ?? '';
  assert.match(caseId, /^[0-9a-f-]{36}$/);
  assert.equal(await ownerStage(), '已受理');
  await owner.getByText(summary).waitFor();
  // The photo comes back from the server, re-encoded.
  await owner.waitForFunction(
    () => (document.querySelector<HTMLImageElement>('.adm-image img')?.naturalWidth ?? 0) > 0,
  );
  assert.deepEqual(await ownerUpdates(), ['门店已收到']);
  await h.shot(owner, 'complaints-02-owner-received');
});

void test('the CS specialist sees it with its 2-hour countdown, records the first contact and assigns it', async () => {
  await cs.goto(`${h.baseUrl}/admin/`);
  await cs.getByTestId('login').fill('cs');
  await cs.getByTestId('password').fill('m4s-demo');
  await cs.getByTestId('sign-in').click();
  await cs.getByTestId('tenant-name').waitFor();
  await cs.goto(`${h.baseUrl}/admin/complaints`);
  const row = cs.getByTestId(`case-row-${caseId}`);
  await row.waitFor();
  await row.getByText('已受理').waitFor();
  const tag = row.getByTestId('deadline-first_contact');
  assert.equal(await tag.getAttribute('data-state'), 'running');
  // The server's deadline: 2 business hours from receipt (the same moment when the clock is in business hours).
  const page = (await (await cs.request.get(`/api/complaints/${caseId}`)).json()) as {
    complaint: { receivedAt: string; deadlines: { kind: string; due: string }[] };
  };
  const due = page.complaint.deadlines.find((d) => d.kind === 'first_contact')?.due ?? '';
  const received = Date.parse(page.complaint.receivedAt);
  if (offsetMinutes !== null) {
    const l = local(serverNow());
    if (l.weekday && l.minutes <= 15 * 60 + 30) assert.equal(Date.parse(due) - received, 2 * 3_600_000);
  }
  // Shown as the time left by the browser's clock, moved with the server's (the harness's clockOffsetMinutes).
  const text = (await tag.innerText()).trim();
  const left = Date.parse(due) - serverNow().getTime();
  const near = [span(left), span(left - 60_000), span(left + 60_000)].map((s) => `首次联系 · 剩 ${s}`);
  assert.ok(near.includes(text), `${text} is one of ${near.join(' / ')}`);
  await h.shot(cs, 'complaints-03-cs-list');

  await row.getByTestId('case-open').click();
  await cs.getByTestId('case-record').waitFor();
  await cs.getByTestId('case-photos').locator('img').first().waitFor();
  await cs.getByTestId('case-action-contact').click();
  await cs.getByTestId('case-field-note').fill('已致电车主致歉，约定明早进店复查');
  await cs.getByTestId('case-action-save').click();
  await cs.getByTestId('case-stage').getByText('已联系').waitFor();
  assert.equal(await cs.getByTestId('deadline-first_contact').getAttribute('data-state'), 'met');

  await cs.getByTestId('case-action-assign').click();
  await chooseOption(cs, 'case-field-handlerId', '陈静');
  await cs.getByTestId('case-field-note').fill('请服务顾问跟进复查');
  await cs.getByTestId('case-action-save').click();
  await cs.getByTestId('case-stage').getByText('已指派').waitFor();
  await cs.getByTestId('case-log').getByTestId('case-event-assigned').waitFor();
  await cs.locator('.ant-modal').first().waitFor({ state: 'hidden' });
  await h.shot(cs, 'complaints-04-cs-assigned');

  // Assigned: to the owner it is being handled (the assignment itself is internal).
  assert.deepEqual(await ownerUpdates(), ['门店已收到', '门店已联系您']);
  assert.equal(await ownerStage(), '处理中');
});

void test('the advisor accepts, answers and resolves it in the advisor app', async () => {
  await advisor.goto(`${h.baseUrl}/advisor/`);
  await advisor.getByTestId('login').fill('advisor');
  await advisor.getByTestId('password').fill('m4s-demo');
  await advisor.getByTestId('sign-in').click();
  await advisor.getByTestId('open-cases').click();
  // The assignment is her notice (提醒), unread, above the list.
  await advisor
    .locator('[data-testid="case-notice"][data-kind="assigned"][data-seen="false"]', { hasText: summary })
    .first()
    .waitFor();
  const item = advisor.getByTestId('case-item').filter({ hasText: summary });
  await item.getByTestId('case-countdown').waitFor();
  await h.shot(advisor, 'complaints-05-advisor-list');
  await item.click();
  await advisor.getByTestId('advisor-case').waitFor();

  await advisor.getByTestId('advisor-case-accept').click();
  await advisor.getByTestId('advisor-case-answer').click();
  await area(advisor, 'advisor-case-text').fill('已安排明早9点技术经理试车复查，检查前轮动平衡与刹车盘');
  await advisor.getByTestId('advisor-case-send').click();
  await advisor.getByTestId('advisor-case-resolve').waitFor();
  await advisor.getByTestId('advisor-case-resolve').click();
  await area(advisor, 'advisor-case-text').fill('更换变形的前刹车盘并做四轮动平衡，免收工时费');
  await advisor.getByTestId('advisor-case-send').click();
  await advisor.getByTestId('advisor-case-stage').getByText('已解决').waitFor();
  await h.shot(advisor, 'complaints-06-advisor-resolved');

  assert.deepEqual(await ownerUpdates(), ['门店已收到', '门店已联系您', '门店答复', '解决方案']);
  assert.equal(await ownerStage(), '已解决，待您确认');
  await owner.getByTestId('feedback-solution').getByText('更换变形的前刹车盘').waitFor();
});

void test('the owner says at follow-up that they are satisfied', async () => {
  await owner.getByTestId('feedback-follow-up').waitFor();
  await h.shot(owner, 'complaints-07-owner-follow-up');
  await owner.getByTestId('feedback-satisfied').click();
  await owner.getByTestId('feedback-follow-up').waitFor({ state: 'detached' });
  assert.equal(await ownerStage(), '已回访');
  assert.deepEqual(await ownerUpdates(), ['门店已收到', '门店已联系您', '门店答复', '解决方案', '回访']);
});

void test('the CS specialist closes it with an improvement item; the owner sees it closed', async () => {
  await cs.reload();
  await cs.getByTestId('case-stage').getByText('已回访').waitFor();
  await cs.getByTestId('case-action-close').click();
  await cs.getByTestId('case-field-resolution').fill('已更换刹车盘并做动平衡，客户试车确认无抖动');
  await cs.getByTestId('case-improvement-what-0').fill('刹车片更换后增加刹车盘跳动量检测');
  await chooseOption(cs, 'case-improvement-owner-0', '陈静');
  const dueDay = local(new Date(serverNow().getTime() + 14 * 86_400_000)).day;
  const picker = cs
    .locator('input[data-testid="case-improvement-due-0"], [data-testid="case-improvement-due-0"] input')
    .first();
  await picker.click();
  await picker.fill(dueDay);
  await picker.press('Enter');
  await cs.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
  await h.shot(cs, 'complaints-08-cs-close');
  await cs.getByTestId('case-action-save').click();
  await cs.getByTestId('case-stage').getByText('已结案').waitFor();
  await cs.locator('.ant-modal').first().waitFor({ state: 'hidden' });
  const improvement = cs.getByTestId('case-improvement');
  await improvement.getByText('刹车片更换后增加刹车盘跳动量检测').waitFor();
  assert.match(await improvement.innerText(), new RegExp(dueDay));
  await h.shot(cs, 'complaints-09-cs-closed');

  const updates = await ownerUpdates();
  assert.deepEqual(updates, ['门店已收到', '门店已联系您', '门店答复', '解决方案', '回访', '结案']);
  assert.equal(await ownerStage(), '已结案');
  // Internal steps (the assignment, the acceptance) never reach the owner.
  assert.equal(await owner.getByText('请服务顾问跟进复查').count(), 0);
  await h.shot(owner, 'complaints-10-owner-closed');
});
