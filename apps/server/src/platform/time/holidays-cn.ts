import { addDays, type Day } from './zone.ts';

/** One holiday of the State Council's notice: its name and the days off (weekends inside included). */
export type HolidaySpan = { name: string; nameEn: string; from: Day; to: Day };

/**
 * One year's national schedule: the public holidays (放假) and the adjusted working days (调休上班日, a
 * Saturday or Sunday worked to make a holiday longer), as the State Council's General Office published them.
 */
export type NationalYear = { source: string; published: Day; holidays: HolidaySpan[]; workdays: Day[] };

/**
 * Mainland China's statutory holidays by year. Add a year when its notice appears (every November for the
 * next year); a year missing here is read as plain weekends, and a tenant can add its days by hand meanwhile
 * (tenant_calendar_days). docs/calendar.md says how to add one.
 */
export const chinaHolidays: Readonly<Record<number, NationalYear>> = {
  2025: {
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    published: '2024-11-12',
    holidays: [
      { name: '元旦', nameEn: "New Year's Day", from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', nameEn: 'Spring Festival', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', nameEn: 'Qingming Festival', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', nameEn: 'Labour Day', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', nameEn: 'Dragon Boat Festival', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', nameEn: 'National Day, Mid-Autumn Festival', from: '2025-10-01', to: '2025-10-08' },
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    published: '2025-11-04',
    holidays: [
      { name: '元旦', nameEn: "New Year's Day", from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', nameEn: 'Spring Festival', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', nameEn: 'Qingming Festival', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', nameEn: 'Labour Day', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', nameEn: 'Dragon Boat Festival', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', nameEn: 'Mid-Autumn Festival', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', nameEn: 'National Day', from: '2026-10-01', to: '2026-10-07' },
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

export type NationalDay = { holiday: HolidaySpan | null; adjustedWorkday: boolean };

const byDay = new Map<Day, NationalDay>();
for (const year of Object.values(chinaHolidays)) {
  for (const h of year.holidays)
    for (let d = h.from; d <= h.to; d = addDays(d, 1)) byDay.set(d, { holiday: h, adjustedWorkday: false });
  for (const d of year.workdays) byDay.set(d, { holiday: null, adjustedWorkday: true });
}

/** What the national schedule says of a day: a holiday, an adjusted working day, or nothing special. */
export const nationalDay = (day: Day): NationalDay => byDay.get(day) ?? { holiday: null, adjustedWorkday: false };

/** Whether the national schedule of the day's year is known (published and entered above). */
export const hasNationalYear = (year: number): boolean => year in chinaHolidays;
