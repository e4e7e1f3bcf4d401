import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FactorSet, Figures, Kpis, OwnerSurvey, QuestionnaireSummary } from '@m4s/contracts';
import ExcelJS from '../imports/excel.ts';
import { createTestTenant, signInStaff, testApp, testClock, type Agent } from '../../../test/harness.ts';
import { addDays, dayIn } from '../../platform/time/zone.ts';
import { addCall } from '../calls/test-kit.ts';
import { visitWorld } from '../visits/test-kit.ts';
import { deliverVisit, installFor } from '../surveys/test-kit.ts';

const today = () => dayIn(testClock.now(), 'Asia/Shanghai');
const range = () => `from=${addDays(today(), -20)}&to=${addDays(today(), 1)}`;
const storeFigures = async (admin: Agent, storeId: string) => {
  const res = await admin.get(`/api/indices/figures?${range()}&period=month&by=store&storeId=${storeId}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<Figures>();
};
/** The repair follow-up's published version (the owner survey's questionnaire). */
const repairVersion = async (admin: Agent) => {
  const list = (await admin.get('/api/questionnaires')).json<{ items: QuestionnaireSummary[] }>().items;
  return list.find((q) => q.templateKey === 'repair_followup')!.published!.id;
};

describe('satisfaction figures over survey answers', () => {
  test('an owner’s post-delivery answer moves the store’s CSI and NPS', async () => {
    const w = await visitWorld();
    await installFor(w.t.id);
    const visitId = await deliverVisit(w);
    // Before: a call recorded by staff, every item at its best (CSI quality and advisor 1,000; R1 10 → NPS 100).
    const recorded = await w.advisor.send('POST', '/api/survey-responses', {
      versionId: await repairVersion(w.admin),
      customerId: w.t.customerId,
      vehicleId: w.t.vehicleId,
      visitId,
      answers: { R1: { score: 10 }, R2: { choice: 'fixed' }, R3: { choice: 'satisfied' }, R5: { choice: 'yes' } },
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
    const before = await storeFigures(w.admin, w.t.storeId);
    assert.equal(before.rows.length, 1, JSON.stringify(before.rows));
    const b = before.rows[0]!;
    assert.deepEqual(
      [b.key, b.responses, b.csi, b.csiCoverage, b.nps, b.npsAnswers, b.csat, b.factors],
      [w.t.storeId, 1, 1000, 50, 100, 1, 100, { overall: 1000, quality: 1000, advisor: 1000 }],
    );
    assert.equal(before.csi.number, 0, 'the preset');

    // The owner answers in the app: 4 of 10, not fixed, dissatisfied.
    const id = (await w.owner.get('/api/owner/surveys')).json<{ items: OwnerSurvey[] }>().items[0]!.id;
    const answered = await w.owner.send('POST', `/api/owner/surveys/${id}/answers`, {
      answers: {
        R1: { score: 4 },
        R2: { choice: 'not_fixed' },
        R3: { choice: 'dissatisfied' },
        R4: { choices: ['repair_quality', 'repair_time'] },
        R5: { choice: 'no', text: '没修好' },
      },
    });
    assert.equal(answered.statusCode, 200, answered.body);
    const after = (await storeFigures(w.admin, w.t.storeId)).rows[0]!;
    assert.deepEqual(
      [after.responses, after.csi, after.nps, after.npsAnswers, after.csat, after.verySatisfied],
      [2, 500, 0, 2, 50, 50],
    );
    assert.deepEqual(after.factors, { overall: 700, quality: 500, advisor: 500 });
    assert.equal(after.label, '一号店');

    // By advisor and by service type: the car's repair order of the visit (its advisor, maintenance).
    const byType = (await w.admin.get(`/api/indices/figures?${range()}&by=service_type&period=week`)).json<Figures>()
      .rows;
    assert.ok(
      byType.every((r) => r.key === 'maintenance' || r.key === 'general_repair'),
      JSON.stringify(byType),
    );
    assert.equal(
      byType.reduce((s, r) => s + r.responses, 0),
      2,
    );
    const reasons = (await w.admin.get(`/api/indices/kpis?${range()}`)).json<Kpis>().reasons;
    assert.deepEqual(
      reasons.map((r) => [r.reason, r.label, r.count, r.share]),
      [
        ['repair_quality', '维修质量', 1, 50],
        ['repair_time', '维修时间', 1, 50],
      ],
    );
  });

  test('factor sets: weights not summing to 100% refused naming the sum; a new version is used, the old kept', async () => {
    const w = await visitWorld();
    await installFor(w.t.id);
    const visitId = await deliverVisit(w);
    await w.advisor.send('POST', '/api/survey-responses', {
      versionId: await repairVersion(w.admin),
      customerId: w.t.customerId,
      vehicleId: w.t.vehicleId,
      visitId,
      answers: {
        R1: { score: 9 },
        R2: { choice: 'fixed' },
        R3: { choice: 'dissatisfied' },
        R4: { choices: ['parts'] },
        R5: { choice: 'yes' },
      },
    });
    // Preset: quality 1000 (35), advisor 0 (15) → 700.
    assert.equal((await storeFigures(w.admin, w.t.storeId)).rows[0]!.csi, 700);

    const bad = await w.admin.send('POST', '/api/indices/factor-sets', {
      kind: 'csi',
      name: '本店CSI',
      factors: [
        { key: 'quality', label: '服务质量', weight: 50 },
        { key: 'advisor', label: '服务顾问', weight: 49 },
      ],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json<{ details: { issues: unknown[] } }>().details.issues, [
      { path: 'factors', message: '各因子权重之和须为 100%，当前为 99%' },
    ]);
    const save = (weights: [number, number]) =>
      w.admin.send('POST', '/api/indices/factor-sets', {
        kind: 'csi',
        name: '本店CSI',
        factors: [
          { key: 'quality', label: '服务质量', weight: weights[0] },
          { key: 'advisor', label: '服务顾问', weight: weights[1] },
        ],
      });
    const v1 = await save([50, 50]);
    assert.equal(v1.statusCode, 201, v1.body);
    assert.equal((await storeFigures(w.admin, w.t.storeId)).rows[0]!.csi, 500);
    const v2 = await save([80, 20]);
    assert.equal(v2.json<FactorSet>().number, 2);
    const figures = await storeFigures(w.admin, w.t.storeId);
    assert.deepEqual([figures.rows[0]!.csi, figures.csi.number], [800, 2]);
    const sets = (await w.admin.get('/api/indices/factor-sets')).json<{ items: FactorSet[] }>().items;
    assert.deepEqual(
      sets.map((s) => [s.kind, s.number, s.current, s.factors.map((f) => f.weight).join('/')]),
      [
        ['csi', 2, true, '80/20'],
        ['csi', 1, false, '50/50'],
        ['ssi', 0, true, '10.6/13.6/11.6/11.8/11.8/15/25.6'],
      ],
    );
    // A saved version is never edited: the application role may not update it.
    const { db } = await testApp();
    await assert.rejects(
      db.transaction({ tenantId: w.t.id }, ({ sql }) =>
        sql.executeSql(`UPDATE index_factor_sets SET name = 'x' WHERE tenant_id = $1`, [w.t.id]),
      ),
      /permission denied/,
    );
    // Only a questionnaire manager saves one; a CS specialist does not see the figures.
    const advisor = await signInStaff(w.t.slug, 'service.advisor');
    assert.equal(
      (
        await advisor.send('POST', '/api/indices/factor-sets', {
          kind: 'csi',
          name: 'x',
          factors: [{ key: 'quality', label: '服务质量', weight: 100 }],
        })
      ).statusCode,
      403,
    );
    assert.equal((await advisor.get(`/api/indices/figures?${range()}`)).statusCode, 403);
    const backwards = await w.admin.get(`/api/indices/figures?from=${today()}&to=${addDays(today(), -1)}`);
    assert.equal(backwards.statusCode, 400);
  });
});

describe('follow-up KPIs', () => {
  test('follow-up, connection, record accuracy, satisfaction, productivity per agent; exported to Excel', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_manager']);
    await installFor(t.id);
    const admin = await signInStaff(t.slug, 'group.admin');
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const csId = t.staffIds['cs_specialist']!;
    const now = testClock.now();
    const calls = await Promise.all(
      [1, 2, 3].map(() => addCall(t, { dueAt: new Date(now.getTime() - 3600_000), assigneeId: csId })),
    );
    const outcome = (id: string, body: Record<string, unknown>) => cs.send('POST', `/api/calls/${id}/outcome`, body);
    assert.equal((await outcome(calls[0]!, { outcome: 'no_answer', attempts: 0 })).statusCode, 200);
    assert.equal((await outcome(calls[1]!, { outcome: 'wrong_number', attempts: 0 })).statusCode, 200);
    assert.equal((await outcome(calls[2]!, { outcome: 'completed', attempts: 0 })).statusCode, 200);
    const recorded = await cs.send('POST', '/api/survey-responses', {
      versionId: await repairVersion(admin),
      customerId: t.customerId,
      taskId: calls[2],
      answers: { R1: { score: 8 }, R2: { choice: 'no_fault' }, R3: { choice: 'satisfied' }, R5: { choice: 'yes' } },
    });
    assert.equal(recorded.statusCode, 201, recorded.body);

    const res = await admin.get(`/api/indices/kpis?${range()}&by=agent&period=month`);
    assert.equal(res.statusCode, 200, res.body);
    const { rows, targets } = res.json<Kpis>();
    assert.equal(rows.length, 1, JSON.stringify(rows));
    const r = rows[0]!;
    assert.deepEqual(
      [r.key, r.label, r.callsDue, r.callsCompleted, r.followUpRate, r.attempts, r.connected, r.connectionRate],
      [csId, rows[0]!.label, 3, 1, 33.3, 3, 1, 33.3],
    );
    assert.deepEqual(
      [
        r.wrongNumbers,
        r.recordAccuracy,
        r.successful,
        r.satisfactionRate,
        r.verySatisfiedRate,
        r.agentDays,
        r.productivity,
      ],
      [1, 50, 1, 100, 0, 1, 1],
    );
    assert.ok(r.label, 'the agent is named');
    assert.deepEqual(targets, { followUpRate: 100, satisfactionRate: 90, productivity: 50 });

    const file = await admin.get(`/api/indices/kpis.xlsx?${range()}&by=agent`);
    assert.equal(file.statusCode, 200, file.body);
    assert.match(String(file.headers['content-disposition']), /filename\*=UTF-8''%E5%9B%9E%E8%AE%BFKPI-\d{8}\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1, 6), [
      '周期',
      '回访专员',
      '应回访',
      '已完成',
      '回访率%',
    ]);
    assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(3, 6), [3, 1, 33.3]);
    // A store's manager sees only their store: another store is refused.
    const manager = await signInStaff(t.slug, 'service.manager');
    assert.equal((await manager.get(`/api/indices/kpis?${range()}&storeId=${t.otherStoreId}`)).statusCode, 403);
    assert.equal((await manager.get(`/api/indices/kpis?${range()}`)).statusCode, 200);
  });
});
