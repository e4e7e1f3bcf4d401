import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { ownerIconPng, ownerIconSvg, ownerManifest } from '../../platform/web/owner-icons.ts';
import { spa } from '../../platform/web/spa.ts';
import { uploadedImageHeaders } from '../../platform/images.ts';
import { currentTenant, servedLogo, toPublicTenant } from './tenants.service.ts';

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
    const tenantOf = (req: Req, slug: string) => inTenant(req, slug, currentTenant);

    app.get('/o/:slug', { schema: { hide: true } }, async (req, reply) =>
      reply.redirect(`/o/${(req.params as { slug: string }).slug}/`),
    );
    app.get('/o/:slug/*', { schema: { hide: true } }, async (req, reply) => {
      const { slug, '*': rest } = req.params as { slug: string; '*': string };
      switch (rest) {
        case 'manifest.webmanifest':
          return reply
            .type('application/manifest+json; charset=utf-8')
            .send(ownerManifest(slug, toPublicTenant(await tenantOf(req, slug))));
        case 'icon-192.png':
        case 'icon-512.png':
          return reply
            .type('image/png')
            .header('cache-control', 'public, max-age=3600')
            .send(ownerIconPng(toPublicTenant(await tenantOf(req, slug)), rest === 'icon-192.png' ? 192 : 512));
        case 'icon.svg':
          return reply.type('image/svg+xml').send(ownerIconSvg(toPublicTenant(await tenantOf(req, slug))));
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
