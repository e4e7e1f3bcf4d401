import { customerRoutes } from './customers.ts';
import { operatorRoutes } from './operator.ts';

/**
 * Every endpoint's description, by module. Apps import a module's group (tree-shaken per app); the server
 * registers each with `serve()`; the cross-tenant suite walks them all.
 */
export const routes = {
  customers: customerRoutes,
  operator: operatorRoutes,
} as const;

export { customerRoutes, operatorRoutes };
