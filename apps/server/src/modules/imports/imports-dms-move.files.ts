// The three DMS exports of the move-in test (imports-dms-move.test.ts), as a dealer's old system writes them.
import { badVin, vin } from './sources.test-kit.ts';
import { encodeGbk } from './test-kit.ts';

export type Value = string | number | Date | null;

/** The existing car of the test tenant's own customer (测试客户, 13000000000): the files merge into both. */
export const existingVin = 'LFV2A21K8J3000001';

/** Excel's serial day number of a date (what a DMS writes when a date cell lost its format). */
export const serial = (y: number, m: number, d: number) =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

/**
 * The three exports. `book`: as a workbook would hold them — some dates as real Excel dates or serial
 * numbers and some amounts as numbers, the same values as the CSVs' text.
 */
export const customerRows = (book: boolean): Value[][] => [
  ['客户编号', '客户姓名', '手机号码', '出生日期', '服务顾问'],
  // Full-width digits, a trailing space in the name, an advisor the tenant has.
  ['KH001', '张三 ', '１３８００１３８００１', book ? new Date(Date.UTC(1985, 2, 5)) : '1985-03-05', '陈静'],
  // +86 and dashes; an advisor the tenant does not have (reported once for the run)…
  ['KH002', '李四', '+86 138-0013-8002', '1990/7/8', '王经理'],
  // …named again (spaces in the phone, spaces after the name): not reported a second time.
  ['KH003', '王五  ', '138 0013 8003', '1978年11月2日', '王经理'],
  // A landline: unusable, but the customer has a number in the old system — kept, reported, a data-fix task.
  ['KH004', '赵六', '021-62345678', book ? serial(1980, 1, 1) : '19800101', null],
  // Two records of one person under two numbers, the phone written two ways: one customer.
  ['KH005', '钱七', '13800138005', null, null],
  ['KH006', '钱七', '138-0013-8005', '1988.6.9', null],
  // The tenant's own customer, phone spaced: merged (the empty birthday filled, the name not overwritten).
  ['KH007', '测试客户（旧系统）', '130 0000 0000', '1970-01-02', null],
  // Nothing to know the person by (no customer number, no usable phone): refused.
  [null, '孙八', '12345', null, null],
];

export const carRows = (book: boolean): Value[][] => [
  ['客户编号', '车辆编号', '车架号', '车牌号', '品牌', '车型', '购车日期', '行驶里程'],
  // A lower-case VIN and a plate with a dash.
  [
    'KH001',
    'CL001',
    vin(1).toLowerCase(),
    '沪E-50029',
    '大众',
    '朗逸',
    book ? serial(2021, 6, 1) : '2021-06-01',
    '20,000',
  ],
  // A dotted plate; 车型 holding a series with its powertrain (汉EV).
  ['KH002', 'CL002', vin(2), '沪A.12345', '比亚迪', '汉EV', '2022/3/4', null],
  // The customer kept without a phone gets their car; a model the catalogue lacks (listed once, 2 rows).
  ['KH004', 'CL003', vin(3), '沪B 54321', '比亚迪', '神秘车型X', '2023年5月6日', null],
  // The owner under the second number of the merged customer.
  ['KH006', 'CL004', vin(4), '沪C·66666', '比亚迪', '神秘车型X', '20230506', null],
  // An invalid VIN: refused (its orders too, below).
  ['KH003', 'CL005', badVin(5), '沪D-11111', '大众', '朗逸', '2023-01-01', null],
  // An owner the customer file does not have: refused.
  ['KH999', 'CL006', vin(6), null, null, null, null, null],
  // The tenant's own car, plate spaced: merged (the plate filled in).
  ['KH007', 'CL007', existingVin, '沪F 88888', null, null, null, null],
];

export const orderRows = (book: boolean): Value[][] => [
  [
    '工单号',
    '车辆编号',
    '车架号',
    '进厂日期',
    '出厂日期',
    '维修类型',
    '进厂里程',
    '服务顾问',
    '维修技师',
    '工时费',
    '材料费',
    '材料成本',
  ],
  [
    'RO001',
    'CL001',
    null,
    '2024-03-05 09:30',
    '2024-03-05 16:00',
    '首保',
    '5,000',
    '陈静',
    '李 师傅 ',
    book ? 180 : '180.00',
    book ? 458.5 : '¥458.50',
    '276.30',
  ],
  // The car by its (lower-case) VIN; the unknown advisor again (one line for this run).
  [
    'RO002',
    null,
    vin(2).toLowerCase(),
    '2024/4/1',
    '2024/4/2',
    '事故维修',
    12000,
    '王经理',
    null,
    '1,200.10',
    '3000.05',
    '2000.99',
  ],
  ['RO003', 'CL003', null, '2024年5月6日', null, '保养', null, '王经理', null, '99.99', '0.01', '0'],
  ['RO004', 'CL004', null, book ? serial(2024, 6, 7) : '20240607', null, '索赔', null, null, null, '0', '0', '0'],
  // The car refused in the car file, by its number and by its VIN: each order refused and reported.
  ['RO005', 'CL005', null, '2024-06-08', null, '保养', null, null, null, '100', '0', '0'],
  ['RO006', null, badVin(5), '2024-06-09', null, '保养', null, null, null, '100', '0', '0'],
  ['RO007', 'CL007', null, '2024-07-01', null, '一般维修', null, null, null, '50', '0', '0'],
];

/** The orders' totals in fen, summed as the file gives them (labour + parts per order, stored orders). */
export const expectedTotalFen = 18000 + 45850 + (120010 + 300005) + (9999 + 1) + 0 + 5000;

/** CSV as Excel writes it: a value with a comma or a quote is quoted ("20,000"). */
export const text = (r: Value[][]) =>
  r
    .map((row) =>
      row
        .map((v) => (v === null || v instanceof Date ? '' : String(v)))
        .map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
        .join(','),
    )
    .join('\r\n') + '\r\n';
export const gb18030 = (r: Value[][]) => encodeGbk(text(r));
export const utf8Bom = (r: Value[][]) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(r))]);
