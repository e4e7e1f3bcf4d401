import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { notifications } from '../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { defineJob } from '../jobs/queue.ts';
import type { Provider } from './providers.ts';

export type Notice = {
  channel: 'sms' | 'email' | 'inbox';
  to: string;
  kind: 'transactional' | 'care' | 'marketing';
  topic: string;
  body: string;
};

export const sendJobName = 'notify.send';

/** Writes the message to the outbox and enqueues its sending, both in the caller's transaction. */
export const enqueueNotice = async (ctx: Ctx, notice: Notice): Promise<string> => {
  const [row] = await ctx.db
    .insert(notifications)
    .values({ tenantId: ctx.tenantId, ...notice, recipient: notice.to, createdAt: ctx.clock.now() })
    .returning({ id: notifications.id });
  if (!row) throw new Error('outbox insert returned nothing');
  await ctx.jobs.send(sendJobName, { tenantId: ctx.tenantId, notificationId: row.id }, { singletonKey: row.id });
  return row.id;
};

/**
 * Sends one queued message. Idempotent: a message already sent is skipped, and the provider is told
 * the notification id so that a retry after a crash between send and commit is not a second message.
 */
export const sendJob = (provider: Provider) =>
  defineJob({
    name: sendJobName,
    payload: z.object({ tenantId: z.uuid(), notificationId: z.uuid() }),
    retryLimit: 5,
    handle: async (ctx, { notificationId }) => {
      const where = and(eq(notifications.tenantId, ctx.tenantId), eq(notifications.id, notificationId));
      const [row] = await ctx.db.select().from(notifications).where(where);
      if (!row || row.status === 'sent') return;
      try {
        const { ref } = await provider.send({
          tenantId: ctx.tenantId,
          notificationId,
          channel: row.channel,
          to: row.recipient,
          body: row.body,
        });
        await ctx.db
          .update(notifications)
          .set({ status: 'sent', providerRef: ref, sentAt: ctx.clock.now(), attempts: row.attempts + 1 })
          .where(where);
      } catch (error) {
        ctx.log.warn({ err: error, notificationId }, 'notification send failed');
        throw error;
      }
    },
  });
