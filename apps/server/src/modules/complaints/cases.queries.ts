import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Role } from '@m4s/contracts';
import {
  complaintEvents,
  complaintImprovements,
  complaintPhotos,
  complaints,
  staff,
} from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

const actor = alias(staff, 'actor');
const fromStaff = alias(staff, 'from_staff');
const toStaff = alias(staff, 'to_staff');

export type EventInsert = Omit<typeof complaintEvents.$inferInsert, 'id'> & { id?: string };

/**
 * Appends to the case log. With a `key` the row is written once (the deadline job and the sweep both try):
 * true when this call wrote it.
 */
export const addEvent = async (db: Tx, values: EventInsert): Promise<boolean> => {
  const rows = await db
    .insert(complaintEvents)
    .values(values)
    .onConflictDoNothing({
      target: [complaintEvents.tenantId, complaintEvents.complaintId, complaintEvents.key],
    })
    .returning({ id: complaintEvents.id });
  return rows.length > 0;
};

export const eventsOf = (db: Tx, tenantId: string, complaintId: string) =>
  db
    .select({
      e: complaintEvents,
      actorName: actor.name,
      fromName: fromStaff.name,
      toName: toStaff.name,
    })
    .from(complaintEvents)
    .leftJoin(actor, and(eq(actor.tenantId, complaintEvents.tenantId), eq(actor.id, complaintEvents.actorId)))
    .leftJoin(
      fromStaff,
      and(eq(fromStaff.tenantId, complaintEvents.tenantId), eq(fromStaff.id, complaintEvents.fromId)),
    )
    .leftJoin(toStaff, and(eq(toStaff.tenantId, complaintEvents.tenantId), eq(toStaff.id, complaintEvents.toId)))
    .where(and(eq(complaintEvents.tenantId, tenantId), eq(complaintEvents.complaintId, complaintId)))
    .orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
export type EventRow = Awaited<ReturnType<typeof eventsOf>>[number];

/** The last public update of each case (the owner's list). */
export const lastPublicEvents = async (db: Tx, tenantId: string, ids: string[]) => {
  if (ids.length === 0) return new Map<string, typeof complaintEvents.$inferSelect>();
  const rows = await db
    .select()
    .from(complaintEvents)
    .where(
      and(
        eq(complaintEvents.tenantId, tenantId),
        inArray(complaintEvents.complaintId, ids),
        eq(complaintEvents.public, true),
      ),
    )
    .orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
  return new Map(rows.map((r) => [r.complaintId, r]));
};

const improvementOwner = alias(staff, 'improvement_owner');

export const improvementsOf = (db: Tx, tenantId: string, complaintId: string) =>
  db
    .select({ i: complaintImprovements, ownerName: improvementOwner.name })
    .from(complaintImprovements)
    .innerJoin(
      improvementOwner,
      and(
        eq(improvementOwner.tenantId, complaintImprovements.tenantId),
        eq(improvementOwner.id, complaintImprovements.ownerId),
      ),
    )
    .where(and(eq(complaintImprovements.tenantId, tenantId), eq(complaintImprovements.complaintId, complaintId)))
    .orderBy(asc(complaintImprovements.due), asc(complaintImprovements.id));

export const insertImprovements = async (db: Tx, rows: (typeof complaintImprovements.$inferInsert)[]) => {
  if (rows.length > 0) await db.insert(complaintImprovements).values(rows);
};

/** Marks an improvement item done once; the case it belongs to, or null when there is none to mark. */
export const markImprovementDone = async (db: Tx, tenantId: string, id: string, by: string, at: Date) => {
  const [row] = await db
    .update(complaintImprovements)
    .set({ doneAt: at, doneBy: by })
    .where(
      and(
        eq(complaintImprovements.tenantId, tenantId),
        eq(complaintImprovements.id, id),
        isNull(complaintImprovements.doneAt),
      ),
    )
    .returning({ complaintId: complaintImprovements.complaintId });
  return row?.complaintId ?? null;
};

