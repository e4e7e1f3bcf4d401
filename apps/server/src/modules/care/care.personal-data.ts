import { definePersonalData } from '../../platform/personal-data.ts';

/** Staff's care tasks (calls to make) about the customer: they move with a merge and stay on erasure. */
export const carePersonalData = definePersonalData({
  module: 'care',
  tables: [{ table: 'care_tasks', column: 'customer_id', merge: 'move', erase: 'keep' }],
});
