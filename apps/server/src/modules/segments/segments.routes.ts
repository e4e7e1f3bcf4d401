import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  segmentCustomerPage,
  segmentCustomersQuery,
  segmentExportQuery,
  segmentOverview,
  segmentRecomputeResult,
  segmentRules,
} from '@m4s/contracts';
import { stores } from '../../platform/db/schema/index.ts';
import { customerExportCap, customerSheet } from '../imports/customers-export.ts';
import { sendXlsx } from '../imports/xlsx-out.ts';
import * as service from './segments.service.ts';

const exportName = { 'zh-CN': '客户分群', en: 'segment' } as const;

export const segmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['segments'];
  app.get('/segments/overview', { schema: { tags, response: { 200: segmentOverview } } }, async (req) =>
    app.ctx.staff(req, 'segment.read', (ctx) => service.overview(ctx)),
  );
  app.get(
    '/segments/customers',
    { schema: { tags, querystring: segmentCustomersQuery, response: { 200: segmentCustomerPage } } },
    async (req) => app.ctx.staff(req, 'segment.read', (ctx) => service.classCustomers(ctx, req.query)),
  );
  // The customer export's sheet (same columns, same masking rule), for one class's customers.
  app.get(
    '/segments/customers/export',
    { schema: { tags, querystring: segmentExportQuery, produces: ['application/octet-stream'] } },
    async (req, reply) => {
      const { dimension, value } = req.query;
      const { ids, storeNames, locale, now } = await app.ctx.staff(req, 'segment.read', async (ctx) => {
        const found = await service.exportIds(ctx, dimension, value, customerExportCap);
        const storeRows = await ctx.db
          .select({ id: stores.id, name: stores.name })
          .from(stores)
          .where(eq(stores.tenantId, ctx.tenantId));
        return {
          ids: found,
          storeNames: new Map(storeRows.map((s) => [s.id, s.name])),
          locale: ctx.request.locale,
          now: ctx.clock.now(),
        };
      });
      const l = customerSheet.labels[locale];
      const wanted = ids.slice(0, customerExportCap);
      async function* pages() {
        for (let i = 0; i < wanted.length; i += customerSheet.pageSize)
          yield await app.ctx.staff(req, 'segment.read', (ctx) =>
            customerSheet.page(ctx, wanted.slice(i, i + customerSheet.pageSize), storeNames),
          );
      }
      const day = await app.ctx.staff(req, 'segment.read', (ctx) => service.exportFileDay(ctx, now));
      return sendXlsx(reply, {
        fileName: `${exportName[locale]}-${dimension}-${value}-${day}.xlsx`,
        fallbackName: `segment-${dimension}-${value}-${day}.xlsx`,
        sheetName: l.sheet,
        note: ids.length > customerExportCap ? l.capped(customerExportCap) : null,
        columns: l.columns.map((header, i) => ({ header, width: customerSheet.widths[i] ?? 12 })),
        pages: pages(),
      });
    },
  );
  app.get('/segments/rules', { schema: { tags, response: { 200: segmentRules } } }, async (req) =>
    app.ctx.staff(req, 'segment.read', (ctx) => service.getRules(ctx)),
  );
  app.put('/segments/rules', { schema: { tags, body: segmentRules, response: { 200: segmentRules } } }, async (req) =>
    app.ctx.staff(req, 'care.manage', (ctx) => service.putRules(ctx, req.body)),
  );
  app.post('/segments/recompute', { schema: { tags, response: { 202: segmentRecomputeResult } } }, async (req, reply) =>
    reply.status(202).send(await app.ctx.staff(req, 'care.manage', (ctx) => service.recompute(ctx))),
  );
};