export const improvementCase = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({
      complaintId: complaintImprovements.complaintId,
      ownerId: complaintImprovements.ownerId,
      doneAt: complaintImprovements.doneAt,
    })
    .from(complaintImprovements)
    .where(and(eq(complaintImprovements.tenantId, tenantId), eq(complaintImprovements.id, id)));
  return row ?? null;
};

export const photoIdsOf = async (db: Tx, tenantId: string, complaintId: string) =>
  (
    await db
      .select({ id: complaintPhotos.id })
      .from(complaintPhotos)
      .where(and(eq(complaintPhotos.tenantId, tenantId), eq(complaintPhotos.complaintId, complaintId)))
      .orderBy(asc(complaintPhotos.createdAt), asc(complaintPhotos.id))
  ).map((r) => r.id);

export const insertPhoto = async (db: Tx, values: typeof complaintPhotos.$inferInsert) => {
  const [row] = await db.insert(complaintPhotos).values(values).returning({ id: complaintPhotos.id });
  if (!row) throw new Error('photo insert returned nothing');
  return row.id;
};

export const photoData = async (db: Tx, tenantId: string, complaintId: string, photoId: string) => {
  const [row] = await db
    .select({ dataUrl: complaintPhotos.dataUrl })
    .from(complaintPhotos)
    .where(
      and(
        eq(complaintPhotos.tenantId, tenantId),
        eq(complaintPhotos.complaintId, complaintId),
        eq(complaintPhotos.id, photoId),
      ),
    );
  return row?.dataUrl ?? null;
};

/** An active staff member of the tenant (a handler, a transfer's receiver, an improvement's owner). */
export const activeStaff = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ id: staff.id, role: staff.role, storeId: staff.storeId })
    .from(staff)
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id), eq(staff.status, 'active')));
  return row ?? null;
};

/** The first active staff member with one of the roles, in the store first, then group-wide. */
export const managerFor = async (db: Tx, tenantId: string, storeId: string | null, roles: readonly Role[]) => {
  const rows = await db
    .select({ id: staff.id, role: staff.role, storeId: staff.storeId })
    .from(staff)
    .where(and(eq(staff.tenantId, tenantId), eq(staff.status, 'active'), inArray(staff.role, [...roles])))
    .orderBy(asc(staff.createdAt), asc(staff.id));
  const rank = (r: { role: string; storeId: string | null }) =>
    roles.indexOf(r.role as Role) * 2 + (storeId && r.storeId === storeId ? 0 : r.storeId === null ? 1 : 100);
  return (
    [...rows]
      .filter((r) => !storeId || r.storeId === storeId || r.storeId === null)
      .sort((a, b) => rank(a) - rank(b))[0] ?? null
  );
};

/** Open cases with a deadline not met (the sweep's work list). */
export const openCaseIds = async (db: Tx, tenantId: string) =>
  (
    await db
      .select({ id: complaints.id })
      .from(complaints)
      .where(and(eq(complaints.tenantId, tenantId), eq(complaints.status, 'open')))
      .orderBy(asc(complaints.receivedAt), asc(complaints.id))
  ).map((r) => r.id);

/** Erasure: what the person said in the case log and the photos go; the log's steps stay. */
export const blankCaseDetailsOf = async (db: Tx, tenantId: string, customerId: string) => {
  const ids = db
    .select({ id: complaints.id })
    .from(complaints)
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.customerId, customerId)));
  await db
    .update(complaintEvents)
    .set({ text: sql`CASE WHEN ${complaintEvents.text} IS NULL THEN NULL ELSE '' END` })
    .where(and(eq(complaintEvents.tenantId, tenantId), inArray(complaintEvents.complaintId, ids)));
  await db
    .delete(complaintPhotos)
    .where(and(eq(complaintPhotos.tenantId, tenantId), inArray(complaintPhotos.complaintId, ids)));
};
