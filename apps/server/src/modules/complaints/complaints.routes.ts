import type { FastifyPluginAsync } from 'fastify';
import { complaintRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './complaints.service.ts';

export const complaintRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, async (ctx, req) => ({ items: await service.listComplaints(ctx, req.params.id) }));
  serve(app, r.open, (ctx, req) => service.openComplaint(ctx, req.params.id, req.body));
  serve(app, r.close, (ctx, req) => service.closeComplaint(ctx, req.params.id, req.body));
};
