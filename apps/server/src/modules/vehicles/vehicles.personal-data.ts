import { definePersonalData } from '../../platform/personal-data.ts';
import { listCustomerVehicles } from './vehicles.service.ts';

/** The customer's cars and their ownership history: they stay on erasure (the car's history is the dealer's). */
export const vehiclesPersonalData = definePersonalData({
  module: 'vehicles',
  tables: [
    { table: 'vehicles', column: 'owner_id', merge: 'move', erase: 'keep' },
    { table: 'vehicle_ownerships', column: 'customer_id', merge: 'move', erase: 'keep' },
  ],
  export: async (ctx, id) => ({ vehicles: await listCustomerVehicles(ctx, id) }),
});
