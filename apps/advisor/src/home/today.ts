import type { Locale } from '@m4s/contracts';
import type { AdvisorMessageKey } from '../i18n.ts';

/** 2025年11月22日 星期六 / Saturday, November 22, 2025 — in the phone's own time zone. */
export const formatToday = (locale: Locale, now: Date = new Date()): string => {
  if (locale === 'en') {
    return new Intl.DateTimeFormat('en-US', { dateStyle: 'full' }).format(now);
  }
  const date = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' }).format(now);
  const weekday = new Intl.DateTimeFormat('zh-CN', { weekday: 'long' }).format(now);
  return `${date} ${weekday}`;
};

export const greetingKey = (now: Date = new Date()): AdvisorMessageKey => {
  const hour = now.getHours();
  if (hour >= 5 && hour < 11) return 'home.morning';
  if (hour >= 11 && hour < 13) return 'home.noon';
  if (hour >= 13 && hour < 18) return 'home.afternoon';
  return 'home.evening';
};
