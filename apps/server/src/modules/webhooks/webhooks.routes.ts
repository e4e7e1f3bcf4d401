import type { FastifyPluginAsync } from 'fastify';
import { webhookRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { systemResolver, type UrlPolicy } from '../../platform/webhooks/address.ts';
import * as service from './webhooks.service.ts';

export const webhookRoutes: FastifyPluginAsync = async (app) => {
  // In production a URL must reach the public internet; outside it, http to this machine is allowed too.
  const policy: UrlPolicy = { production: app.m4s.config.NODE_ENV === 'production', resolve: systemResolver };
  serve(app, r.list, async (ctx) => ({ items: await service.listEndpoints(ctx) }));
  serve(app, r.create, (ctx, req) => service.createEndpoint(ctx, req.body, policy));
  serve(app, r.update, (ctx, req) => service.updateEndpoint(ctx, req.params.id, req.body, policy));
  serve(app, r.remove, async (ctx, req) => {
    await service.deleteEndpoint(ctx, req.params.id);
    return null;
  });
  serve(app, r.rotateSecret, (ctx, req) => service.rotateSecret(ctx, req.params.id));
  serve(app, r.deliveries, async (ctx, req) => ({
    items: await service.listDeliveries(ctx, req.params.id, req.query),
  }));
  serve(app, r.delivery, (ctx, req) => service.getDelivery(ctx, req.params.id, req.params.deliveryId));
  serve(app, r.replay, (ctx, req) => service.replayDelivery(ctx, req.params.id, req.params.deliveryId));
};
