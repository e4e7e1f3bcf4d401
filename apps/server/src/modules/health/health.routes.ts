import type { FastifyPluginAsync } from 'fastify';
import { healthRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { livenessOf } from './health.service.ts';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  const health = livenessOf(app.m4s.db);
  serve(app, r.check, async (_req, reply) => {
    const answer = await health.live();
    return answer.status === 'ok' ? answer : reply.status(503).send(answer);
  });
  serve(app, r.ready, async (_req, reply) => {
    const answer = await health.ready();
    return answer.status === 'ok' ? answer : reply.status(503).send(answer);
  });
};
