import type { FastifyPluginAsync } from 'fastify';
import { garageRoutes as r, intervalRoutes as iv } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as staff from './bindings.service.ts';
import * as owner from './garage.service.ts';
import * as intervals from './intervals.service.ts';

/** 我的车辆 / 维修档案 for the owner app, and the store's review of binding requests. */
export const garageRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.ownerGarage, (ctx) => owner.ownerGarage(ctx));
  serve(app, r.bind, async (req, reply) => {
    const result = await app.ctx.owner(req, (ctx) => owner.requestBinding(ctx, req.body));
    // A miss is committed (it counts towards the hourly cap) before it is answered as an error.
    if (!result.ok) throw result.error;
    return reply.status(result.created ? 201 : 200).send(result.binding);
  });
  serve(app, r.unbind, async (ctx, req) => {
    await owner.removeBinding(ctx, req.params.bindingId);
    return { ok: true as const };
  });
  serve(app, r.vehicleHistory, (ctx, req) => owner.vehicleHistory(ctx, req.params.vehicleId));

  serve(app, r.bindings, async (ctx, req) => ({ items: await staff.listBindings(ctx, req.query.status) }));
  serve(app, r.decideBinding, (ctx, req) => staff.decideBinding(ctx, req.params.id, req.body));

  // 保养间隔: the tenant's maintenance intervals per brand and series.
  serve(app, iv.list, (ctx) => intervals.listIntervals(ctx));
  serve(app, iv.save, (ctx, req) => intervals.saveInterval(ctx, req.body));
  serve(app, iv.remove, (ctx, req) => intervals.removeInterval(ctx, req.params.id));
};
