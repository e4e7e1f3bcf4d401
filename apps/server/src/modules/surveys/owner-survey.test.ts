import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OwnerSurvey, SurveyResponse } from '@m4s/contracts';
import { signInOwner, signInStaff, testApp } from '../../../test/harness.ts';
import { visitWorld } from '../visits/test-kit.ts';
import { deliverVisit, installFor } from './test-kit.ts';

type Issues = { details?: { issues?: { path: string; message: string }[] } };
const rest = {
  R2: { choice: 'fixed' },
  R3: { choice: 'satisfied' },
  R5: { choice: 'no', text: '价格偏高' },
  R6: { text: '希望周末也能预约' },
};

describe('the owner’s survey after delivery', () => {
  test('delivery invites the first app account through the gate; the visit rating is its first answer; answered once', async () => {
    const w = await visitWorld();
    await installFor(w.t.id);
    const visitId = await deliverVisit(w);

    const mine = (await w.owner.get('/api/owner/surveys')).json<{ items: OwnerSurvey[] }>().items;
    assert.equal(mine.length, 1);
    const id = mine[0]!.id;
    assert.deepEqual([mine[0]!.status, mine[0]!.visitId, mine[0]!.plate], ['invited', visitId, '沪AK2736']);
    const inbox = (await w.owner.get('/api/owner/inbox')).json<{ items: { topic: string; link: string | null }[] }>();
    assert.ok(
      inbox.items.some((m) => m.topic === 'visit_survey' && m.link === `/surveys/${id}`),
      'the invitation is in the inbox',
    );
    const { db } = await testApp();
    const touches = await db.owner.executeSql(
      `SELECT source, kind, decision FROM touches WHERE tenant_id = $1 AND dedupe_key LIKE 'survey:%'`,
      [w.t.id],
    );
    assert.deepEqual(touches.rows, [{ source: 'survey', kind: 'transactional', decision: 'sent' }]);

    // The visit page's 0–10 rating (the existing route) is the survey's first answer.
    const rated = await w.owner.send('POST', `/api/owner/visits/${visitId}/rating`, { score: 6, comment: '等太久' });
    assert.equal(rated.statusCode, 200, rated.body);
    const partial = (await w.owner.get(`/api/owner/surveys/${id}`)).json<OwnerSurvey>();
    assert.deepEqual([partial.status, partial.answers.R1], ['partial', { score: 6 }]);
    assert.equal(partial.definition.sections[1]?.questions[0]?.key, 'R1');

    // The rest: an unhappy R3 needs R4; the score cannot be changed here.
    const missing = await w.owner.send('POST', `/api/owner/surveys/${id}/answers`, {
      answers: { ...rest, R3: { choice: 'dissatisfied' } },
    });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json<Issues>().details?.issues, [
      { path: 'answers.R4', message: '题目 R4 为必答题，请作答' },
    ]);
    const done = await w.owner.send('POST', `/api/owner/surveys/${id}/answers`, {
      answers: { ...rest, R1: { score: 10 } },
    });
    assert.equal(done.statusCode, 200, done.body);
    const s = done.json<OwnerSurvey>();
    assert.deepEqual(
      [s.status, s.answers.R1, s.answers.R5],
      ['complete', { score: 6 }, { choice: 'no', text: '价格偏高' }],
    );
    assert.ok(s.answeredAt);
    const twice = await w.owner.send('POST', `/api/owner/surveys/${id}/answers`, { answers: rest });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json<{ message: string }>().message, '该问卷已作答，感谢您的反馈');
    const visit = (await w.owner.get(`/api/owner/visits/${visitId}`)).json<{ rating: { score: number } }>();
    assert.equal(visit.rating.score, 6, 'the visit keeps its rating');

    // Staff see it with the customer's answers, channel app.
    const staffView = (await w.admin.get(`/api/customers/${w.t.customerId}/survey-responses`)).json<{
      items: SurveyResponse[];
    }>();
    assert.deepEqual(
      staffView.items.map((r) => [r.channel, r.status, r.visitId, r.answers.R1?.score]),
      [['app', 'complete', visitId, 6]],
    );
  });

  test('only the invited owner reaches it; answered in the survey first, the score becomes the visit’s rating', async () => {
    const w = await visitWorld();
    await installFor(w.t.id);
    const visitId = await deliverVisit(w);
    const id = (await w.owner.get('/api/owner/surveys')).json<{ items: OwnerSurvey[] }>().items[0]!.id;

    const stranger = await signInOwner(w.t.slug, '13900000077');
    assert.equal((await stranger.get(`/api/owner/surveys/${id}`)).statusCode, 404);
    assert.equal(
      (await stranger.send('POST', `/api/owner/surveys/${id}/answers`, { answers: { ...rest, R1: { score: 9 } } }))
        .statusCode,
      404,
    );
    assert.deepEqual((await stranger.get('/api/owner/surveys')).json<{ items: unknown[] }>().items, []);

    const bad = await w.owner.send('POST', `/api/owner/surveys/${id}/answers`, {
      answers: { ...rest, R1: { score: 12 } },
    });
    assert.equal(bad.statusCode, 400);
    const ok = await w.owner.send('POST', `/api/owner/surveys/${id}/answers`, {
      answers: { ...rest, R1: { score: 9 } },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const visit = (await w.owner.get(`/api/owner/visits/${visitId}`)).json<{
      rating: { score: number };
      canRate: boolean;
    }>();
    assert.deepEqual([visit.rating.score, visit.canRate], [9, false]);
    const rate = await w.owner.send('POST', `/api/owner/visits/${visitId}/rating`, { score: 3 });
    assert.equal(rate.statusCode, 409, 'rated once, whichever way');
  });

  test('erasure keeps the scores and choices and blanks what the owner wrote; the export holds it all', async () => {
    const w = await visitWorld();
    await installFor(w.t.id);
    await deliverVisit(w);
    const id = (await w.owner.get('/api/owner/surveys')).json<{ items: OwnerSurvey[] }>().items[0]!.id;
    await w.owner.send('POST', `/api/owner/surveys/${id}/answers`, { answers: { ...rest, R1: { score: 4 } } });
    const data = (await w.admin.get(`/api/customers/${w.t.customerId}/export`)).json<{
      surveyResponses: SurveyResponse[];
    }>();
    assert.equal(data.surveyResponses[0]?.answers.R6?.text, '希望周末也能预约');
    const erased = await w.admin.send('POST', `/api/customers/${w.t.customerId}/erase`, { reason: '客户申请注销' });
    assert.equal(erased.statusCode, 200, erased.body);
    const { db } = await testApp();
    const left = await db.owner.executeSql(`SELECT answers, owner_id FROM survey_responses WHERE tenant_id = $1`, [
      w.t.id,
    ]);
    assert.deepEqual(left.rows, [
      {
        answers: {
          R1: { score: 4 },
          R2: { choice: 'fixed' },
          R3: { choice: 'satisfied' },
          R5: { choice: 'no' },
          R6: {},
        },
        owner_id: null,
      },
    ]);
    const admin = await signInStaff(w.t.slug, 'group.admin');
    assert.equal((await admin.get(`/api/customers/${w.t.customerId}/survey-responses`)).statusCode, 404);
  });
});
