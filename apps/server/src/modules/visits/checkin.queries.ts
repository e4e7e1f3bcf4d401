import { and, asc, eq, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { BookingStatus } from '@m4s/contracts';
import {
  bookings,
  catalogueModels,
  customerPhones,
  customers,
  repairOrders,
  serviceTypes,
  staff,
  stores,
  vehicles,
  visits,
} from '../../platform/db/schema/index.ts';
import { catalogueModelsOf } from '../../platform/db/catalogue-of.ts';
import type { Tx } from '../../platform/db/types.ts';
import { customerScopeWhere } from '../customers/customers.scope.ts';

const advisor = alias(staff, 'advisor');

export const findBooking = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, id)));
  return row ?? null;
};

/** The booking's own status follows the visit: arrived at check-in, completed at delivery. */
export const moveBooking = async (
  db: Tx,
  tenantId: string,
  id: string,
  from: BookingStatus,
  to: BookingStatus,
  at: Date,
) => {
  const rows = await db
    .update(bookings)
    .set({ status: to, updatedAt: at })
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, id), eq(bookings.status, from)))
    .returning({ id: bookings.id });
  return rows.length === 1;
};

export const activeStore = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ id: stores.id })
    .from(stores)
    .where(and(eq(stores.tenantId, tenantId), eq(stores.id, id), eq(stores.status, 'active')));
  return row?.id ?? null;
};

/** Repair-order numbers already given on a day (RO20250305001…): the next takes the following sequence. */
export const roNumbersWithPrefix = (db: Tx, tenantId: string, prefix: string) =>
  db
    .select({ number: repairOrders.number })
    .from(repairOrders)
    .where(and(eq(repairOrders.tenantId, tenantId), like(repairOrders.number, `${prefix}%`)));

/** The tenant's first open store (by code): the board's default for group roles, who belong to none. */
export const firstStore = async (db: Tx, tenantId: string) => {
  const [row] = await db
    .select({ id: stores.id })
    .from(stores)
    .where(and(eq(stores.tenantId, tenantId), eq(stores.status, 'active')))
    .orderBy(asc(stores.code))
    .limit(1);
  return row?.id ?? null;
};

/** The day's bookings not yet checked in, as BookingRow needs them. */
export const boardBookings = (
  db: Tx,
  tenantId: string,
  storeId: string,
  day: string,
  tz: string,
  ownCustomersOf: string | null,
) =>
  db
    .select({
      b: bookings,
      customerName: customers.name,
      salesConsultantId: customers.salesConsultantId,
      serviceAdvisorId: customers.serviceAdvisorId,
      phone: sql<
        string | null
      >`(select ${customerPhones.phone} from ${customerPhones} where ${customerPhones.tenantId} = ${tenantId} and ${customerPhones.tenantId} = ${bookings.tenantId} and ${customerPhones.customerId} = ${bookings.customerId} order by ${customerPhones.isPrimary} desc, ${customerPhones.createdAt} limit 1)`,
      plate: vehicles.plate,
      modelName: catalogueModels.nameZh,
      serviceType: { id: serviceTypes.id, name: serviceTypes.name, category: serviceTypes.category },
      durationMinutes: serviceTypes.durationMinutes,
      advisorName: advisor.name,
      // The car in the workshop already (a visit not delivered): the board shows it before any check-in form.
      openVisitId: sql<
        string | null
      >`(select ${visits.id} from ${visits} where ${visits.tenantId} = ${tenantId} and ${visits.tenantId} = ${bookings.tenantId} and ${visits.vehicleId} = ${bookings.vehicleId} and ${visits.status} <> 'delivered' limit 1)`,
    })
    .from(bookings)
    .innerJoin(customers, and(eq(customers.tenantId, bookings.tenantId), eq(customers.id, bookings.customerId)))
    .innerJoin(vehicles, and(eq(vehicles.tenantId, bookings.tenantId), eq(vehicles.id, bookings.vehicleId)))
    .leftJoin(catalogueModelsOf(db, tenantId), eq(catalogueModels.id, vehicles.modelId))
    .innerJoin(
      serviceTypes,
      and(eq(serviceTypes.tenantId, bookings.tenantId), eq(serviceTypes.id, bookings.serviceTypeId)),
    )
    .leftJoin(advisor, and(eq(advisor.tenantId, bookings.tenantId), eq(advisor.id, bookings.advisorId)))
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.storeId, storeId),
        eq(bookings.status, 'booked'),
        customerScopeWhere(ownCustomersOf, bookings.advisorId),
        sql`${bookings.startsAt} >= (${day}::date)::timestamp at time zone ${tz}`,
        sql`${bookings.startsAt} < ((${day}::date) + 1)::timestamp at time zone ${tz}`,
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(500);
