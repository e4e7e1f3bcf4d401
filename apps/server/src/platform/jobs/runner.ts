import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import { systemCtx, type Ctx } from '../context.ts';
import { tableAnalyzer } from '../db/analyze.ts';
import type { Database, SqlExecutor } from '../db/types.ts';
import { leaseSeconds, workerLease, type LostJob } from './leases.ts';
import type { JobDefinition, JobQueue, JobSteps } from './queue.ts';

/** This process's worker id: its runners share one lease, so a start-up never takes a sibling for dead. */
const processWorkerId = randomUUID();

export type JobRunner = {
  queueFor: (sql: SqlExecutor) => JobQueue;
  /** Runs `fn` in one tenant's transaction as the system (work a start-up hook does for each tenant). */
  inTenant: <T>(tenantId: string, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
  /** What a "steps" job gets, outside a job (the CLI running a tenant's nightly steps for a day). */
  stepsFor: (tenantId: string, log: FastifyBaseLogger) => JobSteps;
  stop: () => Promise<void>;
};

/**
 * pg-boss on the same database. On PGlite it is handed our one instance (never a second handle); on
 * PostgreSQL it keeps its own small pool. Jobs run as the application role in the tenant named by
 * their payload, like a request does.
 */
export const startJobRunner = async (input: {
  db: Database;
  jobs: JobDefinition[];
  clock: Clock;
  log: FastifyBaseLogger;
  work: boolean;
}): Promise<JobRunner> => {
  const { db, log } = input;
  const boss = new PgBoss({
    ...db.jobsConnection,
    schema: 'pgboss',
    max: 3,
    supervise: input.work,
    schedule: input.work,
    migrate: true,
  });
  boss.on('error', (error: Error) => log.error({ err: error }, 'job runner error'));
  await boss.start();
  // Requests enqueue as the application role, inside their own transaction.
  await db.owner.executeSql(
    'GRANT USAGE ON SCHEMA pgboss TO m4s_app; GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA pgboss TO m4s_app',
  );
  for (const job of input.jobs) {
    if (!(await boss.getQueue(job.name)))
      await boss.createQueue(job.name, {
        name: job.name,
        retryLimit: job.retryLimit ?? 5,
        retryBackoff: true,
        retryDelay: 2,
        ...(job.policy ? { policy: job.policy } : {}),
        ...(job.expireInSeconds ? { expireInSeconds: job.expireInSeconds } : {}),
      });
  }
  await db.owner.executeSql('GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA pgboss TO m4s_app');

  const queueFor = (sql: SqlExecutor): JobQueue => ({
    send: async (name, data, options = {}) => {
      await boss.send(name, data, { ...options, db: sql });
    },
    // One INSERT … SELECT per 2,000 jobs (pg-boss's insert: same defaults, same ON CONFLICT as send).
    sendMany: async (name, jobs) => {
      for (let i = 0; i < jobs.length; i += 2000)
        await boss.insert(
          jobs.slice(i, i + 2000).map(({ data, options = {} }) => ({ name, data, ...options })),
          { db: sql },
        );
    },
  });

  const analyze = tableAnalyzer(db.owner);

  /** A transaction in one tenant as the system actor, as a job (or the start-up) runs. */
  const inTenantAs = <T>(
    tenantId: string,
    requestId: string,
    ctxLog: FastifyBaseLogger,
    fn: (ctx: Ctx) => Promise<T>,
  ) =>
    db.transaction({ tenantId }, (tx) =>
      fn(systemCtx({ tenantId, tx, jobs: queueFor(tx.sql), clock: input.clock, log: ctxLog, requestId })),
    );

  // Jobs a killed process was running are retried now, not when their expiry (up to hours) has passed.
  const lease = workerLease(db.owner, processWorkerId);
  const giveBack = async (lost: LostJob[]) => {
    for (const { queue, jobId } of lost) {
      log.warn({ job: queue, jobId }, 'job runner: a job whose worker died is given back for a retry');
      await boss.fail(queue, jobId, { reason: 'worker died' });
    }
  };
  let leaseTimer: NodeJS.Timeout | null = null;
  if (input.work) {
    await lease.beat();
    // One process owns an embedded data directory: every earlier worker died with its process.
    await giveBack(await lease.reap(db.engine === 'pglite'));
    if (db.engine !== 'pglite') {
      leaseTimer = setInterval(
        () => {
          lease
            .beat()
            .then(() => lease.reap(false))
            .then(giveBack)
            .catch((error: unknown) => log.error({ err: error }, 'job runner: worker lease'));
        },
        (leaseSeconds / 3) * 1000,
      );
      leaseTimer.unref();
    }
    for (const job of input.jobs) {
      await boss.work(job.name, { pollingIntervalSeconds: 0.5 }, async (batch) => {
        for (const item of batch) {
          const data = job.payload.parse(item.data);
          const jobLog = log.child({ job: job.name, jobId: item.id, tenantId: data.tenantId });
          const inTenant = <T>(fn: (ctx: Ctx) => Promise<T>) => inTenantAs(data.tenantId, `job:${item.id}`, jobLog, fn);
          await lease.claim(job.name, item.id);
          try {
            if ('steps' in job)
              await job.steps(
                { tenantId: data.tenantId, jobId: item.id, clock: input.clock, log: jobLog, step: inTenant, analyze },
                data,
              );
            else await inTenant((ctx) => job.handle(ctx, data));
          } finally {
            await lease.release(item.id);
          }
        }
      });
    }
  }
  return {
    queueFor,
    inTenant: (tenantId, fn) => inTenantAs(tenantId, 'system', log, fn),
    stepsFor: (tenantId, stepLog) => ({
      tenantId,
      jobId: 'system',
      clock: input.clock,
      log: stepLog,
      step: (fn) => inTenantAs(tenantId, 'system', stepLog, fn),
      analyze,
    }),
    stop: async () => {
      if (leaseTimer) clearInterval(leaseTimer);
      // The lease is left to lapse: other runners of this process (tests start several) share it.
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
};
