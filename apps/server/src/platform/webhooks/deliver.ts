import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { defineJob } from '../jobs/queue.ts';
import { resolveTarget, type UrlPolicy } from './address.ts';
import { queueDeliveries } from './emit.ts';
import { deliverJobName, leaseMs, maxAttempts, retryDelaysMs } from './jobs.ts';
import { postJson, responseBodyLimit, type PostResult } from './send.ts';
import { signatureHeader } from './sign.ts';
import { lockUntilCommit } from '../db/xact-lock.ts';

export type DeliverOptions = UrlPolicy & { timeoutMs: number };
/** Runs `fn` in a short transaction of the delivery's tenant (the job's `step`, or a test's). */
export type Step = <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>;

type Claim =
  | { go: false }
  | {
      go: true;
      url: string;
      secrets: string[];
      headers: Record<string, string>;
      body: string;
      number: number;
      manual: boolean;
    };

/** A job may start a few seconds before the moment it was queued for (clocks of app and database). */
const earlyToleranceMs = 5_000;

/**
 * One ordered line (an endpoint and a resource) at a time: the claim's "is an earlier one unfinished?"
 * and the record's "finished: who is next?" cannot pass each other (docs/webhooks.md, "Order").
 */
const lockLine = (ctx: Ctx, endpointId: string, orderKey: string) =>
  lockUntilCommit(ctx.sql, `webhook:${endpointId}:${orderKey}`);

const whereDelivery = (ctx: Ctx, id: string) =>
  and(eq(webhookDeliveries.tenantId, ctx.tenantId), eq(webhookDeliveries.id, id));

type LinePlace = { endpointId: string; orderKey: string; seq: number };

/** The nearest pending delivery before or after `d` in its line (same endpoint and resource), if any. */
const pendingNeighbour = async (ctx: Ctx, d: LinePlace, side: 'earlier' | 'later') => {
  const [row] = await ctx.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, ctx.tenantId),
        eq(webhookDeliveries.endpointId, d.endpointId),
        eq(webhookDeliveries.orderKey, d.orderKey),
        side === 'earlier' ? lt(webhookDeliveries.seq, d.seq) : gt(webhookDeliveries.seq, d.seq),
        eq(webhookDeliveries.status, 'pending'),
      ),
    )
    .orderBy(side === 'earlier' ? desc(webhookDeliveries.seq) : asc(webhookDeliveries.seq))
    .limit(1);
  return row ?? null;
};

const earlierUnfinished = async (ctx: Ctx, d: LinePlace) => (await pendingNeighbour(ctx, d, 'earlier')) !== null;

/** Step 1, committed before anything is sent: is it this delivery's turn? Count the attempt, take a lease. */
const claim = async (ctx: Ctx, deliveryId: string, manual: boolean): Promise<Claim> => {
  const [peek] = await ctx.db.select().from(webhookDeliveries).where(whereDelivery(ctx, deliveryId));
  if (!peek) return { go: false };
  await lockLine(ctx, peek.endpointId, peek.orderKey);
  const [d] = await ctx.db.select().from(webhookDeliveries).where(whereDelivery(ctx, deliveryId)).for('update');
  const [endpoint] = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, ctx.tenantId), eq(webhookEndpoints.id, peek.endpointId)));
  // A disabled endpoint keeps its deliveries pending; enabling it queues them again.
  if (!d || !endpoint?.enabled) return { go: false };
  const now = ctx.clock.now();
  if (manual) {
    // A replay is a new attempt of a finished delivery; a pending one is simply sent in its turn.
    if (d.status === 'pending') return { go: false };
  } else {
    if (d.status !== 'pending') return { go: false };
    if (d.nextAttemptAt && d.nextAttemptAt.getTime() > now.getTime() + earlyToleranceMs) return { go: false };
    if (await earlierUnfinished(ctx, d)) return { go: false };
  }
  const number = d.attempts + 1;
  await ctx.db
    .update(webhookDeliveries)
    .set({ attempts: number, ...(manual ? {} : { nextAttemptAt: new Date(now.getTime() + leaseMs) }) })
    .where(whereDelivery(ctx, deliveryId));
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now)
    secrets.push(endpoint.previousSecret);
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    go: true,
    url: endpoint.url,
    secrets,
    body: d.body,
    number,
    manual,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'M4S-Webhooks/1',
      'x-m4s-event': d.eventType,
      'x-m4s-delivery': d.id,
      'x-m4s-timestamp': String(timestamp),
      'x-m4s-signature': signatureHeader(secrets, timestamp, d.body),
    },
  };
};

