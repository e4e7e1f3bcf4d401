import type { FastifyPluginAsync } from 'fastify';
import { visitRoutes as r } from '@m4s/contracts';
import { subscribeStore } from '../../platform/events.ts';
import { serve } from '../../platform/http/serve.ts';
import { holdEventStream, streamRegistry } from '../../platform/http/sse.ts';
import { storeEventsScope } from './visits.service.ts';

/**
 * `visitRoutes.storeEvents` (GET stores/:id/events) — a store's live events for its staff (`visit`,
 * `estimate`, `booking`), the same stream mechanism as the owner's. The store is checked in the tenant's
 * transaction (another tenant's store is 404, another store of one's own tenant 403 for store-scoped
 * roles), and again with each keep-alive.
 */
export const storeEventRoutes: FastifyPluginAsync = async (app) => {
  const open = streamRegistry(app);
  serve(app, r.storeEvents, async (req, reply) => {
    const storeId = req.params.id;
    const check = () => app.ctx.staff(req, 'visit.read', (ctx) => storeEventsScope(ctx, storeId));
    const tenantId = await check();
    return holdEventStream(open, req, reply, (send) => subscribeStore(tenantId, storeId, send), check);
  });
};
