import { weekdays, type OpeningHours, type Weekday } from '@m4s/contracts';

/** A new store opens 08:30–18:00 every day: the usual 4S after-sales hours. */
export const defaultPeriod = { open: '08:30', close: '18:00' } as const;

export const defaultOpeningHours = (): OpeningHours =>
  Object.fromEntries(weekdays.map((day) => [day, [{ ...defaultPeriod }]])) as OpeningHours;

const describeDay = (hours: OpeningHours, day: Weekday): string =>
  hours[day].map((p) => `${p.open}–${p.close}`).join(', ');

type Run = { from: Weekday; to: Weekday; text: string };

/**
 * Consecutive days with the same periods collapse into one run, so a table cell reads
 * "周一–周五 08:30–18:00；周六–周日 休息" instead of seven entries.
 */
export const summarizeHours = (hours: OpeningHours): Run[] => {
  const runs: Run[] = [];
  for (const day of weekdays) {
    const text = describeDay(hours, day);
    const last = runs.at(-1);
    if (last && last.text === text) last.to = day;
    else runs.push({ from: day, to: day, text });
  }
  return runs;
};

/**
 * Periods that overlap within a day (08:30–19:00 and 18:00–21:00) would double the bookable capacity
 * of the overlap. Returns the index of each period that starts before the previous one ends.
 */
export const overlappingPeriods = (hours: OpeningHours): { day: Weekday; index: number }[] =>
  weekdays.flatMap((day) => {
    const order = hours[day].map((p, index) => ({ ...p, index })).sort((a, b) => a.open.localeCompare(b.open));
    return order.slice(1).flatMap((p, i) => {
      const previous = order[i];
      return previous && p.open < previous.close ? [{ day, index: p.index }] : [];
    });
  });

/** Periods kept in time order, so every screen and the owner app list them the same way. */
export const sortedHours = (hours: OpeningHours): OpeningHours =>
  Object.fromEntries(
    weekdays.map((day) => [day, [...hours[day]].sort((a, b) => a.open.localeCompare(b.open))]),
  ) as OpeningHours;
