import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  bindingDecision,
  bindingIdParams,
  bindingListQuery,
  bindingRequest,
  idParams,
  okResponse,
  ownerBinding,
  ownerGarage,
  ownerVehicleHistory,
  staffBinding,
  staffBindingList,
  vehicleIdParams,
} from '@m4s/contracts';
import * as staff from './bindings.service.ts';
import * as owner from './garage.service.ts';

/** 我的车辆 / 维修档案 for the owner app, and the store's review of binding requests. */
export const garageRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['owner-vehicles'];
  app.get('/owner/vehicles', { schema: { tags, response: { 200: ownerGarage } } }, async (req) =>
    app.ctx.owner(req, (ctx) => owner.ownerGarage(ctx)),
  );
  app.post(
    '/owner/vehicles/bind',
    { schema: { tags, body: bindingRequest, response: { 200: ownerBinding, 201: ownerBinding } } },
    async (req, reply) => {
      const result = await app.ctx.owner(req, (ctx) => owner.requestBinding(ctx, req.body));
      // A miss is committed (it counts towards the hourly cap) before it is answered as an error.
      if (!result.ok) throw result.error;
      return reply.status(result.created ? 201 : 200).send(result.binding);
    },
  );
  app.delete(
    '/owner/vehicles/:bindingId',
    { schema: { tags, params: bindingIdParams, response: { 200: okResponse } } },
    async (req) => {
      await app.ctx.owner(req, (ctx) => owner.removeBinding(ctx, req.params.bindingId));
      return { ok: true as const };
    },
  );
  app.get(
    '/owner/vehicles/:vehicleId/history',
    { schema: { tags, params: vehicleIdParams, response: { 200: ownerVehicleHistory } } },
    async (req) => app.ctx.owner(req, (ctx) => owner.vehicleHistory(ctx, req.params.vehicleId)),
  );

  const staffTags = ['vehicle-bindings'];
  app.get(
    '/vehicle-bindings',
    { schema: { tags: staffTags, querystring: bindingListQuery, response: { 200: staffBindingList } } },
    async (req) =>
      app.ctx.staff(req, 'customer.write', async (ctx) => ({ items: await staff.listBindings(ctx, req.query.status) })),
  );
  app.post(
    '/vehicle-bindings/:id/decision',
    { schema: { tags: staffTags, params: idParams, body: bindingDecision, response: { 200: staffBinding } } },
    async (req) => app.ctx.staff(req, 'customer.write', (ctx) => staff.decideBinding(ctx, req.params.id, req.body)),
  );
};
