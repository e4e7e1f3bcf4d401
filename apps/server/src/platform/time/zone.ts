/**
 * Days and instants in a tenant's time zone. A day is `YYYY-MM-DD`, a clock time `HH:MM` (local wall
 * clock); instants are `Date`s (UTC). The zone's rules come from the runtime's ICU data (the same IANA
 * rules PostgreSQL applies), never from a fixed offset: no module adds hours to UTC by hand.
 */

export type Day = string;
export type ClockTime = string;

/** The zone of a tenant created without one (the database default of `tenants.timezone`). */
export const defaultTimeZone = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (zone: string) => {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
};

/** True when the runtime knows the zone (an IANA name such as Asia/Shanghai). */
export const isTimeZone = (zone: string): boolean => {
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
};

const wallClock = (at: Date, zone: string) => {
  const p: Record<string, string> = {};
  for (const x of formatterOf(zone).formatToParts(at)) p[x.type] = x.value;
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, second: Number(p.second) };
};

/** The local day and clock time (HH:MM) of an instant. */
export const localOf = (at: Date, zone: string): { day: Day; time: ClockTime } => {
  const { day, time } = wallClock(at, zone);
  return { day, time };
};

/** The calendar day of an instant in the zone, as YYYY-MM-DD. */
export const dayIn = (at: Date, zone: string): Day => wallClock(at, zone).day;

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export const offsetAt = (at: Date, zone: string): number => {
  const { day, time, second } = wallClock(at, zone);
  const wall = Date.parse(`${day}T${time}:${String(second).padStart(2, '0')}Z`);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
};

/**
 * The instant a local wall-clock time happens in the zone. Around a daylight-saving change it reads as
 * PostgreSQL's AT TIME ZONE does (database.test.ts checks it): a time the change skips, or repeats, is read
 * in standard time (02:30 on New York's spring-forward night is 03:30 EDT; 01:30 on its fall-back night
 * is the second 01:30, EST). Zones without daylight saving (all of China) have neither.
 */
export const instantOf = (day: Day, time: ClockTime, zone: string): Date => {
  // Remembered (a file of a million rows names a few thousand days; each reading costs four ICU calls).
  const key = `${zone}\u0001${day}\u0001${time}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    if (instants.size >= 50_000) instants.clear();
    ms = readInstant(day, time, zone);
    instants.set(key, ms);
  }
  return new Date(ms);
};

const instants = new Map<string, number>();

const readInstant = (day: Day, time: ClockTime, zone: string): number => {
  const wall = Date.parse(`${day}T${time}:00Z`);
  if (Number.isNaN(wall)) throw new RangeError(`not a local day and time: ${day} ${time}`);
  // The zone's offsets a day either side: around a change they differ, and each gives one reading.
  const first = wall - offsetAt(new Date(wall - 86_400_000), zone);
  const second = wall - offsetAt(new Date(wall + 86_400_000), zone);
  const shows = (ms: number) => {
    const local = localOf(new Date(ms), zone);
    return local.day === day && local.time === time;
  };
  const matching = [first, second].filter(shows);
  // Standard time is the later reading of a repeated time, and (in a gap) the one with the earlier offset.
  return Math.max(...(matching.length ? matching : [first, second]));
};

/** A local day as instants: its first moment, and the first moment of the next day (exclusive). */
export const dayBounds = (day: Day, zone: string): { from: Date; to: Date } => ({
  from: instantOf(day, '00:00', zone),
  to: instantOf(addDays(day, 1), '00:00', zone),
});

/** Today in the zone. */
export const todayIn = (clock: { now: () => Date }, zone: string): Day => dayIn(clock.now(), zone);

export const addDays = (day: Day, n: number): Day => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Whole months later (or earlier); a month end clamps: 31 August + 6 months is the last day of February. */
export const addMonths = (day: Day, months: number): Day => {
  const d = new Date(`${day}T00:00:00Z`);
  const wanted = (((d.getUTCMonth() + months) % 12) + 12) % 12;
  d.setUTCMonth(d.getUTCMonth() + months);
  if (d.getUTCMonth() !== wanted) d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
};

export const daysBetween = (from: Day, to: Day): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** 0 = Sunday … 6 = Saturday, as Date#getDay counts. */
export const weekdayOf = (day: Day): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** Minutes since local midnight of a clock time. */
export const minutesOf = (time: ClockTime): number => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** YYYYMMDD of the local day: what file names and document numbers carry. */
export const compactDay = (day: Day): string => day.replace(/-/g, '');
