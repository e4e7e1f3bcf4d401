import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { isBrandAsset, needsLogo } from '../../platform/web/brand/assets.ts';
import { spa } from '../../platform/web/spa.ts';
import { uploadedImageHeaders } from '../../platform/images.ts';
import { brandInput, servedAsset } from './owner-brand.service.ts';
import { servedLogo } from './tenants.service.ts';

const slugPattern = /^[a-z0-9][a-z0-9-]{1,39}$/;

/**
 * Every tenant's owner app: one build served at /o/<slug>/, with the tenant's own manifest, icons and
 * logo generated from its branding — so a new dealer group has its installable app the moment it exists.
 */
export const ownerWebRoutes =
  (root: string): FastifyPluginAsync =>
  async (app) => {
    const site = spa(root);
    type Req = Parameters<typeof app.ctx.anonymous>[0];
    const inTenant = <T>(req: Req, slug: string, fn: Parameters<typeof app.ctx.anonymous<T>>[2]) => {
      if (!slugPattern.test(slug)) throw new AppError('TENANT_NOT_FOUND');
      return app.ctx.anonymous(req, slug, fn);
    };
    const publicUrl = app.m4s.config.PUBLIC_URL;

    app.get('/o/:slug', { schema: { hide: true } }, async (req, reply) =>
      reply.redirect(`/o/${(req.params as { slug: string }).slug}/`),
    );
    app.get('/o/:slug/*', { schema: { hide: true } }, async (req, reply) => {
      const { slug, '*': rest } = req.params as { slug: string; '*': string };
      if (isBrandAsset(rest)) {
        // The same builder as `m4s brand-apps` (platform/web/brand): drawn once per branding, revalidated by ETag.
        const input = await inTenant(req, slug, (ctx) => brandInput(ctx, publicUrl, needsLogo(rest)));
        const asset = await servedAsset(input, rest);
        if (!asset) throw new AppError('NOT_FOUND');
        // The manifest is checked on every start (a rename shows at once); pictures may be kept an hour.
        reply.header('cache-control', rest.endsWith('.webmanifest') ? 'no-cache' : 'public, max-age=3600');
        reply.header('etag', asset.etag);
        if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
        return reply.type(asset.type).send(asset.bytes);
      }
      switch (rest) {
        case 'logo': {
          // Served as the raster the server drew (never an SVG, never the client's type), nosniff and sandboxed.
          const logo = await inTenant(req, slug, servedLogo);
          if (!logo) throw new AppError('NOT_FOUND');
          return reply
            .headers(uploadedImageHeaders(logo.type, 'logo'))
            .header('cache-control', 'no-cache')
            .send(logo.bytes);
        }
        default:
          return site.serve(reply, rest, (html) =>
            html.replace('<head>', `<head><base href="/o/${slugPattern.test(slug) ? slug : 'unknown'}/">`),
          );
      }
    });
  };
