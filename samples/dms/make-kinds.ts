/**
 * The samples of the kinds that name their records by the old system's numbers (see README.md): 车辆档案
 * (cars keyed by 客户编号), 销售交车, 维修工单 (one row per order, per-order totals), 工单明细 (lines keyed
 * by 工单号), all for the customers of 客户车辆档案-示例.xlsx — and a workbook of three sheets (客户 / 车辆 /
 * 工单) of other customers, to import in one run. Deterministic, written by make-samples.ts.
 */
import { colours, makeVin, seeded, type CustomerSampleRow } from './sample-kit.ts';
import {
  day,
  type Car,
  type Cell,
  customersOf,
  dateText,
  gb18030,
  newCar,
  orderHeaders,
  orderRow,
  plateText,
  stamp,
  utf8Bom,
  visitsOf,
  wrongCheckDigit,
  xlsx,
  yuan,
} from './kinds-kit.ts';

/**
 * The four samples that follow 客户车辆档案-示例.xlsx (import it first, then these in this order):
 * - 车辆档案 (GB18030 CSV): 40 cars the customer file already brought (unchanged: they get their 车辆编号),
 *   150 more cars of those customers named by 客户编号, dirty plates/VINs/dates; 2 cars of names the
 *   catalogue lacks (listed once); refused: a VIN with a wrong check digit, an unknown 客户编号, 30 February.
 * - 销售交车 (xlsx): 120 deliveries of those cars by VIN or 车辆编号 to their owners by 客户编号; an unknown
 *   consultant (reported once); refused: a car not in the system, a row without its delivery date.
 * - 维修工单 (UTF-8-BOM CSV): about 250 orders with per-order totals (工时费 / 材料费 / 材料成本); refused: a
 *   VIN with a wrong check digit, a car number not imported, an amount that is not a number.
 * - 工单明细 (UTF-8-BOM CSV): the lines of the first 150 of those orders, keyed by 工单号 (their totals stay
 *   as the order file gave them); refused: a line of an order that was never imported.
 */
