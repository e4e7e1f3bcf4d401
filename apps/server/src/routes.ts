import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { customerRoutes } from './modules/customers/customers.routes.ts';
import { vehicleRoutes } from './modules/vehicles/vehicles.routes.ts';
import { historyRoutes } from './modules/history/history.routes.ts';
import { garageRoutes } from './modules/garage/garage.routes.ts';
import { bookingRoutes } from './modules/booking/booking.routes.ts';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { importRoutes } from './modules/imports/imports.routes.ts';
import { inboxRoutes } from './modules/inbox/inbox.routes.ts';
import { visitRoutes } from './modules/visits/visits.routes.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import { storeRoutes } from './modules/stores/stores.routes.ts';
import { tenantRoutes } from './modules/tenants/tenants.routes.ts';

/** Every module's API, under /api. A new module adds one line here (and joins the cross-tenant suite by itself). */
export const apiRoutes: FastifyPluginAsync = async (app) => {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(tenantRoutes);
  await app.register(storeRoutes);
  await app.register(staffRoutes);
  await app.register(auditRoutes);
  await app.register(catalogueRoutes);
  await app.register(customerRoutes);
  await app.register(vehicleRoutes);
  await app.register(historyRoutes);
  await app.register(importRoutes);
  await app.register(garageRoutes);
  await app.register(bookingRoutes);
  await app.register(inboxRoutes);
  await app.register(visitRoutes);
};
