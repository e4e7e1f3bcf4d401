import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { complaints, staff, vehicles } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

const receiver = alias(staff, 'receiver');
const closer = alias(staff, 'closer');

/** A complaint with what the card shows beside it: the car's plate and the staff members' names. */
const withNames = (db: Tx) =>
  db
    .select({
      c: complaints,
      plate: vehicles.plate,
      receivedByName: receiver.name,
      closedByName: closer.name,
    })
    .from(complaints)
    .leftJoin(vehicles, and(eq(vehicles.tenantId, complaints.tenantId), eq(vehicles.id, complaints.vehicleId)))
    .leftJoin(receiver, and(eq(receiver.tenantId, complaints.tenantId), eq(receiver.id, complaints.receivedBy)))
    .leftJoin(closer, and(eq(closer.tenantId, complaints.tenantId), eq(closer.id, complaints.closedBy)));

export const complaintsOfCustomer = (db: Tx, tenantId: string, customerId: string) =>
  withNames(db)
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.customerId, customerId)))
    .orderBy(desc(complaints.receivedAt), desc(complaints.id));

export type ComplaintRow = Awaited<ReturnType<typeof complaintsOfCustomer>>[number];

export const findComplaint = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await withNames(db).where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, id)));
  return row ?? null;
};

/** The car, when it is this customer's now (a complaint names one of the customer's own cars). */
export const customerOwnsVehicle = async (db: Tx, tenantId: string, customerId: string, vehicleId: string) => {
  const [row] = await db
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(and(eq(vehicles.tenantId, tenantId), eq(vehicles.id, vehicleId), eq(vehicles.ownerId, customerId)));
  return row !== undefined;
};

export const insertComplaint = async (db: Tx, values: typeof complaints.$inferInsert) => {
  const [row] = await db.insert(complaints).values(values).returning({ id: complaints.id });
  if (!row) throw new Error('complaint insert returned nothing');
  return row.id;
};

/** Closes it only while it is open: of two concurrent closes, the second finds nothing to close. */
export const closeComplaint = async (
  db: Tx,
  tenantId: string,
  id: string,
  values: { closedAt: Date; closedBy: string; resolution: string },
) => {
  const rows = await db
    .update(complaints)
    .set({ ...values, status: 'closed' })
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, id), eq(complaints.status, 'open')))
    .returning({ id: complaints.id });
  return rows.length > 0;
};

/** Erasure: the record stays (a business record, and the gate's history), what the person said goes. */
export const blankComplaintsOf = async (db: Tx, tenantId: string, customerId: string) => {
  await db
    .update(complaints)
    .set({ summary: '', resolution: sql`CASE WHEN ${complaints.resolution} IS NULL THEN NULL ELSE '' END` })
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.customerId, customerId)));
};
