import type { FastifyPluginAsync } from 'fastify';
import { eventRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './events.service.ts';
import * as signups from './signups.service.ts';

/** Events and clubs (docs/events.md): 会员管理 › 活动, 活动签到 and the owner app's 活动. */
export const eventRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, (ctx, req) => service.listEvents(ctx, req.query.status));
  serve(app, r.create, (ctx, req) => service.createEvent(ctx, req.body));
  serve(app, r.get, (ctx, req) => service.eventDetail(ctx, req.params.id, req.query.windowDays));
  serve(app, r.update, (ctx, req) => service.updateEvent(ctx, req.params.id, req.body));
  serve(app, r.publish, (ctx, req) => service.publishEvent(ctx, req.params.id));
  serve(app, r.cancel, (ctx, req) => service.cancelEvent(ctx, req.params.id, req.body.reason));
  serve(app, r.close, (ctx, req) => service.closeEvent(ctx, req.params.id));
  serve(app, r.signups, (ctx, req) => service.signupsOf(ctx, req.params.id));
  serve(app, r.invite, (ctx, req) => service.invite(ctx, req.params.id, req.body));
  serve(app, r.checkInList, (ctx) => signups.checkInList(ctx));
  serve(app, r.checkIn, (ctx, req) => signups.checkIn(ctx, req.params.id, req.body.code));
  serve(app, r.owner, (ctx) => signups.ownerEvents(ctx));
  serve(app, r.ownerEvent, (ctx, req) => signups.ownerEvent(ctx, req.params.id));
  serve(app, r.ownerSignup, (ctx, req) => signups.signUp(ctx, req.params.id));
  serve(app, r.ownerCancel, (ctx, req) => signups.cancelOwn(ctx, req.params.id));
};
