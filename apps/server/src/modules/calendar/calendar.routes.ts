import type { FastifyPluginAsync } from 'fastify';
import { calendarRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './calendar.service.ts';

export const calendarRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.get, (ctx, req) => service.getCalendar(ctx, req.query.year));
  serve(app, r.setDay, (ctx, req) => service.setDay(ctx, req.body));
  serve(app, r.removeDay, (ctx, req) => service.removeDay(ctx, req.params.day));
  serve(app, r.setHours, (ctx, req) => service.setBusinessHours(ctx, req.body));
};
