import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import {
  customers,
  owners,
  serviceRequestEvents,
  serviceRequests,
  serviceSettings,
  stores,
  tenants,
  vehicleBindings,
  vehicles,
} from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

export type RequestRow = typeof serviceRequests.$inferSelect;
export type SettingRow = typeof serviceSettings.$inferSelect;

// ── Settings ────────────────────────────────────────────────────────────────────────────────────────

export const settingsOf = (db: Tx, tenantId: string, storeIds: readonly string[]) =>
  storeIds.length === 0
    ? Promise.resolve([] as SettingRow[])
    : db
        .select()
        .from(serviceSettings)
        .where(and(eq(serviceSettings.tenantId, tenantId), inArray(serviceSettings.storeId, [...storeIds])));

export const putSetting = (db: Tx, values: typeof serviceSettings.$inferInsert) =>
  db
    .insert(serviceSettings)
    .values(values)
    .onConflictDoUpdate({
      target: [serviceSettings.tenantId, serviceSettings.storeId, serviceSettings.serviceId],
      set: {
        enabled: values.enabled,
        settings: values.settings,
        updatedBy: values.updatedBy,
        updatedAt: values.updatedAt,
      },
    });

/** The tenant's open stores (the owner app offers only theirs), and one store when `id` is given. */
export const openStores = (db: Tx, tenantId: string, id?: string) =>
  db
    .select({ id: stores.id, name: stores.name })
    .from(stores)
    .where(and(eq(stores.tenantId, tenantId), eq(stores.status, 'active'), id ? eq(stores.id, id) : undefined))
    .orderBy(asc(stores.code));

export const tenantHotlines = async (db: Tx, tenantId: string) => {
  const [row] = await db
    .select({ dealer: tenants.dealerHotline, oem: tenants.oemHotline })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row ?? { dealer: null, oem: null };
};

/** The owner's confirmed car (a request may name only one of those). */
export const isOwnersCar = async (db: Tx, tenantId: string, ownerId: string, vehicleId: string) => {
  const rows = await db
    .select({ id: vehicleBindings.id })
    .from(vehicleBindings)
    .where(
      and(
        eq(vehicleBindings.tenantId, tenantId),
        eq(vehicleBindings.ownerId, ownerId),
        eq(vehicleBindings.vehicleId, vehicleId),
        eq(vehicleBindings.status, 'confirmed'),
      ),
    )
    .limit(1);
  return rows.length > 0;
};

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────

export const insertRequest = async (db: Tx, values: typeof serviceRequests.$inferInsert) => {
  const [row] = await db.insert(serviceRequests).values(values).returning();
  if (!row) throw new Error('service request insert returned nothing');
  return row;
};

export const insertEvent = (db: Tx, values: typeof serviceRequestEvents.$inferInsert) =>
  db.insert(serviceRequestEvents).values(values);

export const updateRequest = async (
  db: Tx,
  tenantId: string,
  id: string,
  set: Partial<typeof serviceRequests.$inferInsert>,
) => {
  const [row] = await db
    .update(serviceRequests)
    .set(set)
    .where(and(eq(serviceRequests.tenantId, tenantId), eq(serviceRequests.id, id)))
    .returning();
  if (!row) throw new Error('service request update returned nothing');
  return row;
};

/** One request, locked for the step that changes it. */
export const lockRequest = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(serviceRequests)
    .where(and(eq(serviceRequests.tenantId, tenantId), eq(serviceRequests.id, id)))
    .for('update');
  return row;
};

const detailColumns = {
  r: serviceRequests,
  storeName: stores.name,
  customerName: customers.name,
  phone: owners.phone,
  plate: vehicles.plate,
};

