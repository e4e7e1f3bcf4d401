import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QuestionnaireDetail, QuestionnaireSummary, SurveyResponse } from '@m4s/contracts';
import { createTestTenant, signInStaff, type Agent } from '../../../test/harness.ts';
import { installFor } from './test-kit.ts';

type Issues = { details?: { issues?: { path: string; message: string }[] } };
const list = async (agent: Agent) =>
  (await agent.get('/api/questionnaires')).json<{ items: QuestionnaireSummary[] }>().items;
const byKey = async (agent: Agent, key: string) => {
  const found = (await list(agent)).find((q) => q.templateKey === key);
  assert.ok(found, key);
  return found;
};

describe('questionnaires: templates, drafts, publishing', () => {
  test('every tenant gets the five templates, published; a draft is edited, published, and supersedes v1', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor', 'cashier']);
    assert.equal(await installFor(t.id), 5);
    assert.equal(await installFor(t.id), 0, 'idempotent');
    const admin = await signInStaff(t.slug, 'group.admin');
    const items = await list(admin);
    assert.deepEqual(items.map((q) => q.templateKey).sort(), [
      'activity',
      'delivery_7day',
      'post_service',
      'repair_followup',
      'sales_followup',
    ]);
    assert.ok(items.every((q) => q.published?.number === 1 && q.draft === null));
    assert.deepEqual(
      items.filter((q) => q.ownerSurvey).map((q) => q.templateKey),
      ['repair_followup'],
    );

    const sales = await byKey(admin, 'sales_followup');
    const opened = await admin.send('POST', `/api/questionnaires/${sales.id}/draft`);
    assert.equal(opened.statusCode, 200, opened.body);
    const detail = opened.json<QuestionnaireDetail>();
    const draft = detail.versions.find((v) => v.status === 'draft');
    assert.equal(draft?.number, 2);
    assert.equal(
      (await admin.send('POST', `/api/questionnaires/${sales.id}/draft`)).json<QuestionnaireDetail>().versions.length,
      2,
      'one draft at a time',
    );

    // A jump to a question that does not exist: refused, naming both, in the user's language; nothing saved.
    const def = structuredClone(draft.definition);
    const body = def.sections.find((s) => s.kind === 'body')!;
    body.questions[2]!.rules = [
      { when: { op: 'in', values: ['satisfied'], value: null }, action: 'goto', target: 'B99' },
    ];
    const bad = await admin.send('PUT', `/api/questionnaires/${sales.id}/draft`, { definition: def });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json<Issues>().details?.issues, [
      { path: 'definition.sections.1.questions.2.rules.0.target', message: '题目 B3 的跳转目标 B99 不存在' },
    ]);
    const en = await admin.inject({
      method: 'PUT',
      url: `/api/questionnaires/${sales.id}/draft`,
      payload: { definition: def },
      headers: { 'x-csrf-token': admin.csrf, 'accept-language': 'en' },
    });
    assert.equal(en.json<Issues>().details?.issues?.[0]?.message, 'Question B3 jumps to B99, which does not exist');
    // A loop back to the start.
    body.questions[2]!.rules = [
      { when: { op: 'in', values: ['satisfied', 'dissatisfied'], value: null }, action: 'goto', target: 'B1' },
    ];
    const loop = await admin.send('PUT', `/api/questionnaires/${sales.id}/draft`, { definition: def });
    assert.equal(loop.statusCode, 400);
    assert.match(loop.json<Issues>().details?.issues?.[0]?.message ?? '', /题目 B3 跳转到 B1 会形成循环/);
    const after = (await admin.get(`/api/questionnaires/${sales.id}`)).json<QuestionnaireDetail>();
    assert.deepEqual(
      after.versions.find((v) => v.status === 'draft')?.definition,
      draft.definition,
      'nothing was written',
    );

    // A valid change: a new question; then published — v1 superseded and never changed.
    body.questions[2]!.rules = draft.definition.sections[1]!.questions[2]!.rules;
    body.questions.push({ ...body.questions[10]!, key: 'B12', text: '您对新车交付还有什么建议？' });
    const saved = await admin.send('PUT', `/api/questionnaires/${sales.id}/draft`, {
      definition: def,
      name: '销售回访（2027版）',
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const published = await admin.send('POST', `/api/questionnaires/${sales.id}/publish`);
    assert.equal(published.statusCode, 200, published.body);
    const p = published.json<QuestionnaireDetail>();
    assert.equal(p.name, '销售回访（2027版）');
    assert.deepEqual(
      p.versions.map((v) => [v.number, v.status]),
      [
        [2, 'published'],
        [1, 'superseded'],
      ],
    );
    assert.deepEqual(p.versions[1]?.definition, detail.versions.find((v) => v.number === 1)?.definition);
    assert.equal(
      (await admin.send('POST', `/api/questionnaires/${sales.id}/publish`)).statusCode,
      409,
      'no draft left',
    );
    assert.equal(
      (await admin.send('PUT', `/api/questionnaires/${sales.id}/draft`, { definition: def })).statusCode,
      409,
    );

    const audit = (await admin.get('/api/audit?action=questionnaire.published')).json<{
      items: { details: object }[];
    }>();
    assert.deepEqual(audit.items[0]?.details, { version: 2 });

    // Permissions: an advisor reads questionnaires but does not build them; a cashier does neither.
    const advisor = await signInStaff(t.slug, 'service.advisor');
    assert.equal((await advisor.get('/api/questionnaires')).statusCode, 200);
    assert.equal((await advisor.send('POST', `/api/questionnaires/${sales.id}/draft`)).statusCode, 403);
    const cashier = await signInStaff(t.slug, 'cashier');
    assert.equal((await cashier.get('/api/questionnaires')).statusCode, 403);
    assert.equal((await admin.get(`/api/questionnaires/${crypto.randomUUID()}`)).statusCode, 404);
  });

  test('a questionnaire of the tenant’s own starts as a draft; one whose required question no path reaches is refused', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const q = (key: string, rules: object[] = []) => ({
      key,
      text: `问题${key}`,
      type: 'single',
      options: [
        { key: 'y', label: '是' },
        { key: 'n', label: '否' },
      ],
      rules,
    });
    const definition = {
      sections: [
        {
          key: 'body',
          kind: 'body',
          questions: [
            q('Q1', [{ when: { op: 'in', values: ['y', 'n'] }, action: 'goto', target: 'Q3' }]),
            q('Q2'),
            q('Q3'),
          ],
        },
      ],
    };
    const refused = await admin.send('POST', '/api/questionnaires', {
      purpose: 'custom',
      name: '试驾回访',
      definition,
    });
    assert.equal(refused.statusCode, 400);
    assert.equal(
      refused.json<Issues>().details?.issues?.[0]?.message,
      '必答题 Q2 在任何回答路径上都不会被问到，请检查跳转规则或改为选答',
    );
    assert.deepEqual(await list(admin), [], 'nothing was written');
    definition.sections[0]!.questions[1] = { ...q('Q2'), required: false } as ReturnType<typeof q>;
    const made = await admin.send('POST', '/api/questionnaires', { purpose: 'custom', name: '试驾回访', definition });
    assert.equal(made.statusCode, 201, made.body);
    const m = made.json<QuestionnaireDetail>();
    assert.deepEqual([m.templateKey, m.published, m.draft?.number], [null, null, 1]);
  });
});

