import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { CalendarOverrideKind } from '@m4s/contracts';
import { tenantCalendarDays, tenants } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

export const findCalendarSettings = async (db: Tx, tenantId: string) => {
  const [row] = await db
    .select({ zone: tenants.timezone, start: tenants.businessHoursStart, end: tenants.businessHoursEnd })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row ?? null;
};

/** The tenant's overrides between two days (both included). */
export const overridesBetween = (db: Tx, tenantId: string, from: string, to: string) =>
  db
    .select({ day: tenantCalendarDays.day, kind: tenantCalendarDays.kind, note: tenantCalendarDays.note })
    .from(tenantCalendarDays)
    .where(
      and(
        eq(tenantCalendarDays.tenantId, tenantId),
        gte(tenantCalendarDays.day, from),
        lte(tenantCalendarDays.day, to),
      ),
    )
    .orderBy(asc(tenantCalendarDays.day));

export const upsertOverride = async (
  db: Tx,
  row: { tenantId: string; day: string; kind: CalendarOverrideKind; note: string | null; createdBy: string; now: Date },
) => {
  const values = { kind: row.kind, note: row.note, createdBy: row.createdBy, createdAt: row.now };
  await db
    .insert(tenantCalendarDays)
    .values({ tenantId: row.tenantId, day: row.day, ...values })
    .onConflictDoUpdate({ target: [tenantCalendarDays.tenantId, tenantCalendarDays.day], set: values });
};

export const deleteOverride = async (db: Tx, tenantId: string, day: string) => {
  const gone = await db
    .delete(tenantCalendarDays)
    .where(and(eq(tenantCalendarDays.tenantId, tenantId), eq(tenantCalendarDays.day, day)))
    .returning({ day: tenantCalendarDays.day });
  return gone.length > 0;
};

export const updateBusinessHours = async (
  db: Tx,
  tenantId: string,
  hours: { start: string; end: string },
  now: Date,
) => {
  const [row] = await db
    .update(tenants)
    .set({ businessHoursStart: hours.start, businessHoursEnd: hours.end, updatedAt: now })
    .where(eq(tenants.id, tenantId))
    .returning({ start: tenants.businessHoursStart, end: tenants.businessHoursEnd });
  return row ?? null;
};
