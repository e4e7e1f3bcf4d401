import { and, eq, getTableColumns, getTableName, inArray, isNotNull, or, type Column } from 'drizzle-orm';
import {
  careTasks,
  customerPhones,
  importKeys,
  customers,
  mileageReadings,
  repairOrderLines,
  repairOrders,
  salesOrders,
  vehicleOwnerships,
  vehicles,
} from '../../platform/db/schema/index.ts';
import { newRowId } from '../../platform/db/ids.ts';
import { insertValues } from '../../platform/db/insert-values.ts';
import type { SqlExecutor, Tx } from '../../platform/db/types.ts';

// Set-based reads and writes for one batch of imported rows: a handful of statements per 500 rows.

export type CustomerRow = typeof customers.$inferSelect;
export type VehicleRow = typeof vehicles.$inferSelect;
export type SalesOrderRow = typeof salesOrders.$inferSelect;

export const phoneOwners = async (db: Tx, tenantId: string, phones: string[]) =>
  phones.length === 0
    ? []
    : db
        .select({ phone: customerPhones.phone, customerId: customerPhones.customerId })
        .from(customerPhones)
        .where(and(eq(customerPhones.tenantId, tenantId), inArray(customerPhones.phone, phones)));

export const phonesOfCustomers = async (db: Tx, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? []
    : db
        .select({ phone: customerPhones.phone, customerId: customerPhones.customerId })
        .from(customerPhones)
        .where(and(eq(customerPhones.tenantId, tenantId), inArray(customerPhones.customerId, ids)));

export const customersWithIds = async (db: Tx, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? []
    : db
        .select()
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, ids)));

export const vehiclesWithVins = async (db: Tx, tenantId: string, vins: string[]) =>
  vins.length === 0
    ? []
    : db
        .select()
        .from(vehicles)
        .where(and(eq(vehicles.tenantId, tenantId), inArray(vehicles.vin, vins)));

/**
 * The cars' odometer values: their readings (flag: why one is kept aside, null when trusted) and their
 * repair orders' check-in mileage (the check of vehicles/mileage.ts runs against the trusted ones).
 */
export const readingsOfVehicles = async (
  db: Tx,
  tenantId: string,
  ids: string[],
): Promise<{ vehicleId: string; km: number; readAt: Date; flag: string | null }[]> => {
  if (ids.length === 0) return [];
  const [readings, orders] = await Promise.all([
    db
      .select({
        vehicleId: mileageReadings.vehicleId,
        km: mileageReadings.km,
        readAt: mileageReadings.readAt,
        flag: mileageReadings.flag,
      })
      .from(mileageReadings)
      .where(and(eq(mileageReadings.tenantId, tenantId), inArray(mileageReadings.vehicleId, ids))),
    db
      .select({
        vehicleId: repairOrders.vehicleId,
        km: repairOrders.mileageKm,
        readAt: repairOrders.dateIn,
        flag: repairOrders.mileageFlag,
      })
      .from(repairOrders)
      .where(
        and(
          eq(repairOrders.tenantId, tenantId),
          inArray(repairOrders.vehicleId, ids),
          isNotNull(repairOrders.mileageKm),
        ),
      ),
  ]);
  return [...readings, ...orders.flatMap((o) => (o.km === null ? [] : [{ ...o, km: o.km }]))];
};

export const ordersWithNumbers = async (db: Tx, tenantId: string, numbers: string[]) => {
  if (numbers.length === 0) return [];
  const orders = await db
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.tenantId, tenantId), inArray(repairOrders.number, numbers)));
  return orders;
};

type BulkTable =
  | typeof customers
  | typeof customerPhones
  | typeof vehicles
  | typeof vehicleOwnerships
  | typeof mileageReadings
  | typeof repairOrders
  | typeof repairOrderLines
  | typeof salesOrders
  | typeof importKeys
  | typeof careTasks;

/**
 * Inserts many rows of the tenant as multi-row `INSERT … VALUES` statements (platform/db/insert-values.ts:
 * the one bulk write that Citus routes to the tenant's shard; an `INSERT … SELECT` from a JSON parameter went
 * through the coordinator with COPY, which row-level security refuses). Each value is mapped as drizzle maps
 * it (dates, JSON, arrays). Columns a row leaves out take their defaults; every row of one call must name
 * the same columns, and every row is the tenant's.
 */
export const insertMany = async <T extends BulkTable>(
  sql: SqlExecutor,
  tenantId: string,
  table: T,
  inserts: Partial<T['$inferInsert']>[],
) => {
  if (inserts.length === 0) return;
  const given: Record<string, unknown>[] = inserts;
  const columns: Record<string, Column> = getTableColumns(table);
  // Rows without an id get a time-ordered one (platform/db/ids.ts), not the column's random default.
  const rows = 'id' in columns ? given.map((r) => (r.id === undefined ? { ...r, id: newRowId() } : r)) : given;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => k !== 'tenantId' && r[k] !== undefined)))];
  const name = getTableName(table);
  const picked = keys.map((k) => {
    const column = columns[k];
    if (!column) throw new Error(`insertMany: ${name} has no column ${k}`);
    return column;
  });
  if (rows.some((r) => r.tenantId !== undefined && r.tenantId !== tenantId))
    throw new Error(`insertMany: a row of ${name} for another tenant`);
  await insertValues(sql, {
    into: name,
    tenantId,
    columns: picked.map((c) => c.name),
    rows: rows.map((r) =>
      picked.map((column, i) => {
        const value = r[keys[i] ?? ''];
        return value === undefined || value === null ? null : column.mapToDriverValue(value);
      }),
    ),
  });
};

export const patchCustomer = (db: Tx, tenantId: string, id: string, patch: Partial<CustomerRow>) =>
  db
    .update(customers)
    .set(patch)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));

export const patchVehicle = (db: Tx, tenantId: string, id: string, patch: Partial<VehicleRow>) =>
  db
    .update(vehicles)
    .set(patch)
    .where(and(eq(vehicles.tenantId, tenantId), eq(vehicles.id, id)));

export const vehiclesWithIds = async (db: Tx, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? []
    : db
        .select()
        .from(vehicles)
        .where(and(eq(vehicles.tenantId, tenantId), inArray(vehicles.id, ids)));

export const ordersWithIds = async (db: Tx, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? []
    : db
        .select()
        .from(repairOrders)
        .where(and(eq(repairOrders.tenantId, tenantId), inArray(repairOrders.id, ids)));

/** Sales orders by id, by external reference, or of some cars (one statement). */
export const salesOrdersMatching = async (
  db: Tx,
  tenantId: string,
  by: { ids: string[]; refs: string[]; vehicleIds: string[] },
): Promise<SalesOrderRow[]> =>
  by.ids.length + by.refs.length + by.vehicleIds.length === 0
    ? []
    : db
        .select()
        .from(salesOrders)
        .where(
          and(
            eq(salesOrders.tenantId, tenantId),
            or(
              by.ids.length > 0 ? inArray(salesOrders.id, by.ids) : undefined,
              by.refs.length > 0 ? inArray(salesOrders.externalRef, by.refs) : undefined,
              by.vehicleIds.length > 0 ? inArray(salesOrders.vehicleId, by.vehicleIds) : undefined,
            ),
          ),
        );

/** Which of these customers exist (a source key may outlive its customer: an undone import). */
export const existingCustomers = async (db: Tx, tenantId: string, ids: string[]) =>
  new Set(
    ids.length === 0
      ? []
      : (
          await db
            .select({ id: customers.id })
            .from(customers)
            .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, ids)))
        ).map((r) => r.id),
  );
