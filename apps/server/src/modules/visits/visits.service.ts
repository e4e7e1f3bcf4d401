import {
  visitTransitions,
  type Permission,
  type Visit,
  type VisitBoard,
  type VisitStatus,
  type visitBoardQuery,
  type visitCheckInBody,
  type visitStatusBody,
} from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCustomerInScope, ownCustomersOnly } from '../customers/customers.scope.ts';
import { getCustomerRow } from '../customers/customers.service.ts';
import { currentTenant } from '../tenants/tenants.service.ts';
import { findVehicle, recordMileage } from '../vehicles/vehicles.service.ts';
import * as cq from './checkin.queries.ts';
import { dayIn } from '../../platform/time/zone.ts';
import { tellOwners } from './visits.notify.ts';
import { visitStageHook } from './visits.webhooks.ts';
import { toBookingRow, toVisit, toVisitRow, type VisitParts } from './visits.present.ts';
import * as q from './visits.queries.ts';
import { visitedBy } from '../referrals/referrals.service.ts';

/** A 409 whose reason is a field message (localized), e.g. visit_bad_transition. */
export const conflict = (path: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', undefined, { ...details, issues: [{ path, message }] });

/**
 * The visit, or 404; staff must hold the permission for the visit's store, and reach its customer unless
 * they are its advisor (customers.scope), 403 otherwise.
 */
export const loadVisit = async (ctx: StaffCtx, id: string, permission: Permission) => {
  const h = await q.findVisit(ctx.db, ctx.tenantId, id);
  if (!h) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, permission, { storeId: h.v.storeId });
  assertCustomerInScope(ctx.actor, h, h.v.advisorId);
  return h;
};

export const partsOf = async (ctx: Ctx, visitId: string): Promise<VisitParts> => {
  const [events, photos, lines, payments] = await Promise.all([
    q.eventsOf(ctx.db, ctx.tenantId, visitId),
    q.photosOf(ctx.db, ctx.tenantId, visitId),
    q.linesOf(ctx.db, ctx.tenantId, visitId),
    q.paymentsOf(ctx.db, ctx.tenantId, visitId),
  ]);
  return { events, photos, lines, payments };
};

export const getVisit = async (ctx: StaffCtx, id: string): Promise<Visit> => {
  const h = await loadVisit(ctx, id, 'visit.read');
  return toVisit(ctx.actor, h, await partsOf(ctx, id));
};

/** Whom a store's live events may reach: the store must be this tenant's, and the actor may read its visits. */
export const storeEventsScope = async (ctx: StaffCtx, storeId: string): Promise<string> => {
  if (!(await cq.activeStore(ctx.db, ctx.tenantId, storeId))) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, 'visit.read', { storeId });
  return ctx.tenantId;
};

/** 今日看板: one store's day, in columns by stage. */
export const visitBoard = async (ctx: StaffCtx, query: z.output<typeof visitBoardQuery>): Promise<VisitBoard> => {
  const storeId = query.storeId ?? ctx.actor.storeId ?? (await cq.firstStore(ctx.db, ctx.tenantId));
  if (!storeId) throw AppError.field('storeId', 'required');
  authorize(ctx.actor, 'visit.read', { storeId });
  const { timezone } = await currentTenant(ctx);
  const date = query.date ?? dayIn(ctx.clock.now(), timezone);
  const [bookingRows, visitRows] = await Promise.all([
    cq.boardBookings(ctx.db, ctx.tenantId, storeId, date, timezone, ownCustomersOnly(ctx.actor)),
    q.boardVisits(ctx.db, ctx.tenantId, storeId, date, timezone, ownCustomersOnly(ctx.actor)),
  ]);
  const rows = visitRows.map(toVisitRow);
  const at = (...s: VisitStatus[]) => rows.filter((r) => s.includes(r.status));
  return {
    storeId,
    date,
    booked: bookingRows.map((r) => toBookingRow(ctx.actor, r)),
    checkedIn: at('checked_in'),
    inProgress: at('in_bay', 'waiting_parts', 'quality_check'),
    ready: at('ready'),
    delivered: at('delivered'),
  };
};

type CheckIn = z.output<typeof visitCheckInBody>;

/** Where the car comes from: its booking (which becomes arrived) or the walk-in's customer, car and store. */
const arrivalOf = async (ctx: StaffCtx, data: CheckIn) => {
  if (data.bookingId) {
    const b = await cq.findBooking(ctx.db, ctx.tenantId, data.bookingId);
    if (!b) throw AppError.field('bookingId', 'visit_booking_unknown');
    if (b.status !== 'booked') throw conflict('bookingId', 'visit_booking_not_open', { bookingStatus: b.status });
    return {
      bookingId: b.id,
      storeId: b.storeId,
      customerId: b.customerId,
      vehicleId: b.vehicleId,
      advisorId: b.advisorId,
      concerns: data.concerns ?? b.concerns,
    };
  }
  const { storeId, customerId, vehicleId } = data;
  if (!storeId || !customerId || !vehicleId) throw AppError.field('bookingId', 'required');
  if (!(await cq.activeStore(ctx.db, ctx.tenantId, storeId))) throw AppError.field('storeId', 'store_unknown');
  await getCustomerRow(ctx, customerId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? AppError.field('customerId', 'customer_unknown') : e;
  });
  if (!(await findVehicle(ctx.db, ctx.tenantId, vehicleId))) throw AppError.field('vehicleId', 'vehicle_unknown');
  return { bookingId: null, storeId, customerId, vehicleId, advisorId: null, concerns: data.concerns };
};

