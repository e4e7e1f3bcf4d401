import type { FastifyPluginAsync } from 'fastify';
import { catalogueRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './catalogue.service.ts';

export const catalogueRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.brands, async (ctx) => ({ items: await service.listBrands(ctx) }));
  serve(app, r.series, async (ctx, req) => ({ items: await service.listSeries(ctx, req.params.brandId) }));
  serve(app, r.models, async (ctx, req) => ({ items: await service.listModels(ctx, req.params.seriesId) }));
  serve(app, r.addSeries, (ctx, req) => service.addSeries(ctx, req.body));
  serve(app, r.addModel, (ctx, req) => service.addModel(ctx, req.body));
};
