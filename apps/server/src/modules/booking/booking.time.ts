/** Calendar arithmetic on tenant-local days (YYYY-MM-DD) and wording of instants in the tenant's zone. */

export const addDays = (day: string, n: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Whole months later (or earlier); a month end clamps: 31 August + 6 months is the last day of February. */
export const addMonths = (day: string, months: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  const wanted = (((d.getUTCMonth() + months) % 12) + 12) % 12;
  d.setUTCMonth(d.getUTCMonth() + months);
  if (d.getUTCMonth() !== wanted) d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
};

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const parts = (at: Date, tz: string) => {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
};

/** The tenant-local day and clock time of an instant. */
export const localOf = (at: Date, tz: string) => parts(at, tz);

const weekdaysZh = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 6月10日（周二） — how our messages name a day. */
export const dayWordsZh = (at: Date, tz: string) => {
  const { day } = parts(at, tz);
  const [, m, d] = day.split('-').map(Number);
  const wd = weekdaysZh[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '';
  return `${m}月${d}日（${wd}）`;
};

/** 6月10日（周二）09:30 — how our messages name a slot. */
export const slotWordsZh = (at: Date, tz: string) => `${dayWordsZh(at, tz)}${parts(at, tz).time}`;

/** 行驶证、保养手册 → 行驶证和保养手册 (a list as a sentence says it). */
export const listZh = (text: string | null): string | null => {
  const items = (text ?? '')
    .split(/[、,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) return null;
  if (items.length === 1) return items[0] ?? null;
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
};
