import type { OtpRequestBody, OtpVerifyBody, OwnerMe } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { sha256, sixDigitCode } from '../../platform/auth/crypto.ts';
import { createSession, revokeSession } from '../../platform/auth/sessions.ts';
import type { Ctx, OwnerCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueNotice } from '../../platform/notify/outbox.ts';
import { currentTenant } from '../tenants/tenants.service.ts';
import * as q from './owner-auth.queries.ts';
import { randomUUID } from 'node:crypto';
import { lockUntilCommit } from '../../platform/db/xact-lock.ts';

/** The OTP rules: 5-minute codes, 5 tries each, a minute between sends, 5 an hour per phone, 20 per IP. */
export const otpRules = {
  ttlSeconds: 300,
  maxAttempts: 5,
  cooldownSeconds: 60,
  perPhonePerHour: 5,
  perIpPerHour: 20,
} as const;

const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const codeHash = (otpId: string, code: string) => sha256(`${otpId}:${code}`);
const hourAgo = (now: Date) => new Date(now.getTime() - 3600_000);

export const requestOtp = async (ctx: Ctx, input: OtpRequestBody) => {
  // One request per phone at a time (until this transaction ends): the cooldown and hourly counts below are
  // read, then a code written; without the lock, concurrent requests all read "none yet" and each sends an
  // SMS (issue 13, concurrent abuse: 20 at once sent 10 codes on PostgreSQL).
  await lockUntilCommit(ctx.sql, `otp|${ctx.tenantId}|${input.phone}`);
  const now = ctx.clock.now();
  const last = await q.latestOtp(ctx.db, ctx.tenantId, input.phone);
  const sinceLast = last ? (now.getTime() - last.createdAt.getTime()) / 1000 : Infinity;
  if (sinceLast < otpRules.cooldownSeconds)
    throw new AppError('OTP_COOLDOWN', undefined, {
      retryAfterSeconds: Math.ceil(otpRules.cooldownSeconds - sinceLast),
    });
  const [byPhone, byIp] = await Promise.all([
    q.otpCountSince(ctx.db, ctx.tenantId, { phone: input.phone }, hourAgo(now)),
    q.otpCountSince(ctx.db, ctx.tenantId, { ip: ctx.request.ip }, hourAgo(now)),
  ]);
  if (byPhone >= otpRules.perPhonePerHour || byIp >= otpRules.perIpPerHour)
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: 3600 });

  const id = randomUUID();
  const code = sixDigitCode();
  await q.insertOtp(ctx.db, {
    tenantId: ctx.tenantId,
    id,
    phone: input.phone,
    codeHash: codeHash(id, code),
    requestIp: ctx.request.ip,
    createdAt: now,
    expiresAt: new Date(now.getTime() + otpRules.ttlSeconds * 1000),
  });
  const tenant = await currentTenant(ctx);
  await enqueueNotice(ctx, {
    channel: 'sms',
    to: input.phone,
    kind: 'transactional',
    topic: 'auth.otp',
    body: `【${tenant.shortName}】您的登录验证码为 ${code}，${otpRules.ttlSeconds / 60}分钟内有效。如非本人操作，请忽略本短信。`,
  });
  await audit(ctx, { action: 'auth.owner.otp_requested', details: { phone: maskPhone(input.phone) } });
  return { sent: true as const, resendAfterSeconds: otpRules.cooldownSeconds };
};

export const ownerMe = async (ctx: Ctx, ownerId: string, csrfToken: string): Promise<OwnerMe> => {
  const [tenant, owner] = await Promise.all([currentTenant(ctx), q.findOwner(ctx.db, ctx.tenantId, ownerId)]);
  if (!owner) throw new AppError('SESSION_EXPIRED');
  return {
    kind: 'owner',
    csrfToken,
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    owner: { id: owner.id, phoneMasked: maskPhone(owner.phone), name: owner.name },
  };
};

type VerifyResult = { ok: true; me: OwnerMe; cookie: string } | { ok: false; error: AppError };

/**
 * Checks a code. A wrong try is counted (and committed) before the error, hence the result type. The
 * count and the sign-in are each one conditional UPDATE on the code's row, so concurrent guesses cannot
 * read the same count and write it back: the database decides which try is the last one allowed.
 */
export const verifyOtp = async (ctx: Ctx, input: OtpVerifyBody): Promise<VerifyResult> => {
  const now = ctx.clock.now();
  const otp = await q.latestOtp(ctx.db, ctx.tenantId, input.phone);
  if (!otp || otp.consumedAt) return { ok: false, error: new AppError('OTP_INVALID') };
  if (otp.expiresAt <= now || otp.attempts >= otpRules.maxAttempts)
    return { ok: false, error: new AppError('OTP_EXPIRED') };
  // Read before the update, the row may be stale: a refused update says why from the row as it is now.
  const dead = async () =>
    (await q.findOtp(ctx.db, ctx.tenantId, otp.id))?.consumedAt
      ? new AppError('OTP_INVALID')
      : new AppError('OTP_EXPIRED');
  if (codeHash(otp.id, input.code) !== otp.codeHash) {
    const attempts = await q.countOtpAttempt(ctx.db, ctx.tenantId, otp.id, now, otpRules.maxAttempts);
    await audit(ctx, { action: 'auth.owner.sign_in_failed', details: { phone: maskPhone(input.phone) } });
    if (attempts === null) return { ok: false, error: await dead() };
    const remaining = otpRules.maxAttempts - attempts;
    return {
      ok: false,
      error: new AppError(remaining > 0 ? 'OTP_INVALID' : 'OTP_EXPIRED', undefined, { remainingAttempts: remaining }),
    };
  }
  if (!(await q.consumeOtp(ctx.db, ctx.tenantId, otp.id, now, otpRules.maxAttempts)))
    return { ok: false, error: await dead() };
  const ownerId = await q.upsertOwner(ctx.db, ctx.tenantId, input.phone, now);
  const session = await createSession(ctx.db, {
    tenantId: ctx.tenantId,
    kind: 'owner',
    subjectId: ownerId,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
    now,
  });
  await audit(ctx, {
    action: 'auth.owner.signed_in',
    target: { type: 'owner', id: ownerId },
    actor: { kind: 'owner', id: ownerId },
  });
  return { ok: true, me: await ownerMe(ctx, ownerId, session.csrfToken), cookie: session.cookie };
};

export const signOutOwner = async (ctx: OwnerCtx) => {
  await revokeSession(ctx.db, ctx.tenantId, ctx.actor.sessionId, ctx.clock.now());
  await audit(ctx, { action: 'auth.owner.signed_out', target: { type: 'owner', id: ctx.actor.id } });
};
