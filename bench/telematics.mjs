// `npm run bench -- --only=telematics`: connected-car readings per second through the ingest API on
// PostgreSQL, against a bare INSERT of the same rows in the same run (docs/telematics.md).
// 1. A throwaway PostgreSQL 15 cluster; the real server (main.ts: migrates, seeds the demo group) on it.
// 2. `cars` of the demo's cars get an app account, a confirmed binding and the owner's consent (SQL as the
//    cluster's owner: set-up, not measured); the admin signs in and creates an integration (its key).
// 3. `readings` readings — one per car per batch of 500, each batch a minute later, the odometer moving on,
//    about 1% weak batteries and 0.5% fault codes (the rules and the contact gate run as they would) — are
//    POSTed by `concurrency` clients; then the same rows are INSERTed, 500 a statement by as many pg clients,
//    into a bare copy of telematics_readings (same columns and indexes; no RLS, no foreign keys, no checks).
// 4. The ratio API/bare of readings per second is the figure to watch (the machine's noise falls on both).
import pg from 'pg';
import path from 'node:path';
import { freePort, startCluster } from '../scripts/pg-cluster.mjs';
import { startProcess, stopProcess, waitHealthy } from './procs.mjs';

const host = '127.0.0.1';
const batchSize = 500;

const signIn = async (base) => {
  const res = await fetch(`${base}/api/auth/staff/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login: 'admin', password: 'm4s-demo' }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: (await res.json()).csrfToken };
};

/** Runs `jobs` (functions returning promises) with at most `n` at a time. */
const pool = async (jobs, n) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
};

export const runTelematics = async ({ readings = 20_000, cars = 1000, concurrency = 4, log }) => {
  const cluster = await startCluster({ database: 'm4s_bench_telematics', quiet: true });
  const owner = new pg.Client({ connectionString: cluster.url });
  let server = null;
  try {
    const port = await freePort();
    server = startProcess('server', ['--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')], {
      DATABASE_URL: cluster.url,
      PORT: String(port),
      HOST: host,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    });
    const base = `http://${host}:${port}`;
    await waitHealthy(server, `${base}/api/health`, Date.now(), 300_000);
    await owner.connect();
    const { rows: versionRows } = await owner.query('SHOW server_version');

    // Set-up: consent for `cars` cars that have a trusted odometer (as the owner app would leave it).
    const { rows: tenantRows } = await owner.query(`SELECT id FROM tenants WHERE slug = 'demo'`);
    const tenantId = tenantRows[0].id;
    // (Three statements: a data-modifying CTE does not see the rows another one of the same statement writes.)
    const picked = `SELECT DISTINCT ON (v.owner_id) v.id AS vehicle_id, p.phone FROM vehicles v
        JOIN customer_phones p ON p.tenant_id = v.tenant_id AND p.customer_id = v.owner_id AND p.is_primary
       WHERE v.tenant_id = $1 ORDER BY v.owner_id, v.id LIMIT $2`;
    await owner.query(
      `INSERT INTO owners (tenant_id, phone) SELECT $1, phone FROM (${picked}) x ON CONFLICT DO NOTHING`,
      [tenantId, cars],
    );
    await owner.query(
      `INSERT INTO vehicle_bindings (tenant_id, owner_id, vehicle_id, status, decided_at)
       SELECT $1, ow.id, x.vehicle_id, 'confirmed', now() FROM (${picked}) x
         JOIN owners ow ON ow.tenant_id = $1 AND ow.phone = x.phone
       ON CONFLICT DO NOTHING`,
      [tenantId, cars],
    );
    await owner.query(
      `INSERT INTO telematics_consents (tenant_id, vehicle_id, owner_id, given_at)
       SELECT b.tenant_id, b.vehicle_id, b.owner_id, now() - interval '1 day' FROM vehicle_bindings b
        WHERE b.tenant_id = $1 AND b.status = 'confirmed'
          AND NOT EXISTS (SELECT 1 FROM telematics_consents k WHERE k.tenant_id = b.tenant_id
                            AND k.vehicle_id = b.vehicle_id AND k.owner_id = b.owner_id AND k.revoked_at IS NULL)`,
      [tenantId],
    );
    const staff = await signIn(base);
    const call = async (method, url, body) => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: {
          cookie: staff.cookie,
          'x-csrf-token': staff.csrf,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const { key } = await call('POST', '/api/telematics/integrations', { name: '基准测试', provider: 'bench' });
    const shared = (await call('GET', '/api/telematics/cars')).items;
    if (shared.length < 10) throw new Error(`only ${shared.length} cars are shared`);

    // The readings: batch b holds one reading of each car (b minutes after the window's start).
    const batches = Math.ceil(readings / Math.min(batchSize, shared.length));
    const perBatch = Math.min(batchSize, shared.length);
    const start = Date.now() - (batches + 5) * 60_000;
    const rows = [];
    for (let b = 0; b < batches; b++) {
      const batch = [];
      for (let c = 0; c < perBatch && rows.length * perBatch + batch.length < readings; c++) {
        const car = shared[(b * perBatch + c) % shared.length];
        const at = Math.max(start, Date.parse(car.latestKmAt ?? '1970-01-01') + 60_000) + b * 60_000;
        const n = b * perBatch + c;
        batch.push({
          id: `bench-${n}`,
          vin: car.vin,
          at: new Date(Math.min(at, Date.now() - 60_000)).toISOString(),
          odometerKm: (car.latestKm ?? 0) + b,
          batteryVoltage: n % 100 === 7 ? 11.2 : 12.5,
          fuelPct: 40 + (n % 50),
          faultCodes: n % 200 === 13 ? ['P0300'] : [],
        });
      }
      rows.push(batch);
    }
    const total = rows.reduce((s, b) => s + b.length, 0);
    log(`telematics: ${total} readings of ${shared.length} shared cars in ${rows.length} batches of ≤ ${perBatch}`);

    // The API.
    const counts = { accepted: 0, duplicates: 0, refused: 0 };
    const t0 = performance.now();
    await pool(
      rows.map((batch) => async () => {
        const res = await fetch(`${base}/api/telematics/readings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-m4s-integration-key': key },
          body: JSON.stringify({ readings: batch }),
        });
        if (!res.ok) throw new Error(`ingest: ${res.status} ${await res.text()}`);
        const out = await res.json();
        counts.accepted += out.accepted.length;
        counts.duplicates += out.duplicates.length;
        counts.refused += out.refused.length;
      }),
      concurrency,
    );
    const apiMs = performance.now() - t0;

    // The bare INSERT of the same rows (resolved ids, as the API stores them), as many clients.
    await owner.query('DROP TABLE IF EXISTS bench_telematics_bare');
    await owner.query(
      'CREATE TABLE bench_telematics_bare (LIKE telematics_readings INCLUDING DEFAULTS INCLUDING INDEXES)',
    );
    const { rows: ids } = await owner.query(
      `SELECT v.vin, v.id, i.id AS integration_id FROM vehicles v, telematics_integrations i
        WHERE v.tenant_id = $1 AND i.tenant_id = $1 AND i.name = '基准测试'`,
      [tenantId],
    );
    const byVin = new Map(ids.map((r) => [r.vin, r]));
    const clients = await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const c = new pg.Client({ connectionString: cluster.url });
        await c.connect();
        return c;
      }),
    );
    const free = [...clients];
    const t1 = performance.now();
    await pool(
      rows.map((batch) => async () => {
        const client = free.pop();
        try {
          const values = [];
          const params = [];
          for (const r of batch) {
            const car = byVin.get(r.vin);
            const at = params.length;
            params.push(
              tenantId,
              car.integration_id,
              `bare-${r.id}`,
              car.id,
              r.at,
              r.odometerKm,
              r.faultCodes,
              r.batteryVoltage,
              r.fuelPct,
            );
            values.push(`(${Array.from({ length: 9 }, (_, k) => `$${at + k + 1}`).join(', ')}, now())`);
          }
          await client.query(
            `INSERT INTO bench_telematics_bare (tenant_id, integration_id, reading_id, vehicle_id, read_at, odometer_km,
               fault_codes, battery_voltage, fuel_pct, received_at) VALUES ${values.join(', ')}`,
            params,
          );
        } finally {
          free.push(client);
        }
      }),
      concurrency,
    );
    const bareMs = performance.now() - t1;
    await Promise.all(clients.map((c) => c.end()));
    const { rows: alertRows } = await owner.query(
      `SELECT count(*) FILTER (WHERE source = 'telematics' AND channel = 'call')::int AS tasks,
              count(*) FILTER (WHERE source = 'telematics' AND channel <> 'call')::int AS messages
         FROM touches WHERE tenant_id = $1`,
      [tenantId],
    );
    const apiRate = (counts.accepted / apiMs) * 1000;
    const bareRate = (total / bareMs) * 1000;
    log(
      `telematics: API ${Math.round(apiRate)} readings/s (${counts.accepted} accepted, ${counts.duplicates} duplicates, ${counts.refused} refused, ${apiMs.toFixed(0)} ms); bare INSERT ${Math.round(bareRate)} rows/s (${bareMs.toFixed(0)} ms); ratio ${(apiRate / bareRate).toFixed(3)}`,
    );
    const markdown = [
      `### Connected-car ingest (bench/telematics.mjs, PostgreSQL ${versionRows[0].server_version})`,
      '',
      `${total} readings of ${shared.length} shared cars, batches of ${perBatch}, ${concurrency} concurrent clients; the rules raised ${alertRows[0].tasks} advisor tasks and ${alertRows[0].messages} battery messages through the gate.`,
      '',
      '| path | readings | time | readings/s |',
      '|---|---:|---:|---:|',
      `| POST /api/telematics/readings (key, consent, one mileage check, idempotent insert, mileage series, rules + gate) | ${counts.accepted} | ${(apiMs / 1000).toFixed(2)} s | ${Math.round(apiRate)} |`,
      `| bare INSERT of the same rows (pg, ${batchSize} a statement, no RLS/FK) | ${total} | ${(bareMs / 1000).toFixed(2)} s | ${Math.round(bareRate)} |`,
      `| **ratio API / bare** | | | **${(apiRate / bareRate).toFixed(3)}** |`,
      '',
    ].join('\n');
    return { markdown, apiRate, bareRate, postgresVersion: `PostgreSQL ${versionRows[0].server_version}` };
  } finally {
    await owner.end().catch(() => {});
    if (server) await stopProcess(server);
    await cluster.stop();
  }
};
