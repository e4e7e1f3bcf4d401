import type { Locale } from '@m4s/contracts';

/** Amounts travel as integer fen; people read yuan with two decimals: ¥1,234.50. */
export const yuan = (fen: number, locale: Locale): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(
    fen / 100,
  );

export const km = (value: number, locale: Locale): string => new Intl.NumberFormat(locale).format(value);

/** Today in the viewer's own calendar, as the API writes dates (YYYY-MM-DD). */
export const todayIso = (now: Date = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** The calendar day of an instant, in the viewer's time zone. */
export const dayOf = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : todayIso(date);
};

export type DueState = 'expired' | 'soon' | 'ok';

/** Insurance, inspection, warranty: past is expired; within `days` (a month by default) is due soon. */
export const dueState = (date: string, today: string = todayIso(), days = 30): DueState => {
  if (date < today) return 'expired';
  const soon = new Date(`${today}T00:00:00`);
  soon.setDate(soon.getDate() + days);
  return date <= todayIso(soon) ? 'soon' : 'ok';
};

// The two-character family names common enough to meet at a service desk; the rest take one character.
const compoundSurnames = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '慕容',
  '令狐',
  '司徒',
  '长孙',
  '夏侯',
  '尉迟',
];

/** 李明 → 李, 欧阳娜娜 → 欧阳: how a Chinese customer is addressed (李先生). Latin names keep the last word. */
export const surnameOf = (name: string): string => {
  const trimmed = name.trim();
  if (/^[\p{Script=Han}]/u.test(trimmed)) {
    return compoundSurnames.find((s) => trimmed.startsWith(s) && trimmed.length > 2) ?? Array.from(trimmed)[0] ?? '';
  }
  return trimmed.split(/\s+/).pop() ?? trimmed;
};

/** First character for an avatar. */
export const initialOf = (name: string): string => Array.from(name.trim())[0] ?? '?';
