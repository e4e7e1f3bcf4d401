import type { FastifyPluginAsync } from 'fastify';
import { cockpitRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as cockpit from './cockpit.service.ts';
import * as score from './scorecard.service.ts';

/** The morning view and the staff scorecard (docs/cockpit.md). */
export const cockpitRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.today, (ctx, req) => cockpit.today(ctx, req.query));
  serve(app, r.todayItems, (ctx, req) => cockpit.todayItems(ctx, req.query));
  serve(app, r.trend, (ctx, req) => cockpit.trend(ctx, req.query));
  serve(app, r.scorecards, (ctx, req) => score.scorecards(ctx, req.query));
  serve(app, r.myScorecard, (ctx, req) => score.myScorecard(ctx, req.query));
  serve(app, r.scoreItems, (ctx, req) => score.scoreItems(ctx, req.params.staffId, req.query));
  serve(app, r.weights, (ctx) => score.getWeights(ctx));
  serve(app, r.saveWeights, (ctx, req) => score.saveWeights(ctx, req.body));
};
