import { and, asc, count, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { ownerOtps, owners, sessions } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

export const latestOtp = async (db: Tx, tenantId: string, phone: string) => {
  const [row] = await db
    .select()
    .from(ownerOtps)
    .where(and(eq(ownerOtps.tenantId, tenantId), eq(ownerOtps.phone, phone)))
    .orderBy(desc(ownerOtps.createdAt))
    .limit(1);
  return row ?? null;
};

export const otpCountSince = async (db: Tx, tenantId: string, by: { phone: string } | { ip: string }, since: Date) => {
  const [row] = await db
    .select({ n: count() })
    .from(ownerOtps)
    .where(
      and(
        eq(ownerOtps.tenantId, tenantId),
        'phone' in by ? eq(ownerOtps.phone, by.phone) : eq(ownerOtps.requestIp, by.ip),
        gt(ownerOtps.createdAt, since),
      ),
    );
  return Number(row?.n ?? 0);
};

export const insertOtp = async (db: Tx, values: typeof ownerOtps.$inferInsert) => {
  await db.insert(ownerOtps).values(values);
};

export const countOtpAttempt = async (db: Tx, tenantId: string, id: string, attempts: number) => {
  await db
    .update(ownerOtps)
    .set({ attempts })
    .where(and(eq(ownerOtps.tenantId, tenantId), eq(ownerOtps.id, id)));
};

/** Marks the code used; false when a concurrent sign-in consumed it first. */
export const consumeOtp = async (db: Tx, tenantId: string, id: string, now: Date) => {
  const rows = await db
    .update(ownerOtps)
    .set({ consumedAt: now })
    .where(and(eq(ownerOtps.tenantId, tenantId), eq(ownerOtps.id, id), isNull(ownerOtps.consumedAt)))
    .returning({ id: ownerOtps.id });
  return rows.length === 1;
};

/** The owner account for a phone, created on first sign-in. */
export const upsertOwner = async (db: Tx, tenantId: string, phone: string, now: Date) => {
  const [row] = await db
    .insert(owners)
    .values({ tenantId, phone, createdAt: now, lastSignInAt: now })
    .onConflictDoUpdate({ target: [owners.tenantId, owners.phone], set: { lastSignInAt: now } })
    .returning({ id: owners.id });
  if (!row) throw new Error('owner upsert returned nothing');
  return row.id;
};

export const findOwner = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(owners)
    .where(and(eq(owners.tenantId, tenantId), eq(owners.id, id)));
  return row ?? null;
};

/** The owner-app accounts of these phone numbers (a customer's accounts), oldest first. */
export const ownersByPhones = (db: Tx, tenantId: string, phones: string[]) =>
  phones.length === 0
    ? Promise.resolve([] as (typeof owners.$inferSelect)[])
    : db
        .select()
        .from(owners)
        .where(and(eq(owners.tenantId, tenantId), inArray(owners.phone, phones)))
        .orderBy(asc(owners.createdAt));

/**
 * An erased person's app accounts go: their sessions (signed out), their sign-in codes, the accounts. The
 * rows that pointed at the accounts (bindings, inbox, bookings' owner) were dealt with by their modules.
 */
export const deleteOwnerAccounts = async (db: Tx, tenantId: string, ownerIds: string[], phones: string[]) => {
  if (ownerIds.length > 0) {
    await db
      .delete(sessions)
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.kind, 'owner'), inArray(sessions.subjectId, ownerIds)));
    await db.delete(owners).where(and(eq(owners.tenantId, tenantId), inArray(owners.id, ownerIds)));
  }
  if (phones.length > 0)
    await db.delete(ownerOtps).where(and(eq(ownerOtps.tenantId, tenantId), inArray(ownerOtps.phone, phones)));
};
