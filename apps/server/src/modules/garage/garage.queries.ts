import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { BindingStatus } from '@m4s/contracts';
import {
  auditLog,
  carBrands,
  catalogueModels,
  catalogueSeries,
  customerPhones,
  customers,
  mileageReadings,
  owners,
  repairOrders,
  serviceIntervals,
  staff,
  stores,
  vehicleBindings,
  vehicles,
} from '../../platform/db/schema/index.ts';
import { bindingIsCurrent } from '../../platform/db/current-binding.ts';
import { maintenanceWork } from '../../platform/db/maintenance-work.ts';
import { catalogueModelsOf, catalogueSeriesOf } from '../../platform/db/catalogue-of.ts';
import type { Tx } from '../../platform/db/types.ts';
import { defaultIntervals, type ServiceIntervals } from './next-service.ts';

const carColumns = {
  v: vehicles,
  brandName: carBrands.nameZh,
  brandWarrantyYears: carBrands.warrantyYears,
  brandWarrantyKm: carBrands.warrantyKm,
  seriesName: catalogueSeries.nameZh,
  modelName: catalogueModels.nameZh,
};

/** An owner's bindings with their cars, newest request first. */
export const bindingsOfOwner = (db: Tx, tenantId: string, ownerId: string) =>
  db
    .select({ b: vehicleBindings, current: bindingIsCurrent(tenantId), ...carColumns })
    .from(vehicleBindings)
    .innerJoin(
      vehicles,
      and(eq(vehicles.tenantId, vehicleBindings.tenantId), eq(vehicles.id, vehicleBindings.vehicleId)),
    )
    .leftJoin(carBrands, eq(carBrands.id, vehicles.brandId))
    .leftJoin(catalogueSeriesOf(db, tenantId), eq(catalogueSeries.id, vehicles.seriesId))
    .leftJoin(catalogueModelsOf(db, tenantId), eq(catalogueModels.id, vehicles.modelId))
    .where(and(eq(vehicleBindings.tenantId, tenantId), eq(vehicleBindings.ownerId, ownerId)))
    .orderBy(desc(vehicleBindings.requestedAt));

export type OwnerBindingRow = Awaited<ReturnType<typeof bindingsOfOwner>>[number];

export const findBinding = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(vehicleBindings)
    .where(and(eq(vehicleBindings.tenantId, tenantId), eq(vehicleBindings.id, id)));
  return row ?? null;
};

/**
 * Cars whose VIN ends in these six characters and whose plate is this one (already normalised by the
 * caller). Every write path stores plates normalised (no separators, upper case); rows typed with a space
 * or the middle dot before that rule match too. Looked up by plate, so the (tenant, plate) index serves it.
 */
export const carsByVinSuffixAndPlate = (db: Tx, tenantId: string, vinLast6: string, plate: string) => {
  const forms = [plate, `${plate.slice(0, 2)}·${plate.slice(2)}`, `${plate.slice(0, 2)} ${plate.slice(2)}`];
  return db
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(
      and(
        eq(vehicles.tenantId, tenantId),
        inArray(vehicles.plate, forms),
        eq(sql`right(${vehicles.vin}, 6)`, vinLast6),
      ),
    );
};

/** The owner's claim on this car that is still alive (pending or confirmed), if any. */
export const liveBinding = async (db: Tx, tenantId: string, ownerId: string, vehicleId: string) => {
  const [row] = await db
    .select()
    .from(vehicleBindings)
    .where(
      and(
        eq(vehicleBindings.tenantId, tenantId),
        eq(vehicleBindings.ownerId, ownerId),
        eq(vehicleBindings.vehicleId, vehicleId),
        inArray(vehicleBindings.status, ['pending', 'confirmed']),
      ),
    );
  return row ?? null;
};

export const insertBinding = async (db: Tx, values: typeof vehicleBindings.$inferInsert) => {
  const [row] = await db.insert(vehicleBindings).values(values).returning();
  if (!row) throw new Error('binding insert returned nothing');
  return row;
};

export const deleteBinding = async (db: Tx, tenantId: string, id: string) => {
  await db.delete(vehicleBindings).where(and(eq(vehicleBindings.tenantId, tenantId), eq(vehicleBindings.id, id)));
};

/**
 * Decides a pending binding; false when it was no longer pending (decided meanwhile). A confirmation
 * records the car's open ownership, which the binding then follows (bindingIsCurrent).
 */
export const decideBinding = async (
  db: Tx,
  tenantId: string,
  id: string,
  set: {
    status: BindingStatus;
    decidedBy: string;
    decidedAt: Date;
    reason: string | null;
    ownershipId: string | null;
  },
) => {
  const rows = await db
    .update(vehicleBindings)
    .set(set)
    .where(
      and(eq(vehicleBindings.tenantId, tenantId), eq(vehicleBindings.id, id), eq(vehicleBindings.status, 'pending')),
    )
    .returning({ id: vehicleBindings.id });
  return rows.length === 1;
};

