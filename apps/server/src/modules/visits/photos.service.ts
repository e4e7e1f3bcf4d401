import type { visitPhotoBody } from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodePhoto, reencoded, type Photo } from '../../platform/photos.ts';
import * as q from './visits.queries.ts';
import { conflict, loadVisit } from './visits.service.ts';

/** Enough for a walk-round of the car (four corners, wheels, damage close-ups). */
export const photosPerVisit = 24;

/** An exterior-inspection photo, taken at check-in or later in the workshop (not after delivery). */
export const addPhoto = async (ctx: StaffCtx, id: string, input: z.output<typeof visitPhotoBody>) => {
  const h = await loadVisit(ctx, id, 'visit.write');
  if (h.v.status === 'delivered') throw conflict('status', 'visit_closed');
  if (!decodePhoto(input.dataUrl)) throw AppError.field('dataUrl', 'photo_format');
  const existing = await q.photosOf(ctx.db, ctx.tenantId, id);
  if (existing.length >= photosPerVisit) throw conflict('dataUrl', 'photo_limit');
  const dataUrl = await reencoded(input.dataUrl);
  const photoId = await q.insertPhoto(ctx.db, {
    tenantId: ctx.tenantId,
    visitId: id,
    dataUrl,
    caption: input.caption,
    staffId: ctx.actor.id,
    createdAt: ctx.clock.now(),
  });
  await audit(ctx, { action: 'visit.photo_added', target: { type: 'visit', id }, details: { photoId } });
  return { id: photoId };
};

/** The photo of this visit (the caller has checked who may see the visit), or 404. */
export const photoOf = async (ctx: Ctx, visitId: string, photoId: string): Promise<Photo> => {
  const dataUrl = await q.photoData(ctx.db, ctx.tenantId, visitId, photoId);
  const photo = dataUrl ? decodePhoto(dataUrl) : null;
  if (!photo) throw new AppError('NOT_FOUND');
  return photo;
};

export const staffPhoto = async (ctx: StaffCtx, id: string, photoId: string) => {
  await loadVisit(ctx, id, 'visit.read');
  return photoOf(ctx, id, photoId);
};
