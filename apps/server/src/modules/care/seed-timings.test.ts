import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CareRuleKey, TouchChannel } from '@m4s/contracts';
import { createTestTenant, type TestTenant } from '../../../test/harness.ts';
import { addMonths, localOf } from '../../platform/time/zone.ts';
import { inTenant, sqlIn } from '../contact/test-kit.ts';
import { sweep } from './sweep.ts';
import { addCustomer, addVehicle, shiftDay } from './test-kit.ts';

/**
 * The textbook's (seed 001) and seed 002's timings, as a table: a rule, its anchor and offset → the local
 * day and time, and the channel, of what goes out (the gate's moment: calls in the customer's slot and
 * outside their quiet hours). Each case is swept on the days around its expected one (a dry run: the gate
 * decides, nothing is written) and must go out on exactly that day. The zone is Asia/Shanghai.
 */
const D = '2030-06-14';
const zone = 'Asia/Shanghai';
const local = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

type Out = { day: string; time: string; channel: TouchChannel } | null;
type Case = {
  rule: CareRuleKey;
  anchor: string;
  offset: string;
  /** Sets up the customer (and tunes the rule when the case says so); the customer id. */
  setup: (t: TestTenant) => Promise<string>;
  out: Out;
  /** Days swept for the case: by default the expected day and the days either side (or D ± 1 for none). */
  days?: string[];
};

const prefs = (t: TestTenant, c: string, set: string) =>
  sqlIn(t.id, `UPDATE customers SET ${set} WHERE tenant_id = $1 AND id = $2`, [t.id, c]);

const sale = async (t: TestTenant, on: string, deliveredAt: Date | null) => {
  const c = await addCustomer(t);
  const v = await addVehicle(t, c, { purchaseDate: on });
  await sqlIn(
    t.id,
    `INSERT INTO sales_orders (tenant_id, customer_id, vehicle_id, store_id, consultant_id, order_date, delivery_date,
       delivered_at, price_fen) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, 15000000)`,
    [t.id, c, v, t.storeId, t.staffIds.sales_consultant, on, deliveredAt],
  );
  return c;
};

const visit = async (t: TestTenant, c: string, v: string, dateIn: Date, dateOut: Date | null) =>
  sqlIn(
    t.id,
    `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, date_out)
     VALUES ($1, $2, $3, $4, $5, 'maintenance', $6, $7)`,
    [t.id, `RO-${Math.random().toString(36).slice(2, 10)}`, v, c, t.storeId, dateIn, dateOut],
  );

const repaired = async (t: TestTenant, out: Date, set = '') => {
  const c = await addCustomer(t);
  const v = await addVehicle(t, c);
  if (set) await prefs(t, c, set);
  await visit(t, c, v, new Date(out.getTime() - 3 * 3600_000), out);
  return c;
};

const forecast = (t: TestTenant, v: string, km: number, perDay: number, on = D) =>
  sqlIn(
    t.id,
    `INSERT INTO vehicle_segments (tenant_id, vehicle_id, stage, computed_on, km_per_day, estimated_km)
     VALUES ($1, $2, 'warranty', $3, $4, $5)`,
    [t.id, v, on, perDay, km],
  );

const car = async (t: TestTenant, purchaseDate: string, km?: [number, number, string?]) => {
  const c = await addCustomer(t);
  const v = await addVehicle(t, c, { purchaseDate });
  if (km) await forecast(t, v, km[0], km[1], km[2]);
  return c;
};

const lastVisit = async (t: TestTenant, on: string, seasonal = false) => {
  const c = await addCustomer(t);
  const v = await addVehicle(t, c, { purchaseDate: '2027-01-01' });
  await visit(t, c, v, local(on, '10:00'), local(on, '16:00'));
  if (seasonal) await prefs(t, c, 'seasonal = true');
  return c;
};

