import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, inboxList, inboxReadResponse } from '@m4s/contracts';
import * as inbox from './inbox.service.ts';
import { liveRoutes } from './live.routes.ts';

/** The owner app's 消息中心 (written by other modules through postInbox) and its live event stream. */
export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(liveRoutes);
  const tags = ['owner-inbox'];
  app.get('/owner/inbox', { schema: { tags, response: { 200: inboxList } } }, async (req) =>
    app.ctx.owner(req, (ctx) => inbox.ownerInbox(ctx)),
  );
  app.post(
    '/owner/inbox/:id/read',
    { schema: { tags, params: idParams, response: { 200: inboxReadResponse } } },
    async (req) => app.ctx.owner(req, (ctx) => inbox.readMessage(ctx, req.params.id)),
  );
  app.post('/owner/inbox/read-all', { schema: { tags, response: { 200: inboxReadResponse } } }, async (req) =>
    app.ctx.owner(req, (ctx) => inbox.readAll(ctx)),
  );
};
