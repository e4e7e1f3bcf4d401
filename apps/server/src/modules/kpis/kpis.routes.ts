import type { FastifyPluginAsync } from 'fastify';
import { kpiRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { staffTx } from '../../platform/http/staff-tx.ts';
import { sendXlsx } from '../imports/xlsx-out.ts';
import { drill, drillSheet } from './drill.service.ts';
import * as service from './kpis.service.ts';

/** 指标体系 (docs/kpis.md): the board, breakdowns, the drill-down and its export, targets, plans. */
export const kpiRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.board, (ctx, req) => service.board(ctx, req.query));
  serve(app, r.breakdown, (ctx, req) => service.breakdown(ctx, req.params.kpi, req.query));
  serve(app, r.drill, (ctx, req) => drill(ctx, req.params.kpi, req.query));
  // The rows are read (and the export audited) in one short transaction, then written out.
  serve(app, r.exportDrill, async (req, reply) =>
    sendXlsx(
      reply,
      await staffTx(app, req, r.exportDrill.permission)((ctx) => drillSheet(ctx, req.params.kpi, req.query)),
    ),
  );
  serve(app, r.targets, (ctx) => service.targets(ctx));
  serve(app, r.setTarget, (ctx, req) => service.setTarget(ctx, req.body));
  serve(app, r.plans, (ctx, req) => service.plans(ctx, req.query));
  serve(app, r.createPlan, (ctx, req) => service.createPlan(ctx, req.body));
  serve(app, r.updatePlan, (ctx, req) => service.updatePlan(ctx, req.params.id, req.body));
};
