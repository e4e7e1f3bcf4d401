// 咨询 (issue 17, docs/chat.md): the demo owner 13800000001 asks the assistant a question it answers from an article,
// showing its source, and one it is unsure of, which goes to the insurance advisor with the conversation attached;
// the insurance advisor (cs, 杨芳, in the advisor app's 会员咨询) answers, and the owner sees the answer without
// reloading. Markup in a message shows as text on both sides.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';

const phone = '13800000001';
const markup = '<b>急</b>请尽快回复';
const reply = '孙先生您好，续保报价已发到您的手机，商业险今年可享 85 折。';

let h: Harness;
let owner: Page;
let staff: Page;

before(async () => {
  h = await startHarness();
  owner = await h.newPage({ mobile: true });
  staff = await h.newPage({ mobile: true, isolated: true });
});

after(async () => {
  await h?.close();
});

const ask = async (question: string) => {
  await owner.getByTestId('chat-input').fill(question);
  await owner.getByTestId('chat-send').click();
  try {
    await owner.getByTestId('chat-msg').filter({ hasText: question }).waitFor();
  } catch (error) {
    await h.shot(owner, 'chat-failed-ask');
    throw error;
  }
};

void test('the assistant answers a car-care question from an article and shows its source', async () => {
  await h.signInOwner(owner, phone);
  await owner.goto(`${h.baseUrl}/o/demo/me`);
  await owner.getByTestId('chat-entry').click();
  await owner.getByTestId('chat-list').waitFor();
  await h.shot(owner, 'chat-01-owner-advisors');
  await owner.getByTestId('chat-assistant').click();
  await ask('轮胎多久换一次');
  const source = owner.getByTestId('chat-source').last();
  await source.waitFor();
  assert.match((await source.textContent()) ?? '', /来源：《.*轮胎.*》/);
  assert.match((await source.getAttribute('href')) ?? '', /\/o\/demo\/knowledge\/[0-9a-f-]{36}$/);
  await h.shot(owner, 'chat-02-assistant-answer-with-source');
});

void test('a question it is unsure of goes to the insurance advisor, the conversation attached', async () => {
  await ask('车险续保多少钱');
  const handed = owner.getByTestId('chat-handed').last();
  await handed.waitFor();
  assert.match((await handed.textContent()) ?? '', /已转给您的保险顾问/);
  await h.shot(owner, 'chat-03-assistant-hands-over');
  await owner.goto(`${h.baseUrl}/o/demo/chat/insurance`);
  await owner.getByTestId('chat-msg').filter({ hasText: '车险续保多少钱' }).waitFor();
  await ask(markup);
  assert.equal(await owner.locator('.chat-messages b').count(), 0, 'the markup is text, not an element');
});

void test('the insurance advisor answers in 会员咨询 and the owner sees it without reloading', async () => {
  await staff.goto(`${h.baseUrl}/advisor/`);
  await staff.getByTestId('login').fill('cs');
  await staff.getByTestId('password').fill('m4s-demo');
  await staff.getByTestId('sign-in').click();
  await staff.getByTestId('open-chat').click();
  const conversation = staff.getByTestId('chat-conversation').filter({ hasText: '孙志强' }).filter({ hasText: '保险' });
  await conversation.first().click();
  await staff.getByTestId('chat-attachment').first().waitFor();
  assert.match((await staff.getByTestId('chat-attachment').first().textContent()) ?? '', /轮胎多久换一次/);
  await staff.getByTestId('chat-msg').filter({ hasText: '请尽快回复' }).waitFor();
  assert.equal(await staff.locator('.chat-messages b').count(), 0, 'the owner’s markup is text for staff too');
  await h.shot(staff, 'chat-04-advisor-conversation');
  const urlBefore = owner.url();
  const loads: string[] = [];
  owner.on('load', () => loads.push(owner.url()));
  await staff.getByTestId('chat-reply-input').fill(reply);
  await staff.getByTestId('chat-reply-send').click();
  await owner.getByTestId('chat-msg').filter({ hasText: reply }).waitFor({ timeout: 10_000 });
  assert.deepEqual(loads, [], 'the page was not reloaded');
  assert.equal(owner.url(), urlBefore);
  await h.shot(owner, 'chat-05-owner-sees-answer-live');
});

void test('the manager sees response times and the assistant closed-question rate in 咨询统计', async () => {
  const admin = await h.newPage({ isolated: true });
  await admin.goto(`${h.baseUrl}/admin/`);
  await admin.getByTestId('login').fill('admin');
  await admin.getByTestId('password').fill('m4s-demo');
  await admin.getByTestId('sign-in').click();
  await admin.getByText('咨询统计').first().click();
  const staffRow = admin.getByTestId('chat-stats-staff').locator('tr', { hasText: '杨芳' });
  await staffRow.waitFor();
  // The assistant's figures: this run asked it two questions and handed one over (the demo's own come on top).
  const rate = (await admin.getByTestId('chat-stats-closed-rate').textContent()) ?? '';
  assert.match(rate, /\d+(\.\d)?%/);
  const handed = Number(/\d+/.exec((await admin.getByTestId('chat-stats-handed').textContent()) ?? '')?.[0]);
  assert.ok(handed >= 1, `handed over: ${handed}`);
  await h.shot(admin, 'chat-06-manager-response-times');
});
