import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CareRuleKey } from '@m4s/contracts';
import { createTestTenant, type TestTenant } from '../../../test/harness.ts';
import { sqlIn } from '../contact/test-kit.ts';
import { addCustomer, addVehicle, shiftDay, staged, type Staged } from './test-kit.ts';

/** The sweep day; the tenant's zone is Asia/Shanghai (UTC+8): "00:30 local" is the previous UTC day. */
const D = '2030-06-14';
const localHalfPastMidnight = (day: string) => `${day}T00:30:00+08:00`;

type Case = {
  rule: CareRuleKey;
  name: string;
  setup: (t: TestTenant) => Promise<string>; // → the customer id
  /** Days (relative to D) the rule must not fire for this customer; default the day before and after. */
  quiet?: number[];
};

const segment = (t: TestTenant, vehicleId: string, set: string) =>
  sqlIn(
    t.id,
    `INSERT INTO vehicle_segments (tenant_id, vehicle_id, stage, computed_on, km_per_day, predicted_service_on)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [t.id, vehicleId, ...JSON.parse(set)],
  );

const salesOrder = async (t: TestTenant, delivered: string) => {
  const c = await addCustomer(t);
  const v = await addVehicle(t, c, { purchaseDate: delivered });
  await sqlIn(
    t.id,
    `INSERT INTO sales_orders (tenant_id, customer_id, vehicle_id, store_id, consultant_id, order_date, delivery_date, price_fen)
     VALUES ($1, $2, $3, $4, $5, $6, $6, 15000000)`,
    [t.id, c, v, t.storeId, t.staffIds.sales_consultant, delivered],
  );
  return c;
};

const repairOrder = async (t: TestTenant, c: string, v: string, dateIn: string, dateOut: string | null) =>
  sqlIn(
    t.id,
    `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, date_out)
     VALUES ($1, $2, $3, $4, $5, 'maintenance', $6, $7)`,
    [t.id, `RO-${Math.random().toString(36).slice(2, 10)}`, v, c, t.storeId, dateIn, dateOut],
  );

const cases: Case[] = [
  { rule: 'delivery_care', name: 'delivered on the day (16:00 + 2h)', setup: (t) => salesOrder(t, D) },
  { rule: 'follow_up_3d', name: 'delivered 3 days before', setup: (t) => salesOrder(t, shiftDay(D, -3)) },
  { rule: 'follow_up_7d', name: 'delivered 7 days before', setup: (t) => salesOrder(t, shiftDay(D, -7)) },
  { rule: 'follow_up_1m', name: 'delivered 30 days before', setup: (t) => salesOrder(t, shiftDay(D, -30)) },
  {
    rule: 'first_maintenance',
    name: '3 months after purchase falls 7 days after the day',
    // The chase catches up: staged again the next day until a touch is recorded (the gate keeps it once).
    quiet: [-1],
    setup: async (t) => {
      const c = await addCustomer(t);
      await addVehicle(t, c, { purchaseDate: '2030-03-21' });
      return c;
    },
  },
  {
    rule: 'first_maintenance',
    name: '5,000 km predicted (100 km/day) before 3 months',
    quiet: [-1],
    setup: async (t) => {
      const c = await addCustomer(t);
      const v = await addVehicle(t, c, { purchaseDate: '2030-05-02' });
      await segment(t, v, JSON.stringify(['new_car', D, 100, null]));
      return c;
    },
  },
  {
    rule: 'next_service',
    name: 'predicted service 7 days after the day',
    quiet: [-1],
    setup: async (t) => {
      const c = await addCustomer(t);
      const v = await addVehicle(t, c, { purchaseDate: '2027-01-10' });
      await segment(t, v, JSON.stringify(['out_of_warranty', D, 30, shiftDay(D, 7)]));
      return c;
    },
  },
  {
    rule: 'post_repair',
    name: 'handed back the day before at 00:30 local (24 hours, seed 002)',
    setup: async (t) => {
      const c = await addCustomer(t);
      const v = await addVehicle(t, c);
      const out = localHalfPastMidnight(shiftDay(D, -1));
      await repairOrder(t, c, v, out, out);
      return c;
    },
  },
  {
    rule: 'insurance_30d',
    name: 'insurance expires 30 days after',
    setup: async (t) => {
      const c = await addCustomer(t);
      await addVehicle(t, c, { insuranceExpiry: shiftDay(D, 30) });
      return c;
    },
  },
  {
    rule: 'insurance_7d',
    name: 'insurance expires 7 days after',
    setup: async (t) => {
      const c = await addCustomer(t);
      await addVehicle(t, c, { insuranceExpiry: shiftDay(D, 7) });
      return c;
    },
  },
  {
    rule: 'inspection_due',
    name: 'inspection due 30 days after',
    setup: async (t) => {
      const c = await addCustomer(t);
      await addVehicle(t, c, { inspectionDue: shiftDay(D, 30) });
      return c;
    },
  },
  {
    rule: 'warranty_expiry',
    name: '2-year warranty ends 30 days after',
    setup: async (t) => {
      const c = await addCustomer(t);
      await addVehicle(t, c, { purchaseDate: '2028-07-14' });
      return c;
    },
  },
  {
    rule: 'birthday',
    name: 'birthday on the day',
    setup: (t) => addCustomer(t, { birthday: '1985-06-14' }),
  },
  {
    rule: 'win_back',
    name: 'last visit exactly 6 months before, at 00:30 local (seed 002)',
    setup: async (t) => {
      const c = await addCustomer(t);
      const v = await addVehicle(t, c);
      await repairOrder(t, c, v, localHalfPastMidnight('2029-12-14'), null);
      return c;
    },
  },
  {
    rule: 'trade_in',
    name: 'trade-in candidate on the purchase anniversary',
    setup: async (t) => {
      const c = await addCustomer(t);
      const v = await addVehicle(t, c, { purchaseDate: '2025-06-14' });
      await segment(t, v, JSON.stringify(['trade_in', D, null, null]));
      return c;
    },
  },
  {
    rule: 'churn_prevention',
    name: 'swing customer on the first day of the car’s second year (not again the day after)',
    setup: async (t) => {
      const c = await addCustomer(t);
      await addVehicle(t, c, { purchaseDate: '2029-06-14' });
      await sqlIn(
        t.id,
        `INSERT INTO customer_segments (tenant_id, customer_id, frequency, rfm, loyalty, value_quadrant, visits_12m,
           spend_12m_fen, computed_on) VALUES ($1, $2, 'swing', 'B', 'swing', 'uncertain', 2, 100000, $3)`,
        [t.id, c, D],
      );
      return c;
    },
  },
  {
    rule: 'churn_prevention',
    name: 'owner turning swing mid-way through the car’s second year, on the day of the move only',
    setup: async (t) => {
      const c = await addCustomer(t);
      await addVehicle(t, c, { purchaseDate: '2029-01-10' });
      await sqlIn(
        t.id,
        `INSERT INTO customer_segments (tenant_id, customer_id, frequency, rfm, loyalty, value_quadrant, visits_12m,
           spend_12m_fen, computed_on) VALUES ($1, $2, 'swing', 'B', 'swing', 'uncertain', 2, 100000, $3)`,
        [t.id, c, D],
      );
      await sqlIn(
        t.id,
        `INSERT INTO segment_changes (tenant_id, subject_kind, subject_id, dimension, from_value, to_value, changed_on)
         VALUES ($1, 'customer', $2, 'frequency', 'active', 'swing', $3)`,
        [t.id, c, D],
      );
      return c;
    },
  },
  {
    rule: 'declined_service',
    name: 'lines declined 30 days before, at 00:30 local',
    setup: async (t) => {
      const c = await addCustomer(t);
      const v = await addVehicle(t, c);
      const [visit] = await sqlIn(
        t.id,
        `INSERT INTO visits (tenant_id, store_id, customer_id, vehicle_id, advisor_id, status, checked_in_at)
         VALUES ($1, $2, $3, $4, $5, 'delivered', $6) RETURNING id`,
        [t.id, t.storeId, c, v, t.staffIds.service_advisor, localHalfPastMidnight(shiftDay(D, -30))],
      );
      for (const [i, d] of ['更换刹车片', '四轮定位'].entries())
        await sqlIn(
          t.id,
          `INSERT INTO estimate_lines (tenant_id, visit_id, position, kind, description, amount_fen, status, decided_at)
           VALUES ($1, $2, $3, 'labour', $4, 30000, 'declined', $5)`,
          [t.id, visit?.id, i + 1, d, localHalfPastMidnight(shiftDay(D, -30))],
        );
      return c;
    },
  },
];

describe('care rule timing (tenant time zone, at the boundary)', () => {
  let t: TestTenant;
  const customers: string[] = [];
  const days = new Map<number, Staged[]>();
  before(async () => {
    t = await createTestTenant(['group_admin', 'sales_consultant', 'service_advisor', 'cs_specialist']);
    for (const c of cases) customers.push(await c.setup(t));
    for (const shift of [-1, 0, 1]) days.set(shift, await staged(t.id, shiftDay(D, shift)));
  });

  cases.forEach((c, i) => {
    test(`${c.rule}: ${c.name}`, () => {
      const mine = (shift: number) =>
        (days.get(shift) ?? []).filter((s) => s.rule_key === c.rule && s.customer_id === customers[i]);
      assert.equal(mine(0).length, 1, 'due exactly on the day');
      for (const shift of c.quiet ?? [-1, 1]) assert.equal(mine(shift).length, 0, `not on day ${shift}`);
    });
  });

  test('delivery care is due at 18:00 local; calls carry a role and a title, no subject', () => {
    const today = days.get(0) ?? [];
    const care = today.find((s) => s.rule_key === 'delivery_care' && s.customer_id === customers[0]);
    assert.equal(new Date(care?.due_at ?? 0).toISOString(), '2030-06-14T10:00:00.000Z');
    const call = today.find((s) => s.rule_key === 'follow_up_3d' && s.customer_id === customers[1]);
    assert.equal(call?.channel, 'call');
    assert.equal(call?.task_role, 'sales_consultant');
    assert.equal(call?.assignee_id, t.staffIds.sales_consultant);
    assert.equal(call?.subject, null);
    assert.match(call?.task_title ?? '', /新车3日回访/);
    const declined = today.find((s) => s.rule_key === 'declined_service');
    assert.match(declined?.body ?? '', /更换刹车片、四轮定位/);
  });

  test('a 29 February birthday is greeted on 28 February in a common year', async () => {
    const c = await addCustomer(t, { birthday: '1988-02-29' });
    const on = (day: string) => staged(t.id, day).then((r) => r.filter((s) => s.customer_id === c).length);
    assert.equal(await on('2031-02-28'), 1);
    assert.equal(await on('2031-03-01'), 0);
    assert.equal(await on('2032-02-28'), 0);
    assert.equal(await on('2032-02-29'), 1);
  });
});
