import type {
  AdvisorLeaveDay,
  BookingSettings,
  BookingSettingsInput,
  Closure,
  ClosureInput,
  ServiceType,
  serviceTypeInput,
} from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { storeClock } from './availability.queries.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { addDays } from '../../platform/time/zone.ts';
import * as q from './setup.queries.ts';

type ServiceTypeData = z.output<typeof serviceTypeInput>;

/** The store must be this tenant's (a 404 otherwise) and inside the actor's scope for `permission`. */
const storeInScope = async (ctx: StaffCtx, storeId: string, permission: 'visit.read' | 'service.setup') => {
  const store = await q.storeExists(ctx.db, ctx.tenantId, storeId);
  if (!store) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, permission, { storeId });
  return store;
};

// ── Service catalogue ───────────────────────────────────────────────────────────────────────────────

export const listServiceTypes = async (ctx: StaffCtx, storeId: string | undefined): Promise<ServiceType[]> => {
  if (storeId && !(await q.storeExists(ctx.db, ctx.tenantId, storeId))) return [];
  return q.listServiceTypes(ctx.db, ctx.tenantId, storeId ? { storeId } : {});
};

/** A group-wide type (no store) is a group decision; a store's own type its managers' — authorize sees to both. */
const checkTypeStore = async (ctx: StaffCtx, storeId: string | null) => {
  if (storeId && !(await q.storeExists(ctx.db, ctx.tenantId, storeId)))
    throw AppError.field('storeId', 'store_unknown');
  authorize(ctx.actor, 'service.setup', { storeId });
};

export const createServiceType = async (ctx: StaffCtx, input: ServiceTypeData): Promise<ServiceType> => {
  await checkTypeStore(ctx, input.storeId);
  const now = ctx.clock.now();
  const row = await q.insertServiceType(ctx.db, { tenantId: ctx.tenantId, ...input, createdAt: now, updatedAt: now });
  await audit(ctx, {
    action: 'service_type.created',
    target: { type: 'service_type', id: row.id },
    details: { code: row.code },
  });
  return q.toServiceType(row);
};

export const updateServiceType = async (ctx: StaffCtx, id: string, input: ServiceTypeData): Promise<ServiceType> => {
  const before = await q.findServiceType(ctx.db, ctx.tenantId, id);
  if (!before) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, 'service.setup', { storeId: before.storeId });
  await checkTypeStore(ctx, input.storeId);
  const row = await q.updateServiceType(ctx.db, ctx.tenantId, id, { ...input, updatedAt: ctx.clock.now() });
  if (!row) throw new AppError('NOT_FOUND');
  const changed = (Object.keys(input) as (keyof ServiceTypeData)[]).filter((k) => before[k] !== input[k]);
  await audit(ctx, { action: 'service_type.updated', target: { type: 'service_type', id }, details: { changed } });
  return q.toServiceType(row);
};

// ── Settings ────────────────────────────────────────────────────────────────────────────────────────

export const getSettings = async (ctx: StaffCtx, storeId: string): Promise<BookingSettings> => {
  await storeInScope(ctx, storeId, 'visit.read');
  const c = await storeClock(ctx.sql, ctx.tenantId, storeId, ctx.clock.now());
  if (!c) throw new AppError('NOT_FOUND');
  const { slotMinutes, bays, walkInSharePct, onlineSharePct, leadMinutes, horizonDays } = c;
  return { storeId, slotMinutes, bays, walkInSharePct, onlineSharePct, leadMinutes, horizonDays };
};

/** Changing the slot length leaves existing bookings where they are; new bookings use the new grid. */
export const putSettings = async (ctx: StaffCtx, storeId: string, input: BookingSettingsInput) => {
  await storeInScope(ctx, storeId, 'service.setup');
  await q.upsertSettings(ctx.db, ctx.tenantId, storeId, input, ctx.clock.now());
  await audit(ctx, {
    action: 'booking_settings.updated',
    target: { type: 'store', id: storeId },
    details: { ...input },
  });
  return getSettings(ctx, storeId);
};

// ── Closures ────────────────────────────────────────────────────────────────────────────────────────

export const listClosures = async (
  ctx: StaffCtx,
  storeId: string,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<Closure[]> => {
  await storeInScope(ctx, storeId, 'visit.read');
  const c = await storeClock(ctx.sql, ctx.tenantId, storeId, ctx.clock.now());
  const from = range.from ?? c?.today ?? '2000-01-01';
  return q.closuresOf(ctx.db, ctx.tenantId, storeId, from, range.to ?? addDays(from, 366));
};

/** Bookings already made for that day stay: the store calls those customers (the calendar shows them). */
export const addClosure = async (ctx: StaffCtx, storeId: string, input: ClosureInput): Promise<Closure> => {
  await storeInScope(ctx, storeId, 'service.setup');
  const row = await q.insertClosure(ctx.db, { tenantId: ctx.tenantId, storeId, ...input });
  if (!row) throw new AppError('CONFLICT', undefined, { issues: [{ path: 'date', message: 'closure_exists' }] });
  await audit(ctx, { action: 'store_closure.added', target: { type: 'store', id: storeId }, details: { ...input } });
  return row;
};

export const removeClosure = async (ctx: StaffCtx, id: string) => {
  const row = await q.findClosure(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, 'service.setup', { storeId: row.storeId });
  await q.deleteClosure(ctx.db, ctx.tenantId, id);
  await audit(ctx, {
    action: 'store_closure.removed',
    target: { type: 'store', id: row.storeId },
    details: { date: row.date, reason: row.reason },
  });
};

// ── Advisor leave ───────────────────────────────────────────────────────────────────────────────────

const advisorInScope = async (ctx: StaffCtx, staffId: string, permission: 'visit.read' | 'service.setup') => {
  const member = await q.findStaffMember(ctx.db, ctx.tenantId, staffId);
  if (!member) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, permission, { storeId: member.storeId, staffId: member.id });
  return member;
};

export const listLeave = async (ctx: StaffCtx, staffId: string): Promise<AdvisorLeaveDay[]> => {
  const member = await advisorInScope(ctx, staffId, 'visit.read');
  const c = member.storeId ? await storeClock(ctx.sql, ctx.tenantId, member.storeId, ctx.clock.now()) : null;
  // From a month back: the admin sees recent leave too.
  return q.leaveOf(ctx.db, ctx.tenantId, staffId, addDays(c?.today ?? (await tenantToday(ctx)), -31));
};

/** Only service advisors count in a slot's capacity, so only their days off are recorded here. */
export const addLeave = async (ctx: StaffCtx, staffId: string, input: { date: string; note: string | null }) => {
  const member = await advisorInScope(ctx, staffId, 'service.setup');
  if (member.role !== 'service_advisor') throw AppError.field('staffId', 'leave_advisor_only');
  const row = await q.insertLeave(ctx.db, { tenantId: ctx.tenantId, staffId, ...input });
  if (!row) throw new AppError('CONFLICT', undefined, { issues: [{ path: 'date', message: 'leave_exists' }] });
  await audit(ctx, { action: 'advisor_leave.added', target: { type: 'staff', id: staffId }, details: { ...input } });
  return row;
};

export const removeLeave = async (ctx: StaffCtx, id: string) => {
  const row = await q.findLeave(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, 'service.setup', { storeId: row.storeId, staffId: row.l.staffId });
  await q.deleteLeave(ctx.db, ctx.tenantId, id);
  await audit(ctx, {
    action: 'advisor_leave.removed',
    target: { type: 'staff', id: row.l.staffId },
    details: { date: row.l.date },
  });
};
