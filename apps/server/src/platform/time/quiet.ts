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

/** A daytime window (start < end, not across midnight): a customer's preferred slot for calls. */
export type SlotWindow = { start: ClockTime; end: ClockTime };

const inSlot = (time: ClockTime, s: SlotWindow) => time >= s.start && time < s.end;

/**
 * When a call due at `at` should be made: the earliest moment from `at` on that lies inside the customer's
 * slot (when they have one) and outside their quiet hours (when they have them). The allowed moments repeat
 * every day and each stretch of them begins at the slot's start or the quiet window's end, so the answer is
 * `at` itself or one of those two clock times today or tomorrow. A slot wholly inside the quiet hours cannot
 * be honoured together with them: quiet hours win (the first moment after them). Neither → `at`.
 */
export const callMoment = (at: Date, slot: SlotWindow | null, quiet: QuietWindow | null, zone: string): Date => {
  const { day, time } = localOf(at, zone);
  const moments = [at];
  for (const d of [day, addDays(day, 1)])
    for (const t of [slot?.start, quiet?.end]) if (t !== undefined) moments.push(instantOf(d, t, zone));
  const ok = (m: Date, withSlot: boolean) => {
    const local = m === at ? time : localOf(m, zone).time;
    return m >= at && (!withSlot || !slot || inSlot(local, slot)) && !(quiet && inQuietWindow(local, quiet));
  };
  const first = (withSlot: boolean) =>
    moments.filter((m) => ok(m, withSlot)).sort((a, b) => a.getTime() - b.getTime())[0];
  return first(true) ?? first(false) ?? at;
};

/**
 * `callMoment` for set-based SQL: a local timestamp, the slot's two ends and the quiet window's two ends as
 * `time` expressions (NULL when none), the zone. Gives a timestamptz. Same candidates, same order.
 */
export const callMomentSql = (
  localTs: string,
  slotStart: string,
  slotEnd: string,
  start: string,
  end: string,
  zone: string,
) => {
  const candidates = `(VALUES (${localTs}), (${localTs}::date + ${slotStart}), (${localTs}::date + ${end}),
      (${localTs}::date + 1 + ${slotStart}), (${localTs}::date + 1 + ${end})) AS m(x)`;
  const free = `m.x IS NOT NULL AND m.x >= ${localTs} AND NOT (${quietSql.inWindow('m.x', start, end)})`;
  const inSlotSql = `(${slotStart} IS NULL OR (m.x::time >= ${slotStart} AND m.x::time < ${slotEnd}))`;
  return `(COALESCE((SELECT min(m.x) FROM ${candidates} WHERE ${free} AND ${inSlotSql}),
      (SELECT min(m.x) FROM ${candidates} WHERE ${free}), ${localTs}) AT TIME ZONE ${zone})`;
};
