/** What the samples of the other kinds and the workbook sample share (make-kinds.ts, make-workbook.ts). */
import { createRequire } from 'node:module';
import type * as ExcelTypes from 'exceljs';
import { vinCheck } from '@m4s/contracts';
import { jobs } from './make-orders.ts';
import { cars, customerHeaders, makePlate, makeVin, type CustomerSampleRow, type Rng } from './sample-kit.ts';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelTypes;

export type Cell = string | number | Date | null;
export type Car = { ref: string; vin: string; plate: string; bought: Date; km: number; owner: string; store: string };

export const day = 86_400_000;
export const end = Date.UTC(2025, 3, 30);
export const pad = (n: number) => String(n).padStart(2, '0');

/** A date as the old systems write it, one of the four text forms by turn. */
export const dateText = (d: Date, turn: number) => {
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return [`${y}-${pad(m)}-${pad(dd)}`, `${y}/${m}/${dd}`, `${y}年${m}月${dd}日`, `${y}${pad(m)}${pad(dd)}`][
    turn % 4
  ] as string;
};
export const stamp = (d: Date, hh: number, mm: number) => `${d.toISOString().slice(0, 10)} ${pad(hh)}:${pad(mm)}`;

/** A plate as people type it: with a dash, a space, a dot or a middle dot after the region (沪E-50029). */
export const plateText = (plate: string, turn: number) => {
  const p = plate.replace('·', '');
  return [p, `${p.slice(0, 2)}-${p.slice(2)}`, `${p.slice(0, 2)} ${p.slice(2)}`, `${p.slice(0, 2)}.${p.slice(2)}`][
    turn % 4
  ] as string;
};

/** A mobile as old systems and people wrote it: full-width digits, +86, dashes, spaces. */
export const phoneText = (phone: string, turn: number) =>
  [
    phone,
    `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
    `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
    phone.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  ][turn % 4] as string;

export const yuan = (fen: number, turn: number) => {
  const y = (fen / 100).toFixed(2);
  return [y, `¥${Number(y).toLocaleString('en-US', { minimumFractionDigits: 2 })}`, `${Number(y)}元`][
    turn % 3
  ] as string;
};

export const wrongCheckDigit = (vin: string) => `${vin.slice(0, 8)}${vin[8] === '3' ? '4' : '3'}${vin.slice(9)}`;

export const csv = (rows: Cell[][]) =>
  rows
    .map((r) =>
      r
        .map((v) => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)))
        .map((s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s))
        .join(','),
    )
    .join('\r\n') + '\r\n';

/** UTF-8 with a byte-order mark: Excel on Windows opens it without garbling the Chinese. */
export const utf8Bom = (rows: Cell[][]) => Buffer.from(`\uFEFF${csv(rows)}`, 'utf8');

let gbk: Map<string, number[]> | null = null;
/** GB18030 (its two-byte GBK part) as most Chinese DMS exports write CSV: a reverse of the decoder's table. */
export const gb18030 = (rows: Cell[][]) => {
  if (!gbk) {
    gbk = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead += 1)
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbk.has(ch)) gbk.set(ch, [lead, trail]);
      }
  }
  const bytes: number[] = [];
  for (const ch of csv(rows)) {
    const code = ch.charCodeAt(0);
    const mapped = code < 0x80 ? [code] : gbk.get(ch);
    if (!mapped) throw new Error(`not in GB18030's two-byte part: ${ch}`);
    bytes.push(...mapped);
  }
  return Buffer.from(bytes);
};

export const xlsx = async (sheets: { name: string; rows: Cell[][]; dateColumns?: number[] }[]) => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'M4S';
  workbook.created = workbook.modified = new Date(Date.UTC(2025, 5, 30));
  for (const { name, rows, dateColumns = [] } of sheets) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((r, i) => {
      const row = sheet.addRow(r);
      if (i === 0) row.font = { bold: true };
      else for (const c of dateColumns) row.getCell(c + 1).numFmt = 'yyyy-mm-dd';
    });
    sheet.columns.forEach((c) => (c.width = 14));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** The customers of the customer sample that import (good name, mobile and car), each once, with their cars. */
