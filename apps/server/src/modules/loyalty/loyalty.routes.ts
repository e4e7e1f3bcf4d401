import type { FastifyPluginAsync } from 'fastify';
import { loyaltyRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './loyalty.service.ts';

/** 会员管理 and the owner's wallet (docs/loyalty.md); the checkout's offers are served by modules/visits. */
export const loyaltyRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.settings, (ctx) => service.getSettings(ctx));
  serve(app, r.putSettings, (ctx, req) => service.putSettings(ctx, req.body));
  serve(app, r.templates, async (ctx) => ({ items: await service.listTemplates(ctx) }));
  serve(app, r.createTemplate, (ctx, req) => service.createTemplate(ctx, req.body));
  serve(app, r.updateTemplate, (ctx, req) => service.updateTemplate(ctx, req.params.id, req.body));
  serve(app, r.issueCoupons, (ctx, req) => service.issueByHand(ctx, req.body));
  serve(app, r.voidCoupon, (ctx, req) => service.voidCoupon(ctx, req.params.id));
  serve(app, r.members, (ctx, req) => service.members(ctx, req.query));
  serve(app, r.member, (ctx, req) => service.memberDetail(ctx, req.params.customerId));
  serve(app, r.adjust, (ctx, req) => service.adjust(ctx, req.params.customerId, req.body));
  serve(app, r.settlement, (ctx, req) => service.settlementReport(ctx, req.query.month));
  serve(app, r.owner, (ctx) => service.ownerLoyalty(ctx));
  serve(app, r.ownerStatement, (ctx) => service.ownerStatement(ctx));
  serve(app, r.ownerRedeem, (ctx, req) => service.ownerRedeem(ctx, req.body.templateId));
};
