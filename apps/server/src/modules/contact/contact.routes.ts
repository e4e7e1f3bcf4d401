import type { FastifyPluginAsync } from 'fastify';
import { contactRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './contact.service.ts';

/** Contact governance: the tenant's policy, the touch ledger per customer, the owner's own view. */
export const contactRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.policy, (ctx) => service.getPolicy(ctx));
  serve(app, r.updatePolicy, (ctx, req) => service.updatePolicy(ctx, req.body));
  serve(app, r.customerTouches, (ctx, req) => service.customerTouches(ctx, req.params.id, req.query.limit));
  serve(app, r.ownerTouches, (ctx) => service.ownerTouches(ctx));
  serve(app, r.ownerPreferences, (ctx, req) => service.updateOwnerPreferences(ctx, req.body));
};
