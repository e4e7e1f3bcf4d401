import type { FastifyInstance } from 'fastify';
import { importSourceRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { createSource, listSources, renameSource } from './sources.service.ts';

/** The old systems a tenant imports from (the import screen's source picker). */
export const serveImportSources = (app: FastifyInstance) => {
  serve(app, r.list, async (ctx) => ({ items: await listSources(ctx) }));
  serve(app, r.create, (ctx, req) => createSource(ctx, req.body));
  serve(app, r.rename, (ctx, req) => renameSource(ctx, req.params.id, req.body));
};
