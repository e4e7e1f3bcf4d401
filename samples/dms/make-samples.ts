/**
 * Writes the sample DMS exports shipped in samples/dms (see README.md there):
 *   node --import tsx samples/dms/make-samples.ts
 * Deterministic: the same rows every run (a seeded generator, a fixed "today"). The benchmark reuses
 * makeCustomersXlsx() to write a large file through the same streaming writer.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type * as ExcelTypes from 'exceljs';
import {
  cars,
  colours,
  customerHeaders,
  given,
  makePlate,
  makeVin,
  seeded,
  surnames,
  type CustomerSampleRow,
  type Rng,
} from './sample-kit.ts';
import { writeOrderSample } from './make-orders.ts';
import { kindSamples } from './make-kinds.ts';
import { workbookSample } from './make-workbook.ts';

// Required, not imported: the server's reader (apps/server/src/modules/imports/excel.ts) loads its own
// patched copy of ExcelJS, which an ES import of the same package in one process would disturb.
const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelTypes;

const occupations = [
  '教师',
  '工程师',
  '个体经营',
  '公务员',
  '医生',
  '销售',
  '企业管理',
  '自由职业',
  '退休',
  '财务',
  '律师',
  '设计师',
];
const sources = ['展厅到店', '展厅到店', '来电咨询', '老客户转介绍', '车展', '汽车之家', '懂车帝', '异业合作'];
const insurers = ['中国人保', '平安保险', '太平洋保险', '国寿财险', '大地保险'];
const districts = {
  shanghai: ['浦东新区张江路', '浦东新区世纪大道', '闵行区虹井路', '徐汇区漕溪北路', '杨浦区国权路', '静安区南京西路'],
  hangzhou: ['西湖区文三路', '滨江区江南大道', '拱墅区湖墅南路', '上城区庆春路'],
};

const date = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** One generated customer with one car, as a 客户车辆档案 row (dates in the mixed formats DMS exports use). */
export const customerRow = (rng: Rng, i: number, phone: string, withCar = true): CustomerSampleRow => {
  const car = rng.pick(cars);
  const year = Number(/^(\d{4})款/.exec(car.model)?.[1] ?? 2020 + rng.int(5));
  const bought = date(year, 1 + rng.int(12), 1 + rng.int(28));
  const hangzhou = rng.int(4) === 0;
  const born = date(1965 + rng.int(35), 1 + rng.int(12), 1 + rng.int(28));
  const km = Math.round((2025 - year) * (6000 + rng.int(12000)) + rng.int(3000));
  const insurance = date(2025 + rng.int(2), 1 + rng.int(12), 1 + rng.int(28));
  const inspectionSerial = Math.round(bought.getTime() / 86_400_000) + 25_569 + 365 * 6;
  return [
    `KH${String(100_000 + i)}`,
    `${rng.pick([...surnames])}${rng.pick(given)}`,
    rng.next() < 0.62 ? '男' : '女',
    phone,
    null,
    `${born.getUTCFullYear()}/${born.getUTCMonth() + 1}/${born.getUTCDate()}`,
    null,
    rng.next() < 0.7
      ? `${hangzhou ? '杭州市' : '上海市'}${rng.pick(districts[hangzhou ? 'hangzhou' : 'shanghai'])}${1 + rng.int(999)}号`
      : null,
    rng.pick(occupations),
    rng.pick(sources),
    rng.pick(['刘洋', '刘洋', '', 'sales']),
    rng.pick(['陈静', '陈静', '', 'advisor']),
    hangzhou ? 'HZ-XH' : 'SH-PD',
    withCar ? makeVin(rng, car.wmi, year, 100_000 + i) : null,
    withCar ? makePlate(rng, hangzhou, car.ev) : null,
    withCar ? car.brand : null,
    withCar ? car.series : null,
    withCar ? car.model || null : null,
    withCar ? year : null,
    withCar ? rng.pick(colours) : null,
    withCar ? bought : null,
    withCar ? rng.pick(insurers) : null,
    withCar ? `${insurance.getUTCFullYear()}年${insurance.getUTCMonth() + 1}月${insurance.getUTCDate()}日` : null,
    withCar ? inspectionSerial : null,
    withCar ? km : null,
    withCar ? ymd(date(2025, 5, 1 + rng.int(28))) : null,
  ];
};

