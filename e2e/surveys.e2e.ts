// Questionnaires (issue 14, What 4 and 5): the group admin opens a draft of the textbook's repair follow-up
// template (the owner app's survey), rewords a question, checks the routing in the preview (an unhappy answer
// asks what was wrong, a happy one skips it) and publishes version 2, which supersedes version 1. Then the
// demo owner's car is handed back: the owner rates the visit 6 on the visit page, goes on to the survey (the
// rating is its first answer, already given), answers it on the path the answers choose — in version 2's
// words — once, and staff see the answers on that version.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';
import { deliverDemoVisit } from './demo-visit.ts';
import { clientOf } from './staff-api.ts';

const ownerPhone = '13800000001';
const newWording = '对于我们公司的其他建议（预约、接待、交车均可）';

let h: Harness;
let admin: Page;
let owner: Page;
let visitId = '';
let customerId = '';

before(async () => {
  h = await startHarness();
  admin = await h.newPage();
  owner = await h.newPage({ mobile: true });
});

after(async () => {
  await h?.close();
});

/** The admin page's own session calls the API (Playwright's request context shares its cookies). */
const api = async <T>(method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> => {
  const { csrfToken } = (await (await admin.request.get('/api/auth/staff/me')).json()) as { csrfToken: string };
  const res = await admin.request.fetch(url, { method, data, headers: { 'x-csrf-token': csrfToken } });
  assert.ok(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
};

void test('the group admin rewords the repair follow-up template and publishes version 2', async () => {
  await admin.goto(`${h.baseUrl}/admin/`);
  await admin.getByTestId('login').fill('admin');
  await admin.getByTestId('password').fill('m4s-demo');
  await admin.getByTestId('sign-in').click();
  await admin.getByTestId('nav-surveys').click();
  await admin.getByTestId('surveys-table').getByText('售后服务调研问卷（附录C）').waitFor();
  await h.shot(admin, 'surveys-01-list');

  await admin.getByTestId('survey-open-repair_followup').click();
  await admin.getByText('第1版 · 已发布').waitFor();
  await admin.getByTestId('survey-open-draft').click();
  await admin.getByText('第2版 · 草稿').waitFor();
  await admin.getByTestId('q-text-R6').fill(newWording);

  // The preview walks the same routing as the server: 不满意 asks R4, 满意 jumps over it.
  const preview = admin.getByTestId('survey-preview');
  await preview.getByTestId('preview-R3').getByText('不满意', { exact: true }).click();
  await preview.getByTestId('preview-R4').waitFor();
  await h.shot(admin, 'surveys-02-draft-preview');
  await preview.getByTestId('preview-R3').getByText('满意', { exact: true }).click();
  await preview.getByTestId('preview-skipped-R4').waitFor();

  await admin.getByTestId('survey-save').click();
  await admin.getByText('草稿已保存').waitFor();
  await admin.getByTestId('survey-publish').click();
  await admin.getByTestId('survey-publish-ok').click();
  await admin.getByText('第2版 · 已发布').waitFor();
  await admin.getByText('第1版 · 已被取代').waitFor();
  await h.shot(admin, 'surveys-03-published');
});

void test('after delivery the owner rates the visit, then answers the survey once, in version 2’s words', async () => {
  const { csrfToken } = (await (await admin.request.get('/api/auth/staff/me')).json()) as { csrfToken: string };
  ({ visitId, customerId } = await deliverDemoVisit(clientOf(admin.request, csrfToken)));
  await h.signInOwner(owner, ownerPhone);
  await owner.goto(`${h.baseUrl}/o/demo/visits/${visitId}`);
  await owner.getByTestId('rating-score-6').click();
  await owner.getByTestId('rating-submit').click();
  await owner.getByTestId('survey-continue').click();
  await owner.getByTestId('page-survey').waitFor();

  // The rating is the first answer, given already; the rest follows the path the answers choose.
  assert.equal(await owner.getByTestId('survey-R1-6').getAttribute('aria-checked'), 'true');
  assert.equal(await owner.getByTestId('survey-R1-9').isDisabled(), true);
  await owner.getByTestId('survey-R2-fixed').click();
  assert.equal(await owner.getByTestId('survey-q-R4').count(), 0);
  await owner.getByTestId('survey-R3-dissatisfied').click();
  await owner.getByTestId('survey-R4-repair_time').click();
  await owner.getByTestId('survey-R5-no').click();
  await owner.getByTestId('survey-R5-text').fill('等候时间太长');
  await owner.getByTestId('survey-q-R6').getByText(newWording).waitFor();
  await owner.getByTestId('survey-R6-text').fill('希望周末也能预约');
  await h.shot(owner, 'surveys-04-owner-survey');
  await owner.getByTestId('survey-submit').click();
  await owner.getByTestId('survey-done').waitFor();
  await h.shot(owner, 'surveys-05-owner-done');

  // Answered once: the link now shows the thanks; staff see the answers on version 2.
  await owner.reload();
  await owner.getByTestId('survey-done').waitFor();
  type Response = {
    channel: string;
    status: string;
    versionNumber: number;
    visitId: string;
    answers: Record<string, { score?: number; text?: string }>;
  };
  const { items } = await api<{ items: Response[] }>('GET', `/api/customers/${customerId}/survey-responses`);
  const mine = items.find((r) => r.visitId === visitId);
  assert.ok(mine);
  assert.deepEqual(
    [mine.channel, mine.status, mine.versionNumber, mine.answers.R1?.score, mine.answers.R5?.text],
    ['app', 'complete', 2, 6, '等候时间太长'],
  );
});
