import { definePersonalData } from '../../platform/personal-data.ts';

/** Bookings are business records: they move with a merge and stay on erasure. */
export const bookingPersonalData = definePersonalData({
  module: 'booking',
  tables: [{ table: 'bookings', column: 'customer_id', merge: 'move', erase: 'keep' }],
});
