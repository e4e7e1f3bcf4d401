import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  estimateBody,
  idParams,
  staffLineDecisionBody,
  visit,
  visitBoard,
  visitBoardQuery,
  visitCheckInBody,
  visitDeliverBody,
  visitLineParams,
  visitPhotoBody,
  visitPhotoCreated,
  visitPhotoMaxChars,
  visitPhotoParams,
  visitStatusBody,
} from '@m4s/contracts';
import { deliver } from './delivery.service.ts';
import { recordDecision, saveEstimate, sendEstimate } from './estimate.service.ts';
import { addPhoto, staffPhoto } from './photos.service.ts';
import { changeStatus, checkIn, getVisit, visitBoard as board } from './visits.service.ts';
import { ownerVisitRoutes } from './owner-visits.routes.ts';

/** The workshop side of a visit: board, check-in, photos, estimate, stages, delivery. */
export const visitRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['visits'];
  app.get(
    '/visits/board',
    { schema: { tags, querystring: visitBoardQuery, response: { 200: visitBoard } } },
    async (req) => app.ctx.staff(req, 'visit.read', (ctx) => board(ctx, req.query)),
  );
  app.post('/visits', { schema: { tags, body: visitCheckInBody, response: { 201: visit } } }, async (req, reply) =>
    reply.status(201).send(await app.ctx.staff(req, 'visit.write', (ctx) => checkIn(ctx, req.body))),
  );
  app.get('/visits/:id', { schema: { tags, params: idParams, response: { 200: visit } } }, async (req) =>
    app.ctx.staff(req, 'visit.read', (ctx) => getVisit(ctx, req.params.id)),
  );
  app.post(
    '/visits/:id/photos',
    {
      // A phone photo compressed to ≤ 1280 px is well under this; the app-wide limit is far smaller.
      bodyLimit: visitPhotoMaxChars + 16_384,
      schema: { tags, params: idParams, body: visitPhotoBody, response: { 201: visitPhotoCreated } },
    },
    async (req, reply) =>
      reply.status(201).send(await app.ctx.staff(req, 'visit.write', (ctx) => addPhoto(ctx, req.params.id, req.body))),
  );
  app.get('/visits/:id/photos/:photoId', { schema: { tags, params: visitPhotoParams } }, async (req, reply) => {
    const photo = await app.ctx.staff(req, 'visit.read', (ctx) => staffPhoto(ctx, req.params.id, req.params.photoId));
    return reply.type(photo.type).header('cache-control', 'private, max-age=86400').send(photo.bytes);
  });
  app.put(
    '/visits/:id/estimate',
    { schema: { tags, params: idParams, body: estimateBody, response: { 200: visit } } },
    async (req) => app.ctx.staff(req, 'visit.write', (ctx) => saveEstimate(ctx, req.params.id, req.body)),
  );
  app.post('/visits/:id/estimate/send', { schema: { tags, params: idParams, response: { 200: visit } } }, async (req) =>
    app.ctx.staff(req, 'visit.write', (ctx) => sendEstimate(ctx, req.params.id)),
  );
  app.post(
    '/visits/:id/lines/:lineId/decision',
    { schema: { tags, params: visitLineParams, body: staffLineDecisionBody, response: { 200: visit } } },
    async (req) =>
      app.ctx.staff(req, 'visit.write', (ctx) => recordDecision(ctx, req.params.id, req.params.lineId, req.body)),
  );
  app.post(
    '/visits/:id/status',
    { schema: { tags, params: idParams, body: visitStatusBody, response: { 200: visit } } },
    async (req) => app.ctx.staff(req, 'visit.write', (ctx) => changeStatus(ctx, req.params.id, req.body)),
  );
  // visit.write or payment.write (the cashier): checked against the visit's store in the service.
  app.post(
    '/visits/:id/deliver',
    { schema: { tags, params: idParams, body: visitDeliverBody, response: { 200: visit } } },
    async (req) => app.ctx.staff(req, null, (ctx) => deliver(ctx, req.params.id, req.body)),
  );

  await app.register(ownerVisitRoutes);
};
