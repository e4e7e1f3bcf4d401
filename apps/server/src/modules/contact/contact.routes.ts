import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  contactPolicy,
  idParams,
  ownerContactPreferences,
  ownerTouches,
  touchList,
  touchListQuery,
} from '@m4s/contracts';
import * as service from './contact.service.ts';

/** Contact governance: the tenant's policy, the touch ledger per customer, the owner's own view. */
export const contactRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['contact'];
  app.get('/contact/policy', { schema: { tags, response: { 200: contactPolicy } } }, async (req) =>
    app.ctx.staff(req, 'care.manage', (ctx) => service.getPolicy(ctx)),
  );
  app.put('/contact/policy', { schema: { tags, body: contactPolicy, response: { 200: contactPolicy } } }, async (req) =>
    app.ctx.staff(req, 'care.manage', (ctx) => service.updatePolicy(ctx, req.body)),
  );
  app.get(
    '/customers/:id/touches',
    { schema: { tags, params: idParams, querystring: touchListQuery, response: { 200: touchList } } },
    async (req) =>
      app.ctx.staff(req, 'customer.read', (ctx) => service.customerTouches(ctx, req.params.id, req.query.limit)),
  );
  app.get('/owner/touches', { schema: { tags: ['owner-contact'], response: { 200: ownerTouches } } }, async (req) =>
    app.ctx.owner(req, (ctx) => service.ownerTouches(ctx)),
  );
  app.put(
    '/owner/contact-preferences',
    { schema: { tags: ['owner-contact'], body: ownerContactPreferences, response: { 200: ownerTouches } } },
    async (req) => app.ctx.owner(req, (ctx) => service.updateOwnerPreferences(ctx, req.body)),
  );
};
