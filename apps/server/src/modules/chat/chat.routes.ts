import type { FastifyPluginAsync } from 'fastify';
import { chatRoutes as r, visitPhotoMaxChars } from '@m4s/contracts';
import { subscribeStoreChat } from '../../platform/events.ts';
import { serve } from '../../platform/http/serve.ts';
import { holdEventStream, streamRegistry } from '../../platform/http/sse.ts';
import { uploadedImageHeaders } from '../../platform/images.ts';
import * as owner from './owner-chat.service.ts';
import * as staff from './staff-chat.service.ts';

const bodyLimit = visitPhotoMaxChars + 16_384;

/** 咨询 (docs/chat.md): the owner app's conversations and assistant, the advisor app's 会员咨询 and its stream. */
export const chatRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.ownerChats, (ctx) => owner.ownerChats(ctx));
  serve(app, r.ownerThread, (ctx, req) => owner.ownerThread(ctx, req.query.kind));
  serve(app, r.ownerPost, (ctx, req) => owner.ownerPost(ctx, req.query.kind, req.body), { bodyLimit });
  serve(app, r.ownerRead, (ctx, req) => owner.ownerRead(ctx, req.query.kind));
  serve(app, r.ownerPhoto, async (ctx, req, reply) => {
    const photo = await owner.ownerPhoto(ctx, req.params.id);
    void reply
      .headers(uploadedImageHeaders(photo.type, `chat-${req.params.id}`))
      .header('cache-control', 'private, max-age=300');
    return photo.bytes;
  });
  serve(app, r.ownerResolve, (ctx, req) => owner.resolveAnswer(ctx, req.params.id));
  serve(app, r.ownerHandover, (ctx, req) => owner.handOverAnswer(ctx, req.params.id));

  serve(app, r.conversations, (ctx) => staff.staffInbox(ctx));
  serve(app, r.conversation, (ctx, req) => staff.staffThread(ctx, req.params.id));
  serve(app, r.staffPost, (ctx, req) => staff.staffPost(ctx, req.params.id, req.body), { bodyLimit });
  serve(app, r.staffRead, (ctx, req) => staff.staffRead(ctx, req.params.id));
  serve(app, r.staffPhoto, async (ctx, req, reply) => {
    const photo = await staff.staffPhoto(ctx, req.params.id);
    void reply
      .headers(uploadedImageHeaders(photo.type, `chat-${req.params.id}`))
      .header('cache-control', 'private, max-age=300');
    return photo.bytes;
  });
  serve(app, r.stats, (ctx, req) => staff.chatStats(ctx, req.query.days));

  // The staff's stream: the session and permission checked in a short transaction, held outside any (sse.ts).
  const open = streamRegistry(app);
  serve(app, r.events, async (req, reply) => {
    const check = () => app.ctx.staff(req, 'chat.answer', (ctx) => staff.chatStreamStores(ctx));
    const { tenantId, storeIds } = await check();
    return holdEventStream(
      open,
      req,
      reply,
      (send) => {
        const offs = storeIds.map((storeId) => subscribeStoreChat(tenantId, storeId, send));
        return () => {
          for (const off of offs) off();
        };
      },
      check,
    );
  });
};
