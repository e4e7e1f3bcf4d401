import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import pino from 'pino';
import { testApp, testClock } from '../../../test/harness.ts';
import { workerLease } from './leases.ts';
import { startJobRunner } from './runner.ts';
import { defineJob } from './queue.ts';

/** A worker that died: its lease five minutes old, and the job it was running. */
const deadWorkerHolding = async (queue: string, jobId: string) => {
  const { db } = await testApp();
  const dead = workerLease(db.owner, randomUUID());
  await dead.beat();
  await dead.claim(queue, jobId);
  await db.owner.executeSql("UPDATE m4s_jobs.workers SET heartbeat_at = now() - interval '5 minutes' WHERE id = $1", [
    dead.id,
  ]);
  return dead;
};

describe('worker leases: a job whose process was killed is retried at once, not when its expiry has passed', () => {
  test('a lapsed lease gives back its jobs once; a live one keeps them unless every other worker is dead', async () => {
    const { db } = await testApp();
    const lostJob = randomUUID();
    await deadWorkerHolding('test.lease', lostJob);
    const live = workerLease(db.owner, randomUUID());
    await live.beat();
    const liveJob = randomUUID();
    await live.claim('test.lease', liveJob);

    const me = workerLease(db.owner, randomUUID());
    await me.beat();
    const first = await me.reap(false);
    assert.deepEqual(
      first.filter((j) => j.jobId === lostJob || j.jobId === liveJob),
      [{ queue: 'test.lease', jobId: lostJob }],
    );
    assert.deepEqual(
      (await me.reap(false)).filter((j) => j.jobId === lostJob),
      [],
      'a job is given back once',
    );
    // The embedded engine at start-up: one process owns the data directory, so every other worker is dead.
    const all = await me.reap(true);
    assert.ok(all.some((j) => j.jobId === liveJob));
    // A finished job is released: nothing is left to give back.
    await me.claim('test.lease', lostJob);
    await me.release(lostJob);
    const { rows } = await db.owner.executeSql('SELECT count(*)::int AS n FROM m4s_jobs.claims WHERE job_id = $1', [
      lostJob,
    ]);
    assert.equal(Number(rows[0]?.n), 0);
  });

  test('the runner retries, at start, the job a dead worker left active', async () => {
    const { db } = await testApp();
    const log = pino({ level: 'silent' });
    const queue = `test.lease.${randomUUID().slice(0, 8)}`;
    const ran: string[] = [];
    const job = defineJob({
      name: queue,
      payload: z.object({ tenantId: z.uuid(), mark: z.string() }),
      retryLimit: 2,
      // Far longer than the test: only the lease can bring the job back in time.
      expireInSeconds: 3 * 3600,
      handle: async (_ctx, data) => {
        ran.push(data.mark);
      },
    });
    // The queue and one job, enqueued by a process that runs no workers.
    const sender = await startJobRunner({ db, jobs: [job], clock: testClock, log, work: false });
    const mark = randomUUID();
    await sender.queueFor(db.owner).send(queue, { tenantId: randomUUID(), mark });
    await sender.stop();
    const found = await db.owner.executeSql(`SELECT id::text AS id FROM pgboss.job WHERE name = $1`, [queue]);
    const jobId = String(found.rows[0]?.id);
    // A worker fetched it and died: the job is active, its expiry hours away.
    await db.owner.executeSql(
      `UPDATE pgboss.job SET state = 'active', started_on = now() WHERE name = $1 AND id = $2`,
      [queue, jobId],
    );
    await deadWorkerHolding(queue, jobId);

    const runner = await startJobRunner({ db, jobs: [job], clock: testClock, log, work: true });
    try {
      const deadline = Date.now() + 60_000;
      while (ran.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(ran, [mark]);
      const state = await db.owner.executeSql(
        `SELECT state::text AS state, retry_count FROM pgboss.job WHERE id = $1`,
        [jobId],
      );
      assert.equal(state.rows[0]?.state, 'completed');
      assert.equal(Number(state.rows[0]?.retry_count), 1, 'the dead attempt counts as one failed try');
    } finally {
      await runner.stop();
    }
  });
});
