import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Ctx } from '../context.ts';

export type SendOptions = {
  startAfter?: Date;
  singletonKey?: string;
  retryLimit?: number;
  /** Fetched before lower ones of the same queue (pg-boss orders by priority, then age; default 0). */
  priority?: number;
};

/** Enqueues inside the caller's transaction: the job exists if and only if the change committed. */
export type JobQueue = {
  send: (name: string, data: { tenantId: string } & Record<string, unknown>, options?: SendOptions) => Promise<void>;
  /** Many jobs of one kind in a few statements (the nightly sweep queues thousands of sends). */
  sendMany: (
    name: string,
    jobs: readonly { data: { tenantId: string } & Record<string, unknown>; options?: SendOptions }[],
  ) => Promise<void>;
};

/**
 * What a long job gets in "steps" mode: its tenant, and `step(fn)`, which runs `fn` in a short
 * transaction of its own. On PGlite a transaction is exclusive, so a job that works for minutes must
 * commit in small steps or every request would wait for it.
 */
export type JobSteps = {
  tenantId: string;
  jobId: string;
  clock: Clock;
  log: FastifyBaseLogger;
  step: <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
  /**
   * Refreshes the planner's statistics of tables the job has grown. The embedded engine has no
   * autovacuum: without it, plans made when a table was empty (foreign-key checks among them) stay.
   * `changed`: only the tables that are small or changed by a tenth since their last statistics.
   */
  analyze: (tables: readonly string[], which?: 'all' | 'changed') => Promise<void>;
};

type JobCommon<S> = {
  name: string;
  payload: S;
  /** Retries with exponential backoff before the job is marked failed. */
  retryLimit?: number;
  /** How long one attempt may run before pg-boss counts it as lost (default 15 minutes). */
  expireInSeconds?: number;
  /**
   * 'short': at most one job per singleton key waits in the queue (a second send with the key is dropped).
   * Without it (pg-boss's 'standard') a singleton key alone dedupes nothing. Set when the queue is created.
   */
  policy?: 'standard' | 'short';
};

/**
 * A module's job: its name, its payload's schema and either `handle` — run inside one transaction in
 * the payload tenant's context (the default) — or `steps`, which opens its own short transactions.
 */
export type JobDefinition<S extends z.ZodType<{ tenantId: string }> = z.ZodType<{ tenantId: string }>> = JobCommon<S> &
  // Method syntax: a job for a narrower payload still fits a list of jobs for any tenant payload.
  ({ handle(ctx: Ctx, data: z.infer<S>): Promise<void> } | { steps(job: JobSteps, data: z.infer<S>): Promise<void> });

export const defineJob = <S extends z.ZodType<{ tenantId: string }>>(job: JobDefinition<S>): JobDefinition<S> => job;
