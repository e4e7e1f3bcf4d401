import type { FastifyPluginAsync } from 'fastify';
import { importUnlistedRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { listUnlisted } from './unlisted.ts';

/** An import's catalogue values that matched nothing, listed once (docs/imports.md). */
export const importUnlistedRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, (ctx, req) => listUnlisted(ctx, req.params.id));
};
