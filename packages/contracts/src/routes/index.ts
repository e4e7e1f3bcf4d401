import { bookingRoutes } from './booking.ts';
import { careRoutes } from './care.ts';
import { contactRoutes } from './contact.ts';
import { customerRoutes } from './customers.ts';
import { inboxRoutes } from './inbox.ts';
import { visitRoutes } from './visits.ts';
import { webhookRoutes } from './webhooks.ts';
import { operatorRoutes } from './operator.ts';

/**
 * Every endpoint's description, by module. Apps import a module's group (tree-shaken per app); the server
 * registers each with `serve()`; the cross-tenant suite walks them all.
 */
export const routes = {
  customers: customerRoutes,
  booking: bookingRoutes,
  visits: visitRoutes,
  inbox: inboxRoutes,
  contact: contactRoutes,
  care: careRoutes,
  webhooks: webhookRoutes,
  operator: operatorRoutes,
} as const;

export { customerRoutes, operatorRoutes, webhookRoutes };
export { bookingRoutes, idempotencyHeaders } from './booking.ts';
export { visitRoutes } from './visits.ts';
export { inboxRoutes } from './inbox.ts';
export { contactRoutes } from './contact.ts';
export { careRoutes } from './care.ts';
