// Satisfaction indices (issue 14, What 6): the group admin reads the 浦东 store's CSI and NPS for this month on
// 满意度与回访 (over the demo's follow-up answers); the demo owner's car is handed back, the owner rates the
// visit 2 and answers the post-delivery survey in the owner app (not fixed, dissatisfied); the admin page then
// shows the store's CSI and NPS lower, as the server computes them from both channels' answers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';
import { deliverDemoVisit } from './demo-visit.ts';
import { staffApi, type Api } from './staff-api.ts';

type Figure = {
  period: string;
  key: string | null;
  responses: number;
  npsAnswers: number;
  csi: number | null;
  nps: number | null;
};
type Figures = { rows: Figure[] };

const ownerPhone = '13800000001';
let h: Harness;
let admin: Page;
let owner: Page;
let api: Api;

/** Today and the first of its month in the demo tenant's zone (Asia/Shanghai). */
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const month = () => `${shanghaiToday().slice(0, 7)}-01`;

before(async () => {
  h = await startHarness();
  admin = await h.newPage();
  owner = await h.newPage({ mobile: true });
  api = await staffApi((await h.newPage({ isolated: true })).request, 'admin');
});

after(async () => {
  await h?.close();
});

/** The store's figure for this month as the server computes it. */
const serverFigure = async (storeId: string): Promise<Figure> => {
  const q = `from=${month()}&to=${shanghaiToday()}&by=store&period=month&storeId=${storeId}`;
  const row = (await api.get<Figures>(`/indices/figures?${q}`)).rows.find((r) => r.period === month());
  assert.ok(row, 'this month has answers at the store');
  return row;
};

/** What the page's row shows: CSI as a whole number, NPS to one decimal. */
const shown = async (storeId: string) => {
  const row = admin.getByTestId(`figure-row-${month()}-${storeId}`);
  await row.waitFor();
  return {
    csi: (await row.getByTestId('figure-csi').innerText()).trim(),
    nps: (await row.getByTestId('figure-nps').innerText()).trim(),
  };
};
const asShown = (f: Figure) => ({
  csi: f.csi === null ? '—' : f.csi.toFixed(0),
  nps: f.nps === null ? '—' : f.nps.toFixed(1),
});

void test('an owner’s post-delivery survey answer moves the store’s CSI and NPS on 满意度与回访', async () => {
  const stores = await api.get<{ items: { id: string; code: string }[] }>('/stores');
  const storeId = stores.items.find((s) => s.code === 'SH-PD')!.id;

  await admin.goto(`${h.baseUrl}/admin/`);
  await admin.getByTestId('login').fill('admin');
  await admin.getByTestId('password').fill('m4s-demo');
  await admin.getByTestId('sign-in').click();
  await admin.getByTestId('nav-indices').click();
  const before = await serverFigure(storeId);
  assert.deepEqual(await shown(storeId), asShown(before));
  await h.shot(admin, 'indices-01-figures');

  // The owner's car is handed back; the owner rates it 2 and answers the survey: not fixed, dissatisfied.
  const { visitId } = await deliverDemoVisit(api);
  await h.signInOwner(owner, ownerPhone);
  await owner.goto(`${h.baseUrl}/o/demo/visits/${visitId}`);
  await owner.getByTestId('rating-score-2').click();
  await owner.getByTestId('rating-submit').click();
  await owner.getByTestId('survey-continue').click();
  await owner.getByTestId('page-survey').waitFor();
  await owner.getByTestId('survey-R2-not_fixed').click();
  await owner.getByTestId('survey-R3-dissatisfied').click();
  await owner.getByTestId('survey-R4-repair_quality').click();
  await owner.getByTestId('survey-R5-no').click();
  await owner.getByTestId('survey-R5-text').fill('故障没有排除');
  await owner.getByTestId('survey-submit').click();
  await owner.getByTestId('survey-done').waitFor();

  // One more answer, a detractor with quality and advisor at 0: NPS and CSI fall, the page shows the new ones.
  const after = await serverFigure(storeId);
  assert.equal(after.responses, before.responses + 1);
  assert.equal(after.npsAnswers, before.npsAnswers + 1);
  assert.ok(after.nps !== null && before.nps !== null && after.nps < before.nps, `${before.nps} → ${after.nps}`);
  assert.ok(after.csi !== null && before.csi !== null && after.csi < before.csi, `${before.csi} → ${after.csi}`);
  // NPS = (promoters − detractors) ÷ answers: one more detractor among n + 1 answers.
  const n = before.npsAnswers;
  assert.ok(Math.abs(after.nps - (((before.nps * n) / 100 - 1) / (n + 1)) * 100) < 0.2, 'NPS moves by one detractor');
  await admin.reload();
  await admin.getByTestId(`figure-row-${month()}-${storeId}`).waitFor();
  assert.deepEqual(await shown(storeId), asShown(after));
  await h.shot(admin, 'indices-02-after-owner-answer');

  // The factor sets tab shows the preset's weights; the KPI tab ranks the reason the owner gave.
  await admin.getByRole('tab', { name: '指数因子设置' }).click();
  await admin.getByTestId('factor-set-csi').getByText('J.D. Power 中国 2009 CSI').first().waitFor();
  await admin.getByRole('tab', { name: '回访KPI' }).click();
  await admin.getByTestId('kpi-reason-repair_quality').waitFor();
  await h.shot(admin, 'indices-03-kpis');
});
