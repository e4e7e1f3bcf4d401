import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { VehicleData } from '@m4s/contracts';
import {
  carBrands,
  catalogueModels,
  catalogueSeries,
  mileageReadings,
  owners,
  repairOrders,
  vehicleBindings,
  vehicleOwnerships,
  vehicles,
} from '../../platform/db/schema/index.ts';
import { catalogueModelsOf, catalogueSeriesOf } from '../../platform/db/catalogue-of.ts';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor, Tx } from '../../platform/db/types.ts';

/** A name the catalogue lacks is shown as the imported file wrote it (vehicles.brand_text …, docs/imports.md). */
const columns = {
  v: vehicles,
  brandName: sql<string | null>`coalesce(${carBrands.nameZh}, ${vehicles.brandText})`,
  brandWarrantyYears: carBrands.warrantyYears,
  brandWarrantyKm: carBrands.warrantyKm,
  brandKmPerDay: carBrands.typicalKmPerDay,
  seriesName: sql<string | null>`coalesce(${catalogueSeries.nameZh}, ${vehicles.seriesText})`,
  modelName: sql<string | null>`coalesce(${catalogueModels.nameZh}, ${vehicles.modelText})`,
};

const withCatalogue = (db: Tx, tenantId: string) =>
  db
    .select(columns)
    .from(vehicles)
    .leftJoin(carBrands, eq(carBrands.id, vehicles.brandId))
    .leftJoin(catalogueSeriesOf(db, tenantId), eq(catalogueSeries.id, vehicles.seriesId))
    .leftJoin(catalogueModelsOf(db, tenantId), eq(catalogueModels.id, vehicles.modelId));

export type VehicleRow = Awaited<ReturnType<typeof findVehicle>> & object;

export const findVehicle = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await withCatalogue(db, tenantId).where(and(eq(vehicles.tenantId, tenantId), eq(vehicles.id, id)));
  return row ?? null;
};

export const vehiclesOfOwner = (db: Tx, tenantId: string, ownerId: string) =>
  withCatalogue(db, tenantId)
    .where(and(eq(vehicles.tenantId, tenantId), eq(vehicles.ownerId, ownerId)))
    .orderBy(asc(vehicles.createdAt));

export const vehicleIdByVin = async (db: Tx, tenantId: string, vin: string) => {
  const [row] = await db
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(and(eq(vehicles.tenantId, tenantId), eq(vehicles.vin, vin)));
  return row?.id ?? null;
};

export const insertVehicle = async (db: Tx, tenantId: string, data: VehicleData, now: Date) => {
  const [row] = await db
    .insert(vehicles)
    .values({ tenantId, ...data, createdAt: now, updatedAt: now })
    .returning({ id: vehicles.id });
  if (!row) throw new Error('vehicle insert returned nothing');
  return row.id;
};

export const updateVehicle = async (db: Tx, tenantId: string, id: string, data: Partial<VehicleData>, now: Date) => {
  const rows = await db
    .update(vehicles)
    .set({ ...data, updatedAt: now })
    .where(and(eq(vehicles.tenantId, tenantId), eq(vehicles.id, id)))
    .returning({ id: vehicles.id });
  return rows.length === 1;
};

/**
 * The car's trusted odometer series, newest first: its readings and its repair orders' check-in mileage,
 * flagged values left out (they wait for a person: flaggedReadingsOf).
 */
export const readingsOf = async (db: Tx, tenantId: string, vehicleId: string) => {
  const [readings, orders] = await Promise.all([
    db
      .select({ at: mileageReadings.readAt, km: mileageReadings.km })
      .from(mileageReadings)
      .where(
        and(
          eq(mileageReadings.tenantId, tenantId),
          eq(mileageReadings.vehicleId, vehicleId),
          isNull(mileageReadings.flag),
        ),
      ),
    db
      .select({ at: repairOrders.dateIn, km: repairOrders.mileageKm })
      .from(repairOrders)
      .where(
        and(
          eq(repairOrders.tenantId, tenantId),
          eq(repairOrders.vehicleId, vehicleId),
          isNotNull(repairOrders.mileageKm),
          isNull(repairOrders.mileageFlag),
        ),
      ),
  ]);
  return [...readings, ...orders.flatMap((o) => (o.km === null ? [] : [{ at: o.at, km: o.km }]))].sort(
    (a, b) => b.at.getTime() - a.at.getTime() || b.km - a.km,
  );
};

