import type { FeedItem, FeedPage, FeedPost, PostKind } from '@m4s/contracts';
import type { OwnerCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodedCover } from './feed.service.ts';
import * as q from './feed.queries.ts';

/** 轮生活 in the owner app (docs/feed.md): the posts this owner's cars' customers are targeted by. */

const toItem = (r: q.FeedRow): FeedItem => ({
  id: r.id,
  kind: r.kind as PostKind,
  title: r.title,
  summary: r.summary,
  storeName: r.store_name,
  publishAt: r.publish_at.toISOString(),
  hasCover: r.has_cover,
  reads: r.reads,
  likes: r.likes,
  liked: r.liked,
});

const cursorOf = (r: q.FeedRow) => `${r.publish_at.toISOString()}|${r.id}`;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const parseCursor = (cursor: string | undefined) => {
  if (!cursor) return null;
  const [at, id] = cursor.split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !uuidPattern.test(id)) throw AppError.field('cursor', 'cursor');
  return { at, id };
};

export const ownerFeed = async (
  ctx: OwnerCtx,
  query: { cursor?: string | undefined; limit: number },
): Promise<FeedPage> => {
  const after = parseCursor(query.cursor);
  const audience = await q.audienceOfOwner(ctx.sql, ctx.tenantId, ctx.actor.id);
  const rows = await q.feedOf(ctx.sql, ctx.tenantId, {
    ownerId: ctx.actor.id,
    now: ctx.clock.now(),
    audience,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toItem), next: rows.length > query.limit && last ? cursorOf(last) : null };
};

/** The post when this owner may see it now (live, targeted at them), else 404 — as another tenant's would be. */
const visiblePost = async (ctx: OwnerCtx, id: string) => {
  const audience = await q.audienceOfOwner(ctx.sql, ctx.tenantId, ctx.actor.id);
  const [row] = await q.feedOf(ctx.sql, ctx.tenantId, {
    ownerId: ctx.actor.id,
    now: ctx.clock.now(),
    audience,
    after: null,
    limit: 1,
    postId: id,
  });
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

/** Opening a post counts one read per owner (the first opening). */
export const ownerPost = async (ctx: OwnerCtx, id: string): Promise<FeedPost> => {
  const row = await visiblePost(ctx, id);
  const counted = await q.recordRead(ctx.sql, ctx.tenantId, id, ctx.actor.id, ctx.clock.now());
  return { ...toItem({ ...row, reads: row.reads + (counted ? 1 : 0) }), body: row.body };
};

export const ownerCover = async (ctx: OwnerCtx, id: string) => {
  await visiblePost(ctx, id);
  return decodedCover(await q.coverOf(ctx.db, ctx.tenantId, id));
};

/** One like per owner: `liked` is the wanted state, so a retried request changes nothing. */
export const ownerLike = async (ctx: OwnerCtx, id: string, liked: boolean) => {
  await visiblePost(ctx, id);
  const likes = await q.setLike(ctx.sql, ctx.tenantId, {
    postId: id,
    ownerId: ctx.actor.id,
    liked,
    at: ctx.clock.now(),
  });
  return { liked, likes };
};
