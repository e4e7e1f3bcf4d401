import type { FastifyPluginAsync } from 'fastify';
import { visitRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as owner from './owner.service.ts';
import { uploadedImageHeaders } from '../../platform/images.ts';

/** The owner app's live visit page: stages, the estimate to decide, delivery, rating, photos. */
export const ownerVisitRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.ownerList, (ctx) => owner.ownerVisitList(ctx));
  serve(app, r.ownerGet, (ctx, req) => owner.ownerVisit(ctx, req.params.id));
  serve(app, r.ownerDecideLine, (ctx, req) =>
    owner.ownerDecide(ctx, req.params.id, req.params.lineId, req.body.decision, req.body.change),
  );
  serve(app, r.ownerRate, (ctx, req) => owner.rateVisit(ctx, req.params.id, req.body));
  serve(app, r.ownerPhoto, async (ctx, req, reply) => {
    const photo = await owner.ownerPhoto(ctx, req.params.id, req.params.photoId);
    // The type the server decided when it re-encoded the photo; nosniff, sandboxed, shown inline in an <img>.
    void reply
      .headers(uploadedImageHeaders(photo.type, `photo-${req.params.photoId}`))
      .header('cache-control', 'private, max-age=86400');
    return photo.bytes;
  });
};
