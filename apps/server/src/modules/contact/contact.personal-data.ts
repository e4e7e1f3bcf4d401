import { definePersonalData } from '../../platform/personal-data.ts';

/** The contact ledger (touches) and the messages sent: kept on erasure as the record of what was sent. */
export const contactPersonalData = definePersonalData({
  module: 'contact',
  tables: [
    { table: 'touches', column: 'customer_id', merge: 'move', erase: 'keep' },
    { table: 'notifications', column: 'customer_id', merge: 'move', erase: 'keep' },
  ],
});
