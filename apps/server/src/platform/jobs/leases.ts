import { z } from 'zod';
import { parseRows } from '../db/rows.ts';
import type { SqlExecutor } from '../db/types.ts';

/** A worker whose lease is this old is dead; it refreshes the lease at a third of it. */
export const leaseSeconds = 60;

/** A job a dead worker was running, to be handed back to pg-boss as a failed attempt (so it is retried). */
export type LostJob = { queue: string; jobId: string };

export type WorkerLease = {
  id: string;
  /** Records that this worker runs the job, until `release`. */
  claim: (queue: string, jobId: string) => Promise<void>;
  release: (jobId: string) => Promise<void>;
  /** Refreshes this worker's lease (and re-creates it if another process took it for dead). */
  beat: () => Promise<void>;
  /**
   * Forgets the workers that are dead — every other one when `everyOther` (the embedded engine at start-up:
   * one process owns its data directory, so any earlier worker died with its process) — and returns the
   * jobs they were running.
   */
  reap: (everyOther: boolean) => Promise<LostJob[]>;
};

const lostRow = z.object({ job_id: z.string(), queue: z.string() });

/**
 * Worker leases in `m4s_jobs` (migration 0040). pg-boss (10) notices a job whose process was killed only when
 * the job's expiry has passed — 3 hours for an import — and has no heartbeat of its own; these leases let a
 * restart, or another process, give such a job back within about a minute.
 */
export const workerLease = (owner: SqlExecutor, id: string): WorkerLease => ({
  id,
  claim: async (queue, jobId) => {
    await owner.executeSql(
      `INSERT INTO m4s_jobs.claims (job_id, queue, worker_id) VALUES ($1, $2, $3)
       ON CONFLICT (job_id) DO UPDATE SET worker_id = EXCLUDED.worker_id, claimed_at = now()`,
      [jobId, queue, id],
    );
  },
  release: async (jobId) => {
    await owner.executeSql('DELETE FROM m4s_jobs.claims WHERE job_id = $1 AND worker_id = $2', [jobId, id]);
  },
  beat: async () => {
    await owner.executeSql(
      `INSERT INTO m4s_jobs.workers (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
      [id],
    );
  },
  reap: async (everyOther) => {
    const result = await owner.executeSql(
      `WITH dead AS (
         DELETE FROM m4s_jobs.workers
          WHERE id <> $1 AND ($2::boolean OR heartbeat_at < now() - make_interval(secs => $3))
         RETURNING id)
       DELETE FROM m4s_jobs.claims c
        WHERE c.worker_id <> $1
          AND (c.worker_id IN (SELECT id FROM dead)
               OR NOT EXISTS (SELECT 1 FROM m4s_jobs.workers w WHERE w.id = c.worker_id))
       RETURNING c.job_id::text AS job_id, c.queue`,
      [id, everyOther, leaseSeconds],
    );
    return parseRows(lostRow, result, 'lost jobs').map((r) => ({ queue: r.queue, jobId: r.job_id }));
  },
});
