import type { BusinessHoursInput, CalendarOverrideInput, TenantCalendar } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { chinaHolidays } from '../../platform/time/holidays-cn.ts';
import { dayStatus, specialDays, workCalendar, type WorkCalendar } from '../../platform/time/work-calendar.ts';
import { addDays } from '../../platform/time/zone.ts';
import * as q from './calendar.queries.ts';

const settingsOf = async (ctx: Pick<Ctx, 'db' | 'tenantId'>) => {
  const row = await q.findCalendarSettings(ctx.db, ctx.tenantId);
  if (!row) throw new AppError('TENANT_NOT_FOUND');
  return row;
};

/**
 * The tenant's working calendar from `from` to `to` (YYYY-MM-DD, both included): what business-hour
 * deadlines are computed with — `addBusinessHours(cal, at, 2)`, `addWorkingDays(cal, at, 1)`
 * (platform/time/work-calendar.ts). Only the overrides of that span are loaded: ask for the span the
 * deadline can reach (a few weeks is plenty for hours and days).
 */
export const tenantWorkCalendar = async (
  ctx: Pick<Ctx, 'db' | 'tenantId'>,
  span: { from: string; to: string },
): Promise<WorkCalendar> => {
  const s = await settingsOf(ctx);
  const overrides = await q.overridesBetween(ctx.db, ctx.tenantId, span.from, span.to);
  return workCalendar({ zone: s.zone, hours: { start: s.start, end: s.end }, overrides });
};

export const getCalendar = async (ctx: StaffCtx, year: number): Promise<TenantCalendar> => {
  const s = await settingsOf(ctx);
  const overrides = await q.overridesBetween(ctx.db, ctx.tenantId, `${year}-01-01`, `${year}-12-31`);
  const cal = workCalendar({ zone: s.zone, hours: { start: s.start, end: s.end }, overrides });
  const national = workCalendar({ zone: s.zone });
  return {
    year,
    timezone: s.zone,
    nationalSource: chinaHolidays[year]?.source ?? null,
    businessHours: cal.hours,
    days: specialDays(cal, year),
    overrides: overrides.map((o) => ({ ...o, national: dayStatus(national, o.day) })),
  };
};

const yearOf = (day: string) => Number(day.slice(0, 4));

export const setDay = async (ctx: StaffCtx, input: CalendarOverrideInput): Promise<TenantCalendar> => {
  const { day } = input;
  const note = input.note?.trim() || null;
  const kind = input.kind;
  await q.upsertOverride(ctx.db, {
    tenantId: ctx.tenantId,
    day,
    kind,
    note,
    createdBy: ctx.actor.id,
    now: ctx.clock.now(),
  });
  await audit(ctx, { action: 'tenant.calendar_day_set', details: { day, kind, note } });
  return getCalendar(ctx, yearOf(day));
};

export const removeDay = async (ctx: StaffCtx, day: string): Promise<TenantCalendar> => {
  if (!(await q.deleteOverride(ctx.db, ctx.tenantId, day))) throw new AppError('NOT_FOUND');
  await audit(ctx, { action: 'tenant.calendar_day_removed', details: { day } });
  return getCalendar(ctx, yearOf(day));
};

export const setBusinessHours = async (ctx: StaffCtx, hours: BusinessHoursInput): Promise<BusinessHoursInput> => {
  const row = await q.updateBusinessHours(ctx.db, ctx.tenantId, hours, ctx.clock.now());
  if (!row) throw new AppError('TENANT_NOT_FOUND');
  await audit(ctx, { action: 'tenant.business_hours_set', details: { ...row } });
  return row;
};

/** The span a deadline of a few days can reach from a day: enough for "2 business hours" over a Spring Festival. */
export const deadlineSpan = (day: string) => ({ from: day, to: addDays(day, 62) });