/** The readings kept aside for a person to fix, newest first, with why. */
export const flaggedReadingsOf = async (db: Tx, tenantId: string, vehicleId: string) => {
  const [readings, orders] = await Promise.all([
    db
      .select({
        id: mileageReadings.id,
        at: mileageReadings.readAt,
        km: mileageReadings.km,
        source: mileageReadings.source,
        flag: mileageReadings.flag,
      })
      .from(mileageReadings)
      .where(
        and(
          eq(mileageReadings.tenantId, tenantId),
          eq(mileageReadings.vehicleId, vehicleId),
          isNotNull(mileageReadings.flag),
        ),
      ),
    db
      .select({
        id: repairOrders.id,
        at: repairOrders.dateIn,
        km: repairOrders.mileageKm,
        number: repairOrders.number,
        flag: repairOrders.mileageFlag,
      })
      .from(repairOrders)
      .where(
        and(
          eq(repairOrders.tenantId, tenantId),
          eq(repairOrders.vehicleId, vehicleId),
          isNotNull(repairOrders.mileageFlag),
        ),
      ),
  ]);
  return [
    ...readings.map((r) => ({
      id: r.id,
      kind: 'reading' as const,
      at: r.at,
      km: r.km,
      source: r.source,
      flag: r.flag as string,
      repairOrderNumber: null,
    })),
    ...orders.map((o) => ({
      id: o.id,
      kind: 'repair_order' as const,
      at: o.at,
      km: o.km as number,
      source: 'repair_order',
      flag: o.flag as string,
      repairOrderNumber: o.number,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
};

/**
 * A person's answer to a flagged value: accepted (the flag cleared), corrected (the value replaced, the flag
 * cleared) or discarded (the reading deleted; an order keeps itself without its odometer). False when there
 * was no such flagged value on the car.
 */
export const resolveFlag = async (
  db: Tx,
  tenantId: string,
  vehicleId: string,
  target: { kind: 'reading' | 'repair_order'; id: string },
  action: { kind: 'accept' } | { kind: 'correct'; km: number } | { kind: 'discard' },
): Promise<boolean> => {
  if (target.kind === 'reading') {
    const same = and(
      eq(mileageReadings.tenantId, tenantId),
      eq(mileageReadings.vehicleId, vehicleId),
      eq(mileageReadings.id, target.id),
      isNotNull(mileageReadings.flag),
    );
    const rows =
      action.kind === 'discard'
        ? await db.delete(mileageReadings).where(same).returning({ id: mileageReadings.id })
        : await db
            .update(mileageReadings)
            .set({ flag: null, ...(action.kind === 'correct' ? { km: action.km } : {}) })
            .where(same)
            .returning({ id: mileageReadings.id });
    return rows.length > 0;
  }
  const rows = await db
    .update(repairOrders)
    .set({
      mileageFlag: null,
      ...(action.kind === 'correct' ? { mileageKm: action.km } : action.kind === 'discard' ? { mileageKm: null } : {}),
    })
    .where(
      and(
        eq(repairOrders.tenantId, tenantId),
        eq(repairOrders.vehicleId, vehicleId),
        eq(repairOrders.id, target.id),
        isNotNull(repairOrders.mileageFlag),
      ),
    )
    .returning({ id: repairOrders.id });
  return rows.length > 0;
};

export const insertReading = async (db: Tx, values: typeof mileageReadings.$inferInsert) => {
  await db.insert(mileageReadings).values(values);
};

/** Closes the open ownership (if any) and opens one for the new owner. */
export const changeOwner = async (
  db: Tx,
  input: { tenantId: string; vehicleId: string; customerId: string; date: string },
) => {
  await db
    .update(vehicleOwnerships)
    .set({ toDate: input.date })
    .where(
      and(
        eq(vehicleOwnerships.tenantId, input.tenantId),
        eq(vehicleOwnerships.vehicleId, input.vehicleId),
        isNull(vehicleOwnerships.toDate),
      ),
    );
  await db.insert(vehicleOwnerships).values({
    tenantId: input.tenantId,
    vehicleId: input.vehicleId,
    customerId: input.customerId,
    fromDate: input.date,
  });
  await db
    .update(vehicles)
    .set({ ownerId: input.customerId })
    .where(and(eq(vehicles.tenantId, input.tenantId), eq(vehicles.id, input.vehicleId)));
};

export const ownershipsOf = (db: Tx, tenantId: string, vehicleId: string) =>
  db
    .select()
    .from(vehicleOwnerships)
    .where(and(eq(vehicleOwnerships.tenantId, tenantId), eq(vehicleOwnerships.vehicleId, vehicleId)))
    .orderBy(asc(vehicleOwnerships.fromDate));

/**
 * Erasure: the person stops being listed among the regular drivers of their cars (the other drivers, whom
 * the person named, stay with the car).
 */
export const dropDriverEntries = async (
  sql: SqlExecutor,
  tenantId: string,
  person: { customerId: string; names: string[]; phones: string[] },
) => {
  await sql.executeSql(
    `UPDATE vehicles v SET regular_drivers = (
        SELECT coalesce(jsonb_agg(d ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(v.regular_drivers) WITH ORDINALITY AS x(d, n)
          WHERE NOT (coalesce(d->>'name', '') = ANY($3::text[]) OR coalesce(d->>'phone', '') = ANY($4::text[])))
      WHERE v.tenant_id = $1 AND v.owner_id = $2 AND jsonb_array_length(v.regular_drivers) > 0`,
    [tenantId, person.customerId, person.names, person.phones],
  );
};

/**
 * The trusted series (as readingsOf: readings and repair orders, flagged values aside) of several cars at
 * once, for a batch of readings from one source (connected cars): one statement with one array parameter,
 * whatever the batch.
 */
export const readingsOfMany = async (sql: SqlExecutor, tenantId: string, vehicleIds: readonly string[]) => {
  const series = new Map<string, { at: Date; km: number }[]>(vehicleIds.map((id) => [id, []]));
  if (vehicleIds.length === 0) return series;
  const rows = parseRows(
    z.object({ vehicle_id: col.text, at: col.instant, km: col.number }),
    await sql.executeSql(
      `SELECT vehicle_id, read_at AS at, km FROM mileage_readings
        WHERE tenant_id = $1 AND vehicle_id = ANY($2::uuid[]) AND flag IS NULL
       UNION ALL
       SELECT vehicle_id, date_in, mileage_km FROM repair_orders
        WHERE tenant_id = $1 AND vehicle_id = ANY($2::uuid[]) AND mileage_km IS NOT NULL AND mileage_flag IS NULL`,
      [tenantId, [...series.keys()]],
    ),
    'trusted series of several cars',
  );
  for (const r of rows) series.get(r.vehicle_id)?.push({ at: r.at, km: r.km });
  return series;
};

/** Several readings in one statement (a connected car's batch: each has passed checkReading). */
export const insertReadings = async (db: Tx, values: (typeof mileageReadings.$inferInsert)[]) => {
  if (values.length > 0) await db.insert(mileageReadings).values(values);
};

/**
 * Ends the car's confirmed bindings (its owner changed): status 'ended', kept as history. Answers the
 * ended ones with the account's phone, for the audit log and the notice.
 */
export const endBindingsOfCar = (db: Tx, tenantId: string, vehicleId: string, at: Date) =>
  db
    .update(vehicleBindings)
    .set({ status: 'ended', endedAt: at })
    .from(owners)
    .where(
      and(
        eq(vehicleBindings.tenantId, tenantId),
        eq(vehicleBindings.vehicleId, vehicleId),
        eq(vehicleBindings.status, 'confirmed'),
        eq(owners.tenantId, vehicleBindings.tenantId),
        eq(owners.id, vehicleBindings.ownerId),
      ),
    )
    .returning({ id: vehicleBindings.id, ownerId: vehicleBindings.ownerId, phone: owners.phone });

/**
 * The car's open ownership, the one a binding is confirmed under (platform/db/current-binding.ts). A car
 * with an owner on file but no ownership row yet (written before its history was kept) gets its row now,
 * from its purchase day (else `today`); null when the car has no owner.
 */
export const openOwnershipOf = async (db: Tx, tenantId: string, vehicleId: string, today: string) => {
  const [open] = await db
    .select({ id: vehicleOwnerships.id })
    .from(vehicleOwnerships)
    .where(
      and(
        eq(vehicleOwnerships.tenantId, tenantId),
        eq(vehicleOwnerships.vehicleId, vehicleId),
        isNull(vehicleOwnerships.toDate),
      ),
    )
    .orderBy(desc(vehicleOwnerships.fromDate))
    .limit(1);
  if (open) return open.id;
  const [car] = await db
    .select({ ownerId: vehicles.ownerId, purchaseDate: vehicles.purchaseDate })
    .from(vehicles)
    .where(and(eq(vehicles.tenantId, tenantId), eq(vehicles.id, vehicleId)));
  if (!car?.ownerId) return null;
  const [row] = await db
    .insert(vehicleOwnerships)
    .values({ tenantId, vehicleId, customerId: car.ownerId, fromDate: car.purchaseDate ?? today })
    .returning({ id: vehicleOwnerships.id });
  return row?.id ?? null;
};
