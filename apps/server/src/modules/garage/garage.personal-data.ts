import { definePersonalData } from '../../platform/personal-data.ts';
import { bindingsOfOwners, deleteBindingsOfOwners } from './garage.queries.ts';

/**
 * The person's app accounts' claims on cars (vehicle_bindings). Erasure deletes them with the accounts
 * (the car and its history stay with the dealer; the decisions stay in the audit log, without names).
 */
export const garagePersonalData = definePersonalData({
  module: 'garage',
  tables: [],
  export: async (ctx, _id, person) => ({
    carClaims: (await bindingsOfOwners(ctx.db, ctx.tenantId, person.ownerIds)).map(({ b, plate, vin }) => ({
      plate,
      vin,
      status: b.status,
      requestedAt: b.requestedAt.toISOString(),
      decidedAt: b.decidedAt?.toISOString() ?? null,
      reason: b.reason,
    })),
  }),
  erase: (ctx, _id, person) => deleteBindingsOfOwners(ctx.db, ctx.tenantId, person.ownerIds),
});
