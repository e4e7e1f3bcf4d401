/** The 维修工单明细 sample: repair-order lines for the cars of the customer sample (see make-samples.ts). */
import { vinCheck } from '@m4s/contracts';
import { customerHeaders, makeVin, seeded, type CustomerSampleRow } from './sample-kit.ts';

export const orderHeaders = [
  '工单号',
  '车架号',
  '车牌号',
  '进厂日期',
  '出厂日期',
  '维修类型',
  '进厂里程',
  '服务顾问',
  '维修技师',
  '项目类型',
  '项目名称',
  '工时',
  '数量',
  '金额(元)',
  '成本(元)',
] as const;

type Line = [
  kind: '工时' | '配件',
  name: string,
  hours: number | null,
  qty: number | null,
  amount: number,
  cost: number | null,
];

export const jobs: { type: string; lines: Line[] }[] = [
  {
    type: '首保',
    lines: [
      ['工时', '首次保养工时', 1, null, 0, null],
      ['配件', '机油 5W-30 4L', null, 1, 0, 168],
    ],
  },
  {
    type: '定期保养',
    lines: [
      ['工时', '常规保养工时', 1, null, 180, null],
      ['配件', '全合成机油 5W-30 4L', null, 1, 398, 238],
      ['配件', '机油滤清器', null, 1, 68, 32],
      ['配件', '空气滤清器', null, 1, 128, 61],
    ],
  },
  {
    type: '定期保养',
    lines: [
      ['工时', '常规保养工时', 1, null, 180, null],
      ['配件', '全合成机油 0W-20 4L', null, 1, 458, 276],
      ['配件', '机油滤清器', null, 1, 68, 32],
      ['工时', '空调滤芯更换', 0.3, null, 60, null],
      ['配件', '空调滤芯', null, 1, 158, 70],
    ],
  },
  {
    type: '一般维修',
    lines: [
      ['工时', '前刹车片更换', 1.2, null, 240, null],
      ['配件', '前刹车片', null, 1, 620, 355],
      ['配件', '刹车油 DOT4', null, 1, 98, 40],
    ],
  },
  {
    type: '事故车',
    lines: [
      ['工时', '前保险杠钣金喷漆', 6, null, 1800, null],
      ['配件', '前保险杠皮', null, 1, 1450, 920],
      ['配件', '雾灯饰框', null, 2, 260, 150],
      ['工时', '四轮定位', 0.8, null, 200, null],
    ],
  },
  {
    type: '保修',
    lines: [
      ['工时', '车窗升降器更换', 1.5, null, 0, null],
      ['配件', '左前车窗升降器', null, 1, 0, 430],
    ],
  },
  { type: '召回活动', lines: [['工时', '软件升级（召回）', 0.5, null, 0, null]] },
];

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const stamp = (d: Date, hh: number, mm: number) =>
  `${d.toISOString().slice(0, 10)} ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;

/**
 * About 600 lines for the good cars of the customer sample, by order number (one late line of an
 * early order sits at the end: orders are grouped by number, wherever their rows are), and 3 broken
 * orders: a car whose VIN fails its check digit, a car not in the customer file, a line whose amount
 * is not a number (its whole order is refused).
 */
export const writeOrderSample = (customers: CustomerSampleRow[]): Buffer => {
  const rng = seeded(20250701);
  const col = (row: CustomerSampleRow, h: (typeof customerHeaders)[number]) => row[customerHeaders.indexOf(h)];
  const good = customers.filter((r) => {
    const vin = col(r, '车架号');
    return (
      typeof vin === 'string' &&
      vinCheck(vin).ok &&
      col(r, '客户姓名') &&
      /^1[3-9]\d{9}$/.test(String(col(r, '手机号码'))) &&
      col(r, '购车日期') instanceof Date
    );
  });
  const visits: { vin: string; plate: string; at: Date; km: number; job: (typeof jobs)[number] }[] = [];
  for (const row of good.slice(0, 150)) {
    const bought = col(row, '购车日期') as Date;
    const km = Number(col(row, '行驶里程'));
    const end = Date.UTC(2025, 3, 30);
    const n = 1 + rng.int(2);
    for (let v = 1; v <= n; v += 1) {
      const f = (v / (n + 1)) * (0.6 + rng.next() * 0.35);
      const at = new Date(bought.getTime() + f * (end - bought.getTime()));
      const job = v === 1 && rng.next() < 0.4 ? (jobs[0] as (typeof jobs)[number]) : rng.pick(jobs.slice(1));
      visits.push({
        vin: col(row, '车架号') as string,
        plate: String(col(row, '车牌号') ?? ''),
        at,
        km: Math.round(km * f * 0.95),
        job,
      });
    }
  }
  visits.sort((a, b) => a.at.getTime() - b.at.getTime());
  const lines: (string | number | null)[][] = [];
  const numbers: string[] = [];
  visits.forEach((visit, i) => {
    const number = `WT${visit.at.toISOString().slice(0, 10).replace(/-/g, '')}${String(1000 + i)}`;
    numbers.push(number);
    const out = new Date(visit.at.getTime() + (visit.job.type === '事故车' ? 3 : 0) * 86_400_000);
    const dateIn = stamp(visit.at, 8 + rng.int(4), rng.int(60));
    const dateOut = stamp(out, 16 + rng.int(3), rng.int(60));
    const advisor = rng.pick(['陈静', '陈静', 'advisor']);
    const technician = rng.pick(['周师傅', '吴师傅', '郑师傅']);
    for (const [kind, name, hours, qty, amount, cost] of visit.job.lines)
      lines.push([
        number,
        visit.vin,
        visit.plate,
        dateIn,
        dateOut,
        visit.job.type,
        visit.km,
        advisor,
        technician,
        kind,
        name,
        hours,
        qty,
        amount,
        cost,
      ]);
  });
  const badVin = customers.map((r) => col(r, '车架号')).find((v) => typeof v === 'string' && !vinCheck(v).ok) as string;
  const unknownVin = makeVin(rng, 'LSV', 2022, 999_001);
  const broken: (string | number | null)[][] = [
    [
      'WT202504281901',
      badVin,
      '沪A12345',
      '2025-04-28 09:10',
      '2025-04-28 15:00',
      '定期保养',
      12000,
      '陈静',
      '周师傅',
      '工时',
      '常规保养工时',
      1,
      null,
      180,
      null,
    ],
    [
      'WT202504281902',
      unknownVin,
      '沪B67890',
      '2025-04-28 10:20',
      '2025-04-28 16:30',
      '一般维修',
      56000,
      '陈静',
      '吴师傅',
      '工时',
      '发电机检修',
      2,
      null,
      400,
      null,
    ],
    [
      'WT202504281903',
      good[151] ? (col(good[151], '车架号') as string) : unknownVin,
      '',
      '2025-04-28 11:00',
      '2025-04-28 17:00',
      '一般维修',
      30500,
      '陈静',
      '郑师傅',
      '工时',
      '雨刮电机更换',
      1,
      null,
      150,
      null,
    ],
    [
      'WT202504281903',
      good[151] ? (col(good[151], '车架号') as string) : unknownVin,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '配件',
      '雨刮电机',
      null,
      1,
      '12..5',
      80,
    ],
  ];
  // The late line: a part added to an early order, exported after everything else.
  const late = [...(lines[5] ?? [])];
  late.splice(9, 6, '配件', '玻璃水 2L', null, 2, 30, 12);
  const all = [...lines, ...broken, late];
  const text = [orderHeaders, ...all].map((r) => r.map(csvCell).join(',')).join('\r\n');
  // With a byte-order mark: Excel on Windows then opens the UTF-8 file without garbling the Chinese.
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
};
