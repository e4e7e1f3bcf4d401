import { and, asc, count, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
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

/** A code that can still sign in: not consumed, not expired, fewer than `maxAttempts` tries counted. */
const liveOtp = (now: Date, maxAttempts: number) =>
  and(isNull(ownerOtps.consumedAt), gt(ownerOtps.expiresAt, now), lt(ownerOtps.attempts, maxAttempts));

/**
 * Counts one wrong try, in the database: the row is updated only while the code is live (not consumed, not
 * expired, fewer than `maxAttempts` tries), so concurrent guesses queue on the row and each sees the count
 * the previous one left. Returns the tries counted so far, or null when the code was already dead.
 */
export const countOtpAttempt = async (db: Tx, tenantId: string, id: string, now: Date, maxAttempts: number) => {
  const [row] = await db
    .update(ownerOtps)
    .set({ attempts: sql`${ownerOtps.attempts} + 1` })
    .where(and(eq(ownerOtps.tenantId, tenantId), eq(ownerOtps.id, id), liveOtp(now, maxAttempts)))
    .returning({ attempts: ownerOtps.attempts });
  return row?.attempts ?? null;
};

/** Marks the code used; false when it is no longer live (consumed, expired or out of tries) by now. */
export const consumeOtp = async (db: Tx, tenantId: string, id: string, now: Date, maxAttempts: number) => {
  const rows = await db
    .update(ownerOtps)
    .set({ consumedAt: now })
    .where(and(eq(ownerOtps.tenantId, tenantId), eq(ownerOtps.id, id), liveOtp(now, maxAttempts)))
    .returning({ id: ownerOtps.id });
  return rows.length === 1;
};

export const findOtp = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(ownerOtps)
    .where(and(eq(ownerOtps.tenantId, tenantId), eq(ownerOtps.id, id)));
  return row ?? null;
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
