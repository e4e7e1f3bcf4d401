import type { FastifyPluginAsync } from 'fastify';
import { vehicleRoutes as r } from '@m4s/contracts';
import { serve } from '../../platform/http/serve.ts';
import * as service from './vehicles.service.ts';

export const vehicleRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.create, (ctx, req) => service.createVehicle(ctx, req.body));
  serve(app, r.get, (ctx, req) => service.getVehicle(ctx, req.params.id));
  serve(app, r.update, (ctx, req) => service.updateVehicle(ctx, req.params.id, req.body));
  serve(app, r.recordMileage, (ctx, req) => service.recordMileage(ctx, req.params.id, req.body));
  serve(app, r.transfer, (ctx, req) => service.transferVehicle(ctx, req.params.id, req.body));
  serve(app, r.ofCustomer, async (ctx, req) => ({ items: await service.listCustomerVehicles(ctx, req.params.id) }));
};
