import { z } from 'zod';
import { telematicsBatch } from '@m4s/contracts';
import { pino } from 'pino';
import { systemCtx } from '../platform/context.ts';
import { nonceUuidSql } from '../platform/db/ids.ts';
import { insertValues } from '../platform/db/insert-values.ts';
import { col, parseRows } from '../platform/db/rows.ts';
import type { Database } from '../platform/db/types.ts';
import type { JobQueue } from '../platform/jobs/queue.ts';
import { newIntegrationKey } from '../modules/telematics/keys.ts';
import { simulateReadings } from '../modules/telematics/simulate.ts';
import { connectedCars } from '../modules/telematics/telematics.queries.ts';
import { ingest } from '../modules/telematics/telematics.service.ts';

/**
 * How many of the generated customers' cars the demo shares. The three demo owners' cars are left alone (the
 * browser tests drive them: their mileage and inbox are the tests'); 13800000001 can consent on the car page.
 */
export const demoConnectedCars = 30;

/** The demo's fault codes on day one: known codes and one the table does not know. */
export const demoFaults: readonly (readonly string[])[] = [['P0300'], ['P0420', 'P1ABC'], ['P0171']];

/** No message is sent by the seed (fault codes make tasks); a send would be a bug here, and fails loudly. */
const noSends: JobQueue = {
  send: (name) => Promise.reject(new Error(`the demo seed sends nothing (tried to queue ${name})`)),
  sendMany: (name, jobs) =>
    jobs.length === 0 ? Promise.resolve() : Promise.reject(new Error(`the demo seed sends nothing (${name})`)),
};

const carRow = z.object({ id: col.text, vin: col.text, phone: col.text });

/**
 * Connected cars in the demo (docs/telematics.md): an integration (its key is not kept: the admin makes a
 * new one for the simulator), app accounts with confirmed bindings and consent for `demoConnectedCars`
 * generated customers' cars, and three days of readings taken through the
 * ingest service — three cars report fault codes, so the advisor app has its tasks on day one. (A weak
 * battery needs the message queue, which the server starts after the seed: `npm run telematics:simulate`
 * shows it.)
 */
export const seedDemoTelematics = async (db: Database, input: { tenantId: string; now: Date }) => {
  const { tenantId, now } = input;
  const integrationId = await db.transaction({ tenantId }, async ({ sql }) => {
    const { hash, prefix } = newIntegrationKey(tenantId);
    const integration = await sql.executeSql(
      `INSERT INTO telematics_integrations (tenant_id, name, provider, key_prefix, key_hash, created_at)
       VALUES ($1, '示例车联网平台', '演示数据', $2, $3, $4) RETURNING id`,
      [tenantId, prefix, hash, now],
    );
    const cars = parseRows(
      carRow,
      await sql.executeSql(
        `SELECT DISTINCT ON (v.owner_id) v.id, v.vin, p.phone FROM vehicles v
            JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id AND c.erased_at IS NULL
            JOIN customer_phones p ON p.tenant_id = v.tenant_id AND p.customer_id = v.owner_id AND p.is_primary
           WHERE v.tenant_id = $1 AND p.phone NOT LIKE '1380000000%'
             AND EXISTS (SELECT 1 FROM repair_orders r WHERE r.tenant_id = $1 AND r.vehicle_id = v.id
                           AND r.mileage_km IS NOT NULL)
           ORDER BY v.owner_id, v.id LIMIT $2`,
        [tenantId, demoConnectedCars],
      ),
      'demo connected cars',
    );
    // Written as Citus routes them to the tenant's shard (docs/scaling.md §4): VALUES naming the tenant, or a
    // SELECT taking the tenant from a row of a tenant table, with ids computed, never a volatile default.
    await insertValues(sql, {
      into: 'owners',
      tenantId,
      shared: { created_at: now.toISOString() },
      columns: ['phone'],
      rows: cars.map((c) => [c.phone]),
      then: 'ON CONFLICT (tenant_id, phone) DO NOTHING',
    });
    await sql.executeSql(
      `INSERT INTO vehicle_bindings (tenant_id, id, owner_id, vehicle_id, status, requested_at, decided_at)
       SELECT o.tenant_id, ${nonceUuidSql("'demo-binding'", 'o.id::text || x.vehicle_id::text')}, o.id, x.vehicle_id,
              'confirmed', $4, $4
         FROM unnest($2::uuid[], $3::text[]) AS x(vehicle_id, phone)
         JOIN owners o ON o.tenant_id = $1 AND o.phone = x.phone
       ON CONFLICT DO NOTHING`,
      [tenantId, cars.map((c) => c.id), cars.map((c) => c.phone), now],
    );
    await sql.executeSql(
      `INSERT INTO telematics_consents (tenant_id, id, vehicle_id, owner_id, given_at)
       SELECT b.tenant_id, ${nonceUuidSql("'demo-consent'", 'b.id::text')}, b.vehicle_id, b.owner_id, $3 FROM vehicle_bindings b
        WHERE b.tenant_id = $1 AND b.status = 'confirmed' AND b.vehicle_id = ANY($2::uuid[])`,
      [tenantId, cars.map((c) => c.id), new Date(now.getTime() - 4 * 86_400_000)],
    );
    return String(integration.rows[0]?.id);
  });
  // The readings, through the same service the ingest API calls (a system context: no HTTP before the
  // server starts).
  await db.transaction({ tenantId }, async (tx) => {
    const ctx = systemCtx({
      tenantId,
      tx,
      jobs: noSends,
      clock: { now: () => now },
      log: pino({ level: 'silent' }),
      requestId: 'demo-seed:telematics',
    });
    const cars = await connectedCars(ctx.sql, tenantId);
    const faults = new Map(demoFaults.flatMap((codes, i) => (cars[i] ? [[cars[i].vin, codes]] : [])));
    const readings = simulateReadings(
      cars.map((c) => ({ vin: c.vin, latestKm: c.latest_km, latestKmAt: c.latest_km_at })),
      { now, hours: 72, everyHours: 12, faults },
    );
    for (let i = 0; i < readings.length; i += 200)
      await ingest(ctx, integrationId, telematicsBatch.parse({ readings: readings.slice(i, i + 200) }), 'zh-CN');
  });
};
