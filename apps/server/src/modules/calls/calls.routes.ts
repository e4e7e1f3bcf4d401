import type { FastifyPluginAsync } from 'fastify';
import { callRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import {
  callQueue,
  createCall,
  getCall,
  getCallPolicy,
  reassignCalls,
  recordOutcome,
  saveCallPolicy,
} from './calls.service.ts';

/** The follow-up call centre (docs/calls.md). */
export const callRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.queue, (ctx, req) => callQueue(ctx, req.query));
  serve(app, r.create, (ctx, req) => createCall(ctx, req.body));
  serve(app, r.policy, (ctx) => getCallPolicy(ctx));
  serve(app, r.savePolicy, (ctx, req) => saveCallPolicy(ctx, req.body));
  serve(app, r.reassign, (ctx, req) => reassignCalls(ctx, req.body));
  serve(app, r.get, (ctx, req) => getCall(ctx, req.params.id));
  serve(app, r.outcome, (ctx, req) => recordOutcome(ctx, req.params.id, req.body));
};
