import { contactTopicLabels, contactTopics } from '@m4s/contracts';
import { postInbox } from '../../modules/inbox/inbox.service.ts';
import type { Ctx } from '../context.ts';
import { afterCommit } from '../events.ts';
import type { notifications } from '../db/schema/index.ts';
import type { DevOutboxEntry } from './providers.ts';

/** Titles for inbox posts that come without a subject: the contact topic's name (contracts' contactTopicLabels). */
const topicTitles: Record<string, string> = Object.fromEntries(
  contactTopics.map((x) => [x, contactTopicLabels[x]['zh-CN']]),
);

export const inboxTitle = (subject: string | null, topic: string): string =>
  subject?.trim() || topicTitles[topic] || '消息通知';

/**
 * What an inbox post needs of its notification. `link` (where the post leads in the owner app) is kept with
 * the notification (migration 0053), so a post the send job delivers later (an event invitation after quiet
 * hours) leads there too.
 */
export type InboxNotification = Pick<
  typeof notifications.$inferSelect,
  'id' | 'recipient' | 'kind' | 'topic' | 'subject' | 'body'
> & { link?: string | null };

/**
 * An inbox notification is a row in our own database: posted in the same transaction that marks the
 * notification sent, so it is delivered exactly once whatever crashes.
 */
export const deliverToInbox = async (
  ctx: Ctx,
  row: InboxNotification,
  mirror: ((entry: DevOutboxEntry) => void) | null,
): Promise<string> => {
  const post = await postInbox(ctx, row.recipient, {
    kind: row.kind,
    topic: row.topic,
    title: inboxTitle(row.subject, row.topic),
    body: row.body,
    link: row.link ?? null,
  });
  // The development page shows it once it is really there.
  if (mirror)
    afterCommit(ctx, () =>
      mirror({
        tenantId: ctx.tenantId,
        notificationId: row.id,
        channel: 'inbox',
        to: row.recipient,
        topic: row.topic,
        subject: post.title,
        body: row.body,
        ref: `inbox:${post.id}`,
        sentAt: new Date().toISOString(),
      }),
    );
  return `inbox:${post.id}`;
};
