import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, mileageInput, transferInput, vehicle, vehicleInput, vehicleList } from '@m4s/contracts';
import * as service from './vehicles.service.ts';

export const vehicleRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['vehicles'];
  app.post('/vehicles', { schema: { tags, body: vehicleInput, response: { 201: vehicle } } }, async (req, reply) =>
    reply.status(201).send(await app.ctx.staff(req, 'customer.write', (ctx) => service.createVehicle(ctx, req.body))),
  );
  app.get('/vehicles/:id', { schema: { tags, params: idParams, response: { 200: vehicle } } }, async (req) =>
    app.ctx.staff(req, 'customer.read', (ctx) => service.getVehicle(ctx, req.params.id)),
  );
  app.put(
    '/vehicles/:id',
    { schema: { tags, params: idParams, body: vehicleInput, response: { 200: vehicle } } },
    async (req) => app.ctx.staff(req, 'customer.write', (ctx) => service.updateVehicle(ctx, req.params.id, req.body)),
  );
  app.post(
    '/vehicles/:id/mileage',
    { schema: { tags, params: idParams, body: mileageInput, response: { 200: vehicle } } },
    async (req) => app.ctx.staff(req, 'customer.write', (ctx) => service.recordMileage(ctx, req.params.id, req.body)),
  );
  app.post(
    '/vehicles/:id/transfer',
    { schema: { tags, params: idParams, body: transferInput, response: { 200: vehicle } } },
    async (req) => app.ctx.staff(req, 'customer.write', (ctx) => service.transferVehicle(ctx, req.params.id, req.body)),
  );
  app.get(
    '/customers/:id/vehicles',
    { schema: { tags, params: idParams, response: { 200: vehicleList } } },
    async (req) =>
      app.ctx.staff(req, 'customer.read', async (ctx) => ({
        items: await service.listCustomerVehicles(ctx, req.params.id),
      })),
  );
};
