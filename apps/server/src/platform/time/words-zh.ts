import { dayIn, localOf, weekdayOf } from './zone.ts';

const weekdaysZh = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 6月10日（周二） — how our messages name a day. */
export const dayWordsZh = (at: Date, zone: string): string => {
  const day = dayIn(at, zone);
  const [, m, d] = day.split('-').map(Number);
  return `${m}月${d}日（${weekdaysZh[weekdayOf(day)] ?? ''}）`;
};

/** 6月10日（周二）09:30 — how our messages name a slot. */
export const slotWordsZh = (at: Date, zone: string): string => `${dayWordsZh(at, zone)}${localOf(at, zone).time}`;
