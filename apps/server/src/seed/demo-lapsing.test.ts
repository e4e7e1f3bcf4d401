import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../test/harness.ts';
import {
  addDays,
  at,
  classify,
  newCar,
  newCustomer,
  newOrder,
  segmentsOf,
  segmentTenant,
} from '../modules/segments/test-kit.ts';
import { seedDemoLapsing } from './demo-lapsing.ts';

test('the demo seed gives regular customers quiet for 75–300 days an ¥8,000 repair: they show as lapsing', async () => {
  const { db } = await testApp();
  const t = await segmentTenant();
  const today = '2026-06-15';
  const quiet = await newCustomer(t.id);
  const car = await newCar(t.id, quiet, { purchaseDate: '2022-01-01' });
  for (const day of ['2025-09-01', '2025-11-15', addDays(today, -120)])
    await newOrder(t.id, quiet, car, { at: at(day), totalFen: 90_000 });
  const recent = await newCustomer(t.id);
  const recentCar = await newCar(t.id, recent, { purchaseDate: '2022-01-01' });
  await newOrder(t.id, recent, recentCar, { at: at(addDays(today, -10)), totalFen: 90_000 });

  await seedDemoLapsing(db, { tenantId: t.id, now: at(today) });
  await classify(t.id, today);
  const { customers } = await segmentsOf(t.id);
  const row = customers.get(quiet);
  assert.equal(row?.visits12m, 4);
  assert.equal(row?.spend12mFen, 3 * 90_000 + 800_000);
  assert.equal(row?.lapsing, true);
  assert.equal(customers.get(recent)?.visits12m, 1);
  assert.equal(customers.get(recent)?.lapsing, false);
  const lines = await db.owner.executeSql(
    `SELECT sum(l.amount_fen)::int AS total FROM repair_order_lines l
      JOIN repair_orders o ON o.tenant_id = l.tenant_id AND o.id = l.repair_order_id
      WHERE o.tenant_id = $1 AND o.type = 'accident'`,
    [t.id],
  );
  assert.equal((lines.rows[0] as { total: number }).total, 800_000);
});
