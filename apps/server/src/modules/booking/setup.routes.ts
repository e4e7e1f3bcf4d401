import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  advisorLeaveDay,
  advisorLeaveList,
  bookingSettings,
  bookingSettingsInput,
  bookingStats,
  bookingStatsQuery,
  closure,
  closureInput,
  closureList,
  closureQuery,
  idParams,
  leaveInput,
  okResponse,
  serviceType,
  serviceTypeInput,
  serviceTypeList,
  serviceTypeQuery,
} from '@m4s/contracts';
import * as setup from './setup.service.ts';
import { bookingStats as stats } from './stats.service.ts';

/** 预约设置 and 服务项目: read with visit.read, changed with service.setup (checked again per store). */
export const bookingSetupRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['booking-setup'];
  app.get(
    '/service-types',
    { schema: { tags, querystring: serviceTypeQuery, response: { 200: serviceTypeList } } },
    async (req) =>
      app.ctx.staff(req, 'visit.read', async (ctx) => ({
        items: await setup.listServiceTypes(ctx, req.query.storeId),
      })),
  );
  app.post(
    '/service-types',
    { schema: { tags, body: serviceTypeInput, response: { 201: serviceType } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await app.ctx.staff(req, 'service.setup', (ctx) => setup.createServiceType(ctx, req.body))),
  );
  app.put(
    '/service-types/:id',
    { schema: { tags, params: idParams, body: serviceTypeInput, response: { 200: serviceType } } },
    async (req) => app.ctx.staff(req, 'service.setup', (ctx) => setup.updateServiceType(ctx, req.params.id, req.body)),
  );

  app.get(
    '/stores/:id/booking-settings',
    { schema: { tags, params: idParams, response: { 200: bookingSettings } } },
    async (req) => app.ctx.staff(req, 'visit.read', (ctx) => setup.getSettings(ctx, req.params.id)),
  );
  app.put(
    '/stores/:id/booking-settings',
    { schema: { tags, params: idParams, body: bookingSettingsInput, response: { 200: bookingSettings } } },
    async (req) => app.ctx.staff(req, 'service.setup', (ctx) => setup.putSettings(ctx, req.params.id, req.body)),
  );

  app.get(
    '/stores/:id/closures',
    { schema: { tags, params: idParams, querystring: closureQuery, response: { 200: closureList } } },
    async (req) =>
      app.ctx.staff(req, 'visit.read', async (ctx) => ({
        items: await setup.listClosures(ctx, req.params.id, req.query),
      })),
  );
  app.post(
    '/stores/:id/closures',
    { schema: { tags, params: idParams, body: closureInput, response: { 201: closure } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await app.ctx.staff(req, 'service.setup', (ctx) => setup.addClosure(ctx, req.params.id, req.body))),
  );
  app.delete('/closures/:id', { schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await app.ctx.staff(req, 'service.setup', (ctx) => setup.removeClosure(ctx, req.params.id));
    return { ok: true as const };
  });

  app.get(
    '/staff/:id/leave',
    { schema: { tags, params: idParams, response: { 200: advisorLeaveList } } },
    async (req) =>
      app.ctx.staff(req, 'visit.read', async (ctx) => ({ items: await setup.listLeave(ctx, req.params.id) })),
  );
  app.post(
    '/staff/:id/leave',
    { schema: { tags, params: idParams, body: leaveInput, response: { 201: advisorLeaveDay } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await app.ctx.staff(req, 'service.setup', (ctx) => setup.addLeave(ctx, req.params.id, req.body))),
  );
  app.delete(
    '/advisor-leave/:id',
    { schema: { tags, params: idParams, response: { 200: okResponse } } },
    async (req) => {
      await app.ctx.staff(req, 'service.setup', (ctx) => setup.removeLeave(ctx, req.params.id));
      return { ok: true as const };
    },
  );

  app.get(
    '/booking-stats',
    { schema: { tags, querystring: bookingStatsQuery, response: { 200: bookingStats } } },
    async (req) => app.ctx.staff(req, 'visit.read', (ctx) => stats(ctx, req.query)),
  );
};
