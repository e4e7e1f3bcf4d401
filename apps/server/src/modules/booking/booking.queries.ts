import { and, asc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  bookings,
  carBrands,
  catalogueModels,
  catalogueSeries,
  customerPhones,
  customers,
  owners,
  serviceTypes,
  staff,
  stores,
  vehicleBindings,
  vehicles,
  visits,
} from '../../platform/db/schema/index.ts';
import { customerScopeWhere } from '../customers/customers.scope.ts';
import { bindingIsCurrent } from '../../platform/db/current-binding.ts';
import { catalogueModelsOf, catalogueSeriesOf } from '../../platform/db/catalogue-of.ts';
import type { Tx } from '../../platform/db/types.ts';

const next = alias(bookings, 'next_booking');

/** Series and trim ('帕萨特 2022款 330TSI'), or what the car has of its catalogue entry. */
const modelName = sql<
  string | null
>`nullif(concat_ws(' ', coalesce(${catalogueSeries.nameZh}, ${carBrands.nameZh}), ${catalogueModels.nameZh}), '')`;

const primaryPhone = (tenantId: string) =>
  sql<
    string | null
  >`(select ${customerPhones.phone} from ${customerPhones} where ${customerPhones.tenantId} = ${tenantId} and ${customerPhones.tenantId} = ${bookings.tenantId} and ${customerPhones.customerId} = ${bookings.customerId} order by ${customerPhones.isPrimary} desc, ${customerPhones.createdAt} limit 1)`;

/** A booking with everything its pages show: store, service type, car, advisor, visit, successor. */
export const bookingDetails = (db: Tx, tenantId: string, where: SQL | undefined) =>
  db
    .select({
      b: bookings,
      store: { id: stores.id, name: stores.name, address: stores.address, phone: stores.phone },
      type: {
        id: serviceTypes.id,
        name: serviceTypes.name,
        category: serviceTypes.category,
        durationMinutes: serviceTypes.durationMinutes,
        bring: serviceTypes.bring,
        priceMinFen: serviceTypes.priceMinFen,
        priceMaxFen: serviceTypes.priceMaxFen,
      },
      plate: vehicles.plate,
      modelName,
      advisorName: staff.name,
      visitId: visits.id,
      nextId: next.id,
      nextStartsAt: next.startsAt,
      customer: {
        id: customers.id,
        name: customers.name,
        gender: customers.gender,
        salesConsultantId: customers.salesConsultantId,
        serviceAdvisorId: customers.serviceAdvisorId,
      },
      phone: primaryPhone(tenantId),
    })
    .from(bookings)
    .innerJoin(stores, and(eq(stores.tenantId, bookings.tenantId), eq(stores.id, bookings.storeId)))
    .innerJoin(
      serviceTypes,
      and(eq(serviceTypes.tenantId, bookings.tenantId), eq(serviceTypes.id, bookings.serviceTypeId)),
    )
    .innerJoin(vehicles, and(eq(vehicles.tenantId, bookings.tenantId), eq(vehicles.id, bookings.vehicleId)))
    .innerJoin(customers, and(eq(customers.tenantId, bookings.tenantId), eq(customers.id, bookings.customerId)))
    .leftJoin(carBrands, eq(carBrands.id, vehicles.brandId))
    .leftJoin(catalogueSeriesOf(db, tenantId), eq(catalogueSeries.id, vehicles.seriesId))
    .leftJoin(catalogueModelsOf(db, tenantId), eq(catalogueModels.id, vehicles.modelId))
    .leftJoin(staff, and(eq(staff.tenantId, bookings.tenantId), eq(staff.id, bookings.advisorId)))
    .leftJoin(visits, and(eq(visits.tenantId, bookings.tenantId), eq(visits.bookingId, bookings.id)))
    .leftJoin(next, and(eq(next.tenantId, bookings.tenantId), eq(next.rescheduledFrom, bookings.id)))
    .where(and(eq(bookings.tenantId, tenantId), where))
    .orderBy(asc(bookings.startsAt));

export type BookingDetail = Awaited<ReturnType<typeof bookingDetails>>[number];

export const bookingById = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await bookingDetails(db, tenantId, eq(bookings.id, id));
  return row ?? null;
};

/** An owner's bookings, without those replaced by a reschedule (their successor stands for them). */
export const bookingsOfOwner = (db: Tx, tenantId: string, ownerId: string) =>
  bookingDetails(db, tenantId, and(eq(bookings.ownerId, ownerId), isNull(next.id)));

