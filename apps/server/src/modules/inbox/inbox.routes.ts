import type { FastifyPluginAsync } from 'fastify';
import { inboxRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as inbox from './inbox.service.ts';
import { liveRoutes } from './live.routes.ts';

/** The owner app's 消息中心 (written by other modules through postInbox) and its live event stream. */
export const inboxRoutes: FastifyPluginAsync = async (app) => {
  await app.register(liveRoutes);
  serve(app, r.list, (ctx) => inbox.ownerInbox(ctx));
  serve(app, r.read, (ctx, req) => inbox.readMessage(ctx, req.params.id));
  serve(app, r.readAll, (ctx) => inbox.readAll(ctx));
};
