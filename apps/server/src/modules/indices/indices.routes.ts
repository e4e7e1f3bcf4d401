import type { FastifyPluginAsync } from 'fastify';
import { indexRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { staffTx } from '../../platform/http/staff-tx.ts';
import { sendXlsx } from '../imports/xlsx-out.ts';
import * as service from './indices.service.ts';
import { kpis, kpiSheet } from './kpis.service.ts';

/** Satisfaction figures, follow-up KPIs (and their spreadsheet), the factor sets (docs/indices.md). */
export const indexRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.figures, (ctx, req) => service.figures(ctx, req.query));
  serve(app, r.kpis, (ctx, req) => kpis(ctx, req.query));
  // The rows are read (and the export audited) in one short transaction, then written out.
  serve(app, r.exportKpis, async (req, reply) =>
    sendXlsx(reply, await staffTx(app, req, r.exportKpis.permission)((ctx) => kpiSheet(ctx, req.query))),
  );
  serve(app, r.factorSets, (ctx) => service.factorSets(ctx));
  serve(app, r.saveFactorSet, (ctx, req) => service.saveFactorSet(ctx, req.body));
};
