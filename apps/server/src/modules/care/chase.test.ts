import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, type TestTenant } from '../../../test/harness.ts';
import { inTenant, sqlIn } from '../contact/test-kit.ts';
import { sweep } from './sweep.ts';
import { addCustomer, addVehicle, shiftDay, staged } from './test-kit.ts';

// Issue 11 point 3: a due or overdue car not yet booked is chased on a cadence, then handed to its
// service advisor; the table is day offsets from the due day → what is staged that day.
const due = '2030-06-14';
const basis = '2029-12-14';

type Row = { offset: number; step: string | null; channel?: 'sms' | 'call' };
const table: Row[] = [
  { offset: -8, step: null },
  { offset: -7, step: 'before', channel: 'sms' },
  { offset: -1, step: 'before', channel: 'sms' }, // a missed night is caught up (the gate keeps it once)
  { offset: 0, step: 'due', channel: 'sms' },
  { offset: 13, step: 'due', channel: 'sms' },
  { offset: 14, step: 'after1', channel: 'sms' },
  { offset: 42, step: 'after2', channel: 'sms' },
  { offset: 48, step: 'after2', channel: 'sms' },
  { offset: 49, step: 'call', channel: 'call' },
  { offset: 200, step: 'call', channel: 'call' },
  { offset: 366, step: null }, // overdue by more than a year: win-back's
];

const segment = (t: TestTenant, vehicleId: string, firstService: boolean, dueOn = due, basisOn = basis) =>
  sqlIn(
    t.id,
    `INSERT INTO vehicle_segments (tenant_id, vehicle_id, stage, computed_on, km_per_day, predicted_service_on,
       service_basis_on, first_service) VALUES ($1, $2, 'warranty', $3, 30, $4, $5, $6)`,
    [t.id, vehicleId, basisOn, dueOn, basisOn, firstService],
  );

describe('the maintenance chase (tenant time zone)', () => {
  let t: TestTenant;
  let customer: string;
  let car: string;
  let first: string;
  before(async () => {
    t = await createTestTenant(['group_admin', 'service_advisor']);
    customer = await addCustomer(t, { name: '王强' });
    await sqlIn(t.id, 'UPDATE customers SET service_advisor_id = $3 WHERE tenant_id = $1 AND id = $2', [
      t.id,
      customer,
      t.staffIds.service_advisor,
    ]);
    car = await addVehicle(t, customer, { purchaseDate: '2028-06-01', plate: '沪A10001' });
    await segment(t, car, false);
    const other = await addCustomer(t, { name: '李娜', gender: 'female' });
    first = await addVehicle(t, other, { purchaseDate: '2030-03-14', plate: '沪A10002' });
    await segment(t, first, true, due, '2030-03-14');
  });

  for (const row of table)
    test(`next_service, day ${row.offset >= 0 ? '+' : ''}${row.offset}: ${row.step ?? 'nothing'}`, async () => {
      const mine = (await staged(t.id, shiftDay(due, row.offset))).filter(
        (s) => s.vehicle_id === car && s.rule_key === 'next_service',
      );
      if (!row.step) return assert.equal(mine.length, 0);
      assert.equal(mine.length, 1);
      const [s] = mine;
      assert.equal(s?.dedupe_key, `next_service:${car}:${basis}:${row.step}`);
      assert.equal(s?.channel, row.channel);
      if (row.channel === 'call') {
        assert.equal(s?.task_role, 'service_advisor');
        assert.equal(s?.assignee_id, t.staffIds.service_advisor);
        assert.match(s?.task_title ?? '', /保养到期提醒/);
        assert.match(s?.body ?? '', /已于6月14日到期，已超过建议保养时间/);
      } else if (row.offset < 0) assert.match(s?.body ?? '', /下次保养预计于6月14日到期/);
      else if (row.offset === 0) assert.match(s?.body ?? '', /下次保养今天（6月14日）到期/);
      else assert.match(s?.body ?? '', /下次保养已于6月14日到期，已超过建议保养时间/);
    });

  test('first maintenance follows the same chase with its own wording', async () => {
    for (const [offset, step] of [
      [-7, 'before'],
      [20, 'after1'],
      [60, 'call'],
    ] as const) {
      const mine = (await staged(t.id, shiftDay(due, offset))).filter((s) => s.vehicle_id === first);
      assert.deepEqual(
        mine.map((s) => s.dedupe_key),
        [`first_maintenance:${first}:2030-03-14:${step}`],
      );
      if (step === 'after1') assert.match(mine[0]?.body ?? '', /首次保养已于6月14日到期，已超过建议保养时间/);
    }
  });

  test('each step goes out once: a real night records it, the next nights skip it until the next step', async () => {
    const c = await addCustomer(t, { name: '赵敏', gender: 'female' });
    const v = await addVehicle(t, c, { purchaseDate: '2028-06-01', plate: '沪A10003' });
    await segment(t, v, false, due, '2029-12-01');
    const night = (offset: number) =>
      inTenant(t.id, (ctx) => sweep(ctx, shiftDay(due, offset), { dryRun: false })).then(() =>
        sqlIn(t.id, 'SELECT dedupe_key FROM touches WHERE tenant_id = $1 AND vehicle_id = $2 ORDER BY created_at', [
          t.id,
          v,
        ]),
      );
    assert.equal((await night(-7)).length, 1);
    assert.equal((await night(-6)).length, 1);
    const staging = (offset: number) =>
      staged(t.id, shiftDay(due, offset)).then((r) => r.filter((s) => s.vehicle_id === v));
    assert.equal((await staging(-6)).length, 0, 'a step already recorded is not staged again');
    // Nights -5 … 20 did not run: day 21 catches up with the step it is at, not every step missed.
    const keys = (await night(21)).map((r) => String(r.dedupe_key));
    assert.deepEqual(keys, [`next_service:${v}:2029-12-01:before`, `next_service:${v}:2029-12-01:after1`]);
  });

  test('a car booked or in the workshop, or serviced since, drops out', async () => {
    const c = await addCustomer(t, { name: '孙伟' });
    const booked = await addVehicle(t, c, { purchaseDate: '2028-06-01', plate: '沪A10004' });
    await segment(t, booked, false);
    const [type] = await sqlIn(
      t.id,
      `INSERT INTO service_types (tenant_id, code, name, category, duration_minutes)
       VALUES ($1, 'MNT-T', '常规保养', 'maintenance', 60) RETURNING id`,
      [t.id],
    );
    await sqlIn(
      t.id,
      `INSERT INTO bookings (tenant_id, store_id, customer_id, vehicle_id, service_type_id, starts_at, ends_at, channel)
       VALUES ($1, $2, $3, $4, $5, $6, $6::timestamptz + interval '1 hour', 'phone')`,
      [t.id, t.storeId, c, booked, type?.id, `${shiftDay(due, 20)}T10:00:00+08:00`],
    );
    const inShop = await addVehicle(t, c, { purchaseDate: '2028-06-01', plate: '沪A10005' });
    await segment(t, inShop, false);
    await sqlIn(
      t.id,
      `INSERT INTO visits (tenant_id, store_id, customer_id, vehicle_id, status, checked_in_at)
       VALUES ($1, $2, $3, $4, 'checked_in', $5)`,
      [t.id, t.storeId, c, inShop, `${due}T09:00:00+08:00`],
    );
    const day = (await staged(t.id, shiftDay(due, 14))).filter((s) => s.customer_id === c);
    assert.deepEqual(day, []);
  });
});
