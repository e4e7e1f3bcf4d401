import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditList, auditQuery } from '@m4s/contracts';
import { listAudit } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: auditList } } },
    async (req) => app.ctx.staff(req, 'audit.read', async (ctx) => ({ items: await listAudit(ctx, req.query) })),
  );
};
