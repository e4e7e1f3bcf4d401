import { mobilePhonePattern, type PasswordChangeBody, type StaffMe, type StaffSignInBody } from '@m4s/contracts';
import { eq, and } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/auth/crypto.ts';
import { permissionsOf } from '../../platform/auth/permissions.ts';
import { createSession, revokeAllSessions, revokeSession } from '../../platform/auth/sessions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { staff } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import {
  anyAddress,
  countFailedSignIn,
  countLoginFailure,
  countPairFailure,
  findStaffByLoginOrPhone,
  lockedUntilOf,
  recordPairSignedIn,
  recordSignedIn,
  recordSignedInFromKnown,
  setPassword,
  throttlesOf,
} from '../staff/staff.service.ts';
import { findStaffMe } from './staff-auth.queries.ts';

/** Per login: the 5th wrong password locks it for 15 minutes, except for the addresses it signs in from. */
export const lockout = { failures: 5, minutes: 15 } as const;
/**
 * Per (login, address): 5 wrong passwords are free, then each one makes that pair wait 30 s, 1, 2, 4, 8
 * minutes, at most 15; a count quiet for a day starts afresh.
 */
export const addressDelay = { free: 5, firstSeconds: 30, maxSeconds: 15 * 60, forgetHours: 24 } as const;
/** An address that has signed in to a login within this many days is known to it. */
export const knownAddressDays = 90;
/** A temporary password an admin handed over signs in for this long; then the admin resets it again. */
export const temporaryPasswordHours = 72;

type SignInResult = { ok: true; me: StaffMe; cookie: string } | { ok: false; error: AppError };

/**
 * Who is signed in, as the apps need it. A signed-in request's actor carries it, read with the session in
 * the transaction's first round trip; sign-in reads it afresh.
 */
export const staffMe = async (ctx: Ctx, staffId: string, csrfToken: string): Promise<StaffMe> => {
  const asking = ctx.actor;
  const known = asking.kind === 'staff' && asking.id === staffId && asking.profile ? asking : null;
  const row = known?.profile
    ? { id: known.id, role: known.role, storeId: known.storeId, ...known.profile }
    : await findStaffMe(ctx.sql, ctx.tenantId, staffId);
  if (!row) throw new AppError('SESSION_EXPIRED');
  const actor = {
    kind: 'staff' as const,
    id: row.id,
    role: row.role,
    storeId: row.storeId,
    customerScope: 'group' as const,
    sessionId: '',
    csrfToken,
  };
  return {
    kind: 'staff',
    csrfToken,
    tenant: row.tenant,
    staff: {
      id: row.id,
      login: row.login,
      name: row.name,
      role: row.role,
      store: row.storeId && row.storeName ? { id: row.storeId, name: row.storeName } : null,
      mustChangePassword: row.mustChangePassword,
    },
    permissions: permissionsOf(actor),
  };
};

const secondsUntil = (until: Date | null, now: Date, otherwise: number) =>
  until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : otherwise;

const lockedError = (lockedUntil: Date | null, now: Date) =>
  new AppError('ACCOUNT_LOCKED', undefined, {
    retryAfterSeconds: secondsUntil(lockedUntil, now, lockout.minutes * 60),
  });

const delayedError = (blockedUntil: Date | null, now: Date) =>
  new AppError('SIGN_IN_DELAYED', undefined, {
    retryAfterSeconds: secondsUntil(blockedUntil, now, addressDelay.firstSeconds),
  });

/** What sign-in counts a name under: the member's login, or the name as typed when it names no one. */
const keyOf = (typed: string) => {
  const name = typed.trim();
  return mobilePhonePattern.test(name) ? name : name.toLowerCase();
};

/**
 * Password sign-in (docs/staff-sign-in.md). Failures are written (and committed) before the error is
 * returned, which is why this returns its error instead of throwing: a throw would roll the count back.
 * Every count is one conditional UPDATE or upsert (countFailedSignIn, countPairFailure…), so concurrent
 * guesses are all counted and none signs in once a lock or a wait is set.
 *
 * Two limits: the login's (5 wrong passwords lock it for 15 minutes) holds back every address that has
 * not signed in to it before; each (login, address) pair has its own progressive wait. Guesses from
 * elsewhere therefore never lock a member out of the office. A login that names no one is counted the
 * same way under the name as typed, runs the same password hash and gets the same answers, so neither an
 * answer nor a lock tells whether a login exists.
 */