const cases: Case[] = [
  // seed 001 ch3-4 §2.2: the care call 2 hours after the hand-over.
  {
    rule: 'delivery_care',
    anchor: 'handed over 10:30',
    offset: '+2 h',
    setup: (t) => sale(t, D, local(D, '10:30')),
    out: { day: D, time: '12:30', channel: 'call' },
  },
  {
    rule: 'delivery_care',
    anchor: 'delivery date only (16:00)',
    offset: '+2 h',
    setup: (t) => sale(t, D, null),
    out: { day: D, time: '18:00', channel: 'call' },
  },
  {
    rule: 'delivery_care',
    anchor: 'handed over 10:30, afternoon slot',
    offset: '+2 h',
    setup: async (t) => {
      const c = await sale(t, D, local(D, '10:30'));
      await prefs(t, c, `preferred_slot = 'afternoon'`);
      return c;
    },
    out: { day: D, time: '14:00', channel: 'call' },
  },
  {
    rule: 'delivery_care',
    anchor: 'handed over 21:00, quiet 22:00–08:00',
    offset: '+2 h',
    setup: async (t) => {
      const c = await sale(t, D, local(D, '21:00'));
      await prefs(t, c, `quiet_start = '22:00', quiet_end = '08:00'`);
      return c;
    },
    out: { day: shiftDay(D, 1), time: '08:00', channel: 'call' },
    days: [D, shiftDay(D, 1), shiftDay(D, 2)],
  },
  // seed 001 ch1-2 §6.4: D+3, D+7 and 1-month calls, at 09:00 when nothing else is said.
  {
    rule: 'follow_up_3d',
    anchor: 'delivery date',
    offset: '+3 days',
    setup: (t) => sale(t, shiftDay(D, -3), null),
    out: { day: D, time: '09:00', channel: 'call' },
  },
  {
    rule: 'follow_up_7d',
    anchor: 'delivery date',
    offset: '+7 days',
    setup: (t) => sale(t, shiftDay(D, -7), null),
    out: { day: D, time: '09:00', channel: 'call' },
  },
  {
    rule: 'follow_up_1m',
    anchor: 'delivery date',
    offset: '+30 days',
    setup: (t) => sale(t, shiftDay(D, -30), null),
    out: { day: D, time: '09:00', channel: 'call' },
  },
  // seed 002 三(五): the follow-up call within 24 hours of the repair.
  {
    rule: 'post_repair',
    anchor: 'car left 15:20 the day before',
    offset: '+24 h',
    setup: (t) => repaired(t, local(shiftDay(D, -1), '15:20')),
    out: { day: D, time: '15:20', channel: 'call' },
  },
  {
    rule: 'post_repair',
    anchor: 'car left 22:30, quiet 22:00–08:00',
    offset: '+24 h',
    setup: (t) => repaired(t, local(shiftDay(D, -1), '22:30'), `quiet_start = '22:00', quiet_end = '08:00'`),
    out: { day: shiftDay(D, 1), time: '08:00', channel: 'call' },
    days: [D, shiftDay(D, 1)],
  },
  // PRODUCT §4 / seed 002: expiry reminders in the morning.
  {
    rule: 'insurance_30d',
    anchor: 'insurance expiry',
    offset: '−30 days',
    setup: async (t) => {
      const c = await addCustomer(t);
      await addVehicle(t, c, { insuranceExpiry: shiftDay(D, 30) });
      return c;
    },
    out: { day: D, time: '10:00', channel: 'sms' },
  },
  {
    rule: 'warranty_expiry',
    anchor: '2-year warranty ends by time',
    offset: '−30 days',
    setup: (t) => car(t, '2028-07-14'),
    out: { day: D, time: '10:00', channel: 'sms' },
  },
  {
    rule: 'warranty_expiry',
    anchor: 'forecast reaches 40,000 km first (35,000 on D at 100 km/day)',
    offset: '−30 days',
    setup: (t) => car(t, '2029-06-01', [35_000, 100]),
    out: { day: shiftDay(D, 20), time: '10:00', channel: 'sms' },
  },
  {
    rule: 'warranty_expiry',
    anchor: 'out of warranty by mileage (41,000 km) while 30 days remain by time',
    offset: 'never',
    setup: (t) => car(t, '2028-07-14', [41_000, 30]),
    out: null,
  },
  // seed 001 L1175: trade-in from 5 years or 150,000 km.
  {
    rule: 'trade_in',
    anchor: 'car 5 years old on D',
    offset: '0',
    setup: (t) => car(t, '2025-06-14'),
    out: { day: D, time: '09:00', channel: 'call' },
  },
  {
    rule: 'trade_in',
    anchor: 'car 6 years old on D (every 12 months)',
    offset: '+12 months',
    setup: (t) => car(t, '2024-06-14'),
    out: { day: D, time: '09:00', channel: 'call' },
  },
  {
    rule: 'trade_in',
    anchor: 'forecast crosses 150,000 km on D (3 years old)',
    offset: '0',
    setup: (t) => car(t, '2027-03-02', [149_950, 100, shiftDay(D, -1)]),
    out: { day: D, time: '09:00', channel: 'call' },
  },
  // seed 001 ch3-4 §3: year 2 for owners who never came back.
  {
    rule: 'churn_prevention',
    anchor: 'car enters year 2, no workshop visit since purchase',
    offset: '+12 months',
    setup: (t) => car(t, addMonths(D, -12)),
    out: { day: D, time: '09:00', channel: 'call' },
  },
  {
    rule: 'churn_prevention',
    anchor: 'car enters year 2 after a service, owner not swing',
    offset: 'never',
    setup: async (t) => {
      const c = await addCustomer(t);
      const v = await addVehicle(t, c, { purchaseDate: addMonths(D, -12) });
      await visit(t, c, v, local(addMonths(D, -9), '10:00'), local(addMonths(D, -9), '12:00'));
      return c;
    },
    out: null,
  },
  // seed 002 D class: 6 months without a visit → recall notice (+ the advisor's call), again at 9 and 12.
  {
    rule: 'win_back',
    anchor: 'last visit',
    offset: '+6 months',
    setup: (t) => lastVisit(t, addMonths(D, -6)),
    out: { day: D, time: '10:00', channel: 'sms' },
  },
  {
    rule: 'win_back',
    anchor: 'last visit',
    offset: '+9 months',
    setup: (t) => lastVisit(t, addMonths(D, -9)),
    out: { day: D, time: '10:00', channel: 'sms' },
  },
  {
    rule: 'win_back',
    anchor: 'last visit',
    offset: '+12 months',
    setup: (t) => lastVisit(t, addMonths(D, -12)),
    out: { day: D, time: '10:00', channel: 'sms' },
  },
  {
    rule: 'win_back',
    anchor: 'last visit 15 months ago (after the third step)',
    offset: 'never',
    setup: (t) => lastVisit(t, addMonths(D, -15)),
    out: null,
  },
  {
    rule: 'win_back',
    anchor: 'last visit 6 months ago, customer seasonal',
    offset: 'never',
    setup: (t) => lastVisit(t, addMonths(D, -6), true),
    out: null,
  },
  {
    rule: 'birthday',
    anchor: 'birthday',
    offset: '0',
    setup: (t) => addCustomer(t, { birthday: '1985-06-14' }),
    out: { day: D, time: '10:00', channel: 'sms' },
  },
];

