import type { FastifyPluginAsync } from 'fastify';
import { inboxRoutes as r } from '@m4s/contracts';
import { subscribeOwner } from '../../platform/events.ts';
import { serve } from '../../platform/http/serve.ts';
import { holdEventStream, streamRegistry } from '../../platform/http/sse.ts';

/**
 * `inboxRoutes.events` (GET owner/events) — the signed-in owner's live events as Server-Sent Events (`visit`,
 * `estimate`, `inbox`). Its auth is `custom`: the session is checked in a short transaction and the stream is
 * held outside any (platform/http/sse.ts).
 */
export const liveRoutes: FastifyPluginAsync = async (app) => {
  const open = streamRegistry(app);
  serve(app, r.events, async (req, reply) => {
    const who = await app.ctx.owner(req, async (ctx) => ({ tenantId: ctx.tenantId, ownerId: ctx.actor.id }));
    return holdEventStream(
      open,
      req,
      reply,
      (send) => subscribeOwner(who.tenantId, who.ownerId, send),
      // A signed-out or expired session stops hearing about the car.
      () => app.ctx.owner(req, async () => null),
    );
  });
};
