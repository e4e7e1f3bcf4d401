import { z } from 'zod';
import { clockTime } from './common.ts';

/**
 * The tenant's working calendar: China's statutory holidays and adjusted working days (national data kept
 * by the server, per year), the tenant's own closed / working days over them, and its business hours —
 * what business-hour deadlines ("2 business hours", "1 working day") count on. Days are YYYY-MM-DD in the
 * tenant's zone.
 */

/** A real calendar day of 2000–2099: 2025-02-30 is refused (Date.parse would roll it into March). */
export const calendarDate = z
  .string()
  .regex(/^20\d{2}-\d{2}-\d{2}$/, { message: 'date' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'date' },
  );

export const calendarDayKinds = [
  'workday',
  'weekend',
  'holiday',
  'adjusted_workday',
  'tenant_closed',
  'tenant_working',
] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];

export const calendarOverrideKinds = ['closed', 'working'] as const;
export type CalendarOverrideKind = (typeof calendarOverrideKinds)[number];

/** One day as the calendar reads it; `name` is the holiday's (春节) or the tenant's note. */
export const calendarDay = z.object({
  day: z.string(),
  working: z.boolean(),
  kind: z.enum(calendarDayKinds),
  name: z.string().nullable(),
});
export type CalendarDay = z.infer<typeof calendarDay>;

export const calendarOverride = z.object({
  day: z.string(),
  kind: z.enum(calendarOverrideKinds),
  note: z.string().nullable(),
  /** What the day is without the override (a holiday, a weekend…). */
  national: calendarDay,
});
export type CalendarOverride = z.infer<typeof calendarOverride>;

export const businessHours = z
  .strictObject({ start: clockTime, end: clockTime })
  .refine((h) => h.start < h.end, { message: 'period_order', path: ['end'] });
export type BusinessHoursInput = z.infer<typeof businessHours>;

export const tenantCalendar = z.object({
  year: z.number().int(),
  timezone: z.string(),
  /** The notice the national data of the year comes from; null when the year's schedule is not known yet. */
  nationalSource: z.string().nullable(),
  businessHours: z.object({ start: z.string(), end: z.string() }),
  /** Every day of the year that is not a plain weekday or weekend: holidays, adjusted working days, overrides. */
  days: z.array(calendarDay),
  overrides: z.array(calendarOverride),
});
export type TenantCalendar = z.infer<typeof tenantCalendar>;

export const calendarYearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2099) });
export const calendarDayParams = z.strictObject({ day: calendarDate });

export const calendarOverrideInput = z.strictObject({
  day: calendarDate,
  kind: z.enum(calendarOverrideKinds),
  note: z.string().trim().max(60).nullable().default(null),
});
export type CalendarOverrideInput = z.input<typeof calendarOverrideInput>;