describe('survey responses recorded by staff', () => {
  test('answers follow the published version’s path; a skipped required answer or an answer the path skips is refused', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist']);
    await installFor(t.id);
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const repair = await byKey(cs, 'repair_followup');
    const base = { versionId: repair.published!.id, customerId: t.customerId, vehicleId: t.vehicleId };
    const satisfied = { R1: { score: 9 }, R2: { choice: 'fixed' }, R3: { choice: 'satisfied' }, R5: { choice: 'yes' } };

    const skipped = await cs.send('POST', '/api/survey-responses', {
      ...base,
      answers: { ...satisfied, R4: { choices: ['attitude'] } },
    });
    assert.equal(skipped.statusCode, 400);
    assert.deepEqual(skipped.json<Issues>().details?.issues, [
      { path: 'answers.R4', message: '根据前面的回答，题目 R4 应跳过，不能作答' },
    ]);
    const unhappy = { ...satisfied, R3: { choice: 'dissatisfied' } };
    const missing = await cs.send('POST', '/api/survey-responses', { ...base, answers: unhappy });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json<Issues>().details?.issues, [
      { path: 'answers.R4', message: '题目 R4 为必答题，请作答' },
    ]);
    const reason = await cs.send('POST', '/api/survey-responses', {
      ...base,
      answers: { ...satisfied, R5: { choice: 'no' } },
    });
    assert.equal(reason.json<Issues>().details?.issues?.[0]?.message, '题目 R5 请写明原因');

    const ok = await cs.send('POST', '/api/survey-responses', {
      ...base,
      answers: { ...unhappy, R4: { choices: ['repair_time', 'other'], text: '取车排队<b>太久</b>' } },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const r = ok.json<SurveyResponse>();
    assert.deepEqual(
      [r.channel, r.status, r.versionNumber, r.recordedBy?.name],
      ['call', 'complete', 1, 'cs_specialist'],
    );
    assert.equal(r.answers.R4?.text, '取车排队<b>太久</b>', 'free text kept as text');
    const mine = (await cs.get(`/api/customers/${t.customerId}/survey-responses`)).json<{ items: SurveyResponse[] }>();
    assert.deepEqual(
      mine.items.map((x) => x.id),
      [r.id],
    );
    const audit = await cs.inject({ method: 'GET', url: '/api/audit?action=survey.recorded' });
    assert.ok(!audit.body.includes('太久'));

    // A superseded version takes no new answers; answers keep the version they were given on.
    const admin = await signInStaff(t.slug, 'group.admin');
    await admin.send('POST', `/api/questionnaires/${repair.id}/draft`);
    assert.equal((await admin.send('POST', `/api/questionnaires/${repair.id}/publish`)).statusCode, 200);
    const old = await cs.send('POST', '/api/survey-responses', { ...base, answers: satisfied });
    assert.equal(old.statusCode, 400);
    assert.equal(old.json<Issues>().details?.issues?.[0]?.message, '只能按已发布的问卷版本作答');
    const again = (await cs.get(`/api/customers/${t.customerId}/survey-responses`)).json<{ items: SurveyResponse[] }>();
    assert.equal(again.items[0]?.versionNumber, 1);
  });
});
