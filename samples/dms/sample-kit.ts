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

/** Names as Chinese DMS files hold them. */
export const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁沈';
export const given = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
  '海燕',
  '文博',
  '斌',
  '宇轩',
  '浩然',
  '子涵',
  '雨萱',
  '晓东',
  '春梅',
  '国庆',
  '丽华',
];
export const colours = ['珍珠白', '曜石黑', '星光银', '天际灰', '宝石蓝', '熔岩红'];

/** Cars from the platform's catalogue: brand, series and trim as a DMS writes them, with a maker's WMI. */
export const cars = [
  { brand: '大众', series: '朗逸', model: '2023款 1.5L 自动满逸版', wmi: 'LSV', ev: false },
  { brand: '一汽-大众', series: '迈腾', model: '2023款 330TSI DSG 豪华型', wmi: 'LFV', ev: false },
  { brand: '丰田', series: '卡罗拉', model: '2023款 双擎 1.8L E-CVT 精英版', wmi: 'LVG', ev: false },
  { brand: '丰田', series: '凯美瑞', model: '2021款 2.0G 豪华版', wmi: 'LVG', ev: false },
  { brand: '本田', series: '雅阁', model: '2022款 260TURBO 豪华版', wmi: 'LHG', ev: false },
  { brand: '本田', series: 'CR-V', model: '2023款 240TURBO 两驱锋尚5座版', wmi: 'LHG', ev: false },
  { brand: '日产', series: '轩逸', model: '2022款 1.6L XL CVT 悦享版', wmi: 'LGB', ev: false },
  { brand: '别克', series: 'GL8', model: '2023款 ES陆尊 653T 豪华型', wmi: 'LSG', ev: false },
  { brand: '别克', series: '英朗', model: '2022款 1.5L CVT 豪华型', wmi: 'LSG', ev: false },
  { brand: '宝马', series: '3系', model: '2023款 325Li M运动曜夜套装', wmi: 'LBV', ev: false },
  { brand: '奔驰', series: 'C级', model: '2022款 C 260 L 运动版', wmi: 'LE4', ev: false },
  { brand: '奥迪', series: 'A4L', model: '2023款 40 TFSI 豪华动感型', wmi: 'LFV', ev: false },
  { brand: '比亚迪', series: '秦PLUS', model: '2023款 冠军版 EV 420KM 领先型', wmi: 'LGX', ev: true },
  { brand: '比亚迪', series: '汉', model: '', wmi: 'LGX', ev: true },
  { brand: '吉利', series: '星越L', model: '', wmi: 'L6T', ev: false },
  { brand: '哈弗', series: 'H6', model: '', wmi: 'LGW', ev: false },
  { brand: '特斯拉', series: 'Model Y', model: '', wmi: 'LRW', ev: true },
] as const;

export const plateLetters = 'ABCDEFGHJKLMNPQRSTUVWXYZ'.replace('Q', '');
export const makePlate = (rng: Rng, hangzhou: boolean, ev: boolean) => {
  const prefix = hangzhou ? '浙A' : rng.pick(['沪A', '沪B', '沪C', '沪D']);
  const digits = () => String(rng.int(100_000)).padStart(5, '0');
  if (ev) return `${prefix}·${rng.pick(['D', 'F'])}${digits()}`;
  const n = digits();
  return rng.next() < 0.5 ? `${prefix}${n}` : `${prefix}${rng.pick([...plateLetters])}${n.slice(1)}`;
};
