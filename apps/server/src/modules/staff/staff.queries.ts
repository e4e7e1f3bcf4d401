import { and, asc, eq, ilike, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { mobilePhonePattern, type StaffMember, type StaffUpdateBody } from '@m4s/contracts';
import { staff } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

type Row = typeof staff.$inferSelect;

const toMember = (r: Row): StaffMember => ({
  id: r.id,
  login: r.login,
  name: r.name,
  phone: r.phone,
  role: r.role,
  storeId: r.storeId,
  status: r.status,
  lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
  lockedUntil: r.lockedUntil?.toISOString() ?? null,
  mustChangePassword: r.mustChangePassword,
  createdAt: r.createdAt.toISOString(),
});

export const listStaff = async (db: Tx, tenantId: string, filter: { storeId?: string | null; q?: string }) => {
  const like = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db
    .select()
    .from(staff)
    .where(
      and(
        eq(staff.tenantId, tenantId),
        filter.storeId ? eq(staff.storeId, filter.storeId) : undefined,
        like ? or(ilike(staff.name, like), ilike(staff.login, like), ilike(staff.phone, like)) : undefined,
      ),
    )
    .orderBy(asc(staff.login))
    .limit(500);
  return rows.map(toMember);
};

export const findStaff = async (db: Tx, tenantId: string, id: string): Promise<StaffMember | null> => {
  const [row] = await db
    .select()
    .from(staff)
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id)));
  return row ? toMember(row) : null;
};

/**
 * The member a sign-in names, deterministically: what is shaped like a mainland mobile number is a phone
 * (a login of that shape is its member's own phone: staff_login_not_phone_check), anything else a login.
 */
export const findStaffByLoginOrPhone = async (db: Tx, tenantId: string, login: string) => {
  const typed = login.trim();
  const [row] = await db
    .select()
    .from(staff)
    .where(
      and(
        eq(staff.tenantId, tenantId),
        mobilePhonePattern.test(typed) ? eq(staff.phone, typed) : eq(staff.login, typed.toLowerCase()),
      ),
    );
  return row ?? null;
};

export const loginOrPhoneTaken = async (
  db: Tx,
  tenantId: string,
  field: 'login' | 'phone',
  value: string,
  exceptId?: string,
) => {
  const [row] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(
      and(
        eq(staff.tenantId, tenantId),
        // A phone is taken when it is someone's phone or someone's login.
        field === 'login' ? eq(staff.login, value) : or(eq(staff.phone, value), eq(staff.login, value)),
        exceptId ? ne(staff.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
};

type NewStaff = Omit<typeof staff.$inferInsert, 'tenantId' | 'id'>;

export const insertStaff = async (db: Tx, tenantId: string, values: NewStaff): Promise<StaffMember> => {
  const [row] = await db
    .insert(staff)
    .values({ tenantId, ...values })
    .returning();
  if (!row) throw new Error('staff insert returned nothing');
  return toMember(row);
};

export const updateStaff = async (db: Tx, tenantId: string, id: string, patch: StaffUpdateBody, now: Date) => {
  const [row] = await db
    .update(staff)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id)))
    .returning();
  return row ? toMember(row) : null;
};

/** A new password: the member's own (mustChange false) or an admin's temporary one (true). */
export const setPassword = async (
  db: Tx,
  tenantId: string,
  id: string,
  passwordHash: string,
  now: Date,
  mustChange = false,
) => {
  await db
    .update(staff)
    .set({ passwordHash, passwordChangedAt: now, updatedAt: now, mustChangePassword: mustChange })
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id)));
};

export const recordSignIn = async (
  db: Tx,
  tenantId: string,
  id: string,
  outcome: { ok: boolean; now: Date; lockUntil: Date | null; failures: number },
) => {
  await db
    .update(staff)
    .set(
      outcome.ok
        ? { failedAttempts: 0, lockedUntil: null, lastSignInAt: outcome.now }
        : { failedAttempts: outcome.failures, lockedUntil: outcome.lockUntil },
    )
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id)));
};

/** Not locked at `now`: never locked, or the lock has run out. */
const unlockedAt = (now: Date) => or(isNull(staff.lockedUntil), lte(staff.lockedUntil, now));

/**
 * Counts one wrong password, in the database: one conditional UPDATE adds 1 to the stored count (never a
 * count read earlier and written back), and the failure that reaches `rule.failures` sets the lock and
 * starts the count afresh. Concurrent failures queue on the row, so each is counted. Null when the account
 * was already locked at `now` (the failure then counts for nothing: the lock stands).
 */
export const countFailedSignIn = async (
  db: Tx,
  tenantId: string,
  id: string,
  now: Date,
  rule: { failures: number; minutes: number },
) => {
  const reaches = sql`${staff.failedAttempts} + 1 >= ${rule.failures}`;
  const lockUntil = new Date(now.getTime() + rule.minutes * 60_000).toISOString();
  const [row] = await db
    .update(staff)
    .set({
      failedAttempts: sql`CASE WHEN ${reaches} THEN 0 ELSE ${staff.failedAttempts} + 1 END`,
      lockedUntil: sql`CASE WHEN ${reaches} THEN ${lockUntil}::timestamptz ELSE NULL END`,
    })
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id), unlockedAt(now)))
    .returning({ failedAttempts: staff.failedAttempts, lockedUntil: staff.lockedUntil });
  if (!row) return null;
  return row.lockedUntil
    ? { failures: rule.failures, lockedUntil: row.lockedUntil }
    : { failures: row.failedAttempts, lockedUntil: null };
};

/** A right password signs in only if no concurrent failure has locked the account meanwhile. */
export const recordSignedIn = async (db: Tx, tenantId: string, id: string, now: Date) => {
  const rows = await db
    .update(staff)
    .set({ failedAttempts: 0, lockedUntil: null, lastSignInAt: now })
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id), unlockedAt(now)))
    .returning({ id: staff.id });
  return rows.length === 1;
};

/**
 * A right password from an address the member has signed in from before: the account-wide lock does not
 * hold it back (docs/staff-sign-in.md), and it leaves a standing lock in place for every other address.
 */
export const recordSignedInFromKnown = async (db: Tx, tenantId: string, id: string, now: Date) => {
  await db
    .update(staff)
    .set({
      failedAttempts: sql`CASE WHEN ${unlockedAt(now)} THEN 0 ELSE ${staff.failedAttempts} END`,
      lastSignInAt: now,
    })
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id)));
};

/** An admin's unlock: the account-wide count and lock are cleared. */
export const clearLock = async (db: Tx, tenantId: string, id: string) => {
  await db
    .update(staff)
    .set({ failedAttempts: 0, lockedUntil: null })
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id)));
};

export const lockedUntilOf = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ lockedUntil: staff.lockedUntil })
    .from(staff)
    .where(and(eq(staff.tenantId, tenantId), eq(staff.id, id)));
  return row?.lockedUntil ?? null;
};