export const customersOf = (rows: CustomerSampleRow[]) => {
  const col = (r: CustomerSampleRow, h: (typeof customerHeaders)[number]) => r[customerHeaders.indexOf(h)] ?? null;
  const people = new Map<string, { ref: string; store: string; cars: Car[] }>();
  for (const r of rows) {
    const vin = col(r, '车架号');
    const bought = col(r, '购车日期');
    const ok =
      col(r, '客户姓名') &&
      /^1[3-9]\d{9}$/.test(String(col(r, '手机号码'))) &&
      (vin === null || (typeof vin === 'string' && vinCheck(vin).ok && bought instanceof Date));
    if (!ok) continue;
    const ref = String(col(r, '客户编号'));
    const person = people.get(ref) ?? { ref, store: String(col(r, '所属门店')), cars: [] };
    people.set(ref, person);
    if (typeof vin === 'string' && bought instanceof Date)
      person.cars.push({
        ref: '',
        vin,
        plate: String(col(r, '车牌号') ?? ''),
        bought,
        km: Number(col(r, '行驶里程')),
        owner: ref,
        store: person.store,
      });
  }
  return [...people.values()];
};

export const newCar = (rng: Rng, serial: number, owner: string, store: string) => {
  const car = rng.pick(cars);
  // The model year the trim names (2023款 …), else any of the last years.
  const drawn = 2019 + rng.int(6);
  const year = Number(/^(\d{4})款/.exec(car.model)?.[1] ?? drawn);
  const bought = new Date(Date.UTC(year, rng.int(12), 1 + rng.int(28)));
  const km = Math.round(((end - bought.getTime()) / (365 * day)) * (6000 + rng.int(12000)) + rng.int(3000));
  const plate = makePlate(rng, store === 'HZ-XH', car.ev);
  return { car, year, vin: makeVin(rng, car.wmi, Math.min(year, 2024), serial), plate, bought, km, owner, store };
};

/** Orders over a car's life (dates and odometer in step), with the job's lines and its totals in fen. */
export const visitsOf = (rng: Rng, car: Car, count: number) =>
  Array.from({ length: count }, (_, k) => {
    const f = ((k + 1) / (count + 1)) * (0.6 + rng.next() * 0.35);
    const at = new Date(car.bought.getTime() + f * (end - car.bought.getTime()));
    const job = k === 0 && rng.next() < 0.35 ? (jobs[0] as (typeof jobs)[number]) : rng.pick(jobs.slice(1));
    const labour = job.lines.filter((l) => l[0] === '工时').reduce((n, l) => n + l[4] * 100, 0);
    const parts = job.lines.filter((l) => l[0] === '配件').reduce((n, l) => n + l[4] * 100, 0);
    const cost = job.lines.reduce((n, l) => n + (l[5] ?? 0) * (l[0] === '配件' ? 100 : 0), 0);
    return { car, at, km: Math.round(car.km * f * 0.95), job, labour, parts, cost };
  }).sort((a, b) => a.at.getTime() - b.at.getTime());

export type Visit = ReturnType<typeof visitsOf>[number];

export const orderHeaders = [
  '工单号',
  '车架号',
  '车牌号',
  '车辆编号',
  '进厂日期',
  '出厂日期',
  '维修类型',
  '进厂里程',
  '服务顾问',
  '维修技师',
  '工时费',
  '材料费',
  '材料成本',
];

/** One row per order: the car by VIN, or (VIN left blank, as some exports do) by the old system's car number. */
export const orderRow = (rng: Rng, number: string, v: Visit, i: number, advisor: string): Cell[] => {
  const out = new Date(v.at.getTime() + (v.job.type === '事故车' ? 3 : 0) * day);
  const byNumber = i % 7 === 3 && v.car.ref !== '';
  return [
    number,
    byNumber ? null : i % 9 === 4 ? v.car.vin.toLowerCase() : v.car.vin,
    v.car.plate,
    v.car.ref || null,
    i % 4 === 0 ? stamp(v.at, 8 + rng.int(4), rng.int(60)) : dateText(v.at, i),
    stamp(out, 16 + rng.int(3), rng.int(60)),
    v.job.type,
    i % 5 === 0 ? v.km.toLocaleString('en-US') : v.km,
    advisor,
    rng.pick(['周师傅', '吴师傅', '郑师傅']),
    yuan(v.labour, i),
    yuan(v.parts, i + 1),
    yuan(v.cost, i + 2),
  ];
};
