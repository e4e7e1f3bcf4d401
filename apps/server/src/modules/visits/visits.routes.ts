import type { FastifyPluginAsync } from 'fastify';
import { loyaltyRoutes, visitPhotoMaxChars, visitRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { checkoutOffers, deliver } from './delivery.service.ts';
import { voidPayment } from './payment-void.service.ts';
import { recordDecision, saveEstimate, sendEstimate } from './estimate.service.ts';
import { addPhoto, staffPhoto } from './photos.service.ts';
import { changeStatus, checkIn, getVisit, visitBoard as board } from './visits.service.ts';
import { ownerVisitRoutes } from './owner-visits.routes.ts';
import { storeEventRoutes } from './store-events.routes.ts';
import { uploadedImageHeaders } from '../../platform/images.ts';

/** The workshop side of a visit: board, check-in, photos, estimate, stages, delivery. */
export const visitRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.board, (ctx, req) => board(ctx, req.query));
  serve(app, r.checkIn, (ctx, req) => checkIn(ctx, req.body));
  serve(app, r.get, (ctx, req) => getVisit(ctx, req.params.id));
  // The loyalty group's description; the visit decides what the bill is (docs/loyalty.md).
  serve(app, loyaltyRoutes.visit, (ctx, req) => checkoutOffers(ctx, req.params.id));
  // A phone photo compressed to ≤ 1280 px is well under this; the app-wide limit is far smaller.
  serve(app, r.addPhoto, (ctx, req) => addPhoto(ctx, req.params.id, req.body), {
    bodyLimit: visitPhotoMaxChars + 16_384,
  });
  serve(app, r.photo, async (ctx, req, reply) => {
    const photo = await staffPhoto(ctx, req.params.id, req.params.photoId);
    // The type the server decided when it re-encoded the photo; nosniff, sandboxed, shown inline in an <img>.
    void reply
      .headers(uploadedImageHeaders(photo.type, `photo-${req.params.photoId}`))
      .header('cache-control', 'private, max-age=86400');
    return photo.bytes;
  });
  serve(app, r.saveEstimate, (ctx, req) => saveEstimate(ctx, req.params.id, req.body));
  serve(app, r.sendEstimate, (ctx, req) => sendEstimate(ctx, req.params.id));
  serve(app, r.decideLine, (ctx, req) => recordDecision(ctx, req.params.id, req.params.lineId, req.body));
  serve(app, r.changeStatus, (ctx, req) => changeStatus(ctx, req.params.id, req.body));
  // visit.write or payment.write (the cashier): checked against the visit's store in the service.
  serve(app, r.deliver, (ctx, req) => deliver(ctx, req.params.id, req.body));
  serve(app, r.voidPayment, (ctx, req) => voidPayment(ctx, req.params.id, req.body));

  await app.register(ownerVisitRoutes);
  await app.register(storeEventRoutes);
};
