import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { LiveEvent } from '../events.ts';

/** A comment line every 25 s keeps proxies from closing an idle stream; the session is re-checked then too. */
export const keepAliveMs = 25_000;

const frame = (event: LiveEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;

/** The open streams of one plugin, ended when the server closes (open streams never go idle by themselves). */
export const streamRegistry = (app: FastifyInstance) => {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });
  return open;
};

/**
 * Turns the reply into a Server-Sent Events stream once the caller has checked the session (in a short
 * transaction: the stream is held outside any, since PGlite's transactions are exclusive and a
 * PostgreSQL connection per open phone would empty the pool). `subscribe` starts the events and
 * returns its unsubscribe; `recheck` runs with each keep-alive and ends the stream when it rejects (a
 * signed-out or expired session, lost rights).
 */
export const holdEventStream = (
  open: Set<ServerResponse>,
  req: FastifyRequest,
  reply: FastifyReply,
  subscribe: (send: (event: LiveEvent) => void) => () => void,
  recheck: () => Promise<unknown>,
) => {
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
  const unsubscribe = subscribe((event) => res.write(frame(event)));
  const timer = setInterval(() => {
    res.write(': keep-alive\n\n');
    recheck().catch(() => res.end());
  }, keepAliveMs);
  const close = () => {
    clearInterval(timer);
    unsubscribe();
    open.delete(res);
  };
  req.raw.on('close', close);
  res.on('close', close);
  return reply;
};
