import { definePersonalData } from '../../platform/personal-data.ts';
import { customerOverview } from './history.service.ts';

/**
 * Sales, repair orders and the contact timeline. Erasure deletes the timeline (what the person said);
 * orders are business records and stay. The export is the 360 view's part of them, with the consents.
 */
export const historyPersonalData = definePersonalData({
  module: 'history',
  tables: [
    { table: 'interactions', column: 'customer_id', merge: 'move', erase: 'delete' },
    { table: 'sales_orders', column: 'customer_id', merge: 'move', erase: 'keep' },
    { table: 'repair_orders', column: 'customer_id', merge: 'move', erase: 'keep' },
  ],
  export: async (ctx, id) => {
    const o = await customerOverview(ctx, id);
    return {
      salesOrders: o.salesOrders,
      repairOrders: o.repairOrders,
      interactions: o.interactions,
      consents: o.consents,
    };
  },
});
