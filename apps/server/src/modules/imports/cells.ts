import { normaliseMobile, plateCheck, plateText, tidyText, vinCheck, vinText } from '@m4s/contracts';
import { instantOf } from '../../platform/time/zone.ts';

/**
 * One spreadsheet cell as the readers give it, and the parsers that turn DMS text into our values.
 * Each parser answers `null` for an empty cell, `{ ok: false, key }` for a value it cannot read (the key
 * is a field message in platform/i18n.ts) and `{ ok: true, value }` otherwise.
 */
export type Cell = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; key: string } | null;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A JavaScript Date read from an .xlsx holds the sheet's wall-clock time in UTC fields. */
const dateText = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const timeText = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

/**
 * The cell as the user means it: text trimmed, full-width forms made half-width (１３８…, ＶＩＮ, （）) and
 * runs of spaces made one — every parser reads this, so normalisation comes before validation; dates as
 * YYYY-MM-DD (with the time when there is one).
 */
export const cellText = (cell: Cell): string => {
  if (cell === null) return '';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const time = timeText(cell);
    return time === '00:00' ? dateText(cell) : `${dateText(cell)} ${time}`;
  }
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Number(cell.toFixed(6)));
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return tidyText(cell);
};

export const isEmpty = (cell: Cell) => cellText(cell) === '';

const excelEpochMs = Date.UTC(1899, 11, 30);
const dayMs = 86_400_000;

/** A date (and maybe a time of day) without a time zone: the dealer's local wall clock. */
export type LocalDateTime = { date: string; time: string | null };

const valid = (y: number, m: number, d: number) => {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};

const fromParts = (y: number, m: number, d: number, hh?: number, mm?: number): Parsed<LocalDateTime> => {
  if (!valid(y, m, d)) return { ok: false, key: 'import_date' };
  if (hh !== undefined && (hh > 23 || (mm ?? 0) > 59)) return { ok: false, key: 'import_date' };
  const date = `${y}-${pad(m)}-${pad(d)}`;
  return { ok: true, value: { date, time: hh === undefined ? null : `${pad(hh)}:${pad(mm ?? 0)}` } };
};

/** Excel's serial day number (1 = 1900-01-01, with its phantom 1900-02-29, so counted from 1899-12-30). */
const fromSerial = (serial: number): Parsed<LocalDateTime> => {
  if (serial < 1 || serial > 73_051) return { ok: false, key: 'import_date' };
  const d = new Date(excelEpochMs + Math.round(serial * dayMs));
  const hasTime = Math.abs(serial - Math.floor(serial)) > 1e-6;
  return fromParts(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    ...(hasTime ? [d.getUTCHours(), d.getUTCMinutes()] : []),
  );
};

const datePattern =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：](\d{2})(?:[:：]\d{2}(?:\.\d+)?)?)?$/;

/** 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, an Excel serial (45356) or a real Excel date. */
export const parseDateTime = (cell: Cell): Parsed<LocalDateTime> => {
  if (isEmpty(cell)) return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { ok: false, key: 'import_date' };
    const time = timeText(cell);
    return fromParts(
      cell.getUTCFullYear(),
      cell.getUTCMonth() + 1,
      cell.getUTCDate(),
      ...(time === '00:00' ? [] : [cell.getUTCHours(), cell.getUTCMinutes()]),
    );
  }
  const text = cellText(cell);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return fromParts(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  if (/^\d{1,5}(\.\d+)?$/.test(text)) return fromSerial(Number(text));
  const m = datePattern.exec(text);
  if (!m) return { ok: false, key: 'import_date' };
  const [, y, mo, d, hh, mm] = m;
  return fromParts(Number(y), Number(mo), Number(d), ...(hh === undefined ? [] : [Number(hh), Number(mm)]));
};

export const parseDate = (cell: Cell): Parsed<string> => {
  const r = parseDateTime(cell);
  return r && (r.ok ? { ok: true, value: r.value.date } : r);
};

/** A file's local date and time as the instant it names in the tenant's zone (midnight without a time). */
export const toInstant = (v: LocalDateTime, zone: string) => instantOf(v.date, v.time ?? '00:00', zone);

