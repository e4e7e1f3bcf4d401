import type { FastifyPluginAsync } from 'fastify';
import { referralRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './referrals.service.ts';

/** Referrals (docs/referrals.md): 会员管理 › 推荐 in the admin console, 推荐有礼 in the owner app. */
export const referralRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.report, (ctx, req) => service.report(ctx, req.query));
  serve(app, r.record, (ctx, req) => service.recordWalkIn(ctx, req.body));
  serve(app, r.one, (ctx, req) => service.referralOne(ctx, req.params.id));
  serve(app, r.owner, (ctx) => service.ownerReferrals(ctx));
  serve(app, r.ownerCode, (ctx, req) => service.codeInfo(ctx, req.params.code));
  serve(app, r.ownerLead, (ctx, req) => service.ownerLead(ctx, req.body));
};
