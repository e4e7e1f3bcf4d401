import type { Availability, AvailabilityDay } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/errors.ts';
import { slotGrid, storeClock, type SlotGridRow, type StoreClock } from './availability.queries.ts';
import { addDays } from '../../platform/time/zone.ts';
import { advisorFreeOf, freeOf, type Channel } from './capacity.ts';
import * as sq from './setup.queries.ts';

export type AvailabilityArgs = {
  storeId: string;
  from?: string | undefined;
  days: number;
  serviceTypeId?: string | undefined;
  advisorId?: string | undefined;
  channel: Channel;
  /** The share of each slot the priority lane holds from this caller (docs/loyalty.md); 0 by default. */
  holdBack?: number;
};

/** The service type must exist, be active and offered by this store (and online, for the app). */
export const checkServiceType = async (ctx: Ctx, storeId: string, id: string, channel: Channel) => {
  const type = await sq.findServiceType(ctx.db, ctx.tenantId, id);
  const offered = type && type.active && (type.storeId === null || type.storeId === storeId);
  if (!type || !offered || (channel === 'app' && !type.onlineBookable))
    throw AppError.field('serviceTypeId', 'service_type_unknown');
  return type;
};

const toDays = (
  rows: SlotGridRow[],
  clock: StoreClock,
  channel: Channel,
  advisorId: string | null,
  holdBack: number,
) => {
  const days = new Map<string, AvailabilityDay>();
  const slotMs = clock.slotMinutes * 60_000;
  for (const row of rows) {
    let day = days.get(row.day);
    if (!day) {
      day = { date: row.day, closed: row.closure !== null || row.noHours, reason: row.closure, slots: [] };
      days.set(row.day, day);
    }
    if (row.startsMs === null) continue;
    day.slots.push({
      startsAt: new Date(row.startsMs).toISOString(),
      endsAt: new Date(row.startsMs + slotMs).toISOString(),
      free: freeOf(row, clock, channel, holdBack),
      advisorFree: advisorFreeOf(row, advisorId),
    });
  }
  return [...days.values()];
};

/**
 * Free places per slot for `days` days: only slots in the opening hours, from now + lead time, up to
 * the booking horizon, and none on closure days. One statement for the whole range (slotGrid).
 */
export const availability = async (ctx: Ctx, args: AvailabilityArgs): Promise<Availability> => {
  const now = ctx.clock.now();
  const clock = await storeClock(ctx.sql, ctx.tenantId, args.storeId, now);
  if (!clock || (args.channel === 'app' && clock.status !== 'active')) throw new AppError('NOT_FOUND');
  if (ctx.actor.kind === 'staff') authorize(ctx.actor, 'visit.read', { storeId: args.storeId });
  if (args.serviceTypeId) await checkServiceType(ctx, args.storeId, args.serviceTypeId, args.channel);
  const rows = await slotGrid(ctx.sql, {
    tenantId: ctx.tenantId,
    storeId: args.storeId,
    from: args.from ?? clock.today,
    days: args.days,
    advisorId: args.advisorId ?? null,
    minStart: new Date(now.getTime() + clock.leadMinutes * 60_000),
    maxDay: addDays(clock.today, clock.horizonDays),
  });
  return { days: toDays(rows, clock, args.channel, args.advisorId ?? null, args.holdBack ?? 0) };
};

export type SlotCheck = { clock: StoreClock; row: SlotGridRow };

/**
 * Whether `startsAt` is a real slot of the store that may be booked now, with the refusal a person
 * understands: too soon (or past), too far ahead, a closure day, or not a slot of the opening hours.
 */
export const checkSlot = async (ctx: Ctx, storeId: string, startsAt: Date, advisorId: string | null) => {
  const now = ctx.clock.now();
  const clock = await storeClock(ctx.sql, ctx.tenantId, storeId, now, startsAt);
  if (!clock || clock.status !== 'active') throw AppError.field('storeId', 'store_unknown');
  if (startsAt.getTime() < now.getTime() + clock.leadMinutes * 60_000)
    throw AppError.field('startsAt', 'booking_too_soon');
  if (clock.day > addDays(clock.today, clock.horizonDays)) throw AppError.field('startsAt', 'booking_too_far');
  const rows = await slotGrid(ctx.sql, {
    tenantId: ctx.tenantId,
    storeId,
    from: clock.day,
    days: 1,
    advisorId,
    minStart: null,
    maxDay: null,
  });
  if (rows[0]?.closure) throw AppError.field('startsAt', 'booking_closed_day');
  const row = rows.find((r) => r.startsMs === startsAt.getTime());
  if (!row) throw AppError.field('startsAt', 'booking_outside_hours');
  return { clock, row } satisfies SlotCheck;
};
