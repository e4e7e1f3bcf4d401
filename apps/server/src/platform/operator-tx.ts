import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { systemClock, type Clock } from './clock.ts';
import { systemCtx, type OperatorActor, type OperatorCtx } from './context.ts';
import { namingTenant } from './db/tenant-context.ts';
import type { Database, SqlExecutor } from './db/types.ts';
import type { JobQueue } from './jobs/queue.ts';

export type OperatorDeps = {
  db: Database;
  clock: Clock;
  /** How work inside a tenant queues jobs (the server's runner; the CLI's when it started one). */
  queueFor: (sql: SqlExecutor) => JobQueue;
};

const operatorRole = "SET LOCAL ROLE m4s_operator; SET LOCAL app.tenant_id = ''";

/**
 * One transaction as the platform operator's role. The tenant application role cannot read the operator's
 * tables; this role reads a tenant's tables only as a member of the application role, under its row-level
 * security, with no tenant named outside `inTenant` (so none). `inTenant` names the tenant (SET LOCAL, as
 * every request does) and then none again, so a provisioning is one transaction. It keeps the role: on
 * Citus a transaction must (the workers are reached as the current role, and each new connection replays
 * the transaction's SET LOCALs, which the application role may not do for `SET ROLE m4s_operator`;
 * migration 0046, docs/scaling.md).
 */
export const operatorTransaction = <T>(
  deps: OperatorDeps,
  input: { actor: OperatorActor; request: OperatorCtx['request']; log: FastifyBaseLogger },
  fn: (ctx: OperatorCtx) => Promise<T>,
): Promise<T> =>
  deps.db.transaction({ tenantId: null }, async (tx) => {
    await tx.sql.executeSql(operatorRole);
    const ctx: OperatorCtx = {
      actor: input.actor,
      db: tx.db,
      sql: tx.sql,
      clock: deps.clock,
      log: input.log,
      request: input.request,
      inTenant: async (tenantId, work) => {
        await tx.sql.executeSql(namingTenant(tenantId));
        // No reset after a failure: the transaction is then rolled back whole (and PostgreSQL would refuse it).
        const result = await work(
          systemCtx({
            tenantId,
            tx,
            jobs: deps.queueFor(tx.sql),
            clock: deps.clock,
            log: input.log.child({ tenantId }),
            requestId: input.request.id,
          }),
        );
        await tx.sql.executeSql(namingTenant(null));
        return result;
      },
      openTenant: (tenantId, work) => deps.db.transaction({ tenantId }, work),
    };
    return fn(ctx);
  });

/** For platform work with nothing to enqueue (provisioning): a job sent here is a programming error. */
export const noJobQueue = (): JobQueue => ({
  send: (name) => Promise.reject(new Error(`no job queue here (tried to queue ${name})`)),
  sendMany: (name) => Promise.reject(new Error(`no job queue here (tried to queue ${name})`)),
});

/** The operator's transaction outside HTTP: the demo seed and the command line, as `cli:<name>`. */
export const asPlatform = <T>(
  input: { db: Database; name: string; clock?: Clock; queueFor?: OperatorDeps['queueFor']; log?: FastifyBaseLogger },
  fn: (ctx: OperatorCtx) => Promise<T>,
): Promise<T> =>
  operatorTransaction(
    { db: input.db, clock: input.clock ?? systemClock, queueFor: input.queueFor ?? noJobQueue },
    {
      actor: { kind: 'cli', name: input.name },
      log: input.log ?? pino({ level: 'silent' }),
      request: { id: `cli:${randomUUID()}`, ip: null, locale: 'zh-CN', userAgent: null },
    },
    fn,
  );