/** Step 2, outside any transaction: resolve and check the host again, then POST to the checked address. */
const send = async (c: Extract<Claim, { go: true }>, options: DeliverOptions): Promise<PostResult> => {
  const started = performance.now();
  let target;
  try {
    target = await resolveTarget(new URL(c.url), options);
  } catch (error) {
    const key = error instanceof AppError ? error.details.issues?.[0]?.message : undefined;
    const reason = key === 'webhook_url_private' ? 'address refused (private network)' : 'host could not be resolved';
    return { ok: false, error: reason, durationMs: Math.round(performance.now() - started) };
  }
  return postJson({ url: new URL(c.url), target, headers: c.headers, body: c.body, timeoutMs: options.timeoutMs });
};

/** Queues the next delivery waiting in this line, if any (the caller holds the line's lock). */
const kickNext = async (ctx: Ctx, d: LinePlace) => {
  const next = await pendingNeighbour(ctx, d, 'later');
  if (next) await queueDeliveries(ctx, [next.id]);
};

/** Step 3: the attempt's log line, and what follows — done, a retry later, or given up. */
const record = async (ctx: Ctx, deliveryId: string, c: Extract<Claim, { go: true }>, result: PostResult) => {
  const now = ctx.clock.now();
  const success = result.ok && result.statusCode >= 200 && result.statusCode < 300;
  await ctx.db.insert(webhookAttempts).values({
    tenantId: ctx.tenantId,
    deliveryId,
    number: c.number,
    manual: c.manual,
    at: now,
    statusCode: result.ok ? result.statusCode : null,
    durationMs: result.durationMs,
    responseBody: result.ok ? result.body.slice(0, responseBodyLimit) : null,
    error: result.ok ? (success ? null : `HTTP ${result.statusCode}`) : result.error.slice(0, 500),
  });
  const last = { lastStatusCode: result.ok ? result.statusCode : null, lastDurationMs: result.durationMs };
  const [d] = await ctx.db.select().from(webhookDeliveries).where(whereDelivery(ctx, deliveryId));
  if (!d) return { success, retryAt: null };
  if (c.manual) {
    await ctx.db
      .update(webhookDeliveries)
      .set({ ...last, ...(success ? { status: 'succeeded' as const, finishedAt: now } : {}) })
      .where(whereDelivery(ctx, deliveryId));
    return { success, retryAt: null };
  }
  await lockLine(ctx, d.endpointId, d.orderKey);
  const final = success || c.number >= maxAttempts;
  const retryAt = final ? null : new Date(now.getTime() + (retryDelaysMs[c.number - 1] ?? 0));
  await ctx.db
    .update(webhookDeliveries)
    .set({
      ...last,
      ...(final
        ? { status: success ? ('succeeded' as const) : ('failed' as const), finishedAt: now, nextAttemptAt: null }
        : { nextAttemptAt: retryAt }),
    })
    .where(and(whereDelivery(ctx, deliveryId), eq(webhookDeliveries.attempts, c.number)));
  if (retryAt) await queueDeliveries(ctx, [deliveryId], { startAfter: retryAt });
  else await kickNext(ctx, d);
  return { success, retryAt };
};

/**
 * One attempt of one delivery, in three steps (claim, send outside any transaction, record). Webhooks are
 * at-least-once: a crash between send and record sends again later, with the same x-m4s-delivery id.
 */
export const runDelivery = async (
  step: Step,
  input: { deliveryId: string; manual: boolean },
  options: DeliverOptions,
): Promise<{ attempted: false } | { attempted: true; success: boolean; retryAt: Date | null }> => {
  const c = await step((ctx) => claim(ctx, input.deliveryId, input.manual));
  if (!c.go) return { attempted: false };
  const result = await send(c, options);
  const outcome = await step((ctx) => record(ctx, input.deliveryId, c, result));
  return { attempted: true, ...outcome };
};

export const deliverJob = (options: DeliverOptions) =>
  defineJob({
    name: deliverJobName,
    payload: z.object({ tenantId: z.uuid(), deliveryId: z.uuid(), manual: z.boolean().default(false) }),
    // Our own schedule retries failed answers; pg-boss retries only a job that died (the lease then lapses).
    retryLimit: 3,
    expireInSeconds: Math.ceil(leaseMs / 1000) * 2,
    steps: async (job, data) => {
      const outcome = await runDelivery(job.step, data, options);
      if (outcome.attempted && !outcome.success)
        job.log.warn({ deliveryId: data.deliveryId, retryAt: outcome.retryAt }, 'webhook delivery failed');
    },
  });
