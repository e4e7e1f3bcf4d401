import type { FastifyPluginAsync } from 'fastify';
import { bookingRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as setup from './setup.service.ts';
import { bookingStats as stats } from './stats.service.ts';

/** 预约设置 and 服务项目: read with visit.read, changed with service.setup (checked again per store). */
export const bookingSetupRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.serviceTypes, async (ctx, req) => ({ items: await setup.listServiceTypes(ctx, req.query.storeId) }));
  serve(app, r.createServiceType, (ctx, req) => setup.createServiceType(ctx, req.body));
  serve(app, r.updateServiceType, (ctx, req) => setup.updateServiceType(ctx, req.params.id, req.body));

  serve(app, r.settings, (ctx, req) => setup.getSettings(ctx, req.params.id));
  serve(app, r.putSettings, (ctx, req) => setup.putSettings(ctx, req.params.id, req.body));

  serve(app, r.closures, async (ctx, req) => ({ items: await setup.listClosures(ctx, req.params.id, req.query) }));
  serve(app, r.addClosure, (ctx, req) => setup.addClosure(ctx, req.params.id, req.body));
  serve(app, r.removeClosure, async (ctx, req) => {
    await setup.removeClosure(ctx, req.params.id);
    return { ok: true as const };
  });

  serve(app, r.leave, async (ctx, req) => ({ items: await setup.listLeave(ctx, req.params.id) }));
  serve(app, r.addLeave, (ctx, req) => setup.addLeave(ctx, req.params.id, req.body));
  serve(app, r.removeLeave, async (ctx, req) => {
    await setup.removeLeave(ctx, req.params.id);
    return { ok: true as const };
  });

  serve(app, r.stats, (ctx, req) => stats(ctx, req.query));
};
