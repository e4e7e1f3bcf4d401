import { definePersonalData } from '../../platform/personal-data.ts';
import { attemptsOfCustomer, blankAttemptsOf } from './calls.queries.ts';

/**
 * Every attempt to call the customer (the call centre): it moves with a merge and stays on erasure as the
 * record of the work (outcome, when, by whom) without the agent's words about the call.
 */
export const callsPersonalData = definePersonalData({
  module: 'calls',
  tables: [{ table: 'call_attempts', column: 'customer_id', merge: 'move', erase: 'blank' }],
  export: async (ctx, id) => ({ callAttempts: await attemptsOfCustomer(ctx.sql, ctx.tenantId, id) }),
  erase: (ctx, id) => blankAttemptsOf(ctx.sql, ctx.tenantId, id),
});
