import { definePersonalData } from '../../platform/personal-data.ts';
import { dropDriverEntries } from './vehicles.queries.ts';
import { listCustomerVehicles } from './vehicles.service.ts';

/**
 * The customer's cars and their ownership history: they stay on erasure, plate and VIN included (the car
 * and its history are the dealer's, and the car may change hands); the person leaves its drivers' list.
 */
export const vehiclesPersonalData = definePersonalData({
  module: 'vehicles',
  tables: [
    { table: 'vehicles', column: 'owner_id', merge: 'move', erase: 'keep' },
    { table: 'vehicle_ownerships', column: 'customer_id', merge: 'move', erase: 'keep' },
  ],
  export: async (ctx, id) => ({ vehicles: await listCustomerVehicles(ctx, id) }),
  erase: (ctx, _id, person) => dropDriverEntries(ctx.sql, ctx.tenantId, person),
});
