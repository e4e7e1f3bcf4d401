import { and, asc, desc, eq, gte, ne } from 'drizzle-orm';
import { bookings, serviceTypes, stores, visits } from '../../platform/db/schema/index.ts';
import type { SqlExecutor, Tx } from '../../platform/db/types.ts';
import { lockUntilCommit } from '../../platform/db/xact-lock.ts';

/**
 * Serialises bookings of one car until the transaction ends: two requests booking the same car at once
 * (two family members, a retry from another phone, the desk and the app) queue here, and the second sees
 * the first's booking when it checks for a clash.
 */
export const lockCar = async (sql: SqlExecutor, tenantId: string, vehicleId: string) => {
  await lockUntilCommit(sql, `booking-car|${tenantId}|${vehicleId}`);
};

/** The car's visit not yet delivered (it is in the workshop), with its store. */
export const openVisitOfCar = async (db: Tx, tenantId: string, vehicleId: string) => {
  const [row] = await db
    .select({ id: visits.id, status: visits.status, storeName: stores.name, checkedInAt: visits.checkedInAt })
    .from(visits)
    .innerJoin(stores, and(eq(stores.tenantId, visits.tenantId), eq(stores.id, visits.storeId)))
    .where(and(eq(visits.tenantId, tenantId), eq(visits.vehicleId, vehicleId), ne(visits.status, 'delivered')))
    .orderBy(desc(visits.checkedInAt))
    .limit(1);
  return row ?? null;
};

/** The car's bookings still booked from `from` on (the start of today), soonest first. */
export const comingBookingsOfCar = (db: Tx, tenantId: string, vehicleId: string, from: Date) =>
  db
    .select({
      id: bookings.id,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      storeName: stores.name,
      serviceName: serviceTypes.name,
    })
    .from(bookings)
    .innerJoin(stores, and(eq(stores.tenantId, bookings.tenantId), eq(stores.id, bookings.storeId)))
    .innerJoin(
      serviceTypes,
      and(eq(serviceTypes.tenantId, bookings.tenantId), eq(serviceTypes.id, bookings.serviceTypeId)),
    )
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.vehicleId, vehicleId),
        eq(bookings.status, 'booked'),
        gte(bookings.startsAt, from),
      ),
    )
    .orderBy(asc(bookings.startsAt));
