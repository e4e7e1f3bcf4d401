import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, staffCreateBody, staffList, staffListQuery, staffMember, staffUpdateBody } from '@m4s/contracts';
import * as service from './staff.service.ts';

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['staff'];
  app.get('/staff', { schema: { tags, querystring: staffListQuery, response: { 200: staffList } } }, async (req) =>
    app.ctx.staff(req, 'staff.read', async (ctx) => ({ items: await service.listStaff(ctx, req.query) })),
  );
  app.post('/staff', { schema: { tags, body: staffCreateBody, response: { 201: staffMember } } }, async (req, reply) =>
    reply.status(201).send(await app.ctx.staff(req, 'staff.write', (ctx) => service.createStaff(ctx, req.body))),
  );
  app.get('/staff/:id', { schema: { tags, params: idParams, response: { 200: staffMember } } }, async (req) =>
    app.ctx.staff(req, 'staff.read', (ctx) => service.getStaff(ctx, req.params.id)),
  );
  app.patch(
    '/staff/:id',
    { schema: { tags, params: idParams, body: staffUpdateBody, response: { 200: staffMember } } },
    async (req) => app.ctx.staff(req, 'staff.write', (ctx) => service.updateStaff(ctx, req.params.id, req.body)),
  );
};
