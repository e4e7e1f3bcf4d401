import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { branding, brandingUpdateBody, publicTenant, tenantSettings, tenantSlug } from '@m4s/contracts';
import * as service from './tenants.service.ts';

export const tenantRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['tenant'];
  app.get(
    '/public/tenants/:slug',
    { schema: { tags, params: z.strictObject({ slug: tenantSlug }), response: { 200: publicTenant } } },
    async (req) =>
      app.ctx.anonymous(req, req.params.slug, async (ctx) => service.toPublicTenant(await service.currentTenant(ctx))),
  );
  app.get('/tenant/branding', { schema: { tags, response: { 200: branding } } }, async (req) =>
    app.ctx.staff(req, 'tenant.read', (ctx) => service.getBranding(ctx)),
  );
  // A logo arrives as a data URL inside the JSON, so this route takes a larger body than the rest.
  app.put(
    '/tenant/branding',
    { bodyLimit: 400_000, schema: { tags, body: brandingUpdateBody, response: { 200: branding } } },
    async (req) => app.ctx.staff(req, 'tenant.brand', (ctx) => service.updateBranding(ctx, req.body)),
  );
  app.get('/tenant/settings', { schema: { tags, response: { 200: tenantSettings } } }, async (req) =>
    app.ctx.staff(req, 'tenant.read', (ctx) => service.getSettings(ctx)),
  );
  app.put(
    '/tenant/settings',
    { schema: { tags, body: tenantSettings, response: { 200: tenantSettings } } },
    async (req) => app.ctx.staff(req, 'tenant.settings', (ctx) => service.updateSettings(ctx, req.body)),
  );
};
