import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { VisitStatus } from '@m4s/contracts';
import {
  bookings,
  carBrands,
  catalogueModels,
  catalogueSeries,
  customerPhones,
  customers,
  estimateLines,
  payments,
  repairOrders,
  serviceTypes,
  staff,
  stores,
  vehicleBindings,
  vehicles,
  visitEvents,
  visitPhotos,
  visits,
} from '../../platform/db/schema/index.ts';
import { customerScopeWhere } from '../customers/customers.scope.ts';
import { bindingIsCurrent } from '../../platform/db/current-binding.ts';
import { catalogueModelsOf, catalogueSeriesOf } from '../../platform/db/catalogue-of.ts';
import type { Tx } from '../../platform/db/types.ts';

const advisor = alias(staff, 'advisor');
const same = (t: { tenantId: AnyPgColumn }) => eq(t.tenantId, visits.tenantId);

/** The customer's first phone (primary first): the one shown and texted. */
const phoneOf = (tenantId: string, customerId: SQL | typeof visits.customerId) =>
  sql<
    string | null
  >`(select ${customerPhones.phone} from ${customerPhones} where ${customerPhones.tenantId} = ${tenantId} and ${customerPhones.tenantId} = ${visits.tenantId} and ${customerPhones.customerId} = ${customerId} order by ${customerPhones.isPrimary} desc, ${customerPhones.createdAt} limit 1)`;

const undecided = (tenantId: string) =>
  sql<number>`(select count(*)::int from ${estimateLines} where ${estimateLines.tenantId} = ${tenantId} and ${estimateLines.tenantId} = ${visits.tenantId} and ${estimateLines.visitId} = ${visits.id} and ${estimateLines.status} = 'proposed')`;
const statusAt = (tenantId: string) =>
  sql<Date>`coalesce((select max(${visitEvents.at}) from ${visitEvents} where ${visitEvents.tenantId} = ${tenantId} and ${visitEvents.tenantId} = ${visits.tenantId} and ${visitEvents.visitId} = ${visits.id}), ${visits.checkedInAt})`.mapWith(
    visits.checkedInAt,
  );

/** A visit with what every view names: store, customer, car, advisor, service type, repair order. */
const withNames = (db: Tx, tenantId: string) =>
  db
    .select({
      v: visits,
      storeName: stores.name,
      storeAddress: stores.address,
      storePhone: stores.phone,
      customerName: customers.name,
      customerGender: customers.gender,
      salesConsultantId: customers.salesConsultantId,
      serviceAdvisorId: customers.serviceAdvisorId,
      phone: phoneOf(tenantId, visits.customerId),
      vin: vehicles.vin,
      plate: vehicles.plate,
      purchaseDate: vehicles.purchaseDate,
      brandName: carBrands.nameZh,
      seriesName: catalogueSeries.nameZh,
      modelName: catalogueModels.nameZh,
      advisorName: advisor.name,
      serviceTypeName: serviceTypes.name,
      serviceCategory: serviceTypes.category,
      bookingCouponId: bookings.couponId,
      repairOrderNumber: repairOrders.number,
      statusAt: statusAt(tenantId),
      undecidedLines: undecided(tenantId),
    })
    .from(visits)
    .innerJoin(stores, and(same(stores), eq(stores.id, visits.storeId)))
    .innerJoin(customers, and(same(customers), eq(customers.id, visits.customerId)))
    .innerJoin(vehicles, and(same(vehicles), eq(vehicles.id, visits.vehicleId)))
    .leftJoin(carBrands, eq(carBrands.id, vehicles.brandId))
    .leftJoin(catalogueSeriesOf(db, tenantId), eq(catalogueSeries.id, vehicles.seriesId))
    .leftJoin(catalogueModelsOf(db, tenantId), eq(catalogueModels.id, vehicles.modelId))
    .leftJoin(advisor, and(eq(advisor.tenantId, visits.tenantId), eq(advisor.id, visits.advisorId)))
    .leftJoin(bookings, and(same(bookings), eq(bookings.id, visits.bookingId)))
    .leftJoin(
      serviceTypes,
      and(eq(serviceTypes.tenantId, bookings.tenantId), eq(serviceTypes.id, bookings.serviceTypeId)),
    )
    .leftJoin(repairOrders, and(same(repairOrders), eq(repairOrders.id, visits.repairOrderId)));

