import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, testApp } from '../../test/harness.ts';
import { seedDemoTelematics } from './demo-telematics.ts';

const sql = async (text: string, values: unknown[] = []) => {
  const { db } = await testApp();
  return (await db.owner.executeSql(text, values)).rows;
};

describe('demo connected cars', () => {
  test('a shared car with a history gets readings, its odometer series and, on day one, a fault-code task', async () => {
    const t = await createTestTenant(['group_admin']);
    const now = new Date();
    await sql(`UPDATE customer_phones SET is_primary = true WHERE tenant_id = $1`, [t.id]);
    await sql(
      `INSERT INTO repair_orders (tenant_id, number, vehicle_id, customer_id, store_id, type, date_in, mileage_km)
       VALUES ($1, 'RO-T1', $2, $3, $4, 'maintenance', $5, 8000)`,
      [t.id, t.vehicleId, t.customerId, t.storeId, new Date(now.getTime() - 60 * 86_400_000)],
    );
    await seedDemoTelematics((await testApp()).db, { tenantId: t.id, now });

    const consents = await sql('SELECT vehicle_id FROM telematics_consents WHERE tenant_id = $1', [t.id]);
    assert.deepEqual(
      consents.map((c) => c.vehicle_id),
      [t.vehicleId],
    );
    const readings = await sql(
      'SELECT count(*)::int AS n, max(odometer_km)::int AS km FROM telematics_readings WHERE tenant_id = $1',
      [t.id],
    );
    assert.equal(readings[0]?.n, 7); // three days, every 12 hours
    assert.ok(Number(readings[0]?.km) > 8000);
    const series = await sql(
      `SELECT count(*)::int AS n FROM mileage_readings WHERE tenant_id = $1 AND source = 'telematics'`,
      [t.id],
    );
    assert.equal(series[0]?.n, 1);
    const tasks = await sql('SELECT title, script FROM care_tasks WHERE tenant_id = $1', [t.id]);
    assert.equal(tasks.length, 1);
    assert.ok(String(tasks[0]?.script).includes('P0300：检测到随机/多缸失火'));
  });
});
