import { definePersonalData } from '../../platform/personal-data.ts';
import { alertsOfCustomer, blankAlertsOf } from './recovery.queries.ts';

/**
 * The customer's hot alerts: they move with a merge, are part of the access export, and on erasure stay as
 * the record of the recovery (scores, times, who, the reaction code) without what was done and said.
 */
export const recoveryPersonalData = definePersonalData({
  module: 'recovery',
  tables: [{ table: 'recovery_alerts', column: 'customer_id', merge: 'move', erase: 'blank' }],
  export: async (ctx, id) => ({ recoveryAlerts: await alertsOfCustomer(ctx.sql, ctx.tenantId, id, ctx.clock.now()) }),
  erase: (ctx, id) => blankAlertsOf(ctx.sql, ctx.tenantId, id),
});