/** How many times this owner tried to bind a car since `since` (the audit log keeps every try). */
export const bindAttemptsSince = async (db: Tx, tenantId: string, ownerId: string, actions: string[], since: Date) => {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        gt(auditLog.at, since),
        eq(auditLog.actorKind, 'owner'),
        eq(auditLog.actorId, ownerId),
        inArray(auditLog.action, actions),
      ),
    );
  return row?.n ?? 0;
};

/** Odometer readings and repair-order mileages: both are what the car's odometer said on a day. */
/**
 * The car's trusted odometer values, newest first: its readings and its repair orders' mileage (a value
 * kept aside as contradicting the series — flag, mileage_flag — is left out: null on its order), and its
 * brand's typical km per day (null: the platform's), the forecast's fallback.
 */
export const odometerOf = async (db: Tx, tenantId: string, vehicleId: string) => {
  const [readings, orders, brand, intervals] = await Promise.all([
    db
      .select({ at: mileageReadings.readAt, km: mileageReadings.km })
      .from(mileageReadings)
      .where(
        and(
          eq(mileageReadings.tenantId, tenantId),
          eq(mileageReadings.vehicleId, vehicleId),
          isNull(mileageReadings.flag),
        ),
      )
      .orderBy(desc(mileageReadings.readAt))
      .limit(50),
    db
      .select({
        at: repairOrders.dateIn,
        km: sql<number | null>`CASE WHEN ${repairOrders.mileageFlag} IS NULL THEN ${repairOrders.mileageKm} END`,
        type: repairOrders.type,
        // Maintenance work done (segments/vehicle-sql.ts maint, the same rule): a line of that kind, or an
        // order recorded without lines whose type is maintenance.
        maintenance: sql<boolean>`${sql.join(
          maintenanceWork('repair_orders', '\u0000tenant')
            .split('\u0000tenant')
            .map((part) => sql.raw(part)),
          sql`${tenantId}::uuid`,
        )}`,
      })
      .from(repairOrders)
      .where(and(eq(repairOrders.tenantId, tenantId), eq(repairOrders.vehicleId, vehicleId)))
      .orderBy(desc(repairOrders.dateIn))
      .limit(50),
    db
      .select({ km: carBrands.typicalKmPerDay })
      .from(vehicles)
      .innerJoin(carBrands, eq(carBrands.id, vehicles.brandId))
      .where(and(eq(vehicles.tenantId, tenantId), eq(vehicles.id, vehicleId))),
    intervalsOfVehicle(db, tenantId, vehicleId),
  ]);
  return { readings, orders, typicalKmPerDay: brand[0]?.km ?? null, intervals };
};

/**
 * The car's maintenance intervals: its series' row, else its brand's (service_intervals), else the
 * platform's — the same choice as segments/vehicle-sql.ts.
 */
export const intervalsOfVehicle = async (db: Tx, tenantId: string, vehicleId: string): Promise<ServiceIntervals> => {
  const rows = await db
    .select({
      seriesId: serviceIntervals.seriesId,
      firstMonths: serviceIntervals.firstMonths,
      firstKm: serviceIntervals.firstKm,
      laterMonths: serviceIntervals.laterMonths,
      laterKm: serviceIntervals.laterKm,
    })
    .from(vehicles)
    .innerJoin(
      serviceIntervals,
      and(
        eq(serviceIntervals.tenantId, vehicles.tenantId),
        eq(serviceIntervals.brandId, vehicles.brandId),
        or(isNull(serviceIntervals.seriesId), eq(serviceIntervals.seriesId, vehicles.seriesId)),
      ),
    )
    .where(and(eq(vehicles.tenantId, tenantId), eq(vehicles.id, vehicleId)));
  const row = rows.find((r) => r.seriesId !== null) ?? rows[0];
  return row
    ? { first: { months: row.firstMonths, km: row.firstKm }, later: { months: row.laterMonths, km: row.laterKm } }
    : defaultIntervals;
};

/** The car's repair orders (whoever owned it then: the history stays with the car), newest first; no lines. */
export const visitsOf = async (db: Tx, tenantId: string, vehicleId: string) => {
  const orders = await db
    .select({ o: repairOrders, storeName: stores.name, advisorName: staff.name })
    .from(repairOrders)
    .leftJoin(stores, and(eq(stores.tenantId, repairOrders.tenantId), eq(stores.id, repairOrders.storeId)))
    .leftJoin(staff, and(eq(staff.tenantId, repairOrders.tenantId), eq(staff.id, repairOrders.advisorId)))
    .where(and(eq(repairOrders.tenantId, tenantId), eq(repairOrders.vehicleId, vehicleId)))
    .orderBy(desc(repairOrders.dateIn))
    .limit(200);
  return orders;
};

