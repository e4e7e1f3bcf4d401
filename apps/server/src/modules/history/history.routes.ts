import type { FastifyPluginAsync } from 'fastify';
import { historyRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import { eraseCustomer, exportCustomerData } from '../customers/customers.privacy.ts';
import * as service from './history.service.ts';

export const historyRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.overview, (ctx, req) => service.customerOverview(ctx, req.params.id));
  serve(app, r.addInteraction, (ctx, req) => service.addInteraction(ctx, req.params.id, req.body));
  serve(app, r.recordSalesOrder, (ctx, req) => service.recordSalesOrder(ctx, req.params.id, req.body));
  serve(app, r.recordRepairOrder, (ctx, req) => service.recordRepairOrder(ctx, req.body));
  serve(app, r.exportData, (ctx, req) => exportCustomerData(ctx, req.params.id));
  serve(app, r.erase, async (ctx, req) => {
    await eraseCustomer(ctx, req.params.id, req.body.reason);
    return { ok: true as const };
  });
};
