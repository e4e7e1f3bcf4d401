import type { FastifyPluginAsync } from 'fastify';
import type { ServerResponse } from 'node:http';
import { inboxRoutes as r } from '@m4s/contracts';
import { subscribeOwner, type LiveEvent } from '../../platform/events.ts';
import { serve } from '../../platform/http/serve.ts';

/** A comment line every 25 s keeps proxies from closing an idle stream; the session is re-checked then too. */
export const keepAliveMs = 25_000;

const frame = (event: LiveEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;

/**
 * `inboxRoutes.events` (GET owner/events) — the signed-in owner's live events as Server-Sent Events (`visit`,
 * `estimate`, `inbox`). Its auth is `custom`: the session is checked in a short transaction and the stream is
 * held outside any, since PGlite's transactions are exclusive and a PostgreSQL connection per open phone
 * would empty the pool.
 */
export const liveRoutes: FastifyPluginAsync = async (app) => {
  const open = new Set<ServerResponse>();
  // Open streams never go idle, so closing the server must end them itself.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  serve(app, r.events, async (req, reply) => {
    const who = await app.ctx.owner(req, async (ctx) => ({ tenantId: ctx.tenantId, ownerId: ctx.actor.id }));
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n: connected\n\n');
    open.add(res);
    const unsubscribe = subscribeOwner(who.tenantId, who.ownerId, (event) => res.write(frame(event)));
    const timer = setInterval(() => {
      res.write(': keep-alive\n\n');
      // A signed-out or expired session stops hearing about the car.
      app.ctx.owner(req, async () => null).catch(() => res.end());
    }, keepAliveMs);
    const close = () => {
      clearInterval(timer);
      unsubscribe();
      open.delete(res);
    };
    req.raw.on('close', close);
    res.on('close', close);
    return reply;
  });
};
