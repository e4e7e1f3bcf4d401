import { addDays, instantOf, localOf, type ClockTime } from './zone.ts';

/**
 * A daily window of local clock times (a customer's 免打扰 21:00–09:00). It may cross midnight: then it
 * runs from `start` to midnight and from midnight to `end`. A window whose start equals its end is empty.
 */
export type QuietWindow = { start: ClockTime; end: ClockTime };

/** Is the local clock time inside the window? The start is inside, the end is not. */
export const inQuietWindow = (time: ClockTime, w: QuietWindow): boolean => {
  if (w.start === w.end) return false;
  return w.start < w.end ? time >= w.start && time < w.end : time >= w.start || time < w.end;
};

/** When a moment inside the window may go: the window's end (the next morning for one across midnight); null outside. */
export const quietWindowEnd = (at: Date, w: QuietWindow, zone: string): Date | null => {
  const { day, time } = localOf(at, zone);
  if (!inQuietWindow(time, w)) return null;
  const endDay = w.start > w.end && time >= w.start ? addDays(day, 1) : day;
  return instantOf(endDay, w.end, zone);
};

/**
 * The same rule for set-based SQL (the contact gate decides a whole batch in one statement). Arguments are
 * SQL expressions: a local `timestamp` (e.g. `due_at AT TIME ZONE $2`), the window's two ends as `time`, the
 * zone. database.test.ts runs these against the database beside the functions above, so the two cannot drift.
 */
export const quietSql = {
  inWindow: (localTs: string, start: string, end: string) =>
    `CASE WHEN ${start} IS NULL OR ${end} IS NULL OR ${start} = ${end} THEN false
      WHEN ${start} < ${end} THEN ${localTs}::time >= ${start} AND ${localTs}::time < ${end}
      ELSE ${localTs}::time >= ${start} OR ${localTs}::time < ${end} END`,
  end: (localTs: string, start: string, end: string, zone: string) =>
    `((${localTs}::date + CASE WHEN ${start} > ${end} AND ${localTs}::time >= ${start} THEN 1 ELSE 0 END) + ${end})
      AT TIME ZONE ${zone}`,
};
