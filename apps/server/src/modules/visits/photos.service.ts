import type { visitPhotoBody } from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { dataUrlOf, ImageRefused, parseDataUrl, reencodePhoto } from '../../platform/images.ts';
import * as q from './visits.queries.ts';
import { conflict, loadVisit } from './visits.service.ts';

/** Enough for a walk-round of the car (four corners, wheels, damage close-ups). */
export const photosPerVisit = 24;

type Photo = { type: 'image/jpeg' | 'image/png' | 'image/webp'; bytes: Buffer };

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);

/** The bytes must be the image the data URL says it is (the app compresses to JPEG; PNG and WebP pass too). */
const sniff = (type: Photo['type'], b: Buffer) =>
  type === 'image/jpeg'
    ? startsWith(b, [0xff, 0xd8, 0xff])
    : type === 'image/png'
      ? startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      : startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8);

/** data:image/jpeg;base64,… → its type and bytes; null when it is not one of ours. */
export const decodePhoto = (dataUrl: string): Photo | null => {
  const match = /^data:(image\/(?:jpeg|png|webp));base64,(.+)$/s.exec(dataUrl);
  if (!match?.[1] || !match[2]) return null;
  const type = match[1] as Photo['type'];
  const bytes = Buffer.from(match[2], 'base64');
  return bytes.length > 0 && sniff(type, bytes) ? { type, bytes } : null;
};

/**
 * The photo as the server keeps it: decoded and encoded again (platform/images.ts) — upright, at most 2560 px,
 * a JPEG without EXIF (no GPS position), whatever the client sent. What does not decode is a 400 on `dataUrl`.
 */
export const reencoded = async (dataUrl: string): Promise<string> => {
  const sent = parseDataUrl(dataUrl);
  if (!sent) throw AppError.field('dataUrl', 'photo_format');
  try {
    return dataUrlOf(await reencodePhoto(sent.bytes));
  } catch (error) {
    if (error instanceof ImageRefused) throw AppError.field('dataUrl', error.key);
    throw error;
  }
};

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
