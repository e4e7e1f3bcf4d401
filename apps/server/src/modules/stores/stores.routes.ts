import type { FastifyPluginAsync } from 'fastify';
import { storeRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './stores.service.ts';

export const storeRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, async (ctx) => ({ items: await service.listStores(ctx) }));
  serve(app, r.create, (ctx, req) => service.createStore(ctx, req.body));
  serve(app, r.get, (ctx, req) => service.getStore(ctx, req.params.id));
  serve(app, r.update, (ctx, req) => service.updateStore(ctx, req.params.id, req.body));
};
