/** The workbook sample (旧系统导出-示例.xlsx): see README.md and workbookSample below. */
import { given, seeded, surnames } from './sample-kit.ts';
import {
  dateText,
  newCar,
  orderHeaders,
  orderRow,
  phoneText,
  plateText,
  visitsOf,
  wrongCheckDigit,
  xlsx,
  type Car,
  type Cell,
} from './kinds-kit.ts';

/**
 * 旧系统导出-示例.xlsx: one DMS's export as three sheets — 客户 (60 customers, a master file without cars),
 * 车辆 (about 75 cars by 客户编号) and 工单 (about 120 orders with per-order totals by 车辆编号) — other people
 * than the other samples'. On purpose: full-width / +86 / dashed phones, a landline (the customer is kept,
 * reported and a data-fix task opens), the same person twice under two numbers (merged), a row with nothing to
 * know the person by (refused), an unknown advisor (reported once), Excel dates, a car with a wrong VIN check
 * digit (refused, and its two orders with it).
 */
export const workbookSample = async () => {
  const rng = seeded(20251202);
  const used = new Set<string>();
  const phoneOf = () => {
    for (;;) {
      const phone = `${rng.pick(['135', '136', '137'])}${String(rng.int(1e8)).padStart(8, '0')}`;
      if (!used.has(phone)) {
        used.add(phone);
        return phone;
      }
    }
  };
  const customerRows: Cell[][] = [];
  const owners: { ref: string; store: string }[] = [];
  for (let i = 0; i < 60; i += 1) {
    const ref = `KH${String(300_001 + i)}`;
    const store = i % 4 === 0 ? 'HZ-XH' : 'SH-PD';
    const born = new Date(Date.UTC(1965 + rng.int(35), rng.int(12), 1 + rng.int(28)));
    const name = `${rng.pick([...surnames])}${rng.pick(given)}`;
    owners.push({ ref, store });
    customerRows.push([
      ref,
      i % 10 === 3 ? `${name} ` : name,
      rng.next() < 0.6 ? '男' : '女',
      i === 17 ? '0571-87654321' : phoneText(phoneOf(), i),
      i % 3 === 0 ? born : dateText(born, i),
      rng.pick(['陈静', '陈静', 'advisor', '王经理', null]),
      store,
    ]);
  }
  // The same person under a second number, the phone written another way: merged into one customer.
  const twin = customerRows[8] as Cell[];
  const twinPhone = String(twin[3]).replace(/\D/g, '').replace(/^86/, '');
  customerRows.splice(30, 0, [
    'KH300099',
    twin[1] ?? null,
    twin[2] ?? null,
    `${twinPhone.slice(0, 3)}-${twinPhone.slice(3, 7)}-${twinPhone.slice(7)}`,
    twin[4] ?? null,
    null,
    twin[6] ?? null,
  ]);
  owners.push({ ref: 'KH300099', store: String(twin[6]) });
  // Nothing to know the person by: no customer number, no usable phone.
  customerRows.splice(45, 0, [null, '无名客户', '男', '1234567', null, null, 'SH-PD']);

  const carRows: Cell[][] = [];
  const carsOf: Car[] = [];
  owners.forEach((o, i) => {
    for (let k = 0; k < (i % 5 === 0 ? 2 : 1); k += 1) {
      const c = newCar(rng, 500_001 + carRows.length, o.ref, o.store);
      const car: Car = {
        ref: `CL${String(300_001 + carRows.length)}`,
        vin: c.vin,
        plate: c.plate,
        bought: c.bought,
        km: c.km,
        owner: o.ref,
        store: o.store,
      };
      const broken = carRows.length === 20;
      carsOf.push({ ...car, vin: broken ? wrongCheckDigit(car.vin) : car.vin });
      carRows.push([
        o.ref,
        car.ref,
        broken ? wrongCheckDigit(car.vin) : carRows.length % 4 === 1 ? car.vin.toLowerCase() : car.vin,
        plateText(car.plate, carRows.length),
        c.car.brand,
        c.car.series,
        c.car.model || null,
        car.bought,
        car.km,
      ]);
    }
  });
  const orderRows: Cell[][] = [];
  const bad = carsOf[20] as Car;
  const visits = carsOf
    .flatMap((car) => visitsOf(rng, car, car === bad ? 2 : 1 + rng.int(2)))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  visits.forEach((v, i) => {
    const row = orderRow(rng, `GD${String(700_001 + i)}`, v, i, rng.pick(['陈静', 'advisor', '王经理']));
    // By the car's number (the VIN left blank), as this export writes it.
    row[1] = null;
    orderRows.push(row);
  });

  return xlsx([
    {
      name: '客户',
      rows: [['客户编号', '客户姓名', '性别', '手机号码', '出生日期', '服务顾问', '所属门店'], ...customerRows],
      dateColumns: [4],
    },
    {
      name: '车辆',
      rows: [['客户编号', '车辆编号', '车架号', '车牌号', '品牌', '车系', '车型', '购车日期', '行驶里程'], ...carRows],
      dateColumns: [7],
    },
    { name: '工单', rows: [orderHeaders, ...orderRows] },
  ]);
};
