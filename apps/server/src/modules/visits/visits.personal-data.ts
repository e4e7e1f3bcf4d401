import { definePersonalData } from '../../platform/personal-data.ts';

/** Workshop visits are business records: they move with a merge and stay on erasure. */
export const visitsPersonalData = definePersonalData({
  module: 'visits',
  tables: [{ table: 'visits', column: 'customer_id', merge: 'move', erase: 'keep' }],
});
