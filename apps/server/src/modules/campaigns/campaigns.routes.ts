import type { FastifyPluginAsync } from 'fastify';
import { campaignRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './campaigns.service.ts';

/** 营销活动 (docs/campaigns.md). */
export const campaignRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, (ctx) => service.list(ctx));
  serve(app, r.templates, () => service.templates());
  serve(app, r.fromTemplate, (ctx, req) => service.fromTemplate(ctx, req.body));
  serve(app, r.create, (ctx, req) => service.create(ctx, req.body));
  serve(app, r.preview, (ctx, req) => service.preview(ctx, req.body));
  serve(app, r.get, (ctx, req) => service.get(ctx, req.params.id));
  serve(app, r.update, (ctx, req) => service.update(ctx, req.params.id, req.body));
  serve(app, r.send, (ctx, req) => service.send(ctx, req.params.id));
  serve(app, r.cancel, (ctx, req) => service.cancel(ctx, req.params.id));
  serve(app, r.results, (ctx, req) => service.results(ctx, req.params.id));
};
