import type { FastifyPluginAsync } from 'fastify';
import { customerRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { mergeCustomers } from './customers.merge.ts';
import * as service from './customers.service.ts';

export const customerRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.search, async (ctx, req) => ({ items: await service.searchCustomers(ctx, req.query) }));
  serve(app, r.create, (ctx, req) => service.createCustomer(ctx, req.body));
  serve(app, r.get, (ctx, req) => service.getCustomer(ctx, req.params.id));
  serve(app, r.update, (ctx, req) => service.updateCustomer(ctx, req.params.id, req.body));
  serve(app, r.setContactPreferences, (ctx, req) => service.updateContactPreferences(ctx, req.params.id, req.body));
  serve(app, r.merge, async (ctx, req) => {
    await mergeCustomers(ctx, req.params.id, req.body.fromId);
    return service.getCustomer(ctx, req.params.id);
  });
};
