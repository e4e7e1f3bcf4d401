import { postInput, roleGrants, type Post, type PostInput, type PostStatus, type PostTargets } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { dataUrlOf, ImageRefused, parseDataUrl, reencodeCover } from '../../platform/images.ts';
import * as q from './feed.queries.ts';

/** 内容管理's side of the feed (docs/feed.md): writing, scheduling, targeting, covers, withdrawing. */

const statusOf = (p: q.PostRow['p'], now: Date): PostStatus => {
  if (p.withdrawn) return 'withdrawn';
  if (!p.publishAt) return 'draft';
  if (p.publishAt > now) return 'scheduled';
  if (p.expiresAt && p.expiresAt <= now) return 'expired';
  return 'live';
};

export const toPost = ({ p, hasCover, storeName }: q.PostRow, now: Date): Post => ({
  id: p.id,
  kind: p.kind,
  title: p.title,
  summary: p.summary,
  body: p.body,
  storeId: p.storeId,
  storeName,
  targets: { storeIds: p.targetStoreIds, tiers: p.targetTiers, segments: p.targetSegments } as PostTargets,
  publishAt: p.publishAt?.toISOString() ?? null,
  expiresAt: p.expiresAt?.toISOString() ?? null,
  withdrawn: p.withdrawn,
  status: statusOf(p, now),
  hasCover,
  reads: p.reads,
  likes: p.likes,
  pushedAt: p.pushedAt?.toISOString() ?? null,
  updatedAt: p.updatedAt.toISOString(),
});

/** A store's staff write for their store (to its customers only); the group's staff for the group. */
const authorStore = (ctx: StaffCtx): string | null => {
  authorize(ctx.actor, 'content.manage');
  return roleGrants[ctx.actor.role].scope === 'group' ? null : ctx.actor.storeId;
};

const targetsFor = (ctx: StaffCtx, targets: PostTargets): PostTargets => {
  const store = authorStore(ctx);
  if (!store) return targets;
  if (targets.storeIds.some((id) => id !== store)) throw AppError.field('targets.storeIds', 'content_store_scope');
  return { ...targets, storeIds: [store] };
};

export const loadPost = async (ctx: StaffCtx, id: string) => {
  const store = authorStore(ctx);
  const row = await q.findPost(ctx.db, ctx.tenantId, id);
  // Another store's post is as absent as another tenant's.
  if (!row || (store && row.p.storeId !== store)) throw new AppError('NOT_FOUND');
  return row;
};

export const listPosts = async (ctx: StaffCtx): Promise<Post[]> => {
  const now = ctx.clock.now();
  return (await q.listPosts(ctx.db, ctx.tenantId, authorStore(ctx))).map((r) => toPost(r, now));
};

const columnsOf = (ctx: StaffCtx, input: PostInput) => {
  const data = postInput.parse(input);
  const targets = targetsFor(ctx, data.targets);
  return {
    kind: data.kind,
    title: data.title,
    summary: data.summary,
    body: data.body,
    targetStoreIds: targets.storeIds,
    targetTiers: targets.tiers,
    targetSegments: targets.segments,
    publishAt: data.publishAt ? new Date(data.publishAt) : null,
    expiresAt: data.expiresAt ? new Date(data.expiresAt) : null,
  };
};

const present = async (ctx: StaffCtx, id: string) => toPost(await loadPost(ctx, id), ctx.clock.now());

export const createPost = async (ctx: StaffCtx, input: PostInput): Promise<Post> => {
  const values = columnsOf(ctx, input);
  const now = ctx.clock.now();
  const id = await q.insertPost(ctx.db, {
    tenantId: ctx.tenantId,
    storeId: authorStore(ctx),
    ...values,
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  });
  await audit(ctx, { action: 'content.post_saved', target: { type: 'post', id }, details: { title: values.title } });
  return present(ctx, id);
};

export const updatePost = async (ctx: StaffCtx, id: string, input: PostInput): Promise<Post> => {
  const row = await loadPost(ctx, id);
  if (row.p.withdrawn) throw AppError.field('id', 'content_withdrawn');
  const values = columnsOf(ctx, input);
  await q.updatePost(ctx.db, ctx.tenantId, id, { ...values, updatedAt: ctx.clock.now() });
  await audit(ctx, { action: 'content.post_saved', target: { type: 'post', id }, details: { title: values.title } });
  return present(ctx, id);
};

export const withdrawPost = async (ctx: StaffCtx, id: string): Promise<Post> => {
  await loadPost(ctx, id);
  await q.updatePost(ctx.db, ctx.tenantId, id, { withdrawn: true, updatedAt: ctx.clock.now() });
  await audit(ctx, { action: 'content.post_withdrawn', target: { type: 'post', id } });
  return present(ctx, id);
};

/** The cover as kept: decoded and encoded again by sharp (platform/images.ts), metadata gone, ≤ 1280 px. */
export const putCover = async (ctx: StaffCtx, id: string, dataUrl: string): Promise<Post> => {
  await loadPost(ctx, id);
  const sent = parseDataUrl(dataUrl);
  if (!sent) throw AppError.field('dataUrl', 'photo_format');
  let cover: string;
  try {
    cover = dataUrlOf(await reencodeCover(sent.bytes));
  } catch (error) {
    if (error instanceof ImageRefused) throw AppError.field('dataUrl', error.key);
    throw error;
  }
  await q.updatePost(ctx.db, ctx.tenantId, id, { cover, updatedAt: ctx.clock.now() });
  await audit(ctx, { action: 'content.post_saved', target: { type: 'post', id }, details: { cover: true } });
  return present(ctx, id);
};

export const decodedCover = (stored: string | null) => {
  const image = stored ? parseDataUrl(stored) : null;
  if (!image || image.type !== 'image/jpeg') throw new AppError('NOT_FOUND');
  return { type: 'image/jpeg' as const, bytes: image.bytes };
};

export const staffCover = async (ctx: StaffCtx, id: string) => {
  await loadPost(ctx, id);
  return decodedCover(await q.coverOf(ctx.db, ctx.tenantId, id));
};
