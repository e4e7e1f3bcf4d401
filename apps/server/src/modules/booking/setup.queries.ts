import { and, asc, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { BookingSettingsInput, ServiceType } from '@m4s/contracts';
import {
  advisorLeave,
  bookingSettings,
  serviceTypes,
  staff,
  storeClosures,
  stores,
} from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

type ServiceTypeRow = typeof serviceTypes.$inferSelect;

export const toServiceType = (r: ServiceTypeRow): ServiceType => ({
  id: r.id,
  storeId: r.storeId,
  code: r.code,
  name: r.name,
  category: r.category,
  durationMinutes: r.durationMinutes,
  priceMinFen: r.priceMinFen,
  priceMaxFen: r.priceMaxFen,
  bring: r.bring,
  onlineBookable: r.onlineBookable,
  active: r.active,
  position: r.position,
});

/** The group-wide types plus the store's own (all of the tenant's without a store): active first, by position. */
export const listServiceTypes = async (
  db: Tx,
  tenantId: string,
  filter: { storeId?: string; onlineOnly?: boolean },
) => {
  const rows = await db
    .select()
    .from(serviceTypes)
    .where(
      and(
        eq(serviceTypes.tenantId, tenantId),
        filter.storeId ? or(isNull(serviceTypes.storeId), eq(serviceTypes.storeId, filter.storeId)) : undefined,
        filter.onlineOnly ? and(eq(serviceTypes.active, true), eq(serviceTypes.onlineBookable, true)) : undefined,
      ),
    )
    .orderBy(desc(serviceTypes.active), asc(serviceTypes.position), asc(serviceTypes.code));
  return rows.map(toServiceType);
};

export const findServiceType = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(serviceTypes)
    .where(and(eq(serviceTypes.tenantId, tenantId), eq(serviceTypes.id, id)));
  return row ?? null;
};

export const insertServiceType = async (db: Tx, values: typeof serviceTypes.$inferInsert) => {
  const [row] = await db.insert(serviceTypes).values(values).returning();
  if (!row) throw new Error('service type insert returned nothing');
  return row;
};

export const updateServiceType = async (
  db: Tx,
  tenantId: string,
  id: string,
  set: Partial<typeof serviceTypes.$inferInsert>,
) => {
  const [row] = await db
    .update(serviceTypes)
    .set(set)
    .where(and(eq(serviceTypes.tenantId, tenantId), eq(serviceTypes.id, id)))
    .returning();
  return row ?? null;
};

export const storeExists = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ id: stores.id, status: stores.status })
    .from(stores)
    .where(and(eq(stores.tenantId, tenantId), eq(stores.id, id)));
  return row ?? null;
};

export const upsertSettings = async (db: Tx, tenantId: string, storeId: string, s: BookingSettingsInput, now: Date) => {
  await db
    .insert(bookingSettings)
    .values({ tenantId, storeId, ...s, updatedAt: now })
    .onConflictDoUpdate({ target: [bookingSettings.tenantId, bookingSettings.storeId], set: { ...s, updatedAt: now } });
};

export const closuresOf = (db: Tx, tenantId: string, storeId: string, from: string, to: string) =>
  db
    .select({ id: storeClosures.id, date: storeClosures.date, reason: storeClosures.reason })
    .from(storeClosures)
    .where(
      and(
        eq(storeClosures.tenantId, tenantId),
        eq(storeClosures.storeId, storeId),
        gte(storeClosures.date, from),
        lte(storeClosures.date, to),
      ),
    )
    .orderBy(asc(storeClosures.date));

/** Null when the store already has a closure that day. */
export const insertClosure = async (db: Tx, values: typeof storeClosures.$inferInsert) => {
  const [row] = await db
    .insert(storeClosures)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: storeClosures.id, date: storeClosures.date, reason: storeClosures.reason });
  return row ?? null;
};

export const findClosure = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(storeClosures)
    .where(and(eq(storeClosures.tenantId, tenantId), eq(storeClosures.id, id)));
  return row ?? null;
};

export const deleteClosure = (db: Tx, tenantId: string, id: string) =>
  db.delete(storeClosures).where(and(eq(storeClosures.tenantId, tenantId), eq(storeClosures.id, id)));

export const findStaffMember = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ id: staff.id, storeId: staff.storeId, role: staff.role, status: staff.status, name: staff.name })
    .from(staff)
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id)));
  return row ?? null;
};

export const leaveOf = (db: Tx, tenantId: string, staffId: string, from: string) =>
  db
    .select({ id: advisorLeave.id, date: advisorLeave.date, note: advisorLeave.note })
    .from(advisorLeave)
    .where(and(eq(advisorLeave.tenantId, tenantId), eq(advisorLeave.staffId, staffId), gte(advisorLeave.date, from)))
    .orderBy(asc(advisorLeave.date))
    .limit(500);

/** Null when the advisor is already on leave that day. */
export const insertLeave = async (db: Tx, values: typeof advisorLeave.$inferInsert) => {
  const [row] = await db
    .insert(advisorLeave)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: advisorLeave.id, date: advisorLeave.date, note: advisorLeave.note });
  return row ?? null;
};

export const findLeave = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ l: advisorLeave, storeId: staff.storeId })
    .from(advisorLeave)
    .innerJoin(staff, and(eq(staff.tenantId, advisorLeave.tenantId), eq(staff.id, advisorLeave.staffId)))
    .where(and(eq(advisorLeave.tenantId, tenantId), eq(advisorLeave.id, id)));
  return row ?? null;
};

export const deleteLeave = (db: Tx, tenantId: string, id: string) =>
  db.delete(advisorLeave).where(and(eq(advisorLeave.tenantId, tenantId), eq(advisorLeave.id, id)));

/** The active service advisors of the tenant's stores, by store (the owner app's optional pick). */
export const advisorsByStore = (db: Tx, tenantId: string) =>
  db
    .select({ id: staff.id, name: staff.name, storeId: staff.storeId })
    .from(staff)
    .where(and(eq(staff.tenantId, tenantId), eq(staff.role, 'service_advisor'), eq(staff.status, 'active')))
    .orderBy(asc(staff.name));

export const activeStores = (db: Tx, tenantId: string) =>
  db
    .select()
    .from(stores)
    .where(and(eq(stores.tenantId, tenantId), eq(stores.status, 'active')))
    .orderBy(asc(stores.code));
