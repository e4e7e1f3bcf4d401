// The supervisor's view of a store's queue (docs/calls.md, Queues): the page's total, every agent's day and each
// role's pool, counted in one pass over the store's open calls (queue.queries.ts storeQueue).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallQueue } from '@m4s/contracts';
import { createTestTenant, signInStaff, testClock, type Agent } from '../../../test/harness.ts';
import { addCall, day, hour } from './test-kit.ts';

const queue = async (agent: Agent, query: string) => {
  const res = await agent.get(`/api/calls?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<CallQueue>();
};

describe('the store’s queue and its day', () => {
  test('the total follows the filter; each agent’s load is the store’s calls; pools first within their role', async () => {
    const t = await createTestTenant(['cs_specialist', 'service_manager', 'service_advisor']);
    const manager = await signInStaff(t.slug, 'service.manager');
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const csId = t.staffIds['cs_specialist']!;
    const advisorId = t.staffIds['service_advisor']!;
    const now = testClock.now().getTime();
    const at = (ms: number) => new Date(now + ms);
    const tried = await addCall(t, { dueAt: at(-2 * hour), assigneeId: csId });
    await addCall(t, { dueAt: at(-hour), assigneeId: csId });
    await addCall(t, { dueAt: at(20 * day), assigneeId: csId });
    await addCall(t, { dueAt: at(-30 * 60_000) });
    await addCall(t, { dueAt: at(20 * day), role: 'service_advisor' });
    // Given to her in the other store: in that store's queue, not in this one's day.
    await addCall(t, { dueAt: at(-hour), assigneeId: csId, storeId: t.otherStoreId });
    // No answer: retried tomorrow, so no longer due today; her attempt counts in her day.
    const noAnswer = await cs.send('POST', `/api/calls/${tried}/outcome`, { outcome: 'no_answer', attempts: 0 });
    assert.equal(noAnswer.statusCode, 200, noAnswer.body);

    const all = await queue(manager, 'scope=store&when=all');
    const today = await queue(manager, 'scope=store&when=today');
    const late = await queue(manager, 'scope=store&when=all&late=true');
    assert.deepEqual(
      [all.total, all.items.length, today.total, today.items.length, late.total, late.items.length],
      [5, 5, 2, 2, 2, 2],
    );
    for (const q of [all, today, late]) {
      assert.deepEqual(
        q.loads.map((l) => [l.role, l.staffId, l.dueToday, l.late, l.attemptsToday, l.completedToday, l.target]),
        [
          ['cs_specialist', null, 1, 1, 0, 0, 50],
          ['cs_specialist', csId, 1, 1, 1, 0, 50],
          ['service_advisor', advisorId, 0, 0, 0, 0, 50],
        ],
      );
    }
    // Her own day is her queue's: hers and her role's pool in her store, due by tonight.
    const mine = await queue(cs, 'scope=mine');
    assert.deepEqual(
      [mine.total, mine.loads[0]?.dueToday, mine.loads[0]?.late, mine.loads[0]?.attemptsToday],
      [3, 3, 3, 1],
    );
  });
});
