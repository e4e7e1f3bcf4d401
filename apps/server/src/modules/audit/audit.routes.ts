import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { listAudit } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, async (ctx, req) => ({ items: await listAudit(ctx, req.query) }));
};
