import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vinCheckDigit, type Vehicle } from '@m4s/contracts';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';

// Issue 11 point 2: a person fixes a flagged odometer value — accepts it, corrects it or discards it —
// audited, and the car is reclassified at once.

const rows = async (sql: string, params: unknown[]) => (await (await testApp()).db.owner.executeSql(sql, params)).rows;
let serial = 0;
const vin = () => {
  serial += 1;
  const body = `LMFXZ2C30PA${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(3, '0')}`;
  return `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;
};

test('a flagged value is accepted, corrected or discarded; audited; the forecast follows at once', async () => {
  const t = await createTestTenant(['group_admin', 'cashier']);
  const admin = await signInStaff(t.slug, 'group.admin');
  const created = await admin.send('POST', '/api/vehicles', {
    vin: vin(),
    ownerId: t.customerId,
    purchaseDate: '2025-01-01',
  });
  assert.equal(created.statusCode, 201, created.body);
  const car = created.json<{ id: string }>().id;
  const ok = await admin.send('POST', `/api/vehicles/${car}/mileage`, {
    km: 25_000,
    readAt: '2026-03-01T10:00:00+08:00',
    source: 'owner',
  });
  assert.equal(ok.statusCode, 200, ok.body);
  // Two values an import kept aside: a reading at 2,500 km and a DMS order at 2,600 km, after 25,000.
  await rows(
    `INSERT INTO mileage_readings (tenant_id, vehicle_id, read_at, km, source, flag)
     VALUES ($1, $2, '2026-05-01T10:00:00+08:00', 2500, 'import', 'mileage_backwards')`,
    [t.id, car],
  );
  await rows(
    `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, type, date_in, mileage_km, mileage_flag)
     VALUES ($1, 'DMS-FIX-1', $2, $3, 'general_repair', '2026-05-02T10:00:00+08:00', 2600, 'mileage_backwards')`,
    [t.id, car, t.customerId],
  );
  const get = async () => (await admin.get(`/api/vehicles/${car}`)).json<Vehicle>();
  let v = await get();
  assert.equal(v.mileage.flagged.length, 2);
  const reading = v.mileage.flagged.find((f) => f.kind === 'reading');
  const order = v.mileage.flagged.find((f) => f.kind === 'repair_order');
  assert.ok(reading && order);
  const fix = (kind: string, id: string, body: object, agent = admin) =>
    agent.send('POST', `/api/vehicles/${car}/mileage/flagged/${id}`, { kind, ...body });

  // A correction must itself pass the one check: 2,700 km is still below 25,000.
  let res = await fix('reading', reading.id, { action: 'correct', km: 2_700 });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.json<{ details: { issues: { path: string }[] } }>().details.issues[0]?.path, 'km');
  res = await fix('reading', reading.id, { action: 'correct' });
  assert.equal(res.statusCode, 400, res.body);
  // Someone without customer.write may not.
  const cashier = await signInStaff(t.slug, 'cashier');
  assert.equal((await fix('reading', reading.id, { action: 'discard' }, cashier)).statusCode, 403);

  res = await fix('reading', reading.id, { action: 'correct', km: 27_000 });
  assert.equal(res.statusCode, 200, res.body);
  v = res.json<Vehicle>();
  assert.equal(v.mileage.latestKm, 27_000);
  assert.deepEqual(
    v.mileage.flagged.map((f) => f.kind),
    ['repair_order'],
  );
  // The car was reclassified in the same request: its estimate starts from the corrected value.
  const [seg] = await rows('SELECT estimated_km FROM vehicle_segments WHERE tenant_id = $1 AND vehicle_id = $2', [
    t.id,
    car,
  ]);
  assert.ok(Number(seg?.estimated_km) >= 27_000, String(seg?.estimated_km));

  res = await fix('repair_order', order.id, { action: 'discard' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json<Vehicle>().mileage.flagged.length, 0);
  const [ro] = await rows('SELECT mileage_km, mileage_flag FROM repair_orders WHERE tenant_id = $1 AND id = $2', [
    t.id,
    order.id,
  ]);
  assert.equal(ro?.mileage_km, null);
  assert.equal(ro?.mileage_flag, null);

  // Already resolved, or not this car's: 404.
  assert.equal((await fix('repair_order', order.id, { action: 'accept' })).statusCode, 404);
  const audits = await rows(
    `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'vehicle.mileage_resolved' ORDER BY at`,
    [t.id],
  );
  assert.equal(audits.length, 2);
  const details = (
    typeof audits[0]?.details === 'string' ? JSON.parse(audits[0].details) : audits[0]?.details
  ) as Record<string, unknown>;
  assert.equal(details.action, 'correct');
  assert.equal(details.from, 2500);
  assert.equal(details.to, 27000);
});

test('accepting a flagged value puts it back in the series as it is', async () => {
  const t = await createTestTenant(['group_admin']);
  const admin = await signInStaff(t.slug, 'group.admin');
  const created = await admin.send('POST', '/api/vehicles', {
    vin: vin(),
    ownerId: t.customerId,
    purchaseDate: '2025-01-01',
  });
  const car = created.json<{ id: string }>().id;
  const [r] = await rows(
    `INSERT INTO mileage_readings (tenant_id, vehicle_id, read_at, km, source, flag)
     VALUES ($1, $2, '2026-05-01T10:00:00+08:00', 12000, 'import', 'mileage_above_later') RETURNING id`,
    [t.id, car],
  );
  const res = await admin.send('POST', `/api/vehicles/${car}/mileage/flagged/${String(r?.id)}`, {
    kind: 'reading',
    action: 'accept',
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json<Vehicle>().mileage.latestKm, 12_000);
  assert.equal(res.json<Vehicle>().mileage.flagged.length, 0);
});