const numberText = (cell: Cell) =>
  cellText(cell)
    .replace(/[,，\s¥￥]/g, '')
    .replace(/(元|rmb|cny|km|公里|千米|小时|h|个|件|升|l)$/i, '');

/** A plain decimal number (labour hours, quantities): no sign, at most `decimals` places. */
export const parseDecimal = (cell: Cell, max: number, decimals = 2): Parsed<number> => {
  if (isEmpty(cell)) return null;
  const n = typeof cell === 'number' ? cell : Number(numberText(cell));
  if (!Number.isFinite(n) || n < 0 || n > max) return { ok: false, key: 'import_number' };
  const scaled = Math.round(n * 10 ** decimals);
  if (Math.abs(scaled / 10 ** decimals - n) > 1e-9) return { ok: false, key: 'import_number' };
  return { ok: true, value: scaled / 10 ** decimals };
};

/** Yuan as DMS exports write them (¥1,234.50, 1234.5元) → fen. */
export const parseAmountFen = (cell: Cell): Parsed<number> => {
  const r = parseDecimal(cell, 1e10);
  if (r && !r.ok) return { ok: false, key: 'import_amount' };
  return r && { ok: true, value: Math.round(r.value * 100) };
};

/** Kilometres (12,345 / 12345km / 1.2万); whole numbers only. */
export const parseKm = (cell: Cell): Parsed<number> => {
  if (isEmpty(cell)) return null;
  const text = numberText(cell);
  const wan = /^(\d+(?:\.\d+)?)万$/.exec(text);
  const n = wan ? Number(wan[1]) * 10_000 : typeof cell === 'number' ? cell : Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 2_000_000) return { ok: false, key: 'import_km' };
  return { ok: true, value: Math.round(n) };
};

/**
 * A mainland mobile number, however the DMS wrote it (+86 138-0013-8000, 0086 13800138000, (138) 0013 8000,
 * full-width １３８…, a number cell): see normaliseMobile.
 */
export const normalisePhone = (cell: Cell): Parsed<string> => {
  if (isEmpty(cell)) return null;
  const local = normaliseMobile(cellText(cell));
  return local ? { ok: true, value: local } : { ok: false, key: 'phone' };
};

/** A VIN however the export wrote it (lower case, spaced or dashed in groups, full-width): see vinText. */
export const parseVin = (cell: Cell): Parsed<string> => {
  const text = vinText(cellText(cell));
  if (text === '') return null;
  const r = vinCheck(text);
  return r.ok ? { ok: true, value: r.vin } : { ok: false, key: `vin_${r.reason}` };
};

/** A plate with whatever separators the export put in (沪E-50029, 沪E·50029, 沪 E 50029): see plateText. */
export const parsePlate = (cell: Cell): Parsed<string> => {
  const text = plateText(cellText(cell));
  if (text === '') return null;
  const r = plateCheck(text);
  return r.ok ? { ok: true, value: r.plate } : { ok: false, key: 'plate' };
};

const genders: Record<string, 'male' | 'female'> = {
  男: 'male',
  先生: 'male',
  m: 'male',
  male: 'male',
  女: 'female',
  女士: 'female',
  f: 'female',
  female: 'female',
};

export const parseGender = (cell: Cell): Parsed<'male' | 'female'> => {
  if (isEmpty(cell)) return null;
  const g = genders[cellText(cell).toLowerCase()];
  return g ? { ok: true, value: g } : { ok: false, key: 'import_gender' };
};

/** 2023, 2023款, 2023年 */
export const parseModelYear = (cell: Cell): Parsed<number> => {
  if (isEmpty(cell)) return null;
  const m = /^(\d{4})\s*(款|年|年款)?$/.exec(cellText(cell));
  const year = m ? Number(m[1]) : NaN;
  return year >= 1990 && year <= 2100 ? { ok: true, value: year } : { ok: false, key: 'import_model_year' };
};

/** Text for a free-text column, cut to what the column holds. */
export const parseText = (cell: Cell, max: number): Parsed<string> => {
  const text = cellText(cell).replace(/\s+/g, ' ');
  if (text === '') return null;
  return text.length <= max ? { ok: true, value: text } : { ok: false, key: 'import_too_long' };
};