export type VisitHeader = Awaited<ReturnType<typeof findVisit>> & object;

export const findVisit = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await withNames(db, tenantId).where(and(eq(visits.tenantId, tenantId), eq(visits.id, id)));
  return row ?? null;
};

/**
 * The board of one store and day: visits checked in that day, delivered that day, or still in the
 * workshop from an earlier day (a car kept overnight is on today's board). Day bounds in the tenant's zone.
 * With "own customers only", a consultant or advisor sees only their customers' cars and the visits they advise.
 */
export const boardVisits = (
  db: Tx,
  tenantId: string,
  storeId: string,
  day: string,
  tz: string,
  ownCustomersOf: string | null,
) => {
  const start = sql`(${day}::date)::timestamp at time zone ${tz}`;
  const end = sql`((${day}::date) + 1)::timestamp at time zone ${tz}`;
  return withNames(db, tenantId)
    .where(
      and(
        eq(visits.tenantId, tenantId),
        eq(visits.storeId, storeId),
        customerScopeWhere(ownCustomersOf, visits.advisorId),
        sql`((${visits.checkedInAt} >= ${start} and ${visits.checkedInAt} < ${end})
          or (${visits.deliveredAt} >= ${start} and ${visits.deliveredAt} < ${end})
          or (${visits.status} <> 'delivered' and ${visits.checkedInAt} < ${end}))`,
      ),
    )
    .orderBy(asc(visits.checkedInAt))
    .limit(500);
};

/** Visits of the cars this owner has a current binding for (garage bindingIsCurrent): open ones first, then the newest. */
export const ownerVisits = (db: Tx, tenantId: string, ownerId: string) =>
  withNames(db, tenantId)
    .where(and(eq(visits.tenantId, tenantId), ownerSees(tenantId, ownerId)))
    .orderBy(sql`${visits.status} = 'delivered'`, desc(visits.checkedInAt))
    .limit(50);

const ownerSees = (tenantId: string, ownerId: string) =>
  sql`exists (select 1 from ${vehicleBindings} where ${vehicleBindings.tenantId} = ${tenantId} and ${vehicleBindings.tenantId} = ${visits.tenantId} and ${vehicleBindings.vehicleId} = ${visits.vehicleId} and ${vehicleBindings.ownerId} = ${ownerId} and ${bindingIsCurrent(tenantId)})`;

export const findOwnerVisit = async (db: Tx, tenantId: string, ownerId: string, id: string) => {
  const [row] = await withNames(db, tenantId).where(
    and(eq(visits.tenantId, tenantId), eq(visits.id, id), ownerSees(tenantId, ownerId)),
  );
  return row ?? null;
};

/** The open visit of a car, if it is in the workshop now. */
export const openVisitOf = async (db: Tx, tenantId: string, vehicleId: string) => {
  const [row] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.tenantId, tenantId), eq(visits.vehicleId, vehicleId), sql`${visits.status} <> 'delivered'`));
  return row?.id ?? null;
};

export const insertVisit = async (db: Tx, values: typeof visits.$inferInsert) => {
  const [row] = await db.insert(visits).values(values).returning({ id: visits.id });
  if (!row) throw new Error('visit insert returned nothing');
  return row.id;
};

/** Moves the visit only from the stage it was read in: a concurrent move makes this a no-op (false). */
export const moveVisit = async (
  db: Tx,
  tenantId: string,
  id: string,
  from: VisitStatus,
  set: Partial<typeof visits.$inferInsert> & { status: VisitStatus; updatedAt: Date },
) => {
  const rows = await db
    .update(visits)
    .set(set)
    .where(and(eq(visits.tenantId, tenantId), eq(visits.id, id), eq(visits.status, from)))
    .returning({ id: visits.id });
  return rows.length === 1;
};

