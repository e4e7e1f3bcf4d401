import type { FastifyPluginAsync } from 'fastify';
import { segmentRoutes as r, vehicleRoutes } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { staffTx } from '../../platform/http/staff-tx.ts';
import { sendXlsx } from '../imports/xlsx-out.ts';
import { segmentExport } from './segments.export.ts';
import * as service from './segments.service.ts';
import { fixFlaggedMileage } from './mileage-fix.service.ts';

export const segmentRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.overview, (ctx) => service.overview(ctx));
  serve(app, r.customers, (ctx, req) => service.classCustomers(ctx, req.query));
  // Streamed: the ids in one short transaction, each page of rows in its own.
  serve(app, r.exportCustomers, async (req, reply) => {
    const inTx = staffTx(app, req, r.exportCustomers.permission);
    return sendXlsx(reply, await segmentExport(inTx, req.query.dimension, req.query.value));
  });
  serve(app, r.customerClasses, (ctx, req) => service.customerClasses(ctx, req.params.id));
  serve(app, r.rules, (ctx) => service.getRules(ctx));
  serve(app, r.updateRules, (ctx, req) => service.putRules(ctx, req.body));
  serve(app, r.recompute, (ctx) => service.recompute(ctx));
  // A flagged odometer value fixed, and the car's owner reclassified in the same transaction.
  serve(app, vehicleRoutes.resolveFlaggedMileage, (ctx, req) => fixFlaggedMileage(ctx, req.params, req.body));
};
