// The import benchmark's DMS files, streamed (bench/scale-import.mjs):
//   node --import tsx bench/make-import-file.ts customers <path.xlsx> <rows>
//     one 客户车辆档案 sheet, one car per row (the sample's generator);
//   node --import tsx bench/make-import-file.ts workbook <path.xlsx> <rows> <customers.csv> <vehicles.csv>
//     a 客户 sheet and a 车辆 sheet keyed by 客户编号 (rows/2 each), and the same rows as CSV (the COPY baseline);
//   node --import tsx bench/make-import-file.ts orders <path.csv> <rows> <cars>
//     repair orders with per-order totals (one row per order) for the workbook's first <cars> cars.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type * as ExcelTypes from 'exceljs';
import { customerRow, makeCustomersXlsx } from '../samples/dms/make-samples.ts';
import { customerHeaders, seeded, type CustomerSampleRow } from '../samples/dms/sample-kit.ts';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelTypes;

/** The customer columns of a 客户车辆档案 row, and its car's columns (the car sheet names its owner by 客户编号). */
const firstCarColumn = customerHeaders.indexOf('车架号');
const customerColumns = customerHeaders.slice(0, firstCarColumn);
const carColumns = ['客户编号', ...customerHeaders.slice(firstCarColumn)];
const customerCells = (row: CustomerSampleRow) => row.slice(0, firstCarColumn);
const carCells = (row: CustomerSampleRow) => [row[0] ?? null, ...row.slice(firstCarColumn)];

/** Unique phones without a set: a bijection of i onto 8 digits (as makeCustomersXlsx). */
const phoneOf = (i: number) =>
  `1${['5', '7', '8', '9'][i % 4]}${i % 10}${String((i * 7919) % 100_000_000).padStart(8, '0')}`;

/** The generated people with their cars: the same sequence for the workbook and the orders. */
function* people(count: number) {
  const rng = seeded(11);
  for (let i = 1; i <= count; i += 1) yield customerRow(rng, i, phoneOf(i));
}

const csvCell = (v: string | number | Date | null | undefined) => {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** A CSV writer that waits for the stream when it is full (a million lines never sit in memory). */
const csvWriter = (path: string) => {
  const out = createWriteStream(path);
  return {
    row: async (cells: readonly (string | number | Date | null | undefined)[]) => {
      if (!out.write(`${cells.map(csvCell).join(',')}\n`)) await once(out, 'drain');
    },
    end: () => new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve()))),
  };
};

const workbook = async (path: string, rows: number, customersCsv: string, vehiclesCsv: string) => {
  const count = Math.floor(rows / 2);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const dated = customerHeaders.indexOf('购车日期') - firstCarColumn + 2;
  const [csvC, csvV] = [csvWriter(customersCsv), csvWriter(vehiclesCsv)];
  await csvC.row(customerColumns);
  await csvV.row(carColumns);
  const customers = book.addWorksheet('客户');
  customers.addRow(customerColumns).commit();
  for (const row of people(count)) {
    customers.addRow(customerCells(row)).commit();
    await csvC.row(customerCells(row));
  }
  customers.commit();
  const cars = book.addWorksheet('车辆');
  cars.addRow(carColumns).commit();
  for (const row of people(count)) {
    const r = cars.addRow(carCells(row));
    r.getCell(dated).numFmt = 'yyyy-mm-dd';
    r.commit();
    await csvV.row(carCells(row));
  }
  cars.commit();
  await book.commit();
  await Promise.all([csvC.end(), csvV.end()]);
};

const orderColumns = [
  '工单号',
  '车架号',
  '进厂日期',
  '出厂日期',
  '维修类型',
  '进厂里程',
  '服务顾问',
  '工时费',
  '材料费',
  '材料成本',
  '合计金额',
] as const;

const jobs = [
  { type: '定期保养', labour: [180, 260], parts: [300, 900] },
  { type: '一般维修', labour: [120, 800], parts: [50, 2400] },
  { type: '事故车', labour: [600, 3000], parts: [800, 9000] },
  { type: '保修', labour: [0, 0], parts: [0, 0] },
] as const;

const lastDay = Date.UTC(2026, 9, 31);

/** Each car's history: orders a few months apart from its purchase, the odometer rising, totals to the fen. */
const orders = async (path: string, rows: number, carCount: number) => {
  const rng = seeded(23);
  const perCar = Math.ceil(rows / carCount);
  const out = csvWriter(path);
  await out.row(orderColumns);
  let written = 0;
  let n = 0;
  for (const person of people(carCount)) {
    n += 1;
    const vin = person[firstCarColumn] as string;
    const bought = person[customerHeaders.indexOf('购车日期')] as Date;
    // Spread between the purchase and the end of last month, never in the future.
    const step = (lastDay - bought.getTime()) / (perCar + 1);
    // The odometer as the car sheet read it (行驶里程 on 里程日期), at the same pace before and after.
    const read = person[customerHeaders.indexOf('行驶里程')] as number;
    const readOn = Date.parse(person[customerHeaders.indexOf('里程日期')] as string);
    const perDay = read / Math.max(1, (readOn - bought.getTime()) / 86_400_000);
    for (let k = 0; k < perCar && written < rows; k += 1) {
      const day = bought.getTime() + Math.round(((k + 0.5 + rng.next() * 0.5) * step) / 86_400_000) * 86_400_000;
      const km = Math.max(1, Math.round(((day - bought.getTime()) / 86_400_000) * perDay));
      const job = k === 0 ? { type: '首保', labour: [0, 0], parts: [0, 0] } : rng.pick(jobs);
      const fen = ([lo, hi]: readonly number[]) => (lo ?? 0) * 100 + rng.int(((hi ?? 0) - (lo ?? 0)) * 100 + 1);
      const [labour, parts] = [fen(job.labour), fen(job.parts)];
      const cost = Math.round(parts * 0.62);
      const dateIn = new Date(day);
      const dateOut = new Date(Math.min(day + rng.int(3) * 86_400_000, lastDay));
      // The dealer's formats, mixed as exports are: ISO, slashes, and 年月日.
      const dateText = (d: Date) =>
        k % 3 === 0
          ? d.toISOString().slice(0, 10)
          : k % 3 === 1
            ? `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`
            : `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
      await out.row([
        `RO${String(n).padStart(6, '0')}${String(k).padStart(2, '0')}`,
        vin,
        dateText(dateIn),
        dateText(dateOut),
        job.type,
        km,
        rng.pick(['陈静', '陈静', '', '王磊']),
        (labour / 100).toFixed(2),
        (parts / 100).toFixed(2),
        (cost / 100).toFixed(2),
        ((labour + parts) / 100).toFixed(2),
      ]);
      written += 1;
    }
  }
  await out.end();
};

const [mode, path, rows, a, b] = process.argv.slice(2);
const count = Number(rows);
if (!path || !Number.isInteger(count))
  throw new Error('usage: make-import-file.ts customers|workbook|orders <path> <rows> …');
if (mode === 'customers') await makeCustomersXlsx(path, count);
else if (mode === 'workbook' && a && b) await workbook(path, count, a, b);
else if (mode === 'orders' && Number.isInteger(Number(a))) await orders(path, count, Number(a));
else throw new Error(`make-import-file.ts: unknown mode ${mode}`);
