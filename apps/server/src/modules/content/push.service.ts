import type { PushResult } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { runGate, stage, type TouchCandidate } from '../contact/gate.ts';
import { loadPost } from './feed.service.ts';
import * as q from './feed.queries.ts';

/** Candidates staged per statement (about 20 parameters each, well under PostgreSQL's 65,535). */
const chunk = 500;

/**
 * The optional push of a live post (docs/feed.md): one in-app message to each customer of its audience who holds
 * the app, every one through the contact gate as marketing (topic `offers`): opted-out owners, quiet hours, caps
 * and open complaints hold it back as they hold back every campaign. A post is pushed once.
 */
export const pushPost = async (ctx: StaffCtx, id: string): Promise<PushResult> => {
  const row = await loadPost(ctx, id);
  const now = ctx.clock.now();
  const { p } = row;
  const live = !p.withdrawn && p.publishAt && p.publishAt <= now && (!p.expiresAt || p.expiresAt > now);
  if (!live) throw AppError.field('id', 'content_not_live');
  if (p.pushedAt) throw AppError.field('id', 'content_pushed');
  const audience = await q.pushAudience(ctx.sql, ctx.tenantId, {
    storeIds: p.targetStoreIds,
    tiers: p.targetTiers,
    segments: p.targetSegments,
  });
  const candidates: TouchCandidate[] = audience.map((a) => ({
    customerId: a.customer_id,
    vehicleId: a.vehicle_id,
    source: 'feed',
    ruleKey: null,
    topic: 'offers',
    kind: 'marketing',
    channel: 'inbox',
    dueAt: now,
    dedupeKey: `feed:${id}:${a.customer_id}`,
    priority: 50,
    subject: p.title,
    body: p.summary || p.title,
    taskTitle: null,
    taskRole: null,
    storeId: a.store_id,
    assigneeId: null,
    address: a.owner_id,
    noticeTopic: 'feed_post',
    link: `/life/posts/${id}`,
    expiresAt: p.expiresAt,
  }));
  for (let i = 0; i < candidates.length; i += chunk) await stage(ctx, candidates.slice(i, i + chunk));
  const outcomes = candidates.length > 0 ? await runGate(ctx, { dryRun: false }) : [];
  const sent = outcomes.filter((o) => o.decision === 'sent').length;
  await q.updatePost(ctx.db, ctx.tenantId, id, { pushedAt: now, updatedAt: now });
  await audit(ctx, {
    action: 'content.post_pushed',
    target: { type: 'post', id },
    details: { targeted: candidates.length, sent },
  });
  return { targeted: candidates.length, sent, heldOrSuppressed: outcomes.length - sent };
};
