import type { Locale } from '@m4s/contracts';

/** Amounts travel as integer fen; people read yuan with two decimals: ¥1,234.50. */
export const yuan = (fen: number, locale: Locale): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(
    fen / 100,
  );

export const km = (value: number, locale: Locale): string => new Intl.NumberFormat(locale).format(value);

/** A day as the API writes dates (YYYY-MM-DD), in the viewer's own calendar; today by default. */
export const dayOf = (value: string | Date = new Date()): string => {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
};

/** 03-13 14:05 this year, 2023-03-13 14:05 before: a timeline's stamp. */
export const stamp = (iso: string, now: Date = new Date()): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  const day = dayOf(date);
  return `${date.getFullYear() === now.getFullYear() ? day.slice(5) : day} ${time}`;
};

export type DueState = 'expired' | 'soon' | 'ok';

/** Insurance, inspection, warranty: past is expired; within `days` (a month by default) is due soon. */
export const dueState = (date: string, today: string = dayOf(), days = 30): DueState => {
  if (date < today) return 'expired';
  const soon = new Date(`${today}T00:00:00`);
  soon.setDate(soon.getDate() + days);
  return date <= dayOf(soon) ? 'soon' : 'ok';
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
  if (/^\p{Script=Han}/u.test(trimmed)) {
    return compoundSurnames.find((s) => trimmed.startsWith(s) && trimmed.length > 2) ?? Array.from(trimmed)[0] ?? '';
  }
  return trimmed.split(/\s+/).pop() ?? trimmed;
};

/** First character for an avatar. */
export const initialOf = (name: string): string => Array.from(name.trim())[0] ?? '?';
