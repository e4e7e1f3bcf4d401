import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { complaints, customers, staff, vehicles } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

const receiver = alias(staff, 'receiver');
const closer = alias(staff, 'closer');
const handler = alias(staff, 'handler');
const escalated = alias(staff, 'escalated');

/** A complaint with what the card shows beside it: the car's plate and the staff members' names. */
const withNames = (db: Tx) =>
  db
    .select({
      c: complaints,
      plate: vehicles.plate,
      receivedByName: receiver.name,
      closedByName: closer.name,
      handlerName: handler.name,
      escalatedName: escalated.name,
      customerName: customers.name,
    })
    .from(complaints)
    .leftJoin(vehicles, and(eq(vehicles.tenantId, complaints.tenantId), eq(vehicles.id, complaints.vehicleId)))
    .leftJoin(receiver, and(eq(receiver.tenantId, complaints.tenantId), eq(receiver.id, complaints.receivedBy)))
    .leftJoin(closer, and(eq(closer.tenantId, complaints.tenantId), eq(closer.id, complaints.closedBy)))
    .leftJoin(handler, and(eq(handler.tenantId, complaints.tenantId), eq(handler.id, complaints.handlerId)))
    .leftJoin(escalated, and(eq(escalated.tenantId, complaints.tenantId), eq(escalated.id, complaints.escalatedTo)))
    .innerJoin(customers, and(eq(customers.tenantId, complaints.tenantId), eq(customers.id, complaints.customerId)));

export const complaintsOfCustomer = (db: Tx, tenantId: string, customerId: string) =>
  withNames(db)
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.customerId, customerId)))
    .orderBy(desc(complaints.receivedAt), desc(complaints.id));

export type ComplaintRow = Awaited<ReturnType<typeof complaintsOfCustomer>>[number];

export const findComplaint = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await withNames(db).where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, id)));
  return row ?? null;
};

/** Locks the case row for a change (two actions on one case run one after the other). */
export const lockComplaint = async (db: Tx, tenantId: string, id: string) => {
  const rows = await db
    .select({ id: complaints.id })
    .from(complaints)
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, id)))
    .for('update');
  return rows.length > 0;
};

export const updateComplaint = async (
  db: Tx,
  tenantId: string,
  id: string,
  values: Partial<typeof complaints.$inferInsert>,
) => {
  await db
    .update(complaints)
    .set(values)
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, id)));
};

/** The case list: open ones by receipt, or all; within a store when the reader works in one. */
export const caseRows = (
  db: Tx,
  tenantId: string,
  filter: { status: 'open' | 'closed' | null; storeId: string | null; kind: 'complaint' | 'suggestion' | null },
) =>
  withNames(db)
    .where(
      and(
        eq(complaints.tenantId, tenantId),
        filter.status ? eq(complaints.status, filter.status) : undefined,
        filter.storeId ? eq(complaints.storeId, filter.storeId) : undefined,
        filter.kind ? eq(complaints.kind, filter.kind) : undefined,
      ),
    )
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(500);

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
    .set({
      summary: '',
      resolution: sql`CASE WHEN ${complaints.resolution} IS NULL THEN NULL ELSE '' END`,
      customerRequest: null,
      solution: sql`CASE WHEN ${complaints.solution} IS NULL THEN NULL ELSE '' END`,
      oemReport: sql`CASE WHEN ${complaints.oemReport} IS NULL THEN NULL ELSE '' END`,
      closingReport: sql`CASE WHEN ${complaints.closingReport} IS NULL THEN NULL ELSE '' END`,
    })
    .where(and(eq(complaints.tenantId, tenantId), eq(complaints.customerId, customerId)));
};
