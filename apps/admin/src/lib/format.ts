import type { Locale } from '@m4s/contracts';

/** 2025-03-08 14:05 in the viewer's time zone, written the way the locale writes dates. */
export const formatDateTime = (iso: string | null, locale: Locale): string | null => {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
};
