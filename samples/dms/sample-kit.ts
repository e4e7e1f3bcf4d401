/** What both sample generators share: a seeded random source, VINs with valid check digits, the layout. */
import { vinCheckDigit } from '@m4s/contracts';

/** A small seeded generator (mulberry32): the files must not change from run to run. */
export const seeded = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
};
export type Rng = ReturnType<typeof seeded>;

const vinChars = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const yearCodes: Record<number, string> = { 2019: 'K', 2020: 'L', 2021: 'M', 2022: 'N', 2023: 'P', 2024: 'R' };

/** A VIN with a valid ISO 3779 check digit (position 9), the model year at 10 and a serial number. */
export const makeVin = (rng: Rng, wmi: string, year: number, serial: number) => {
  const vds = Array.from({ length: 5 }, () => rng.pick([...vinChars])).join('');
  const body = `${wmi}${vds}0${yearCodes[year] ?? 'P'}${rng.pick(['A', 'B', 'C', '1', '2'])}${String(serial).padStart(6, '0')}`;
  return `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;
};

export const customerHeaders = [
  '客户编号',
  '客户姓名',
  '性别',
  '手机号码',
  '备用电话',
  '出生日期',
  '证件号码',
  '联系地址',
  '职业',
  '客户来源',
  '销售顾问',
  '服务顾问',
  '所属门店',
  '车架号',
  '车牌号',
  '品牌',
  '车系',
  '车型',
  '年款',
  '颜色',
  '购车日期',
  '保险公司',
  '保险到期日',
  '年检到期日',
  '行驶里程',
  '里程日期',
] as const;

export type CustomerSampleRow = (string | number | Date | null)[];
