import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParams,
  ownerLineDecisionBody,
  ownerVisitDetail,
  ownerVisitList,
  visitLineParams,
  visitPhotoParams,
  visitRatingBody,
} from '@m4s/contracts';
import * as owner from './owner.service.ts';

/** The owner app's live visit page: stages, the estimate to decide, delivery, rating, photos. */
export const ownerVisitRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['owner-visits'];
  app.get('/owner/visits', { schema: { tags, response: { 200: ownerVisitList } } }, async (req) =>
    app.ctx.owner(req, (ctx) => owner.ownerVisitList(ctx)),
  );
  app.get(
    '/owner/visits/:id',
    { schema: { tags, params: idParams, response: { 200: ownerVisitDetail } } },
    async (req) => app.ctx.owner(req, (ctx) => owner.ownerVisit(ctx, req.params.id)),
  );
  app.post(
    '/owner/visits/:id/lines/:lineId/decision',
    { schema: { tags, params: visitLineParams, body: ownerLineDecisionBody, response: { 200: ownerVisitDetail } } },
    async (req) =>
      app.ctx.owner(req, (ctx) => owner.ownerDecide(ctx, req.params.id, req.params.lineId, req.body.decision)),
  );
  app.post(
    '/owner/visits/:id/rating',
    { schema: { tags, params: idParams, body: visitRatingBody, response: { 200: ownerVisitDetail } } },
    async (req) => app.ctx.owner(req, (ctx) => owner.rateVisit(ctx, req.params.id, req.body)),
  );
  app.get('/owner/visits/:id/photos/:photoId', { schema: { tags, params: visitPhotoParams } }, async (req, reply) => {
    const photo = await app.ctx.owner(req, (ctx) => owner.ownerPhoto(ctx, req.params.id, req.params.photoId));
    return reply.type(photo.type).header('cache-control', 'private, max-age=86400').send(photo.bytes);
  });
};
