import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthResponse } from '@m4s/contracts';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], response: { 200: healthResponse, 503: healthResponse } } },
    async (_req, reply) => {
      const up = await app.m4s.db.ping().catch(() => false);
      return up
        ? { status: 'ok' as const, db: 'ok' as const }
        : reply.status(503).send({ status: 'degraded', db: 'down' });
    },
  );
};
