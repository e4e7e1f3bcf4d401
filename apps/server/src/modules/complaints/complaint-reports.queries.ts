// The complaint reports' SQL (docs/complaints.md, Reports): the cases of a span with the names the reports
// show, the open cases now, the case log entries and improvement items of a span. Every table is filtered
// by the tenant and joined on (tenant_id, id) (Citus-safe); a store's staff read their store only.
import { and, asc, eq, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { complaintEvents, complaintImprovements, complaints, staff, stores } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

const handler = alias(staff, 'handler');
const receiver = alias(staff, 'receiver');
const contact = alias(complaintEvents, 'contact');
const contactStaff = alias(staff, 'contact_staff');

export type Span = { tenantId: string; storeId: string | null; from: Date; to: Date };

const inStore = (storeId: string | null) => (storeId ? eq(complaints.storeId, storeId) : undefined);

/** The cases with their store's and handler's names and the first-contact person (receiver, else who contacted). */
const casesWhere = async (db: Tx, tenantId: string, where: ReturnType<typeof and>) => {
  const rows = await db
    .select({
      c: complaints,
      storeName: stores.name,
      handlerName: handler.name,
      receiverName: receiver.name,
      receiverRole: receiver.role,
      contactId: contact.actorId,
      contactName: contactStaff.name,
      contactRole: contactStaff.role,
    })
    .from(complaints)
    .leftJoin(stores, and(eq(stores.tenantId, complaints.tenantId), eq(stores.id, complaints.storeId)))
    .leftJoin(handler, and(eq(handler.tenantId, complaints.tenantId), eq(handler.id, complaints.handlerId)))
    .leftJoin(receiver, and(eq(receiver.tenantId, complaints.tenantId), eq(receiver.id, complaints.receivedBy)))
    .leftJoin(
      contact,
      and(
        eq(contact.tenantId, complaints.tenantId),
        eq(contact.complaintId, complaints.id),
        eq(contact.kind, 'contacted'),
      ),
    )
    .leftJoin(contactStaff, and(eq(contactStaff.tenantId, contact.tenantId), eq(contactStaff.id, contact.actorId)))
    .where(and(eq(complaints.tenantId, tenantId), where))
    .orderBy(asc(complaints.receivedAt), asc(complaints.id), asc(contact.at));
  // A case contacted twice (reopened) comes once, with its first contact.
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.c.id) && seen.add(r.c.id));
};
export type ReportCase = Awaited<ReturnType<typeof casesWhere>>[number];

/** The cases received in the span. */
export const casesReceived = (db: Tx, s: Span) =>
  casesWhere(
    db,
    s.tenantId,
    and(gte(complaints.receivedAt, s.from), lt(complaints.receivedAt, s.to), inStore(s.storeId)),
  );

/** The cases open now. */
export const casesOpen = (db: Tx, tenantId: string, storeId: string | null) =>
  casesWhere(db, tenantId, and(eq(complaints.status, 'open'), inStore(storeId)));

/** How many were closed in the span, and how many stood open at its end (received before it, closed after). */
export const closedAndOpenAtEnd = async (db: Tx, s: Span) => {
  const [row] = await db
    .select({
      closed: sql<number>`count(*) FILTER (WHERE ${complaints.closedAt} >= ${s.from.toISOString()}::timestamptz AND ${complaints.closedAt} < ${s.to.toISOString()}::timestamptz)::int`,
      openAtEnd: sql<number>`count(*) FILTER (WHERE ${complaints.receivedAt} < ${s.to.toISOString()}::timestamptz AND (${complaints.closedAt} IS NULL OR ${complaints.closedAt} >= ${s.to.toISOString()}::timestamptz))::int`,
    })
    .from(complaints)
    .where(
      and(
        eq(complaints.tenantId, s.tenantId),
        inStore(s.storeId),
        or(lt(complaints.receivedAt, s.to), isNotNull(complaints.closedAt)),
      ),
    );
  return { closed: Number(row?.closed ?? 0), openAtEnd: Number(row?.openAtEnd ?? 0) };
};

/** The log entries of the given kinds written in the span (the follow-ups, escalations, reports of a month). */
export const eventsIn = (db: Tx, s: Span, kinds: readonly string[]) =>
  db
    .select({ kind: complaintEvents.kind, details: complaintEvents.details })
    .from(complaintEvents)
    .innerJoin(
      complaints,
      and(eq(complaints.tenantId, complaintEvents.tenantId), eq(complaints.id, complaintEvents.complaintId)),
    )
    .where(
      and(
        eq(complaintEvents.tenantId, s.tenantId),
        eq(complaints.tenantId, s.tenantId),
        inArray(complaintEvents.kind, [...kinds]),
        gte(complaintEvents.at, s.from),
        lt(complaintEvents.at, s.to),
        inStore(s.storeId),
      ),
    );

/** Improvement items created in the span, and done in it. */
export const improvementsIn = async (db: Tx, s: Span) => {
  const [row] = await db
    .select({
      created: sql<number>`count(*) FILTER (WHERE ${complaintImprovements.createdAt} >= ${s.from.toISOString()}::timestamptz AND ${complaintImprovements.createdAt} < ${s.to.toISOString()}::timestamptz)::int`,
      done: sql<number>`count(*) FILTER (WHERE ${complaintImprovements.doneAt} >= ${s.from.toISOString()}::timestamptz AND ${complaintImprovements.doneAt} < ${s.to.toISOString()}::timestamptz)::int`,
    })
    .from(complaintImprovements)
    .innerJoin(
      complaints,
      and(
        eq(complaints.tenantId, complaintImprovements.tenantId),
        eq(complaints.id, complaintImprovements.complaintId),
      ),
    )
    .where(
      and(eq(complaintImprovements.tenantId, s.tenantId), eq(complaints.tenantId, s.tenantId), inStore(s.storeId)),
    );
  return { created: Number(row?.created ?? 0), done: Number(row?.done ?? 0) };
};