const phoneOf = (rng: Rng, used: Set<string>) => {
  for (;;) {
    const phone = `${rng.pick(['150', '151', '152', '158', '159', '177', '186', '187', '188', '189', '199'])}${String(rng.int(1e8)).padStart(8, '0')}`;
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
};

const set = (
  row: CustomerSampleRow,
  header: (typeof customerHeaders)[number],
  value: string | number | Date | null,
) => {
  row[customerHeaders.indexOf(header)] = value;
};
const get = (row: CustomerSampleRow, header: (typeof customerHeaders)[number]) =>
  row[customerHeaders.indexOf(header)] ?? null;

/**
 * The 200 rows of the sample: 180 customers with a car, 4 without one, 10 second cars of customers
 * already listed (same phone: they merge, the customer gains the car; 3 of them bring a new spare phone),
 * and 6 broken rows (a VIN with a wrong check digit ×2, a landline, a short phone, no name, 30 February).
 * Two cars are of a brand the catalogue lacks (极氪 001): they import with a warning per unknown name.
 */
export const sampleCustomerRows = (): CustomerSampleRow[] => {
  const rng = seeded(20250630);
  const used = new Set<string>();
  const rows: CustomerSampleRow[] = [];
  for (let i = 1; i <= 184; i += 1) rows.push(customerRow(rng, i, phoneOf(rng, used), i % 46 !== 0));
  const withCars = rows.filter((r) => get(r, '车架号'));
  for (let k = 0; k < 10; k += 1) {
    const owner = withCars[7 + k * 17] as CustomerSampleRow;
    const second = customerRow(rng, 500 + k, get(owner, '手机号码') as string);
    for (const h of ['客户编号', '客户姓名', '性别', '出生日期', '联系地址', '职业', '客户来源', '所属门店'] as const)
      set(second, h, get(owner, h));
    if (k < 3) set(second, '备用电话', phoneOf(rng, used));
    rows.splice(20 + k * 18, 0, second);
  }
  const broken = (at: number, change: (row: CustomerSampleRow) => void) => {
    const row = customerRow(rng, 900 + at, phoneOf(rng, used));
    change(row);
    rows.splice(at, 0, row);
  };
  const wrongCheckDigit = (row: CustomerSampleRow) => {
    const vin = get(row, '车架号') as string;
    set(row, '车架号', `${vin.slice(0, 8)}${vin[8] === '3' ? '4' : '3'}${vin.slice(9)}`);
  };
  broken(30, wrongCheckDigit);
  broken(75, (row) => set(row, '手机号码', '021-62345678'));
  broken(110, (row) => set(row, '客户姓名', null));
  broken(140, (row) => set(row, '手机号码', '1391234567'));
  broken(165, wrongCheckDigit);
  broken(190, (row) => set(row, '购车日期', '2023-02-30'));
  // Two cars of a brand the catalogue does not have: imported, with a warning for each unknown name.
  for (const at of [50, 120]) {
    const row = rows[at] as CustomerSampleRow;
    set(row, '品牌', '极氪');
    set(row, '车系', '001');
    set(row, '车型', null);
  }
  return rows;
};

/** The same layout at any size, streamed to disk (memory stays flat): the benchmark's 100,000-row file. */
export const makeCustomersXlsx = async (path: string, count: number, seed = 7) => {
  const rng = seeded(seed);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('客户车辆档案');
  sheet.addRow([...customerHeaders]).commit();
  for (let i = 1; i <= count; i += 1) {
    // Unique phones without a set: a bijection of i onto 8 digits.
    const phone = `1${['5', '7', '8', '9'][i % 4]}${i % 10}${String((i * 7919) % 100_000_000).padStart(8, '0')}`;
    const row = sheet.addRow(customerRow(rng, i, phone));
    row.getCell(customerHeaders.indexOf('购车日期') + 1).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
};

const writeCustomerSample = async (path: string, rows: CustomerSampleRow[]) => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'M4S';
  workbook.created = workbook.modified = new Date(Date.UTC(2025, 5, 30));
  const sheet = workbook.addWorksheet('客户车辆档案');
  sheet.addRow([...customerHeaders]).font = { bold: true };
  for (const r of rows) sheet.addRow(r).getCell(customerHeaders.indexOf('购车日期') + 1).numFmt = 'yyyy-mm-dd';
  sheet.columns.forEach((c, i) => (c.width = [10, 10, 6, 14, 14, 12, 20, 30, 10, 12][i] ?? 14));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  await workbook.xlsx.writeFile(path);
};

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = sampleCustomerRows();
  await writeCustomerSample(here('客户车辆档案-示例.xlsx'), rows);
  await writeFile(here('维修工单明细-示例.csv'), writeOrderSample(rows));
  const kinds = await kindSamples(rows);
  await writeFile(here('车辆档案-示例.csv'), kinds.vehicles);
  await writeFile(here('销售交车-示例.xlsx'), kinds.sales);
  await writeFile(here('维修工单-示例.csv'), kinds.repairOrders);
  await writeFile(here('工单明细-示例.csv'), kinds.repairOrderLines);
  await writeFile(here('旧系统导出-示例.xlsx'), await workbookSample());
  console.log(`samples/dms: ${rows.length} customer rows, order lines, the other kinds and the workbook written`);
}
