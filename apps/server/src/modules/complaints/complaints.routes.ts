import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { complaint, complaintClose, complaintInput, complaintList, idParams } from '@m4s/contracts';
import * as service from './complaints.service.ts';

export const complaintRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['complaints'];
  app.get(
    '/customers/:id/complaints',
    { schema: { tags, params: idParams, response: { 200: complaintList } } },
    async (req) =>
      app.ctx.staff(req, 'customer.read', async (ctx) => ({ items: await service.listComplaints(ctx, req.params.id) })),
  );
  app.post(
    '/customers/:id/complaints',
    { schema: { tags, params: idParams, body: complaintInput, response: { 201: complaint } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await app.ctx.staff(req, 'customer.write', (ctx) => service.openComplaint(ctx, req.params.id, req.body))),
  );
  app.post(
    '/complaints/:id/close',
    { schema: { tags, params: idParams, body: complaintClose, response: { 200: complaint } } },
    async (req) => app.ctx.staff(req, 'customer.write', (ctx) => service.closeComplaint(ctx, req.params.id, req.body)),
  );
};
