import type { InboxKind, InboxList, InboxMessage } from '@m4s/contracts';
import type { Ctx, OwnerCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { publishAfterCommit } from '../../platform/events.ts';
import * as q from './inbox.queries.ts';

export type InboxPost = {
  kind: InboxKind;
  /** What it is about (visit_status, estimate, booking_confirmed…): the app may group or filter by it. */
  topic: string;
  title: string;
  body: string;
  /** Where in the owner app it leads, e.g. /visits/<id>. */
  link: string | null;
};

const toMessage = (r: q.InboxRow): InboxMessage => ({
  id: r.id,
  kind: r.kind,
  topic: r.topic,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

/**
 * The one way a message reaches an owner's 消息中心: written in the caller's transaction, and the live
 * `inbox` event (the badge) sent once that transaction commits. Any context may post (staff requests,
 * owner requests, jobs); the owner must belong to ctx's tenant (the foreign key and RLS see to it).
 */
export const postInbox = async (ctx: Ctx, ownerId: string, post: InboxPost): Promise<InboxMessage> => {
  const at = ctx.clock.now();
  const row = await q.insertMessage(ctx.db, { tenantId: ctx.tenantId, ownerId, ...post, createdAt: at });
  const unread = await q.unreadCount(ctx.db, ctx.tenantId, ownerId);
  publishAfterCommit(ctx, [ownerId], {
    type: 'inbox',
    data: { id: row.id, title: row.title, unread, at: at.toISOString() },
  });
  return toMessage(row);
};

/** The newest messages (the centre shows the latest hundred) and how many are unread in all. */
export const ownerInbox = async (ctx: OwnerCtx): Promise<InboxList> => {
  const [rows, unread] = await Promise.all([
    q.messagesOf(ctx.db, ctx.tenantId, ctx.actor.id, 100),
    q.unreadCount(ctx.db, ctx.tenantId, ctx.actor.id),
  ]);
  return { items: rows.map(toMessage), unread };
};

export const readMessage = async (ctx: OwnerCtx, id: string) => {
  if (!(await q.markRead(ctx.db, ctx.tenantId, ctx.actor.id, id, ctx.clock.now()))) throw new AppError('NOT_FOUND');
  return { ok: true as const, unread: await q.unreadCount(ctx.db, ctx.tenantId, ctx.actor.id) };
};

export const readAll = async (ctx: OwnerCtx) => {
  await q.markAllRead(ctx.db, ctx.tenantId, ctx.actor.id, ctx.clock.now());
  return { ok: true as const, unread: 0 };
};
