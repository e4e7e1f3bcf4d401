import { nationalDay } from './holidays-cn.ts';
import { addDays, dayBounds, instantOf, localOf, minutesOf, weekdayOf, type ClockTime, type Day } from './zone.ts';

/** A tenant's own exception to the national schedule: a day it closes, or a day it works. */
export type DayOverride = { day: Day; kind: 'closed' | 'working'; note: string | null };

/** The office day deadlines run on (both ends local clock times, start before end). */
export type BusinessHours = { start: ClockTime; end: ClockTime };

/** A tenant's default office day when it has set none: 08:30–17:30. */
export const defaultBusinessHours: BusinessHours = { start: '08:30', end: '17:30' };

/**
 * A tenant's working calendar: Monday to Friday, minus the national holidays, plus the adjusted working
 * weekends, then the tenant's own overrides on top; business hours on every working day, in its zone.
 */
export type WorkCalendar = {
  zone: string;
  hours: BusinessHours;
  overrides: ReadonlyMap<Day, DayOverride>;
};

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday' | 'tenant_closed' | 'tenant_working';
export type DayStatus = { day: Day; working: boolean; kind: DayKind; name: string | null };

export const workCalendar = (input: {
  zone: string;
  hours?: BusinessHours | undefined;
  overrides?: readonly DayOverride[] | undefined;
}): WorkCalendar => ({
  zone: input.zone,
  hours: input.hours ?? defaultBusinessHours,
  overrides: new Map((input.overrides ?? []).map((o) => [o.day, o])),
});

/** Why a day is worked or not: the tenant's override first, then the national schedule, then the weekday. */
export const dayStatus = (cal: Pick<WorkCalendar, 'overrides'>, day: Day): DayStatus => {
  const own = cal.overrides.get(day);
  if (own) {
    const working = own.kind === 'working';
    return { day, working, kind: working ? 'tenant_working' : 'tenant_closed', name: own.note };
  }
  const national = nationalDay(day);
  if (national.holiday) return { day, working: false, kind: 'holiday', name: national.holiday.name };
  if (national.adjustedWorkday) return { day, working: true, kind: 'adjusted_workday', name: null };
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6
    ? { day, working: false, kind: 'weekend', name: null }
    : { day, working: true, kind: 'workday', name: null };
};

export const isWorkingDay = (cal: Pick<WorkCalendar, 'overrides'>, day: Day): boolean => dayStatus(cal, day).working;

/** The first working day after `day` (never `day` itself). */
export const nextWorkingDay = (cal: Pick<WorkCalendar, 'overrides'>, day: Day): Day => {
  let d = addDays(day, 1);
  for (let i = 0; i < maxDays && !isWorkingDay(cal, d); i++) d = addDays(d, 1);
  return d;
};

// A calendar with no working day in ten years is a mistake, not a deadline: stop rather than loop.
const maxDays = 3660;

/** The working day's business hours as instants (null on a day off). */
const openOn = (cal: WorkCalendar, day: Day) =>
  isWorkingDay(cal, day)
    ? { open: instantOf(day, cal.hours.start, cal.zone), close: instantOf(day, cal.hours.end, cal.zone) }
    : null;

/**
 * The moment `hours` business hours after `from`: only time inside business hours on working days counts,
 * so a deadline crosses nights, weekends and holidays. From outside business hours the count starts at the
 * next opening. "2 business hours" from Friday 16:45 (closing 17:30) is 45 minutes that day and 75 minutes
 * of the next working day: 09:45 after the weekend (or after the holiday).
 */
export const addBusinessHours = (cal: WorkCalendar, from: Date, hours: number): Date => {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`business hours must be ≥ 0: ${hours}`);
  let left = Math.round(hours * 3_600_000);
  let day = localOf(from, cal.zone).day;
  let cursor = from.getTime();
  for (let i = 0; i < maxDays; i++) {
    const open = openOn(cal, day);
    if (open) {
      const start = Math.max(cursor, open.open.getTime());
      const available = open.close.getTime() - start;
      if (available >= left && (left > 0 || available > 0)) return new Date(start + left);
      if (available > 0) left -= available;
    }
    day = addDays(day, 1);
    cursor = dayBounds(day, cal.zone).from.getTime();
  }
  throw new RangeError('no working day within ten years: check the calendar');
};

/** Length of one business day in hours (08:30–17:30 is 9). */
export const businessDayHours = (cal: WorkCalendar): number =>
  (minutesOf(cal.hours.end) - minutesOf(cal.hours.start)) / 60;

/**
 * `days` working days after `from`, counted as that many full business days of time: from Friday 16:45
 * "1 working day" is 16:45 on the next working day; from a Saturday it is the close of the Monday (or of
 * the first working day after a holiday).
 */
export const addWorkingDays = (cal: WorkCalendar, from: Date, days: number): Date =>
  addBusinessHours(cal, from, days * businessDayHours(cal));

/** Business time between two instants, in minutes (0 when `to` is not after `from`): how long an SLA ran. */
export const businessMinutesBetween = (cal: WorkCalendar, from: Date, to: Date): number => {
  let total = 0;
  let day = localOf(from, cal.zone).day;
  const last = localOf(to, cal.zone).day;
  for (let i = 0; i < maxDays && day <= last; i++) {
    const open = openOn(cal, day);
    if (open) {
      const start = Math.max(from.getTime(), open.open.getTime());
      const end = Math.min(to.getTime(), open.close.getTime());
      if (end > start) total += end - start;
    }
    day = addDays(day, 1);
  }
  return Math.round(total / 60_000);
};

/** The days of a year that are not plain weekdays or weekends: holidays, adjusted working days, overrides. */
export const specialDays = (cal: Pick<WorkCalendar, 'overrides'>, year: number): DayStatus[] => {
  const out: DayStatus[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const s = dayStatus(cal, d);
    if (s.kind !== 'workday' && s.kind !== 'weekend') out.push(s);
  }
  return out;
};