export const signInStaff = async (ctx: Ctx, input: StaffSignInBody): Promise<SignInResult> => {
  const now = ctx.clock.now();
  const ip = ctx.request.ip;
  const member = await findStaffByLoginOrPhone(ctx.db, ctx.tenantId, input.login);
  const key = { login: member ? member.login : keyOf(input.login), ip };
  const throttles = await throttlesOf(ctx.db, ctx.tenantId, key.login, ip);
  const since = now.getTime() - knownAddressDays * 86_400_000;
  const known = (throttles.pair?.signedInAt?.getTime() ?? 0) > since;
  const target = member ? { type: 'staff', id: member.id } : undefined;
  const who = member ? {} : { reason: 'unknown_login' };
  const refuse = async (reason: string, error: AppError) => {
    await audit(ctx, { action: 'auth.staff.sign_in_failed', target, details: { reason, ...who } });
    return { ok: false as const, error };
  };
  const loginLock = member ? member.lockedUntil : (throttles.login?.blockedUntil ?? null);
  const lockNow = async () =>
    member
      ? lockedUntilOf(ctx.db, ctx.tenantId, member.id)
      : ((await throttlesOf(ctx.db, ctx.tenantId, key.login, anyAddress)).pair?.blockedUntil ?? null);

  if (!known && loginLock && loginLock > now) return refuse('locked', lockedError(loginLock, now));
  const wait = throttles.pair?.blockedUntil;
  if (wait && wait > now) return refuse('delayed', delayedError(wait, now));

  const passwordOk = await verifyPassword(input.password, member?.passwordHash ?? dummyPasswordHash);
  if (!member || !passwordOk) {
    const counted = member
      ? await countFailedSignIn(ctx.db, ctx.tenantId, member.id, now, lockout)
      : await countLoginFailure(ctx.db, ctx.tenantId, key.login, now, lockout);
    const delayed = await countPairFailure(ctx.db, ctx.tenantId, key, now, addressDelay);
    // Locked by a concurrent failure since the rows were read.
    if (!counted && !known) return refuse('locked', lockedError(await lockNow(), now));
    if (!delayed) return refuse('delayed', delayedError(null, now));
    const error =
      counted?.lockedUntil && !known
        ? lockedError(counted.lockedUntil, now)
        : delayed.blockedUntil
          ? delayedError(delayed.blockedUntil, now)
          : new AppError('INVALID_CREDENTIALS');
    await audit(ctx, {
      action: member && counted?.lockedUntil ? 'auth.staff.locked' : 'auth.staff.sign_in_failed',
      target,
      details: { reason: 'password', failures: counted?.failures, addressFailures: delayed.failures, ...who },
    });
    return { ok: false, error };
  }
  if (member.status !== 'active') return refuse('disabled', new AppError('ACCOUNT_DISABLED'));
  if (
    member.mustChangePassword &&
    now.getTime() - member.passwordChangedAt.getTime() > temporaryPasswordHours * 3600_000
  )
    return refuse('temporary_password_expired', new AppError('TEMPORARY_PASSWORD_EXPIRED'));
  if (known) await recordSignedInFromKnown(ctx.db, ctx.tenantId, member.id, now);
  else if (!(await recordSignedIn(ctx.db, ctx.tenantId, member.id, now)))
    return refuse('locked', lockedError(await lockNow(), now));
  if (!(await recordPairSignedIn(ctx.db, ctx.tenantId, key, now))) return refuse('delayed', delayedError(null, now));
  const session = await createSession(ctx.db, {
    tenantId: ctx.tenantId,
    kind: 'staff',
    subjectId: member.id,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
    now,
  });
  await audit(ctx, {
    action: 'auth.staff.signed_in',
    target,
    actor: { kind: 'staff', id: member.id },
    details: known ? {} : { newAddress: true },
  });
  return { ok: true, me: await staffMe(ctx, member.id, session.csrfToken), cookie: session.cookie };
};

export const signOutStaff = async (ctx: StaffCtx) => {
  await revokeSession(ctx.db, ctx.tenantId, ctx.actor.sessionId, ctx.clock.now());
  await audit(ctx, { action: 'auth.staff.signed_out', target: { type: 'staff', id: ctx.actor.id } });
};

/** Changing the password signs the person out everywhere else. */
export const changePassword = async (ctx: StaffCtx, input: PasswordChangeBody) => {
  const [row] = await ctx.db
    .select({ passwordHash: staff.passwordHash })
    .from(staff)
    .where(and(eq(staff.tenantId, ctx.tenantId), eq(staff.id, ctx.actor.id)));
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash)))
    throw new AppError('INVALID_CREDENTIALS', undefined, {
      issues: [{ path: 'currentPassword', message: 'password_wrong' }],
    });
  const now = ctx.clock.now();
  await setPassword(ctx.db, ctx.tenantId, ctx.actor.id, await hashPassword(input.newPassword), now);
  await revokeAllSessions(ctx.db, {
    tenantId: ctx.tenantId,
    kind: 'staff',
    subjectId: ctx.actor.id,
    now,
    except: ctx.actor.sessionId,
  });
  await audit(ctx, { action: 'auth.staff.password_changed', target: { type: 'staff', id: ctx.actor.id } });
};
