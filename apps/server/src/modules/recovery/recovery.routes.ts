import type { FastifyPluginAsync } from 'fastify';
import { recoveryRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as alerts from './alerts.service.ts';
import { recordFollowUpAnswer } from './recovery.service.ts';

/** Service recovery: hot alerts, their close, the on-time rate (docs/recovery.md). */
export const recoveryRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, (ctx, req) => alerts.listAlerts(ctx, req.query));
  serve(app, r.get, (ctx, req) => alerts.getAlert(ctx, req.params.id));
  serve(app, r.close, (ctx, req) => alerts.closeAlert(ctx, req.params.id, req.body));
  serve(app, r.followUp, (ctx, req) => recordFollowUpAnswer(ctx, req.params.id, req.body));
  serve(app, r.onTime, (ctx, req) => alerts.recoveryOnTime(ctx, req.query));
  serve(app, r.policy, (ctx) => alerts.getRecoveryPolicy(ctx));
  serve(app, r.savePolicy, (ctx, req) => alerts.saveRecoveryPolicy(ctx, req.body));
};
