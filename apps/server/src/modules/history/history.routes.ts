import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  customerOverview,
  idParams,
  interaction,
  interactionInput,
  repairOrder,
  repairOrderInput,
  salesOrder,
  salesOrderInput,
} from '@m4s/contracts';
import { z } from 'zod';
import { eraseCustomer, exportCustomerData } from '../customers/customers.privacy.ts';
import * as service from './history.service.ts';

export const historyRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['customers'];
  app.get(
    '/customers/:id/overview',
    { schema: { tags, params: idParams, response: { 200: customerOverview } } },
    async (req) => app.ctx.staff(req, 'customer.read', (ctx) => service.customerOverview(ctx, req.params.id)),
  );
  app.post(
    '/customers/:id/interactions',
    { schema: { tags, params: idParams, body: interactionInput, response: { 201: interaction } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await app.ctx.staff(req, 'customer.write', (ctx) => service.addInteraction(ctx, req.params.id, req.body)),
        ),
  );
  app.post(
    '/customers/:id/sales-orders',
    { schema: { tags, params: idParams, body: salesOrderInput, response: { 201: salesOrder } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await app.ctx.staff(req, 'customer.write', (ctx) => service.recordSalesOrder(ctx, req.params.id, req.body)),
        ),
  );
  app.post(
    '/repair-orders',
    { schema: { tags: ['repair-orders'], body: repairOrderInput, response: { 201: repairOrder } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await app.ctx.staff(req, 'customer.write', (ctx) => service.recordRepairOrder(ctx, req.body))),
  );
  app.get(
    '/customers/:id/export',
    { schema: { tags, params: idParams, response: { 200: z.record(z.string(), z.unknown()) } } },
    async (req) => app.ctx.staff(req, 'customer.export', (ctx) => exportCustomerData(ctx, req.params.id)),
  );
  app.post(
    '/customers/:id/erase',
    {
      schema: {
        tags,
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(2).max(500) }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await app.ctx.staff(req, 'customer.erase', (ctx) => eraseCustomer(ctx, req.params.id, req.body.reason));
      return { ok: true as const };
    },
  );
};
