import type { z } from 'zod';
import type { Ctx } from '../context.ts';

export type SendOptions = { startAfter?: Date; singletonKey?: string; retryLimit?: number };

/** Enqueues inside the caller's transaction: the job exists if and only if the change committed. */
export type JobQueue = {
  send: (name: string, data: { tenantId: string } & Record<string, unknown>, options?: SendOptions) => Promise<void>;
};

/** A module's job: its name, its payload's schema and a handler that runs in the payload tenant's context. */
export type JobDefinition<S extends z.ZodType<{ tenantId: string }> = z.ZodType<{ tenantId: string }>> = {
  name: string;
  payload: S;
  handle: (ctx: Ctx, data: z.infer<S>) => Promise<void>;
  /** Retries with exponential backoff before the job is marked failed. */
  retryLimit?: number;
};

export const defineJob = <S extends z.ZodType<{ tenantId: string }>>(job: JobDefinition<S>): JobDefinition<S> => job;