/** Locks the visit row for a decision change: a stage move (which updates it) waits, so work cannot start meanwhile. */
export const lockVisitStatus = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ status: visits.status })
    .from(visits)
    .where(and(eq(visits.tenantId, tenantId), eq(visits.id, id)))
    .for('update');
  return row?.status ?? null;
};

export const insertEvent = (db: Tx, values: typeof visitEvents.$inferInsert) => db.insert(visitEvents).values(values);

export const eventsOf = (db: Tx, tenantId: string, visitId: string) =>
  db
    .select({ e: visitEvents, staffName: staff.name })
    .from(visitEvents)
    .leftJoin(staff, and(eq(staff.tenantId, visitEvents.tenantId), eq(staff.id, visitEvents.staffId)))
    .where(and(eq(visitEvents.tenantId, tenantId), eq(visitEvents.visitId, visitId)))
    .orderBy(asc(visitEvents.at), asc(visitEvents.id));

// ── Photos ──────────────────────────────────────────────────────────────────────────────────────────

export const photosOf = (db: Tx, tenantId: string, visitId: string) =>
  db
    .select({ id: visitPhotos.id, caption: visitPhotos.caption, createdAt: visitPhotos.createdAt })
    .from(visitPhotos)
    .where(and(eq(visitPhotos.tenantId, tenantId), eq(visitPhotos.visitId, visitId)))
    .orderBy(asc(visitPhotos.createdAt), asc(visitPhotos.id));

export const photoData = async (db: Tx, tenantId: string, visitId: string, photoId: string) => {
  const [row] = await db
    .select({ dataUrl: visitPhotos.dataUrl })
    .from(visitPhotos)
    .where(and(eq(visitPhotos.tenantId, tenantId), eq(visitPhotos.visitId, visitId), eq(visitPhotos.id, photoId)));
  return row?.dataUrl ?? null;
};

export const insertPhoto = async (db: Tx, values: typeof visitPhotos.$inferInsert) => {
  const [row] = await db.insert(visitPhotos).values(values).returning({ id: visitPhotos.id });
  if (!row) throw new Error('photo insert returned nothing');
  return row.id;
};

// ── Estimate lines and payments ─────────────────────────────────────────────────────────────────────

export const linesOf = (db: Tx, tenantId: string, visitId: string) =>
  db
    .select({ l: estimateLines, recordedByName: staff.name })
    .from(estimateLines)
    .leftJoin(staff, and(eq(staff.tenantId, estimateLines.tenantId), eq(staff.id, estimateLines.recordedBy)))
    .where(and(eq(estimateLines.tenantId, tenantId), eq(estimateLines.visitId, visitId)))
    .orderBy(asc(estimateLines.position));

export type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