/** A store's (or several stores') bookings starting in [from, to), replaced ones left out, in the customer scope. */
export const bookingsBetween = (
  db: Tx,
  tenantId: string,
  storeIds: string[] | null,
  from: Date,
  to: Date,
  ownCustomersOf: string | null,
) =>
  bookingDetails(
    db,
    tenantId,
    and(
      // A consultant or advisor restricted to their customers also lists the bookings they advise.
      customerScopeWhere(ownCustomersOf, bookings.advisorId),
      storeIds ? inArray(bookings.storeId, storeIds) : undefined,
      gte(bookings.startsAt, from),
      lt(bookings.startsAt, to),
      isNull(next.id),
    ),
  );

/** The booking row locked for a change (cancel, reschedule, no-show, reminder): one change at a time. */
export const lockBooking = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, id)))
    .for('update');
  return row ?? null;
};

export const insertBooking = async (db: Tx, values: typeof bookings.$inferInsert) => {
  const [row] = await db.insert(bookings).values(values).returning();
  if (!row) throw new Error('booking insert returned nothing');
  return row;
};

export const updateBooking = (db: Tx, tenantId: string, id: string, set: Partial<typeof bookings.$inferInsert>) =>
  db
    .update(bookings)
    .set(set)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, id)));

/** The booking an earlier request made with this idempotency key (per owner, or per staff member). */
export const bookingByKey = async (
  db: Tx,
  tenantId: string,
  by: { ownerId: string } | { staffId: string },
  key: string,
) => {
  const [row] = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.idempotencyKey, key),
        'ownerId' in by
          ? eq(bookings.ownerId, by.ownerId)
          : and(isNull(bookings.ownerId), eq(bookings.createdBy, by.staffId)),
      ),
    );
  return row?.id ?? null;
};

/** The app accounts confirmed for a car: each of them hears about its bookings. */
export const confirmedOwnersOf = async (db: Tx, tenantId: string, vehicleId: string) => {
  const rows = await db
    .select({ id: owners.id, name: owners.name, phone: owners.phone })
    .from(vehicleBindings)
    .innerJoin(owners, and(eq(owners.tenantId, vehicleBindings.tenantId), eq(owners.id, vehicleBindings.ownerId)))
    .where(
      and(eq(vehicleBindings.tenantId, tenantId), eq(vehicleBindings.vehicleId, vehicleId), bindingIsCurrent(tenantId)),
    );
  return rows;
};

export const ownerById = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ id: owners.id, name: owners.name, phone: owners.phone })
    .from(owners)
    .where(and(eq(owners.tenantId, tenantId), eq(owners.id, id)));
  return row ?? null;
};

export const customerOf = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({
      id: customers.id,
      salesConsultantId: customers.salesConsultantId,
      serviceAdvisorId: customers.serviceAdvisorId,
    })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id), isNull(customers.erasedAt)));
  return row ?? null;
};

export const vehicleOf = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ id: vehicles.id, ownerId: vehicles.ownerId })
    .from(vehicles)
    .where(and(eq(vehicles.tenantId, tenantId), eq(vehicles.id, id)));
  return row ?? null;
};

/** The booking's own row (no joins): what a webhook tells of it. */
export const bookingRow = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, id)));
  return row ?? null;
};

/** A customer's bookings for their access request: where, what, when, and what they said. */
export const bookingsForExport = (db: Tx, tenantId: string, customerId: string) =>
  db
    .select({
      id: bookings.id,
      store: stores.name,
      service: serviceTypes.name,
      plate: vehicles.plate,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      channel: bookings.channel,
      status: bookings.status,
      concerns: bookings.concerns,
      pickup: bookings.pickup,
      createdAt: bookings.createdAt,
      cancelledAt: bookings.cancelledAt,
      cancelReason: bookings.cancelReason,
    })
    .from(bookings)
    .innerJoin(stores, and(eq(stores.tenantId, bookings.tenantId), eq(stores.id, bookings.storeId)))
    .innerJoin(
      serviceTypes,
      and(eq(serviceTypes.tenantId, bookings.tenantId), eq(serviceTypes.id, bookings.serviceTypeId)),
    )
    .innerJoin(vehicles, and(eq(vehicles.tenantId, bookings.tenantId), eq(vehicles.id, bookings.vehicleId)))
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.customerId, customerId)))
    .orderBy(asc(bookings.startsAt));

/**
 * Erasure: the customer's bookings stay (store, time, service, status) without what the person said or
 * where to pick the car up; no booking points at the person's app accounts any more (they are deleted).
 */
export const blankBookingsOf = async (db: Tx, tenantId: string, customerId: string, ownerIds: string[]) => {
  await db
    .update(bookings)
    .set({ concerns: null, pickup: null, cancelReason: null, idempotencyKey: null, ownerId: null })
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.customerId, customerId)));
  if (ownerIds.length > 0)
    await db
      .update(bookings)
      .set({ ownerId: null, idempotencyKey: null })
      .where(and(eq(bookings.tenantId, tenantId), inArray(bookings.ownerId, ownerIds)));
};
