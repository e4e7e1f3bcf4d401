import { definePersonalData } from '../../platform/personal-data.ts';
import { consentsOfOwners, deleteConsentsOfOwners, readingsOfVehicles } from './telematics.queries.ts';

/**
 * Connected cars hold, about a person, the consents their app accounts gave (and revoked) and the readings
 * received while a car of theirs was shared. The readings are the car's data (as its mileage and repair
 * orders: they stay with the dealer and the car, and hold no name, phone or words); erasure deletes the
 * consents with the accounts (auth deletes the accounts after this part). Nothing here names the person
 * beyond what the accounts do, so there is nothing to add to who they are.
 */
export const telematicsPersonalData = definePersonalData({
  module: 'telematics',
  tables: [],
  identify: () => Promise.resolve({}),
  export: async (ctx, _id, person) => {
    const consents = await consentsOfOwners(ctx.db, ctx.tenantId, person.ownerIds);
    const readings = await readingsOfVehicles(ctx.db, ctx.tenantId, [...new Set(consents.map((c) => c.vehicleId))]);
    // Only what arrived while one of the person's consents for that car was open.
    const shared = readings.filter((r) =>
      consents.some(
        (c) =>
          c.vehicleId === r.vehicleId &&
          c.givenAt <= r.receivedAt &&
          (c.revokedAt === null || r.receivedAt <= c.revokedAt),
      ),
    );
    return {
      connectedCar: {
        consents: consents.map((c) => ({
          vehicleId: c.vehicleId,
          givenAt: c.givenAt.toISOString(),
          revokedAt: c.revokedAt?.toISOString() ?? null,
        })),
        readings: shared.map((r) => ({
          vehicleId: r.vehicleId,
          at: r.readAt.toISOString(),
          odometerKm: r.odometerKm,
          faultCodes: r.faultCodes,
          batteryVoltage: r.batteryVoltage,
          fuelPct: r.fuelPct,
          chargePct: r.chargePct,
        })),
      },
    };
  },
  erase: (ctx, _id, person) => deleteConsentsOfOwners(ctx.db, ctx.tenantId, person.ownerIds),
});