const withDetails = (db: Tx, tenantId: string, where: SQL | undefined) =>
  db
    .select(detailColumns)
    .from(serviceRequests)
    .innerJoin(stores, and(eq(stores.tenantId, tenantId), eq(stores.id, serviceRequests.storeId)))
    .leftJoin(customers, and(eq(customers.tenantId, tenantId), eq(customers.id, serviceRequests.customerId)))
    .leftJoin(owners, and(eq(owners.tenantId, tenantId), eq(owners.id, serviceRequests.ownerId)))
    .leftJoin(vehicles, and(eq(vehicles.tenantId, tenantId), eq(vehicles.id, serviceRequests.vehicleId)))
    .where(and(eq(serviceRequests.tenantId, tenantId), where));

export type DetailRow = Awaited<ReturnType<typeof withDetails>>[number];

export const findRequest = async (db: Tx, tenantId: string, id: string) =>
  (await withDetails(db, tenantId, eq(serviceRequests.id, id)))[0];

export const requestsOfOwner = (db: Tx, tenantId: string, ownerId: string) =>
  withDetails(db, tenantId, eq(serviceRequests.ownerId, ownerId)).orderBy(desc(serviceRequests.createdAt)).limit(50);

/** A plugin's reader: its own service's open requests of one owner, never another service's. */
export const openOfOwner = (db: Tx, tenantId: string, serviceId: string, ownerId: string) =>
  db
    .select()
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.tenantId, tenantId),
        eq(serviceRequests.serviceId, serviceId),
        eq(serviceRequests.ownerId, ownerId),
        isNull(serviceRequests.closedAt),
      ),
    );

/** The queue: open ones by priority then deadline; with `all`, the latest closed ones after them. */
export const queue = (
  db: Tx,
  tenantId: string,
  filter: { storeId: string | null; role: string | null; open: boolean },
) =>
  withDetails(
    db,
    tenantId,
    and(
      filter.storeId ? eq(serviceRequests.storeId, filter.storeId) : undefined,
      filter.role ? eq(serviceRequests.handlerRole, filter.role) : undefined,
      filter.open ? isNull(serviceRequests.closedAt) : undefined,
    ),
  )
    .orderBy(
      sql`${serviceRequests.closedAt} IS NOT NULL`,
      asc(serviceRequests.priority),
      asc(serviceRequests.dueAt),
      desc(serviceRequests.createdAt),
    )
    .limit(200);

export const eventsOf = (db: Tx, tenantId: string, requestIds: readonly string[]) =>
  requestIds.length === 0
    ? Promise.resolve([] as (typeof serviceRequestEvents.$inferSelect)[])
    : db
        .select()
        .from(serviceRequestEvents)
        .where(
          and(eq(serviceRequestEvents.tenantId, tenantId), inArray(serviceRequestEvents.requestId, [...requestIds])),
        )
        .orderBy(asc(serviceRequestEvents.at), asc(serviceRequestEvents.id));

// ── Personal data ───────────────────────────────────────────────────────────────────────────────────

export const requestsOfPerson = (db: Tx, tenantId: string, customerId: string, ownerIds: readonly string[]) =>
  db
    .select()
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.tenantId, tenantId),
        ownerIds.length > 0
          ? sql`(${serviceRequests.customerId} = ${customerId} OR ${inArray(serviceRequests.ownerId, [...ownerIds])})`
          : eq(serviceRequests.customerId, customerId),
      ),
    )
    .orderBy(asc(serviceRequests.createdAt));

/** What the person said goes (answers, position, photo, cancel reasons); the case, its service and steps stay. */
export const blankRequests = async (db: Tx, tenantId: string, ids: readonly string[]) => {
  if (ids.length === 0) return;
  await db
    .update(serviceRequests)
    .set({
      answers: {},
      locationLat: null,
      locationLng: null,
      locationAccuracy: null,
      photo: null,
      ownerId: null,
    })
    .where(and(eq(serviceRequests.tenantId, tenantId), inArray(serviceRequests.id, [...ids])));
  await db
    .update(serviceRequestEvents)
    .set({ details: {} })
    .where(
      and(
        eq(serviceRequestEvents.tenantId, tenantId),
        inArray(serviceRequestEvents.requestId, [...ids]),
        eq(serviceRequestEvents.status, 'cancelled'),
      ),
    );
};