describe('the seeds’ timings: (rule, anchor, offset) → the day, time and channel of what goes out', () => {
  let t: TestTenant;
  const customers: string[] = [];
  const swept = new Map<string, Awaited<ReturnType<typeof sweep>>['outcomes']>();
  const daysOf = (c: Case) =>
    c.days ??
    (c.out ? [shiftDay(c.out.day, -1), c.out.day, shiftDay(c.out.day, 1)] : [shiftDay(D, -1), D, shiftDay(D, 1)]);

  before(async () => {
    t = await createTestTenant(['group_admin', 'sales_consultant', 'service_advisor', 'cs_specialist']);
    // Many touches a day for one customer are fine here: the caps are the gate's own tests.
    await sqlIn(
      t.id,
      `UPDATE tenants SET contact_policy = '{"weeklyMessages": 14, "monthlyCalls": 10}' WHERE id = $1`,
      [t.id],
    );
    for (const c of cases) customers.push(await c.setup(t));
    const days = [...new Set(cases.flatMap(daysOf))].sort();
    for (const day of days)
      swept.set(day, await inTenant(t.id, (ctx) => sweep(ctx, day, { dryRun: true })).then((r) => r.outcomes));
  });

  cases.forEach((c, i) => {
    test(`${c.rule} | ${c.anchor} | ${c.offset} → ${c.out ? `${c.out.day} ${c.out.time} ${c.out.channel}` : 'nothing'}`, () => {
      const found = daysOf(c).flatMap((day) =>
        (swept.get(day) ?? [])
          .filter((o) => o.ruleKey === c.rule && o.customerId === customers[i])
          .map((o) => ({ sweptOn: day, o })),
      );
      if (!c.out) return assert.deepEqual(found, []);
      assert.equal(found.length, 1, `once: ${JSON.stringify(found)}`);
      const [{ o }] = found as [(typeof found)[number]];
      assert.equal(o.decision, 'sent');
      assert.equal(o.channel, c.out.channel);
      const at = localOf(new Date(o.sendAt ?? 0), zone);
      assert.deepEqual([at.day, at.time], [c.out.day, c.out.time]);
    });
  });
});