/**
 * 接车: the visit opens at checked_in with its first event. The odometer reading joins the car's
 * mileage series through modules/vehicles (a reading below an earlier one is refused there).
 */
export const checkIn = async (ctx: StaffCtx, data: CheckIn): Promise<Visit> => {
  authorize(ctx.actor, 'visit.write');
  const arrival = await arrivalOf(ctx, data);
  authorize(ctx.actor, 'visit.write', { storeId: arrival.storeId });
  if (await q.openVisitOf(ctx.db, ctx.tenantId, arrival.vehicleId))
    throw conflict(data.bookingId ? 'bookingId' : 'vehicleId', 'visit_already_open');
  const now = ctx.clock.now();
  // The one mileage check (modules/vehicles) counts the car's repair orders too.
  await recordMileage(ctx, arrival.vehicleId, {
    km: data.mileageKm,
    source: 'check_in',
    readAt: now.toISOString(),
  }).catch((e: unknown) => {
    const issue = e instanceof AppError ? e.details.issues?.[0] : undefined;
    throw issue?.path === 'km' ? AppError.field('mileageKm', issue.message) : e;
  });
  const id = await q.insertVisit(ctx.db, {
    tenantId: ctx.tenantId,
    storeId: arrival.storeId,
    bookingId: arrival.bookingId,
    customerId: arrival.customerId,
    vehicleId: arrival.vehicleId,
    // The booked advisor, else whoever receives the car.
    advisorId: arrival.advisorId ?? ctx.actor.id,
    status: 'checked_in',
    checkedInAt: now,
    mileageKm: data.mileageKm,
    concerns: arrival.concerns,
    inspectionNotes: data.inspectionNotes,
    promisedAt: data.promisedAt ? new Date(data.promisedAt) : null,
    createdAt: now,
    updatedAt: now,
  });
  await q.insertEvent(ctx.db, {
    tenantId: ctx.tenantId,
    visitId: id,
    status: 'checked_in',
    at: now,
    staffId: ctx.actor.id,
  });
  if (arrival.bookingId && !(await cq.moveBooking(ctx.db, ctx.tenantId, arrival.bookingId, 'booked', 'arrived', now)))
    throw conflict('bookingId', 'visit_booking_not_open');
  await audit(ctx, {
    action: 'visit.checked_in',
    target: { type: 'visit', id },
    details: { bookingId: arrival.bookingId, vehicleId: arrival.vehicleId, mileageKm: data.mileageKm },
  });
  // A referred person's first visit moves their referral on (invited → visited: docs/referrals.md).
  await visitedBy(ctx, arrival.customerId);
  const h = await loadVisit(ctx, id, 'visit.read');
  await visitStageHook(ctx, h.v, null, 'checked_in');
  await tellOwners(ctx, h, { kind: 'stage', from: null, to: 'checked_in', at: now });
  return toVisit(ctx.actor, h, await partsOf(ctx, id));
};

/**
 * A stage move, along visitTransitions only. `ready` waits for every proposed line to be decided;
 * `delivered` goes through delivery (payment, repair order), never through here.
 */
export const changeStatus = async (
  ctx: StaffCtx,
  id: string,
  input: z.output<typeof visitStatusBody>,
): Promise<Visit> => {
  const h = await loadVisit(ctx, id, 'visit.write');
  const from = h.v.status;
  const to = input.status;
  if (to === 'delivered' && from === 'ready') throw conflict('status', 'visit_deliver_separately');
  if (!visitTransitions[from].includes(to))
    throw conflict('status', 'visit_bad_transition', { from, to, allowed: visitTransitions[from] });
  if (to === 'ready' && h.undecidedLines > 0)
    throw conflict('status', 'visit_undecided_lines', { undecidedLines: h.undecidedLines });
  const now = ctx.clock.now();
  if (!(await q.moveVisit(ctx.db, ctx.tenantId, id, from, { status: to, updatedAt: now })))
    throw conflict('status', 'visit_bad_transition', { from, to });
  await q.insertEvent(ctx.db, {
    tenantId: ctx.tenantId,
    visitId: id,
    status: to,
    at: now,
    staffId: ctx.actor.id,
    note: input.note,
  });
  await audit(ctx, { action: 'visit.status_changed', target: { type: 'visit', id }, details: { from, to } });
  await visitStageHook(ctx, h.v, from, to);
  await tellOwners(ctx, h, { kind: 'stage', from, to, at: now });
  return getVisit(ctx, id);
};
