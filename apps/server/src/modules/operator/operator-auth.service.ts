import type { OperatorMe, OperatorSignInBody } from '@m4s/contracts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/auth/crypto.ts';
import {
  createOperatorSession,
  revokeOperatorSession,
  revokeOperatorSessions,
} from '../../platform/auth/operator-sessions.ts';
import type { OperatorCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { operatorAudit } from './operator-audit.ts';
import * as q from './operator.queries.ts';

/** Like staff: five wrong passwords lock the account for fifteen minutes. */
export const operatorLockout = { failures: 5, minutes: 15 } as const;

type SignInResult = { ok: true; me: OperatorMe; cookie: string } | { ok: false; error: AppError };

export const operatorMe = async (ctx: OperatorCtx, operatorId: string, csrfToken: string): Promise<OperatorMe> => {
  const row = await q.findOperator(ctx.db, operatorId);
  if (!row) throw new AppError('SESSION_EXPIRED');
  return { kind: 'operator', csrfToken, operator: row };
};

export const currentOperator = (ctx: OperatorCtx): Promise<OperatorMe> => {
  if (ctx.actor.kind !== 'operator') throw new AppError('UNAUTHENTICATED');
  return operatorMe(ctx, ctx.actor.id, ctx.actor.csrfToken);
};

const lockedError = (lockedUntil: Date | null, now: Date) =>
  new AppError('ACCOUNT_LOCKED', undefined, {
    retryAfterSeconds: lockedUntil
      ? Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000))
      : operatorLockout.minutes * 60,
  });

/**
 * Password sign-in. A failure is written (and committed) before the error is answered — hence the
 * result instead of a throw, which would roll the failure count and its audit entry back. The count and
 * the lock are decided by one conditional UPDATE each, so concurrent guesses are all counted.
 */
export const signInOperator = async (ctx: OperatorCtx, input: OperatorSignInBody): Promise<SignInResult> => {
  const now = ctx.clock.now();
  const found = await q.findOperatorByLogin(ctx.db, input.login);
  const as = { operatorId: found?.id ?? null, name: input.login.trim().toLowerCase().slice(0, 64) };
  if (!found) {
    await verifyPassword(input.password, dummyPasswordHash);
    await operatorAudit(ctx, { action: 'operator.sign_in_failed', as, details: { reason: 'unknown_login' } });
    return { ok: false, error: new AppError('INVALID_CREDENTIALS') };
  }
  const locked = async (lockedUntil: Date | null) => {
    await operatorAudit(ctx, { action: 'operator.sign_in_failed', as, details: { reason: 'locked' } });
    return { ok: false as const, error: lockedError(lockedUntil, now) };
  };
  if (found.lockedUntil && found.lockedUntil > now) return locked(found.lockedUntil);
  if (!(await verifyPassword(input.password, found.passwordHash))) {
    const counted = await q.countOperatorFailure(ctx.db, found.id, now, operatorLockout);
    // Locked by a concurrent failure since the row was read.
    if (!counted) return locked(await q.operatorLockedUntil(ctx.db, found.id));
    await operatorAudit(ctx, {
      action: counted.lockedUntil ? 'operator.locked' : 'operator.sign_in_failed',
      as,
      details: { reason: 'password', failures: counted.failures },
    });
    return counted.lockedUntil
      ? { ok: false, error: lockedError(counted.lockedUntil, now) }
      : { ok: false, error: new AppError('INVALID_CREDENTIALS') };
  }
  if (found.status !== 'active') {
    await operatorAudit(ctx, { action: 'operator.sign_in_failed', as, details: { reason: 'disabled' } });
    return { ok: false, error: new AppError('ACCOUNT_DISABLED') };
  }
  if (!(await q.recordOperatorSignedIn(ctx.db, found.id, now)))
    return locked(await q.operatorLockedUntil(ctx.db, found.id));
  const session = await createOperatorSession(ctx.db, {
    operatorId: found.id,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
    now,
  });
  await operatorAudit(ctx, { action: 'operator.signed_in', as });
  return { ok: true, me: await operatorMe(ctx, found.id, session.csrfToken), cookie: session.cookie };
};

export const signOutOperator = async (ctx: OperatorCtx) => {
  if (ctx.actor.kind !== 'operator') throw new AppError('UNAUTHENTICATED');
  await revokeOperatorSession(ctx.db, ctx.actor.sessionId, ctx.clock.now());
  await operatorAudit(ctx, { action: 'operator.signed_out' });
};

/** A new operator (the CLI's `operator create`; the first one can only be made there). */
export const createOperator = async (ctx: OperatorCtx, input: { login: string; name: string; password: string }) => {
  if (await q.findOperatorByLogin(ctx.db, input.login))
    throw new AppError('LOGIN_TAKEN', undefined, { issues: [{ path: 'login', message: 'login_taken' }] });
  const row = await q.insertOperator(ctx.db, {
    login: input.login,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    now: ctx.clock.now(),
  });
  await operatorAudit(ctx, {
    action: 'operator.created',
    target: { type: 'operator', id: row.id },
    details: { login: row.login },
  });
  return row;
};

/** Sets an operator's password from the CLI: unlocks the account and ends its sessions. */
export const resetOperatorPassword = async (ctx: OperatorCtx, login: string, password: string) => {
  const found = await q.findOperatorByLogin(ctx.db, login);
  if (!found) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  await q.setOperatorPassword(ctx.db, found.id, await hashPassword(password), now);
  await revokeOperatorSessions(ctx.db, found.id, now);
  await operatorAudit(ctx, { action: 'operator.password_reset', target: { type: 'operator', id: found.id } });
  return { id: found.id, login: found.login };
};
