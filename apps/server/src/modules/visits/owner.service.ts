import type { OwnerVisitDetail, OwnerVisitSummary, visitRatingBody } from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { OwnerCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decideLine } from './estimate.service.ts';
import { photoOf } from './photos.service.ts';
import { toOwnerSummary, toOwnerVisit } from './visits.present.ts';
import * as q from './visits.queries.ts';
import { conflict, partsOf } from './visits.service.ts';
import { recordVisitRating } from '../surveys/owner-survey.service.ts';

/**
 * The owner app's side of a visit. An owner reaches the visits of the cars they hold a confirmed
 * binding for (modules/garage) — every visit of such a car, as the 维修档案 shows its whole history;
 * anything else is 404, never 403, so ids say nothing.
 */
const loadOwn = async (ctx: OwnerCtx, id: string) => {
  const h = await q.findOwnerVisit(ctx.db, ctx.tenantId, ctx.actor.id, id);
  if (!h) throw new AppError('NOT_FOUND');
  return h;
};

export const ownerVisitList = async (ctx: OwnerCtx): Promise<{ items: OwnerVisitSummary[] }> => ({
  items: (await q.ownerVisits(ctx.db, ctx.tenantId, ctx.actor.id)).map(toOwnerSummary),
});

export const ownerVisit = async (ctx: OwnerCtx, id: string): Promise<OwnerVisitDetail> => {
  const h = await loadOwn(ctx, id);
  return toOwnerVisit(h, await partsOf(ctx, id));
};

/** 同意 / 暂不需要 on one proposed line, in the app; `change` changes a decision (until work on it starts). */
export const ownerDecide = async (
  ctx: OwnerCtx,
  id: string,
  lineId: string,
  decision: 'approved' | 'declined',
  change = false,
): Promise<OwnerVisitDetail> => {
  const h = await loadOwn(ctx, id);
  await decideLine(ctx, h, lineId, decision, { via: 'app', recordedBy: null, change });
  return ownerVisit(ctx, id);
};

/** A 0–10 score and a comment, once, after delivery. */
export const rateVisit = async (
  ctx: OwnerCtx,
  id: string,
  input: z.output<typeof visitRatingBody>,
): Promise<OwnerVisitDetail> => {
  const h = await loadOwn(ctx, id);
  if (h.v.status !== 'delivered') throw conflict('score', 'visit_not_delivered');
  const rated = await q.rateVisit(ctx.db, ctx.tenantId, id, {
    ratingScore: input.score,
    ratingComment: input.comment,
    ratedAt: ctx.clock.now(),
  });
  if (!rated) throw conflict('score', 'visit_already_rated');
  // The rating is the first question of the visit's survey (docs/surveys.md): stored there too.
  await recordVisitRating(ctx, id, input.score);
  await audit(ctx, { action: 'visit.rated', target: { type: 'visit', id }, details: { score: input.score } });
  return ownerVisit(ctx, id);
};

export const ownerPhoto = async (ctx: OwnerCtx, id: string, photoId: string) => {
  await loadOwn(ctx, id);
  return photoOf(ctx, id, photoId);
};
