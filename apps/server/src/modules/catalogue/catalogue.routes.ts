import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { brandParams, carBrandList, carModelList, carSeriesList, seriesParams } from '@m4s/contracts';
import * as service from './catalogue.service.ts';

export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['catalogue'];
  app.get('/catalogue/brands', { schema: { tags, response: { 200: carBrandList } } }, async (req) =>
    app.ctx.staff(req, null, async (ctx) => ({ items: await service.listBrands(ctx) })),
  );
  app.get(
    '/catalogue/brands/:brandId/series',
    { schema: { tags, params: brandParams, response: { 200: carSeriesList } } },
    async (req) =>
      app.ctx.staff(req, null, async (ctx) => ({ items: await service.listSeries(ctx, req.params.brandId) })),
  );
  app.get(
    '/catalogue/series/:seriesId/models',
    { schema: { tags, params: seriesParams, response: { 200: carModelList } } },
    async (req) =>
      app.ctx.staff(req, null, async (ctx) => ({ items: await service.listModels(ctx, req.params.seriesId) })),
  );
};
