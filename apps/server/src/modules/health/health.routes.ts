import type { FastifyPluginAsync } from 'fastify';
import { healthRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { health } from './health.service.ts';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.check, async (_req, reply) => {
    const answer = await health(app.m4s.db);
    return answer.status === 'ok' ? answer : reply.status(503).send(answer);
  });
};
