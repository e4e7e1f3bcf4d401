import { definePersonalData } from '../../platform/personal-data.ts';
import { blankTasksOf, tasksOfCustomer } from './tasks.queries.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Staff's care tasks (calls to make) about the customer: they move with a merge and stay on erasure as
 * the record of the work, without their words; the open ones are cancelled.
 */
export const carePersonalData = definePersonalData({
  module: 'care',
  tables: [{ table: 'care_tasks', column: 'customer_id', merge: 'move', erase: 'blank' }],
  export: async (ctx, id) => ({
    careTasks: (await tasksOfCustomer(ctx.db, ctx.tenantId, id)).map(({ k, plate }) => ({
      rule: k.ruleKey,
      title: k.title,
      script: k.script,
      plate,
      dueAt: iso(k.dueAt),
      status: k.status,
      outcome: k.outcome,
      doneAt: iso(k.doneAt),
      createdAt: iso(k.createdAt),
    })),
  }),
  erase: (ctx, id) => blankTasksOf(ctx.db, ctx.tenantId, id, ctx.clock.now()),
});
