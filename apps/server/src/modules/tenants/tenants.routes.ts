import type { FastifyPluginAsync } from 'fastify';
import { tenantRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './tenants.service.ts';
import { ownerAppInstall, ownerAppPoster } from './owner-brand.service.ts';

export const tenantRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.publicTenant, (req) =>
    app.ctx.anonymous(req, req.params.slug, async (ctx) => service.toPublicTenant(await service.currentTenant(ctx))),
  );
  serve(app, r.branding, (ctx) => service.getBranding(ctx));
  // A logo arrives as a data URL inside the JSON, so this route takes a larger body than the rest.
  serve(app, r.updateBranding, (ctx, req) => service.updateBranding(ctx, req.body), { bodyLimit: 400_000 });
  const publicUrl = app.m4s.config.PUBLIC_URL;
  serve(app, r.ownerAppInstall, (ctx) => ownerAppInstall(ctx, publicUrl));
  serve(app, r.ownerAppPoster, async (ctx, _req, reply) => {
    const poster = await ownerAppPoster(ctx, publicUrl);
    return reply
      .type(poster.type)
      .header('content-disposition', `attachment; filename="${poster.filename}"`)
      .header('cache-control', 'no-store')
      .send(poster.bytes);
  });
  serve(app, r.settings, (ctx) => service.getSettings(ctx));
  serve(app, r.updateSettings, (ctx, req) => service.updateSettings(ctx, req.body));
};
