import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { notifications } from '../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { defineJob } from '../jobs/queue.ts';
import type { Channels } from './channels.ts';
import { deliverToInbox } from './inbox-delivery.ts';
import type { OutgoingMessage, Provider } from './providers.ts';
import { errorText, isPermanent } from './send-error.ts';
import { tenantSuspended } from '../tenant-status.ts';

export type Notice = {
  channel: 'sms' | 'email' | 'inbox';
  /** A phone number, an e-mail address, or for 'inbox' the owner's id. */
  to: string;
  kind: 'transactional' | 'care' | 'marketing';
  topic: string;
  body: string;
  /** E-mail subject; the inbox title (else one from the topic). */
  subject?: string | null;
  customerId?: string | null;
};

export const sendJobName = 'notify.send';
/** The first try and five retries, with exponential backoff (pg-boss: 2–4 s, 4–8 s, … up to about a minute). */
export const sendAttempts = 6;
/** provider_ref while an attempt is under way: an attempt that never recorded its outcome is seen on retry. */
const claimPrefix = 'claim:';

/**
 * Enqueues the sending of notifications rows already written (by SQL, set-based, as the contact gate
 * does), each at its moment — a deferred one when the owner's quiet hours end — in the caller's transaction.
 */
export const enqueueSends = async (
  ctx: Pick<Ctx, 'tenantId' | 'jobs'>,
  sends: readonly { notificationId: string; startAfter?: Date | undefined; priority?: number }[],
): Promise<void> => {
  await ctx.jobs.sendMany(
    sendJobName,
    sends.map(({ notificationId, startAfter, priority }) => ({
      data: { tenantId: ctx.tenantId, notificationId },
      options: {
        singletonKey: notificationId,
        ...(startAfter ? { startAfter } : {}),
        ...(priority ? { priority } : {}),
      },
    })),
  );
};

/**
 * A transactional message (a sign-in code, a booking's confirmation) is fetched before the care and marketing
 * sends queued ahead of it: the first night queues thousands, and an owner waiting for a code cannot wait behind them.
 */
export const transactionalPriority = 10;

/** Writes the message to the outbox and enqueues its sending, both in the caller's transaction. */
export const enqueueNotice = async (ctx: Ctx, notice: Notice): Promise<string> => {
  const { to, subject, customerId, ...rest } = notice;
  const [row] = await ctx.db
    .insert(notifications)
    .values({
      tenantId: ctx.tenantId,
      ...rest,
      recipient: to,
      subject: subject ?? null,
      customerId: customerId ?? null,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: notifications.id });
  if (!row) throw new Error('outbox insert returned nothing');
  await enqueueSends(ctx, [
    { notificationId: row.id, ...(notice.kind === 'transactional' ? { priority: transactionalPriority } : {}) },
  ]);
  return row.id;
};

type Claim =
  { send: false } | { send: true; provider: Provider; message: OutgoingMessage; token: string; attempt: number };

const whereId = (ctx: Ctx, id: string) => and(eq(notifications.tenantId, ctx.tenantId), eq(notifications.id, id));

/**
 * Step 1, committed before anything leaves the machine: count the attempt and leave a claim. Inbox
 * messages are delivered here outright (our own database: one transaction, exactly once).
 */
const claim = async (ctx: Ctx, id: string, channels: Channels): Promise<Claim> => {
  const [row] = await ctx.db.select().from(notifications).where(whereId(ctx, id)).for('update');
  if (!row || row.status !== 'queued') return { send: false };
  if (await tenantSuspended(ctx.db, ctx.tenantId)) {
    // The platform operator suspended the tenant: nothing leaves in its name (the reason stays on the row).
    await ctx.db
      .update(notifications)
      .set({ status: 'failed', lastError: 'tenant suspended: not sent' })
      .where(whereId(ctx, id));
    return { send: false };
  }
  const attempt = row.attempts + 1;
  if (row.channel === 'inbox') {
    const ref = await deliverToInbox(ctx, row, channels.mirror);
    await ctx.db
      .update(notifications)
      .set({ status: 'sent', attempts: attempt, providerRef: ref, sentAt: ctx.clock.now(), lastError: null })
      .where(whereId(ctx, id));
    return { send: false };
  }
  const provider = channels.provider(ctx.tenantId, row.channel);
  if (row.providerRef?.startsWith(claimPrefix) && !provider.dedupes) {
    // An earlier attempt started and never recorded how it ended (the process died mid-send): it may have
    // been delivered. This provider cannot de-duplicate, so sending again could be a second message.
    await ctx.db
      .update(notifications)
      .set({
        status: 'failed',
        providerRef: null,
        lastError: `interrupted during ${row.providerRef}: outcome unknown, not resent`,
      })
      .where(whereId(ctx, id));
    ctx.log.warn({ notificationId: id }, 'notification send interrupted earlier: marked failed, not resent');
    return { send: false };
  }
  const token = `${claimPrefix}${attempt}`;
  await ctx.db.update(notifications).set({ attempts: attempt, providerRef: token }).where(whereId(ctx, id));
  const message: OutgoingMessage = {
    tenantId: ctx.tenantId,
    notificationId: id,
    channel: row.channel,
    to: row.recipient,
    topic: row.topic,
    subject: row.subject,
    body: row.body,
  };
  return { send: true, provider, message, token, attempt };
};

type Outcome = { ok: true; ref: string } | { ok: false; error: unknown; final: boolean };

/** Step 3: the outcome, only over our own claim (a stale runner's answer changes nothing). */
const record = async (ctx: Ctx, id: string, token: string, outcome: Outcome) => {
  const mine = and(whereId(ctx, id), eq(notifications.providerRef, token));
  if (outcome.ok)
    await ctx.db
      .update(notifications)
      .set({ status: 'sent', providerRef: outcome.ref, sentAt: ctx.clock.now(), lastError: null })
      .where(mine);
  else
    await ctx.db
      .update(notifications)
      .set({
        ...(outcome.final ? { status: 'failed' as const } : {}),
        providerRef: null,
        lastError: errorText(outcome.error),
      })
      .where(mine);
};

/**
 * Sends one queued message through its channel: 'sms' → the SMS provider, 'email' → SMTP, 'inbox' → the
 * owner's 消息中心. Three steps (claim, send outside any transaction, record) so that a crash between the
 * provider's acceptance and our commit is noticed on retry instead of sending again — docs/notifications.md.
 */
export const sendJob = (channels: Channels) =>
  defineJob({
    name: sendJobName,
    payload: z.object({ tenantId: z.uuid(), notificationId: z.uuid() }),
    retryLimit: sendAttempts - 1,
    // Longer than one SMTP or cloud call can take (their timeouts are 10–30 s): pg-boss must not start a
    // second runner on a send that is still under way.
    expireInSeconds: 120,
    steps: async (job, { notificationId }) => {
      const c = await job.step((ctx) => claim(ctx, notificationId, channels));
      if (!c.send) return;
      let outcome: Outcome;
      try {
        outcome = { ok: true, ref: (await c.provider.send(c.message)).ref };
      } catch (error) {
        outcome = { ok: false, error, final: isPermanent(error) || c.attempt >= sendAttempts };
      }
      await job.step((ctx) => record(ctx, notificationId, c.token, outcome));
      if (!outcome.ok) {
        job.log.warn({ err: outcome.error, notificationId, attempt: c.attempt }, 'notification send failed');
        // Thrown only when a retry should follow; a final failure is recorded and the job ends.
        if (!outcome.final) throw outcome.error;
      }
    },
  });
