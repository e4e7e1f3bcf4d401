import { customerRoutes } from './customers.ts';
import { webhookRoutes } from './webhooks.ts';

/**
 * Every endpoint's description, by module. Apps import a module's group (tree-shaken per app); the server
 * registers each with `serve()`; the cross-tenant suite walks them all.
 */
export const routes = {
  customers: customerRoutes,
  webhooks: webhookRoutes,
} as const;

export { customerRoutes, webhookRoutes };
