import { definePersonalData } from '../../platform/personal-data.ts';

/** The customer's classes are computed from the rest: a merge drops the duplicate's, the next pass redoes them. */
export const segmentsPersonalData = definePersonalData({
  module: 'segments',
  tables: [{ table: 'customer_segments', column: 'customer_id', merge: 'drop', erase: 'keep' }],
});
