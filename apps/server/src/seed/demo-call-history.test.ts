import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { createTestTenant, testApp, testClock } from '../../test/harness.ts';
import { col, parseRows } from '../platform/db/rows.ts';
import { installFor } from '../modules/surveys/test-kit.ts';
import { seedDemoCallHistory } from './demo-call-history.ts';
import { seedDemoGarage } from './demo-garage.ts';
import { seedDemoService } from './demo-service.ts';
import { seedDemoSurveys } from './demo-surveys.ts';

describe('demo call history', () => {
  test('each recorded follow-up is a completed call with its attempts; failed calls close as the machine would', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin', 'cs_specialist']);
    // The demo's CS specialist signs in as `cs`.
    await db.owner.executeSql(`UPDATE staff SET login = 'cs' WHERE tenant_id = $1 AND role = 'cs_specialist'`, [t.id]);
    const now = testClock.now();
    const storeIds = [t.storeId, t.otherStoreId];
    await seedDemoGarage(db, { tenantId: t.id, storeIds, now });
    await seedDemoService(db, { tenantId: t.id, storeIds, now });
    await installFor(t.id);
    // Sixty repair orders out over the last fifty days (the generator makes the demo's).
    await db.owner.executeSql(
      `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, date_out)
       SELECT $1, 'RO-' || g, $2, $3, $4, 'maintenance', $5::timestamptz - g * interval '20 hours',
              $5::timestamptz - g * interval '20 hours' + interval '5 hours'
         FROM generate_series(1, 60) g`,
      [t.id, t.vehicleId, t.customerId, t.storeId, now],
    );
    const surveys = await seedDemoSurveys(db, { tenantId: t.id, now });
    assert.ok(surveys.calls > 0, 'the demo has recorded follow-ups');
    const made = await seedDemoCallHistory(db, { tenantId: t.id, now });
    assert.equal(made.completed, surveys.calls);
    assert.ok(made.failed > 0, 'some calls did not get through');

    const calls = parseRows(
      z.object({
        state: col.text,
        attempts: col.number,
        outcomes: z.array(z.string()),
        last_after: col.text,
        responses: col.number,
        answered: col.number,
      }),
      await db.owner.executeSql(
        `SELECT k.call_state AS state, k.attempts, array_agg(a.outcome ORDER BY a.seq) AS outcomes,
                (array_agg(a.state_after ORDER BY a.seq DESC))[1] AS last_after,
                count(a.response_id) AS responses,
                (SELECT count(*) FROM survey_responses r WHERE r.tenant_id = k.tenant_id AND r.task_id = k.id) AS answered
           FROM care_tasks k JOIN call_attempts a ON a.tenant_id = k.tenant_id AND a.task_id = k.id
          WHERE k.tenant_id = $1 GROUP BY k.tenant_id, k.id`,
        [t.id],
      ),
      'demo calls',
    );
    assert.equal(calls.length, made.completed + made.failed, 'every call has its attempts');
    assert.equal(
      calls.reduce((s, c) => s + c.attempts, 0),
      made.attempts,
    );
    for (const c of calls) {
      assert.equal(c.outcomes.length, c.attempts);
      assert.equal(c.last_after, c.state);
      const expected = {
        completed: [...Array<string>(c.attempts - 1).fill('no_answer'), 'completed'],
        bad_number: ['empty_number'],
        refused: ['refused'],
        unreachable: ['no_answer', 'no_answer', 'no_answer'],
      }[c.state];
      assert.deepEqual(c.outcomes, expected, c.state);
      assert.deepEqual([c.responses, c.answered], c.state === 'completed' ? [1, 1] : [0, 0], c.state);
    }
    assert.deepEqual(await seedDemoCallHistory(db, { tenantId: t.id, now }), { completed: 0, failed: 0, attempts: 0 });
  });
});
