import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, testClock } from '../../../test/harness.ts';
import { inTenant } from '../contact/test-kit.ts';
import { nightlyJobName, startNightlyChain } from './care.jobs.ts';

/** Moves the test clock to an instant (the clock is the one thing tests fake). */
const at = (iso: string) => {
  testClock.offsetMs = 0;
  testClock.advance(Date.parse(iso) - Date.now());
};

describe('the nightly chain', () => {
  test('starts at the next 02:00 in the tenant’s zone: tonight before 02:00, tomorrow night after', async () => {
    const t = await createTestTenant(['group_admin']);
    try {
      const cases = [
        { now: '2026-03-09T17:59:00Z', day: '2026-03-10', startsAt: '2026-03-09T18:00:00.000Z' }, // 01:59 Shanghai
        { now: '2026-03-09T18:00:00Z', day: '2026-03-11', startsAt: '2026-03-10T18:00:00.000Z' }, // 02:00 Shanghai
        { now: '2026-03-10T09:00:00Z', day: '2026-03-11', startsAt: '2026-03-10T18:00:00.000Z' }, // 17:00 Shanghai
      ];
      for (const c of cases) {
        at(c.now);
        const sent = await inTenant(t.id, async (ctx, jobs) => {
          await startNightlyChain(ctx);
          return jobs;
        });
        assert.equal(sent.length, 1, c.now);
        assert.equal(sent[0]?.name, nightlyJobName);
        assert.deepEqual(sent[0]?.data, { tenantId: t.id, day: c.day }, c.now);
        assert.equal(sent[0]?.startAfter?.toISOString(), c.startsAt, c.now);
      }
    } finally {
      testClock.offsetMs = 0;
    }
  });
});
