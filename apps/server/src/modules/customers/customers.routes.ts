import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  contactPreferences,
  customer,
  customerInput,
  customerMergeBody,
  customerSearchQuery,
  customerSearchResult,
  idParams,
} from '@m4s/contracts';
import { mergeCustomers } from './customers.merge.ts';
import * as service from './customers.service.ts';

export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['customers'];
  app.get(
    '/customers',
    { schema: { tags, querystring: customerSearchQuery, response: { 200: customerSearchResult } } },
    async (req) =>
      app.ctx.staff(req, 'customer.read', async (ctx) => ({ items: await service.searchCustomers(ctx, req.query) })),
  );
  app.post('/customers', { schema: { tags, body: customerInput, response: { 201: customer } } }, async (req, reply) =>
    reply.status(201).send(await app.ctx.staff(req, 'customer.write', (ctx) => service.createCustomer(ctx, req.body))),
  );
  app.get('/customers/:id', { schema: { tags, params: idParams, response: { 200: customer } } }, async (req) =>
    app.ctx.staff(req, 'customer.read', (ctx) => service.getCustomer(ctx, req.params.id)),
  );
  app.put(
    '/customers/:id',
    { schema: { tags, params: idParams, body: customerInput, response: { 200: customer } } },
    async (req) => app.ctx.staff(req, 'customer.write', (ctx) => service.updateCustomer(ctx, req.params.id, req.body)),
  );
  app.put(
    '/customers/:id/contact-preferences',
    { schema: { tags, params: idParams, body: contactPreferences, response: { 200: customer } } },
    async (req) =>
      app.ctx.staff(req, 'customer.write', (ctx) => service.updateContactPreferences(ctx, req.params.id, req.body)),
  );
  app.post(
    '/customers/:id/merge',
    { schema: { tags, params: idParams, body: customerMergeBody, response: { 200: customer } } },
    async (req) =>
      app.ctx.staff(req, 'customer.import', async (ctx) => {
        await mergeCustomers(ctx, req.params.id, req.body.fromId);
        return service.getCustomer(ctx, req.params.id);
      }),
  );
};
