import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerIssues, surveyDefinition, surveyAnswers } from '@m4s/contracts';
import { z } from 'zod';
import { createTestTenant, testApp, testClock } from '../../test/harness.ts';
import { col, parseRows } from '../platform/db/rows.ts';
import { owners } from '../platform/db/schema/index.ts';
import { installFor } from '../modules/surveys/test-kit.ts';
import { demoOwnerPhones } from './demo.ts';
import { seedDemoGarage } from './demo-garage.ts';
import { seedDemoService } from './demo-service.ts';
import { seedDemoSurveys } from './demo-surveys.ts';
import { seedDemoVisits } from './demo-visits.ts';

describe('demo surveys', () => {
  test('repair follow-up calls and the delivered visit’s app survey, every answer set on its version’s path', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
      await tx.insert(owners).values(demoOwnerPhones.map((phone) => ({ tenantId: t.id, phone })));
    });
    const now = testClock.now();
    const storeIds = [t.storeId, t.otherStoreId];
    await seedDemoGarage(db, { tenantId: t.id, storeIds, now });
    await seedDemoService(db, { tenantId: t.id, storeIds, now });
    await seedDemoVisits(db, { tenantId: t.id, storeIds, now });
    await installFor(t.id);
    const made = await seedDemoSurveys(db, { tenantId: t.id, now });
    assert.equal(made.app, 1, 'the delivered, rated visit');

    const rows = parseRows(
      z.object({ channel: col.text, answers: z.unknown(), definition: z.unknown(), rating: col.number.nullable() }),
      await db.owner.executeSql(
        `SELECT r.channel, r.answers, v.definition, vi.rating_score AS rating FROM survey_responses r
           JOIN questionnaire_versions v ON v.tenant_id = r.tenant_id AND v.id = r.version_id
           LEFT JOIN visits vi ON vi.tenant_id = r.tenant_id AND vi.id = r.visit_id
          WHERE r.tenant_id = $1`,
        [t.id],
      ),
      'demo responses',
    );
    assert.equal(rows.length, made.calls + made.app);
    for (const r of rows) {
      const answers = surveyAnswers.parse(r.answers);
      assert.deepEqual(
        answerIssues(surveyDefinition.parse(r.definition), answers, { complete: true }),
        [],
        JSON.stringify(answers),
      );
      if (r.channel === 'app') assert.equal(answers.R1?.score, r.rating, 'the rating is the first answer');
    }
    assert.equal((await seedDemoSurveys(db, { tenantId: t.id, now })).app, 0, 'the app survey is not made twice');
  });
});
