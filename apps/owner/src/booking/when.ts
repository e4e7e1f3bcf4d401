import { dayOf, stamp } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';

/** 09:30 of an instant: the time part of web-kit's stamp (same clock, same zone). */
export const clockOf = (iso: string) => stamp(iso).slice(-5);

const weekdayKeys = [
  'book.weekday0',
  'book.weekday1',
  'book.weekday2',
  'book.weekday3',
  'book.weekday4',
  'book.weekday5',
  'book.weekday6',
] as const;

/** Words for days and spans as a 4S-store app writes them: 明天 / 周三, 约1.5小时. */
export const useWhen = () => {
  const { t } = useI18n();
  const weekday = (date: string) => t(weekdayKeys[new Date(`${date}T00:00:00`).getDay()] ?? 'book.weekday0');
  /** 今天 / 明天 for the next two days, the weekday after. */
  const dayName = (date: string) => {
    const today = dayOf();
    const tomorrow = new Date(`${today}T00:00:00`);
    tomorrow.setDate(tomorrow.getDate() + 1);
    if (date === today) return t('book.today');
    if (date === dayOf(tomorrow)) return t('book.tomorrow');
    return weekday(date);
  };
  /** 2025-06-12 周四 09:30–10:00 */
  const slot = (startsAt: string, endsAt?: string) => {
    const date = dayOf(startsAt);
    const time = endsAt ? `${clockOf(startsAt)}–${clockOf(endsAt)}` : clockOf(startsAt);
    return `${date} ${weekday(date)} ${time}`;
  };
  const duration = (minutes: number) =>
    minutes < 60
      ? t('booking.waitMinutes', { minutes })
      : t('booking.waitHours', { hours: Math.round((minutes / 60) * 2) / 2 });
  return { weekday, dayName, slot, duration };
};
