import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, store, storeInput, storeList } from '@m4s/contracts';
import * as service from './stores.service.ts';

export const storeRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['stores'];
  app.get('/stores', { schema: { tags, response: { 200: storeList } } }, async (req) =>
    app.ctx.staff(req, 'store.read', async (ctx) => ({ items: await service.listStores(ctx) })),
  );
  app.post('/stores', { schema: { tags, body: storeInput, response: { 201: store } } }, async (req, reply) =>
    reply.status(201).send(await app.ctx.staff(req, 'store.write', (ctx) => service.createStore(ctx, req.body))),
  );
  app.get('/stores/:id', { schema: { tags, params: idParams, response: { 200: store } } }, async (req) =>
    app.ctx.staff(req, 'store.read', (ctx) => service.getStore(ctx, req.params.id)),
  );
  app.put(
    '/stores/:id',
    { schema: { tags, params: idParams, body: storeInput, response: { 200: store } } },
    async (req) => app.ctx.staff(req, 'store.write', (ctx) => service.updateStore(ctx, req.params.id, req.body)),
  );
};
