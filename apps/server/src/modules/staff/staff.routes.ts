import type { FastifyPluginAsync } from 'fastify';
import { staffRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './staff.service.ts';

export const staffRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, async (ctx, req) => ({ items: await service.listStaff(ctx, req.query) }));
  serve(app, r.create, (ctx, req) => service.createStaff(ctx, req.body));
  serve(app, r.get, (ctx, req) => service.getStaff(ctx, req.params.id));
  serve(app, r.update, (ctx, req) => service.updateStaff(ctx, req.params.id, req.body));
  serve(app, r.unlock, (ctx, req) => service.unlockStaff(ctx, req.params.id));
  serve(app, r.passwordReset, (ctx, req) => service.resetStaffPassword(ctx, req.params.id), { rateLimitPerMinute: 10 });
};
