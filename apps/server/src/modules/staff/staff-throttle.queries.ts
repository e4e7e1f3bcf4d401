import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { staffSignInThrottles as th } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

/** The login-wide row of a login that names no member (a member's own count is on its staff row). */
export const anyAddress = '';

export type Throttle = {
  failures: number;
  blockedUntil: Date | null;
  signedInAt: Date | null;
};

/** The (login, address) row and the login-wide row, read in one statement. */
export const throttlesOf = async (db: Tx, tenantId: string, login: string, ip: string) => {
  const rows = await db
    .select({
      ip: th.ip,
      failures: th.failures,
      blockedUntil: th.blockedUntil,
      signedInAt: th.signedInAt,
    })
    .from(th)
    .where(and(eq(th.tenantId, tenantId), eq(th.login, login), inArray(th.ip, [ip, anyAddress])));
  const of = (which: string): Throttle | null => rows.find((r) => r.ip === which) ?? null;
  return { pair: of(ip), login: ip === anyAddress ? null : of(anyAddress) };
};

const notBlockedAt = (now: Date) => sql`(${th.blockedUntil} IS NULL OR ${th.blockedUntil} <= ${now.toISOString()})`;

export type DelayRule = { free: number; firstSeconds: number; maxSeconds: number; forgetHours: number };

/**
 * Counts one wrong password from one address, in one statement (INSERT … ON CONFLICT DO UPDATE, so
 * concurrent guesses queue on the row and each is counted). From the `free`-th failure on, each one
 * blocks the pair for firstSeconds·2^(n−free), at most maxSeconds; a count quiet for `forgetHours` starts
 * afresh. Null when the pair was already blocked at `now` (the guess counts for nothing: the wait stands).
 * Its DO UPDATE SET calls only IMMUTABLE functions, as Citus requires on a distributed table: the moment
 * the count is forgotten before comes from here, and the wait ends at `to_timestamp(epoch + seconds)`
 * (timestamptz ± interval is STABLE: it depends on the session's time zone).
 */
export const countPairFailure = async (
  db: Tx,
  tenantId: string,
  key: { login: string; ip: string },
  now: Date,
  rule: DelayRule,
): Promise<{ failures: number; blockedUntil: Date | null } | null> => {
  const forgetBefore = new Date(now.getTime() - rule.forgetHours * 3_600_000).toISOString();
  const next = sql`CASE WHEN ${th.lastFailureAt} IS NULL OR ${th.lastFailureAt} < ${forgetBefore}::timestamptz THEN 1 ELSE ${th.failures} + 1 END`;
  const blockFor = (n: SQL) =>
    sql`CASE WHEN ${n} >= ${rule.free} THEN to_timestamp(${now.getTime() / 1000}::float8 + LEAST(${rule.maxSeconds}, ${rule.firstSeconds} * power(2, ${n} - ${rule.free}))) ELSE NULL END`;
  const first = rule.free <= 1 ? new Date(now.getTime() + rule.firstSeconds * 1000) : null;
  const [row] = await db
    .insert(th)
    .values({ tenantId, login: key.login, ip: key.ip, failures: 1, blockedUntil: first, lastFailureAt: now })
    .onConflictDoUpdate({
      target: [th.tenantId, th.login, th.ip],
      set: { failures: next, blockedUntil: blockFor(next), lastFailureAt: now },
      setWhere: notBlockedAt(now),
    })
    .returning({ failures: th.failures, blockedUntil: th.blockedUntil });
  return row ?? null;
};

/**
 * Counts one wrong password against a login that names no member, as countFailedSignIn does on a
 * member's row: the failure reaching `rule.failures` locks the login for `rule.minutes` and starts the
 * count afresh. Null when the login was already locked at `now`.
 */
export const countLoginFailure = async (
  db: Tx,
  tenantId: string,
  login: string,
  now: Date,
  rule: { failures: number; minutes: number },
): Promise<{ failures: number; lockedUntil: Date | null } | null> => {
  const reaches = sql`${th.failures} + 1 >= ${rule.failures}`;
  const lockUntil = new Date(now.getTime() + rule.minutes * 60_000);
  const firstLocks = rule.failures <= 1;
  const [row] = await db
    .insert(th)
    .values({
      tenantId,
      login,
      ip: anyAddress,
      failures: firstLocks ? 0 : 1,
      blockedUntil: firstLocks ? lockUntil : null,
      lastFailureAt: now,
    })
    .onConflictDoUpdate({
      target: [th.tenantId, th.login, th.ip],
      set: {
        failures: sql`CASE WHEN ${reaches} THEN 0 ELSE ${th.failures} + 1 END`,
        blockedUntil: sql`CASE WHEN ${reaches} THEN ${lockUntil.toISOString()}::timestamptz ELSE NULL END`,
        lastFailureAt: now,
      },
      setWhere: notBlockedAt(now),
    })
    .returning({ failures: th.failures, blockedUntil: th.blockedUntil });
  if (!row) return null;
  return row.blockedUntil
    ? { failures: rule.failures, lockedUntil: row.blockedUntil }
    : { failures: row.failures, lockedUntil: null };
};

/**
 * A right password from this address: its count is cleared and the address is known to the login from
 * now on. Only if no concurrent failure has blocked the pair meanwhile (false then).
 */
export const recordPairSignedIn = async (db: Tx, tenantId: string, key: { login: string; ip: string }, now: Date) => {
  const rows = await db
    .insert(th)
    .values({ tenantId, login: key.login, ip: key.ip, failures: 0, signedInAt: now })
    .onConflictDoUpdate({
      target: [th.tenantId, th.login, th.ip],
      set: { failures: 0, blockedUntil: null, signedInAt: now },
      setWhere: notBlockedAt(now),
    })
    .returning({ login: th.login });
  return rows.length === 1;
};

/** Forgets every count and delay on these logins (an admin's unlock or reset); the known addresses stay. */
export const clearThrottles = async (db: Tx, tenantId: string, logins: string[]) => {
  await db
    .update(th)
    .set({ failures: 0, blockedUntil: null, lastFailureAt: null })
    .where(and(eq(th.tenantId, tenantId), inArray(th.login, logins)));
};

/**
 * Forgets the (login, address) rows nothing has touched since `before`: no failure, no wait and no sign-in
 * after it. Guesses at unknown logins leave rows too; the night removes them once they are that old.
 */
export const purgeIdleThrottles = async (db: Tx, tenantId: string, before: Date) => {
  const at = before.toISOString();
  const gone = await db
    .delete(th)
    .where(
      and(
        eq(th.tenantId, tenantId),
        sql`coalesce(${th.lastFailureAt}, '-infinity') < ${at}::timestamptz`,
        sql`coalesce(${th.blockedUntil}, '-infinity') < ${at}::timestamptz`,
        sql`coalesce(${th.signedInAt}, '-infinity') < ${at}::timestamptz`,
      ),
    )
    .returning({ login: th.login });
  return gone.length;
};
