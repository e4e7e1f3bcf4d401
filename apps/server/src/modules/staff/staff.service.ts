import { randomInt } from 'node:crypto';
import {
  mobilePhonePattern,
  roleGrants,
  storeBoundRoles,
  type Role,
  type StaffCreateBody,
  type StaffMember,
  type StaffPasswordReset,
  type StaffUpdateBody,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/auth/crypto.ts';
import { authorize, storeScope } from '../../platform/auth/permissions.ts';
import { revokeAllSessions } from '../../platform/auth/sessions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getStore } from '../stores/stores.service.ts';
import * as q from './staff.queries.ts';
import { clearThrottles } from './staff-throttle.queries.ts';

/** What other modules may use of this module's SQL: they go through the service (lint rule m4s/no-foreign-queries). */
export {
  countFailedSignIn,
  findStaffByLoginOrPhone,
  lockedUntilOf,
  recordSignedIn,
  recordSignedInFromKnown,
  recordSignIn,
  setPassword,
} from './staff.queries.ts';
export {
  anyAddress,
  countLoginFailure,
  countPairFailure,
  recordPairSignedIn,
  throttlesOf,
  type DelayRule,
} from './staff-throttle.queries.ts';

export const listStaff = (ctx: StaffCtx, filter: { storeId?: string; q?: string }) =>
  q.listStaff(ctx.db, ctx.tenantId, { storeId: storeScope(ctx.actor) ?? filter.storeId, q: filter.q });

export const getStaff = async (ctx: StaffCtx, id: string): Promise<StaffMember> => {
  const member = await q.findStaff(ctx.db, ctx.tenantId, id);
  if (!member) throw new AppError('NOT_FOUND');
  // Out of scope reads as absent: a store manager does not learn other stores' staff ids.
  if (storeScope(ctx.actor) !== null && member.storeId !== ctx.actor.storeId && member.id !== ctx.actor.id)
    throw new AppError('NOT_FOUND');
  return member;
};

/** Store-bound roles need a store of this tenant; group roles have none. Only group roles grant group roles. */
const checkPlacement = async (ctx: StaffCtx, role: Role, storeId: string | null) => {
  if (roleGrants[role].scope === 'group' && roleGrants[ctx.actor.role].scope !== 'group')
    throw AppError.field('role', 'role_not_allowed');
  if (!storeBoundRoles.includes(role)) return null;
  if (!storeId) throw AppError.field('storeId', 'store_required');
  await getStore(ctx, storeId).catch(() => {
    throw AppError.field('storeId', 'store_unknown');
  });
  authorize(ctx.actor, 'staff.write', { storeId });
  return storeId;
};

const assertFree = async (ctx: Ctx, input: { login?: string; phone?: string | null }, exceptId?: string) => {
  // Sign-in reads a mobile-shaped name as a phone: such a login is allowed only as the member's own phone.
  if (input.login && mobilePhonePattern.test(input.login) && input.login !== input.phone)
    throw AppError.field('login', 'login_is_phone');
  if (input.login && (await q.loginOrPhoneTaken(ctx.db, ctx.tenantId, 'login', input.login, exceptId)))
    throw new AppError('LOGIN_TAKEN', undefined, { issues: [{ path: 'login', message: 'login_taken' }] });
  if (input.phone && (await q.loginOrPhoneTaken(ctx.db, ctx.tenantId, 'phone', input.phone, exceptId)))
    throw new AppError('PHONE_TAKEN', undefined, { issues: [{ path: 'phone', message: 'phone_taken' }] });
};

type NewMember = { login: string; name: string; phone: string | null; role: Role; storeId: string | null };

/** The one way a member is added: login and phone free, the password hashed (the caller audits how). */
const addMember = async (ctx: Ctx, input: NewMember & { password: string }): Promise<StaffMember> => {
  await assertFree(ctx, input);
  const now = ctx.clock.now();
  const member = await q.insertStaff(ctx.db, ctx.tenantId, {
    login: input.login,
    name: input.name,
    phone: input.phone,
    role: input.role,
    storeId: input.storeId,
    passwordHash: await hashPassword(input.password),
    createdAt: now,
    updatedAt: now,
    passwordChangedAt: now,
  });
  return member;
};

export const createStaff = async (ctx: StaffCtx, input: StaffCreateBody): Promise<StaffMember> => {
  const storeId = await checkPlacement(ctx, input.role, input.storeId);
  if (storeId === null) authorize(ctx.actor, 'staff.write', { storeId: null });
  const member = await addMember(ctx, { ...input, phone: input.phone ?? null, storeId });
  const details = { role: member.role, storeId };
  await audit(ctx, { action: 'staff.created', target: { type: 'staff', id: member.id }, details });
  return member;
};

export const updateStaff = async (ctx: StaffCtx, id: string, patch: StaffUpdateBody): Promise<StaffMember> => {
  const before = await getStaff(ctx, id);
  authorize(ctx.actor, 'staff.write', { storeId: before.storeId });
  if (id === ctx.actor.id && (patch.status === 'disabled' || (patch.role && patch.role !== before.role)))
    throw new AppError('FORBIDDEN', 'You cannot disable yourself or change your own role');
  const role = patch.role ?? before.role;
  const storeId =
    patch.storeId !== undefined || patch.role !== undefined
      ? await checkPlacement(ctx, role, patch.storeId ?? before.storeId)
      : before.storeId;
  if (patch.phone !== undefined && patch.phone !== before.phone && mobilePhonePattern.test(before.login))
    throw AppError.field('phone', 'phone_is_login');
  await assertFree(ctx, { phone: patch.phone }, id);
  const member = await q.updateStaff(ctx.db, ctx.tenantId, id, { ...patch, storeId }, ctx.clock.now());
  if (!member) throw new AppError('NOT_FOUND');
  if (member.status === 'disabled' && before.status !== 'disabled')
    await revokeAllSessions(ctx.db, { tenantId: ctx.tenantId, kind: 'staff', subjectId: id, now: ctx.clock.now() });
  const changed = (Object.keys(patch) as (keyof StaffUpdateBody)[]).filter((k) => patch[k] !== before[k]);
  await audit(ctx, {
    action: 'staff.updated',
    target: { type: 'staff', id },
    details: { changed, role: member.role, status: member.status },
  });
  return member;
};

/** A member added by the platform (a new group's first admin, the CLI): no staff member acting, no grant check. */
export const createStaffAsPlatform = async (
  ctx: Ctx,
  input: NewMember & { password: string },
): Promise<StaffMember> => {
  if (storeBoundRoles.includes(input.role) && !input.storeId) throw AppError.field('storeId', 'store_required');
  // Its own action: the group's log tells an account the platform opened from one a member created.
  const storeId = storeBoundRoles.includes(input.role) ? input.storeId : null;
  const member = await addMember(ctx, { ...input, storeId });
  const details = { role: member.role, storeId };
  await audit(ctx, { action: 'staff.created_by_platform', target: { type: 'staff', id: member.id }, details });
  return member;
};

/** The platform resets a member's password (they forgot it): unlocks the account and signs them out everywhere. */
export const resetPasswordAsPlatform = async (ctx: Ctx, login: string, password: string): Promise<StaffMember> => {
  const member = await q.findStaffByLoginOrPhone(ctx.db, ctx.tenantId, login);
  if (!member) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  await q.setPassword(ctx.db, ctx.tenantId, member.id, await hashPassword(password), now);
  await q.recordSignIn(ctx.db, ctx.tenantId, member.id, { ok: false, now, lockUntil: null, failures: 0 });
  await clearThrottles(ctx.db, ctx.tenantId, loginsOf(member));
  await revokeAllSessions(ctx.db, { tenantId: ctx.tenantId, kind: 'staff', subjectId: member.id, now });
  await audit(ctx, {
    action: 'auth.staff.password_reset',
    target: { type: 'staff', id: member.id },
    details: { by: 'platform' },
  });
  const found = await q.findStaff(ctx.db, ctx.tenantId, member.id);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
};

/** An active member by login, or the tenant's first active group admin: whom the CLI acts as. */
export const staffForPlatform = async (ctx: Ctx, login: string | null): Promise<StaffMember> => {
  const member = login
    ? await q.findStaffByLoginOrPhone(ctx.db, ctx.tenantId, login)
    : (await q.listStaff(ctx.db, ctx.tenantId, {})).find((m) => m.role === 'group_admin' && m.status === 'active');
  if (!member || member.status !== 'active') throw new AppError('NOT_FOUND');
  const found = await q.findStaff(ctx.db, ctx.tenantId, member.id);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
};

/** Every name a member's sign-in counts are kept under: their login, and their phone typed before they had it. */
const loginsOf = (member: { login: string; phone: string | null }) =>
  member.phone ? [member.login, member.phone] : [member.login];

/** A member this admin manages (in their scope, with staff.write over the member's store). */
const managed = async (ctx: StaffCtx, id: string) => {
  const member = await getStaff(ctx, id);
  authorize(ctx.actor, 'staff.write', { storeId: member.storeId });
  // A store manager resets no group-level account (those have no store, and only group roles grant them).
  if (roleGrants[member.role].scope === 'group' && roleGrants[ctx.actor.role].scope !== 'group')
    throw new AppError('FORBIDDEN');
  return member;
};

/** An admin clears a member's account lock and every per-address delay on their login. */
export const unlockStaff = async (ctx: StaffCtx, id: string): Promise<StaffMember> => {
  const member = await managed(ctx, id);
  await q.clearLock(ctx.db, ctx.tenantId, id);
  await clearThrottles(ctx.db, ctx.tenantId, loginsOf(member));
  await audit(ctx, {
    action: 'staff.unlocked',
    target: { type: 'staff', id },
    details: { wasLockedUntil: member.lockedUntil },
  });
  return (await q.findStaff(ctx.db, ctx.tenantId, id)) ?? member;
};

// No 0/O, 1/l/I: read aloud or copied by hand from the screen.
const temporaryAlphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 12 characters from a 55-letter alphabet: about 69 bits, from the system's random source. */
export const temporaryPassword = () =>
  Array.from({ length: 12 }, () => temporaryAlphabet[randomInt(temporaryAlphabet.length)]).join('');

/**
 * An admin resets a member's forgotten password: a temporary one, answered once and never stored in
 * clear, which the member must replace at the next sign-in (every permission-checked route refuses them
 * until then). Unlocks the account and signs the member out everywhere. Your own password you change
 * yourself, with the current one.
 */
export const resetStaffPassword = async (ctx: StaffCtx, id: string): Promise<StaffPasswordReset> => {
  if (id === ctx.actor.id) throw new AppError('FORBIDDEN', 'Change your own password with your current one');
  const member = await managed(ctx, id);
  const now = ctx.clock.now();
  const temporary = temporaryPassword();
  await q.setPassword(ctx.db, ctx.tenantId, id, await hashPassword(temporary), now, true);
  await q.clearLock(ctx.db, ctx.tenantId, id);
  await clearThrottles(ctx.db, ctx.tenantId, loginsOf(member));
  await revokeAllSessions(ctx.db, { tenantId: ctx.tenantId, kind: 'staff', subjectId: id, now });
  await audit(ctx, { action: 'staff.password_reset', target: { type: 'staff', id } });
  return { temporaryPassword: temporary };
};