export const deleteLines = (db: Tx, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : db.delete(estimateLines).where(and(eq(estimateLines.tenantId, tenantId), inArray(estimateLines.id, ids)));

export const insertLines = (db: Tx, values: (typeof estimateLines.$inferInsert)[]) =>
  values.length === 0 ? Promise.resolve() : db.insert(estimateLines).values(values);

/** Draft lines become proposed; returns how many. */
export const proposeDrafts = async (db: Tx, tenantId: string, visitId: string, at: Date) => {
  const rows = await db
    .update(estimateLines)
    .set({ status: 'proposed', proposedAt: at })
    .where(
      and(eq(estimateLines.tenantId, tenantId), eq(estimateLines.visitId, visitId), eq(estimateLines.status, 'draft')),
    )
    .returning({ id: estimateLines.id });
  return rows.length;
};

/** Decides a line still proposed; false when it was not (decided meanwhile, or never sent). */
export const decideLine = async (
  db: Tx,
  tenantId: string,
  visitId: string,
  lineId: string,
  set: Pick<typeof estimateLines.$inferInsert, 'status' | 'decidedAt' | 'decidedVia' | 'recordedBy'>,
  /** The status the line was read in (proposed for a first decision): a concurrent decision makes this a no-op. */
  from: 'proposed' | 'approved' | 'declined' = 'proposed',
) => {
  const rows = await db
    .update(estimateLines)
    .set(set)
    .where(
      and(
        eq(estimateLines.tenantId, tenantId),
        eq(estimateLines.visitId, visitId),
        eq(estimateLines.id, lineId),
        eq(estimateLines.status, from),
      ),
    )
    .returning({ id: estimateLines.id });
  return rows.length === 1;
};

export const paymentsOf = (db: Tx, tenantId: string, visitId: string) =>
  db
    .select({ p: payments, cashierName: staff.name })
    .from(payments)
    .leftJoin(staff, and(eq(staff.tenantId, payments.tenantId), eq(staff.id, payments.cashierId)))
    .where(and(eq(payments.tenantId, tenantId), eq(payments.visitId, visitId)))
    .orderBy(asc(payments.paidAt));

export const insertPayment = (db: Tx, values: typeof payments.$inferInsert) => db.insert(payments).values(values);

/** Takes back the visit's payments not yet voided (one conditional UPDATE): how many it voided. */
export const voidPayments = async (
  db: Tx,
  tenantId: string,
  visitId: string,
  input: { at: Date; by: string; reason: string },
) =>
  (
    await db
      .update(payments)
      .set({ voidedAt: input.at, voidedBy: input.by, voidReason: input.reason })
      .where(and(eq(payments.tenantId, tenantId), eq(payments.visitId, visitId), sql`${payments.voidedAt} IS NULL`))
      .returning({ id: payments.id })
  ).length;

/** Rates a delivered visit once: false when it is not delivered or already rated. */
export const rateVisit = async (
  db: Tx,
  tenantId: string,
  id: string,
  set: { ratingScore: number; ratingComment: string | null; ratedAt: Date },
) => {
  const rows = await db
    .update(visits)
    .set(set)
    .where(
      and(
        eq(visits.tenantId, tenantId),
        eq(visits.id, id),
        eq(visits.status, 'delivered'),
        sql`${visits.ratedAt} is null`,
      ),
    )
    .returning({ id: visits.id });
  return rows.length === 1;
};

// ── Personal data ───────────────────────────────────────────────────────────────────────────────────

/** A customer's visits with the car's plate and the repair order's number, oldest first (access request). */
export const visitsOfCustomer = (db: Tx, tenantId: string, customerId: string) =>
  db
    .select({ v: visits, plate: vehicles.plate, storeName: stores.name, repairOrderNumber: repairOrders.number })
    .from(visits)
    .innerJoin(vehicles, and(same(vehicles), eq(vehicles.id, visits.vehicleId)))
    .innerJoin(stores, and(same(stores), eq(stores.id, visits.storeId)))
    .leftJoin(repairOrders, and(same(repairOrders), eq(repairOrders.id, visits.repairOrderId)))
    .where(and(eq(visits.tenantId, tenantId), eq(visits.customerId, customerId)))
    .orderBy(asc(visits.checkedInAt), asc(visits.id));

/**
 * Erasure: the customer's visits stay (times, mileage, estimate lines, payments, the rating's score) without
 * what the person said or what was noted about them: concerns, inspection notes, the rating's comment,
 * photo captions and stage notes.
 */
export const blankVisitsOf = async (db: Tx, tenantId: string, customerId: string) => {
  const ids = (
    await db
      .update(visits)
      .set({ concerns: null, inspectionNotes: null, ratingComment: null })
      .where(and(eq(visits.tenantId, tenantId), eq(visits.customerId, customerId)))
      .returning({ id: visits.id })
  ).map((r) => r.id);
  if (ids.length === 0) return;
  await db
    .update(visitPhotos)
    .set({ caption: null })
    .where(and(eq(visitPhotos.tenantId, tenantId), inArray(visitPhotos.visitId, ids)));
  await db
    .update(visitEvents)
    .set({ note: null })
    .where(and(eq(visitEvents.tenantId, tenantId), inArray(visitEvents.visitId, ids)));
};
