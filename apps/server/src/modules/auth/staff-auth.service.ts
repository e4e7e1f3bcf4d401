import type { PasswordChangeBody, StaffMe, StaffSignInBody } from '@m4s/contracts';
import { eq, and } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/auth/crypto.ts';
import { permissionsOf } from '../../platform/auth/permissions.ts';
import { createSession, revokeAllSessions, revokeSession } from '../../platform/auth/sessions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { staff } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import {
  countFailedSignIn,
  findStaffByLoginOrPhone,
  lockedUntilOf,
  recordSignedIn,
  setPassword,
} from '../staff/staff.service.ts';
import { findStaffMe } from './staff-auth.queries.ts';

export const lockout = { failures: 5, minutes: 15 } as const;

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
    },
    permissions: permissionsOf(actor),
  };
};

const lockedError = (lockedUntil: Date | null, now: Date) =>
  new AppError('ACCOUNT_LOCKED', undefined, {
    retryAfterSeconds: lockedUntil
      ? Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000))
      : lockout.minutes * 60,
  });

/**
 * Password sign-in. Failures are written (and committed) before the error is returned, which is why
 * this returns its error instead of throwing: a throw would roll the failure count back. The count and
 * the lock are decided by one conditional UPDATE each (countFailedSignIn, recordSignedIn), so concurrent
 * guesses are all counted and none signs in once the lock is set.
 */
export const signInStaff = async (ctx: Ctx, input: StaffSignInBody): Promise<SignInResult> => {
  const now = ctx.clock.now();
  const member = await findStaffByLoginOrPhone(ctx.db, ctx.tenantId, input.login);
  if (!member) {
    await verifyPassword(input.password, dummyPasswordHash);
    await audit(ctx, { action: 'auth.staff.sign_in_failed', details: { reason: 'unknown_login' } });
    return { ok: false, error: new AppError('INVALID_CREDENTIALS') };
  }
  const target = { type: 'staff', id: member.id };
  const locked = async (lockedUntil: Date | null) => {
    await audit(ctx, { action: 'auth.staff.sign_in_failed', target, details: { reason: 'locked' } });
    return { ok: false as const, error: lockedError(lockedUntil, now) };
  };
  if (member.lockedUntil && member.lockedUntil > now) return locked(member.lockedUntil);
  if (!(await verifyPassword(input.password, member.passwordHash))) {
    const counted = await countFailedSignIn(ctx.db, ctx.tenantId, member.id, now, lockout);
    // Locked by a concurrent failure since the row was read.
    if (!counted) return locked(await lockedUntilOf(ctx.db, ctx.tenantId, member.id));
    await audit(ctx, {
      action: counted.lockedUntil ? 'auth.staff.locked' : 'auth.staff.sign_in_failed',
      target,
      details: { reason: 'password', failures: counted.failures },
    });
    return counted.lockedUntil
      ? { ok: false, error: lockedError(counted.lockedUntil, now) }
      : { ok: false, error: new AppError('INVALID_CREDENTIALS') };
  }
  if (member.status !== 'active') {
    await audit(ctx, { action: 'auth.staff.sign_in_failed', target, details: { reason: 'disabled' } });
    return { ok: false, error: new AppError('ACCOUNT_DISABLED') };
  }
  if (!(await recordSignedIn(ctx.db, ctx.tenantId, member.id, now)))
    return locked(await lockedUntilOf(ctx.db, ctx.tenantId, member.id));
  const session = await createSession(ctx.db, {
    tenantId: ctx.tenantId,
    kind: 'staff',
    subjectId: member.id,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
    now,
  });
  await audit(ctx, { action: 'auth.staff.signed_in', target, actor: { kind: 'staff', id: member.id } });
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