export const ownerPhone = async (db: Tx, tenantId: string, ownerId: string) => {
  const [row] = await db
    .select({ phone: owners.phone })
    .from(owners)
    .where(and(eq(owners.tenantId, tenantId), eq(owners.id, ownerId)));
  return row?.phone ?? null;
};

/**
 * The staff review list: each request with the app account, the car and its current customer, and
 * whether the account's phone is one of that customer's phones.
 */
export const bindingsForReview = (
  db: Tx,
  tenantId: string,
  filter: { status: BindingStatus; id?: string; ownCustomersOf?: string | null },
) => {
  const matches = sql<boolean>`exists (select 1 from ${customerPhones} where ${customerPhones.tenantId} = ${tenantId} and ${customerPhones.tenantId} = ${vehicleBindings.tenantId} and ${customerPhones.customerId} = ${vehicles.ownerId} and ${customerPhones.phone} = ${owners.phone})`;
  const own = filter.ownCustomersOf;
  return db
    .select({
      b: vehicleBindings,
      ownerName: owners.name,
      ownerPhone: owners.phone,
      vin: vehicles.vin,
      plate: vehicles.plate,
      brandName: carBrands.nameZh,
      seriesName: catalogueSeries.nameZh,
      modelName: catalogueModels.nameZh,
      customer: customers,
      decidedByName: staff.name,
      phoneMatches: matches,
    })
    .from(vehicleBindings)
    .innerJoin(owners, and(eq(owners.tenantId, vehicleBindings.tenantId), eq(owners.id, vehicleBindings.ownerId)))
    .innerJoin(
      vehicles,
      and(eq(vehicles.tenantId, vehicleBindings.tenantId), eq(vehicles.id, vehicleBindings.vehicleId)),
    )
    .leftJoin(customers, and(eq(customers.tenantId, vehicles.tenantId), eq(customers.id, vehicles.ownerId)))
    .leftJoin(staff, and(eq(staff.tenantId, vehicleBindings.tenantId), eq(staff.id, vehicleBindings.decidedBy)))
    .leftJoin(carBrands, eq(carBrands.id, vehicles.brandId))
    .leftJoin(catalogueSeriesOf(db, tenantId), eq(catalogueSeries.id, vehicles.seriesId))
    .leftJoin(catalogueModelsOf(db, tenantId), eq(catalogueModels.id, vehicles.modelId))
    .where(
      and(
        eq(vehicleBindings.tenantId, tenantId),
        filter.id ? eq(vehicleBindings.id, filter.id) : eq(vehicleBindings.status, filter.status),
        own ? sql`(${customers.salesConsultantId} = ${own} or ${customers.serviceAdvisorId} = ${own})` : undefined,
      ),
    )
    .orderBy(filter.status === 'pending' ? asc(vehicleBindings.requestedAt) : desc(vehicleBindings.decidedAt))
    .limit(200);
};

export type ReviewRow = Awaited<ReturnType<typeof bindingsForReview>>[number];

/** The app accounts with a confirmed binding to this car: who hears about its visits (each one, if several). */
export const confirmedOwnersOf = (db: Tx, tenantId: string, vehicleId: string) =>
  db
    .select({ id: owners.id, phone: owners.phone })
    .from(vehicleBindings)
    .innerJoin(owners, and(eq(owners.tenantId, vehicleBindings.tenantId), eq(owners.id, vehicleBindings.ownerId)))
    .where(
      and(eq(vehicleBindings.tenantId, tenantId), eq(vehicleBindings.vehicleId, vehicleId), bindingIsCurrent(tenantId)),
    );

/** The bindings of these app accounts (an erased person's), with the car's plate, newest first. */
export const bindingsOfOwners = (db: Tx, tenantId: string, ownerIds: string[]) =>
  ownerIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ b: vehicleBindings, plate: vehicles.plate, vin: vehicles.vin })
        .from(vehicleBindings)
        .innerJoin(
          vehicles,
          and(eq(vehicles.tenantId, vehicleBindings.tenantId), eq(vehicles.id, vehicleBindings.vehicleId)),
        )
        .where(and(eq(vehicleBindings.tenantId, tenantId), inArray(vehicleBindings.ownerId, ownerIds)))
        .orderBy(desc(vehicleBindings.requestedAt));

export const deleteBindingsOfOwners = async (db: Tx, tenantId: string, ownerIds: string[]) => {
  if (ownerIds.length > 0)
    await db
      .delete(vehicleBindings)
      .where(and(eq(vehicleBindings.tenantId, tenantId), inArray(vehicleBindings.ownerId, ownerIds)));
};
