import { calendarRoutes } from './calendar.ts';
import { customerRoutes } from './customers.ts';

/**
 * Every endpoint's description, by module. Apps import a module's group (tree-shaken per app); the server
 * registers each with `serve()`; the cross-tenant suite walks them all.
 */
export const routes = {
  customers: customerRoutes,
  calendar: calendarRoutes,
} as const;

export { calendarRoutes, customerRoutes };