export const kindSamples = async (customerRows: CustomerSampleRow[]) => {
  const rng = seeded(20251201);
  const people = customersOf(customerRows);
  const known = people.flatMap((p) => p.cars);

  // 车辆档案
  const carHeaders = [
    '客户编号',
    '车辆编号',
    '车架号',
    '车牌号',
    '品牌',
    '车系',
    '车型',
    '年款',
    '颜色',
    '购车日期',
    '行驶里程',
    '里程日期',
  ];
  const carRows: Cell[][] = [];
  known.slice(0, 40).forEach((car, i) => {
    car.ref = `CL${String(200_001 + i)}`;
    carRows.push([
      car.owner,
      car.ref,
      i % 3 === 0 ? car.vin.toLowerCase() : car.vin,
      plateText(car.plate, i),
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
  const added: Car[] = [];
  for (let i = 0; i < 150; i += 1) {
    const owner = people[(i * 7) % people.length] as (typeof people)[number];
    const c = newCar(rng, 300_001 + i, owner.ref, owner.store);
    const car: Car = {
      ref: `CL${String(200_041 + i)}`,
      vin: c.vin,
      plate: c.plate,
      bought: c.bought,
      km: c.km,
      owner: owner.ref,
      store: owner.store,
    };
    added.push(car);
    const unlisted = i === 30 || i === 90;
    carRows.push([
      owner.ref,
      car.ref,
      i % 6 === 2 ? car.vin.toLowerCase() : car.vin,
      plateText(car.plate, i),
      unlisted ? '比亚迪' : c.car.brand,
      unlisted ? '海豹07' : c.car.series,
      unlisted ? 'DM-i 旗舰型' : c.car.model || null,
      `${c.year}款`,
      rng.pick(colours),
      dateText(car.bought, i),
      i % 4 === 1 ? `${(car.km / 10_000).toFixed(1)}万` : car.km.toLocaleString('en-US'),
      '2025-05-20',
    ]);
  }
  const spare = (k: number) => newCar(rng, 399_000 + k, (people[k] as (typeof people)[number]).ref, 'SH-PD');
  const bad = [spare(1), spare(2), spare(3)];
  carRows.splice(60, 0, [
    bad[0]?.owner ?? '',
    'CL299001',
    wrongCheckDigit(bad[0]?.vin ?? ''),
    bad[0]?.plate ?? '',
    '大众',
    '朗逸',
    null,
    null,
    null,
    '2022-03-01',
    null,
    null,
  ]);
  carRows.splice(120, 0, [
    'KH999999',
    'CL299002',
    bad[1]?.vin ?? '',
    bad[1]?.plate ?? '',
    '丰田',
    '卡罗拉',
    null,
    null,
    null,
    '2022-04-01',
    null,
    null,
  ]);
  carRows.splice(170, 0, [
    bad[2]?.owner ?? '',
    'CL299003',
    bad[2]?.vin ?? '',
    bad[2]?.plate ?? '',
    '本田',
    '雅阁',
    null,
    null,
    null,
    '2023-02-30',
    null,
    null,
  ]);

  // 销售交车
  const salesHeaders = [
    '销售订单号',
    '车架号',
    '车辆编号',
    '客户编号',
    '订单日期',
    '交车日期',
    '销售顾问',
    '成交价',
    '门店',
  ];
  const salesRows: Cell[][] = added.slice(0, 120).map((car, i) => {
    const ordered = new Date(car.bought.getTime() - (3 + rng.int(20)) * day);
    const price = (90_000 + rng.int(250_000)) * 100;
    return [
      `XS${car.bought.toISOString().slice(0, 7).replace('-', '')}${String(1000 + i)}`,
      i % 5 === 2 ? null : car.vin,
      car.ref,
      car.owner,
      dateText(ordered, i),
      i % 3 === 0 ? stamp(car.bought, 10 + rng.int(8), rng.int(60)) : dateText(car.bought, i + 1),
      rng.pick(['刘洋', '刘洋', 'sales', '', '王经理']),
      i % 2 === 0 ? yuan(price, 1) : price / 100,
      car.store,
    ];
  });
  salesRows.splice(40, 0, [
    'XS2024049001',
    makeVin(rng, 'LSV', 2024, 499_001),
    null,
    (people[5] as (typeof people)[number]).ref,
    '2024-04-01',
    '2024-04-06',
    '刘洋',
    139_800,
    'SH-PD',
  ]);
  salesRows.splice(90, 0, [
    'XS2024049002',
    added[130]?.vin ?? '',
    added[130]?.ref ?? '',
    added[130]?.owner ?? '',
    '2024-05-01',
    null,
    '刘洋',
    159_800,
    'SH-PD',
  ]);

  // 维修工单 and 工单明细
  const visits = [
    ...known.slice(0, 60).flatMap((car) => visitsOf(rng, car, 1 + rng.int(2))),
    ...added.flatMap((car) => visitsOf(rng, car, 1 + rng.int(2))),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const numbered = visits.map((v, i) => ({
    v,
    number: `RO${v.at.toISOString().slice(0, 10).replace(/-/g, '')}${String(1000 + i)}`,
  }));
  const orderRows: Cell[][] = numbered.map(({ v, number }, i) =>
    orderRow(rng, number, v, i, rng.pick(['陈静', '陈静', 'advisor', '赵主管'])),
  );
  const broken = known[70] as Car;
  orderRows.push(
    [
      'RO202504289001',
      wrongCheckDigit(broken.vin),
      broken.plate,
      null,
      '2025-04-28 09:10',
      '2025-04-28 15:00',
      '定期保养',
      12000,
      '陈静',
      '周师傅',
      '180.00',
      '466.00',
      '270.00',
    ],
    [
      'RO202504289002',
      null,
      '沪B67890',
      'CL299999',
      '2025-04-28 10:20',
      '2025-04-28 16:30',
      '一般维修',
      56000,
      '陈静',
      '吴师傅',
      '400.00',
      '0',
      '0',
    ],
    [
      'RO202504289003',
      broken.vin,
      broken.plate,
      null,
      '2025-04-28 11:00',
      '2025-04-28 17:00',
      '一般维修',
      30500,
      '陈静',
      '郑师傅',
      '150.00',
      '12..5',
      '80.00',
    ],
  );
  const lineHeaders = ['工单号', '项目类型', '项目名称', '工时', '数量', '金额(元)', '成本(元)'];
  const lineRows: Cell[][] = numbered
    .slice(0, 150)
    .flatMap(({ v, number }) =>
      v.job.lines.map(([kind, name, hours, qty, amount, cost]) => [number, kind, name, hours, qty, amount, cost]),
    );
  lineRows.splice(200, 0, ['RO209901019999', '工时', '四轮定位', 0.8, null, 200, null]);

  return {
    vehicles: gb18030([carHeaders, ...carRows]),
    sales: await xlsx([{ name: '销售交车', rows: [salesHeaders, ...salesRows] }]),
    repairOrders: utf8Bom([orderHeaders, ...orderRows]),
    repairOrderLines: utf8Bom([lineHeaders, ...lineRows]),
  };
};
