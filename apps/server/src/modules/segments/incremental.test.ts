import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, testApp } from '../../../test/harness.ts';
import { generateTenantData } from '../../seed/generate.ts';
import { asJob } from '../booking/test-kit.ts';
import { addDays, at, classify, newCustomer, newOrder, newReading, segmentsOf } from './test-kit.ts';

/** A small deterministic generator (mulberry32), so a failure replays. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};

/** The rows as a full pass would leave them, minus what says when they were written. */
const snapshot = async (tenantId: string) => {
  const { customers, vehicles } = await segmentsOf(tenantId);
  const strip = <T extends { computedOn: string; updatedAt: Date | null; id: string; estimatedKm?: number | null }>(
    r: T,
  ) => ({ ...r, computedOn: undefined, updatedAt: undefined, id: undefined, estimatedKm: undefined });
  return {
    customers: new Map([...customers].map(([k, r]) => [k, strip(r)])),
    vehicles: new Map([...vehicles].map(([k, r]) => [k, strip(r)])),
  };
};

describe('the nightly pass classifies only the customers due', () => {
  test('day after day for 15 months, with visits, readings and transfers: a full pass then finds nothing to change', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin', 'service_advisor', 'sales_consultant']);
    await generateTenantData(db, {
      tenantId: t.id,
      customers: 80,
      storeIds: [t.storeId],
      advisorIds: [t.staffIds.service_advisor ?? ''],
      consultantIds: [t.staffIds.sales_consultant ?? ''],
      now: at('2025-03-01'),
    });
    const cars = (
      await db.owner.executeSql(`SELECT id, owner_id FROM vehicles WHERE tenant_id = $1 AND owner_id IS NOT NULL`, [
        t.id,
      ])
    ).rows as { id: string; owner_id: string }[];
    const rnd = random(20261123);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

    let day = '2025-03-01';
    const first = await classify(t.id, day, undefined, 'due');
    assert.equal(first.scope, 'all', 'a tenant never classified is classified whole');
    let quietNights = 0;
    let quietScope = 0;
    for (let night = 0; night < 40; night++) {
      day = addDays(day, 1 + Math.floor(rnd() * 12));
      const events = Math.floor(rnd() * 4);
      for (let e = 0; e < events; e++) {
        const car = pick(cars);
        const kind = rnd();
        if (kind < 0.6)
          await newOrder(t.id, car.owner_id, car.id, {
            at: at(day, '09:30'),
            type: pick(['maintenance', 'general_repair', 'accident', 'warranty_claim'] as const),
            totalFen: Math.floor(rnd() * 1_200_000),
            partsCostFen: Math.floor(rnd() * 200_000),
            km: 20_000 + Math.floor(rnd() * 140_000),
          });
        else if (kind < 0.85) await newReading(t.id, car.id, at(day, '08:00'), 30_000 + Math.floor(rnd() * 130_000));
        else {
          // The car changes hands: both owners' classes may move.
          const to = pick(cars).owner_id;
          await asJob(t.id, (ctx) =>
            ctx.sql.executeSql('UPDATE vehicles SET owner_id = $3 WHERE tenant_id = $1 AND id = $2', [
              t.id,
              car.id,
              to,
            ]),
          );
          car.owner_id = to;
        }
      }
      const due = await classify(t.id, day, undefined, 'due');
      assert.equal(due.scope, 'due');
      if (events === 0) {
        quietNights++;
        quietScope += due.customers;
      }
      const before = await snapshot(t.id);
      const full = await classify(t.id, day, undefined, 'all');
      const after = await snapshot(t.id);
      assert.deepEqual(after, before, `night of ${day}: a full pass differs from the nightly one`);
      assert.equal(full.changes, 0, `night of ${day}: the full pass found moves the nightly one missed`);
      assert.equal(full.written, 0, `night of ${day}: the full pass rewrote rows`);
    }
    assert.ok(quietNights > 5, 'some nights bring no new data');
    assert.ok(
      quietScope / quietNights < 20,
      `a quiet night classifies a few of 81 customers (${quietScope / quietNights})`,
    );
  });

  test('whatever feeds the classes marks the customers it feeds, and the pass answers the marks', async () => {
    const t = await createTestTenant(['group_admin']);
    const other = await newCustomer(t.id);
    await classify(t.id, '2026-03-01', undefined, 'due');
    const { db } = await testApp();
    const marks = async () =>
      (
        await db.owner.executeSql('SELECT customer_id FROM segment_dirty WHERE tenant_id = $1 ORDER BY customer_id', [
          t.id,
        ])
      ).rows.map((r) => r.customer_id as string);
    const clear = () => db.owner.executeSql('DELETE FROM segment_dirty WHERE tenant_id = $1', [t.id]);
    assert.deepEqual(await marks(), [], 'a pass leaves no marks');
    const sql = (text: string, values: unknown[]) => asJob(t.id, (ctx) => ctx.sql.executeSql(text, values));

    // A repair order paid by another customer marks the payer and the car's owner.
    await newOrder(t.id, other, t.vehicleId, { at: at('2026-03-02') });
    assert.deepEqual(await marks(), [t.customerId, other].sort());
    await clear();
    await newReading(t.id, t.vehicleId, at('2026-03-02'), 12_000);
    assert.deepEqual(await marks(), [t.customerId], 'a mileage reading marks the owner');
    await clear();
    await sql('UPDATE vehicles SET owner_id = $3 WHERE tenant_id = $1 AND id = $2', [t.id, t.vehicleId, other]);
    assert.deepEqual(await marks(), [t.customerId, other].sort(), 'a transfer marks both owners');
    await clear();
    await sql('UPDATE customers SET seasonal = true WHERE tenant_id = $1 AND id = $2', [t.id, t.customerId]);
    assert.deepEqual(await marks(), [t.customerId], 'an edited customer is marked');
    await clear();
    await sql(
      `INSERT INTO sales_orders (tenant_id, customer_id, vehicle_id, order_date, delivery_date, price_fen)
       VALUES ($1, $2, $3, '2026-03-01', '2026-03-02', 10000000)`,
      [t.id, t.customerId, t.vehicleId],
    );
    assert.deepEqual(await marks(), [other], "a delivery marks the car's owner");

    const pass = await classify(t.id, '2026-03-02', undefined, 'due');
    assert.equal(pass.scope, 'due');
    assert.deepEqual(await marks(), [], 'the pass answered the marks it read');
    assert.equal((await segmentsOf(t.id)).customers.get(other)?.visits12m, 1);
  });
});
