import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { telematicsLimits } from '@m4s/contracts';
import { testClock } from '../../../test/harness.ts';
import { ago, readingId, sqlAs, world } from './test-kit.ts';

const dayMs = 86_400_000;

describe('connected cars: the owner’s consent', () => {
  test('given and revoked in the owner app, each audited; readings count only while it is given', async () => {
    const w = await world({ consent: false });
    const url = `/api/owner/vehicles/${w.vehicleId}/telematics`;
    const before = await w.owner.get(url);
    assert.equal(before.statusCode, 200, before.body);
    const view = before.json<{ consent: unknown; shares: string[]; providers: { name: string }[] }>();
    assert.equal(view.consent, null);
    assert.deepEqual(view.shares, ['odometer', 'fault_codes', 'battery', 'energy']);
    assert.deepEqual(
      view.providers.map((p) => p.name),
      ['测试盒子'],
    );
    const id = readingId();
    const refused = await w.ingest({ readings: [{ id, vin: w.vin, at: ago(5), odometerKm: 1000 }] });
    assert.equal(refused.statusCode, 200, refused.body);
    assert.deepEqual(
      refused.result().refused.map((r) => r.reason),
      ['no_consent'],
    );

    const given = await w.owner.send('PUT', `${url}/consent`);
    assert.equal(given.statusCode, 200, given.body);
    assert.ok(given.json<{ consent: { givenAt: string } | null }>().consent?.givenAt);
    // Giving it again changes nothing (one audit entry).
    await w.owner.send('PUT', `${url}/consent`);
    const ok = await w.ingest({ readings: [{ id, vin: w.vin, at: ago(5), odometerKm: 1000 }] });
    assert.deepEqual(ok.result().accepted, [id]);
    const shown = (await w.owner.get(url)).json<{ latest: { odometerKm: number } | null }>();
    assert.equal(shown.latest?.odometerKm, 1000);

    const revoked = await w.owner.send('DELETE', `${url}/consent`);
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json<{ consent: unknown; latest: unknown }>().consent, null);
    assert.equal(revoked.json<{ latest: unknown }>().latest, null);
    const after = await w.ingest({ readings: [{ id: readingId(), vin: w.vin, at: ago(1), odometerKm: 1001 }] });
    assert.deepEqual(
      after.result().refused.map((r) => r.reason),
      ['no_consent'],
    );

    const audit = await sqlAs(
      `SELECT action, actor_kind, target_id FROM audit_log WHERE tenant_id = $1 AND action LIKE 'telematics.consent%' ORDER BY at`,
      [w.id],
    );
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_kind, a.target_id]),
      [
        ['telematics.consent_given', 'owner', w.vehicleId],
        ['telematics.consent_revoked', 'owner', w.vehicleId],
      ],
    );
  });

  test('a car the account is not confirmed for is no car of theirs (404), and nothing is written', async () => {
    const w = await world({ consent: false });
    const { rows } = { rows: await sqlAs(`SELECT gen_random_uuid() AS id`) };
    const stranger = String(rows[0]?.id);
    for (const [method, path] of [
      ['GET', ''],
      ['PUT', '/consent'],
      ['DELETE', '/consent'],
    ] as const) {
      const url = `/api/owner/vehicles/${stranger}/telematics${path}`;
      const res = method === 'GET' ? await w.owner.get(url) : await w.owner.send(method, url);
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
    }
    const n = await sqlAs('SELECT count(*)::int AS n FROM telematics_consents WHERE tenant_id = $1', [w.id]);
    assert.equal(n[0]?.n, 0);
  });
});

describe('connected cars: the integration key', () => {
  test('shown once, kept hashed; a missing, wrong, re-labelled or revoked key is a 401', async () => {
    const w = await world();
    const other = await world();
    const list = await w.admin.get('/api/telematics/integrations');
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(!list.body.includes(w.key), 'the list shows the key');
    const secret = w.key.split('.')[2] ?? '';
    const stored = await sqlAs('SELECT key_hash, key_prefix FROM telematics_integrations WHERE tenant_id = $1', [w.id]);
    assert.ok(stored[0] && stored[0].key_hash !== secret && !String(stored[0].key_hash).includes(secret));
    assert.ok(String(stored[0]?.key_prefix).endsWith(secret.slice(0, 6)));

    const batch = { readings: [{ id: readingId(), vin: w.vin, at: ago(5), batteryVoltage: 12.6 }] };
    assert.equal((await w.ingest(batch, null)).statusCode, 401);
    assert.equal((await w.ingest(batch, 'not-a-key')).statusCode, 401);
    const wrong = await w.ingest(batch, `${w.key.slice(0, -4)}AAAA`);
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json<{ code: string }>().code, 'INTEGRATION_KEY_INVALID');
    // Tenant A's secret under tenant B's id is nobody's key.
    assert.equal((await w.ingest(batch, w.key.replace(w.id, other.id))).statusCode, 401);
    assert.equal((await w.ingest(batch)).statusCode, 200);

    // A staff member without telematics.manage cannot see or make keys.
    assert.equal((await w.advisor.get('/api/telematics/integrations')).statusCode, 403);

    const revoked = await w.admin.send('POST', `/api/telematics/integrations/${w.integrationId}/revoke`);
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json<{ active: boolean }>().active, false);
    assert.equal((await w.ingest({ readings: [{ ...batch.readings[0]!, id: readingId() }] })).statusCode, 401);
    const audit = await sqlAs(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND action LIKE 'telematics.integration%' ORDER BY at`,
      [w.id],
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['telematics.integration_created', 'telematics.integration_revoked'],
    );
  });
});

describe('connected cars: a batch of readings', () => {
  test('idempotent by reading id; each refusal has its reason; the rest of the batch is taken', async () => {
    const w = await world();
    const ok = readingId('ok');
    const batch = {
      readings: [
        { id: ok, vin: w.vin, at: ago(60), odometerKm: 20_000, fuelPct: 55 },
        { id: readingId('vin'), vin: 'LFV2A21K8J3999999', at: ago(60), odometerKm: 1 },
        { id: readingId('consent'), vin: w.otherVin, at: ago(60), odometerKm: 1 },
        { id: readingId('future'), vin: w.vin, at: new Date(testClock.now().getTime() + 3_600_000).toISOString() },
        // Lower than the reading an hour ago, though taken after it.
        { id: readingId('back'), vin: w.vin, at: ago(30), odometerKm: 19_000 },
        // Higher than the reading an hour ago, though taken before it (backdated).
        { id: readingId('above'), vin: w.vin, at: ago(90), odometerKm: 25_000 },
        { id: ok, vin: w.vin, at: ago(60), odometerKm: 20_000 },
      ],
    };
    const first = await w.ingest(batch);
    assert.equal(first.statusCode, 200, first.body);
    const r = first.result();
    assert.deepEqual(r.accepted, [ok]);
    assert.deepEqual(r.duplicates, [ok]);
    assert.deepEqual(
      r.refused.map((x) => x.reason),
      ['unknown_vin', 'no_consent', 'future_time', 'mileage_backwards', 'mileage_above_later'],
    );
    assert.ok(r.refused.every((x) => x.message.length > 0));
    assert.equal(r.refused[0]?.message, '车架号不是本集团的车辆');

    // The same batch again: the taken reading is a duplicate, nothing new is written.
    const again = (await w.ingest(batch)).result();
    assert.deepEqual(again.accepted, []);
    assert.deepEqual(again.duplicates, [ok, ok]);
    const stored = await sqlAs('SELECT reading_id, fuel_pct FROM telematics_readings WHERE tenant_id = $1', [w.id]);
    assert.deepEqual(
      stored.map((s) => [s.reading_id, Number(s.fuel_pct)]),
      [[ok, 55]],
    );
  });

  test('a batch over the limit, or malformed, is refused whole with a 4xx and writes nothing', async () => {
    const w = await world();
    const many = Array.from({ length: telematicsLimits.batchReadings + 1 }, (_, i) => ({
      id: `big-${i}`,
      vin: w.vin,
      at: ago(10),
    }));
    const big = await w.ingest({ readings: many });
    assert.equal(big.statusCode, 400, big.body);
    const bad = await w.ingest({ readings: [{ id: 'x', vin: w.vin, at: 'yesterday' }] });
    assert.equal(bad.statusCode, 400);
    const code = await w.ingest({ readings: [{ id: 'y', vin: w.vin, at: ago(1), faultCodes: ['oops'] }] });
    assert.equal(code.statusCode, 400);
    const n = await sqlAs('SELECT count(*)::int AS n FROM telematics_readings WHERE tenant_id = $1', [w.id]);
    assert.equal(n[0]?.n, 0);
  });

  test('the odometer joins the mileage series (source telematics) at most weekly, and marks the owner for re-classification', async () => {
    const w = await world();
    await sqlAs('DELETE FROM segment_dirty WHERE tenant_id = $1', [w.id]);
    const first = await w.ingest({
      readings: [
        { id: readingId(), vin: w.vin, at: ago(20 * 24 * 60), odometerKm: 30_000 },
        { id: readingId(), vin: w.vin, at: ago(19 * 24 * 60), odometerKm: 30_050 },
        { id: readingId(), vin: w.vin, at: ago(10), odometerKm: 30_900 },
      ],
    });
    assert.equal(first.result().accepted.length, 3);
    const series = await sqlAs(
      `SELECT km, source FROM mileage_readings WHERE tenant_id = $1 AND vehicle_id = $2 ORDER BY read_at`,
      [w.id, w.vehicleId],
    );
    assert.deepEqual(
      series.map((s) => [s.km, s.source]),
      [
        [30_000, 'telematics'],
        [30_900, 'telematics'],
      ],
    );
    const dirty = await sqlAs('SELECT customer_id FROM segment_dirty WHERE tenant_id = $1', [w.id]);
    assert.deepEqual(
      dirty.map((d) => d.customer_id),
      [w.customerId],
    );
    // The staff view of the car reads the new series.
    const car = await w.admin.get(`/api/vehicles/${w.vehicleId}`);
    assert.equal(car.json<{ mileage: { latestKm: number } }>().mileage.latestKm, 30_900);
  });
});

describe('connected cars: the rules, through the contact gate', () => {
  test('battery low → 电池电量低，建议到店检测, once within the window', async () => {
    const w = await world();
    const low = readingId('low');
    const res = await w.ingest({ readings: [{ id: low, vin: w.vin, at: ago(3), batteryVoltage: 11.3 }] });
    assert.deepEqual(res.result().accepted, [low]);
    const touches = await sqlAs(
      `SELECT t.source, t.topic, t.decision, n.body FROM touches t LEFT JOIN notifications n
         ON n.tenant_id = t.tenant_id AND n.id = t.notification_id WHERE t.tenant_id = $1`,
      [w.id],
    );
    assert.equal(touches.length, 1);
    assert.equal(touches[0]?.source, 'telematics');
    assert.equal(touches[0]?.topic, 'maintenance');
    assert.ok(['sent', 'deferred'].includes(String(touches[0]?.decision)), String(touches[0]?.decision));
    assert.ok(String(touches[0]?.body).includes('电池电量低，建议到店检测'), String(touches[0]?.body));
    // A healthy battery raises nothing; a second low reading inside the window raises nothing either.
    await w.ingest({ readings: [{ id: readingId(), vin: w.vin, at: ago(2), batteryVoltage: 12.5 }] });
    await w.ingest({ readings: [{ id: readingId(), vin: w.vin, at: ago(1), batteryVoltage: 11.0 }] });
    const n = await sqlAs('SELECT count(*)::int AS n FROM touches WHERE tenant_id = $1', [w.id]);
    assert.equal(n[0]?.n, 1);
    // After the window (7 days by default) it is raised again.
    testClock.advance(8 * dayMs);
    try {
      await w.ingest({ readings: [{ id: readingId(), vin: w.vin, at: ago(1), batteryVoltage: 11.0 }] });
    } finally {
      testClock.advance(-8 * dayMs);
    }
    const m = await sqlAs('SELECT count(*)::int AS n FROM touches WHERE tenant_id = $1', [w.id]);
    assert.equal(m[0]?.n, 2);
  });

  test('an owner who opted out of maintenance reminders gets no battery message (suppressed in the ledger)', async () => {
    const w = await world();
    await sqlAs(`UPDATE customers SET topics_opted_out = '{maintenance}' WHERE tenant_id = $1 AND id = $2`, [
      w.id,
      w.customerId,
    ]);
    await w.ingest({ readings: [{ id: readingId(), vin: w.vin, at: ago(3), batteryVoltage: 10.9 }] });
    const touches = await sqlAs(
      'SELECT decision, reason, notification_id FROM touches WHERE tenant_id = $1 AND source = $2',
      [w.id, 'telematics'],
    );
    assert.deepEqual(
      touches.map((t) => [t.decision, t.reason, t.notification_id]),
      [['suppressed', 'topic_opted_out', null]],
    );
    const sent = await sqlAs(
      `SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND body LIKE '%电池%'`,
      [w.id],
    );
    assert.equal(sent[0]?.n, 0);
  });

  test('fault codes → one advisor task with each code’s meaning (unknown codes said so), not twice', async () => {
    const w = await world();
    await w.ingest({
      readings: [{ id: readingId(), vin: w.vin, at: ago(3), faultCodes: ['p0300', 'P1ABC'], batteryVoltage: 12.4 }],
    });
    const tasks = await sqlAs(
      'SELECT role, assignee_id, title, script, vehicle_id FROM care_tasks WHERE tenant_id = $1',
      [w.id],
    );
    assert.equal(tasks.length, 1);
    const task = tasks[0]!;
    assert.equal(task.role, 'service_advisor');
    assert.equal(task.assignee_id, w.staffIds.service_advisor);
    assert.equal(task.vehicle_id, w.vehicleId);
    assert.ok(String(task.title).includes('P0300'));
    assert.ok(String(task.script).includes('P0300：检测到随机/多缸失火'), String(task.script));
    assert.ok(String(task.script).includes('P1ABC：未知故障码'), String(task.script));
    // The advisor finds it in their list.
    const list = await w.advisor.get('/api/care/tasks?scope=mine');
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(list.body.includes('P0300'));
    // The same code again within the window raises nothing.
    await w.ingest({ readings: [{ id: readingId(), vin: w.vin, at: ago(2), faultCodes: ['P0300'] }] });
    assert.equal((await sqlAs('SELECT 1 FROM care_tasks WHERE tenant_id = $1', [w.id])).length, 1);
    const alerts = await sqlAs('SELECT condition FROM telematics_alerts WHERE tenant_id = $1 ORDER BY condition', [
      w.id,
    ]);
    assert.deepEqual(
      alerts.map((a) => a.condition),
      ['fault:P0300', 'fault:P1ABC'],
    );
  });
});

describe('connected cars: personal data', () => {
  test('the access request holds the consents and the readings shared; erasure deletes the consents', async () => {
    const w = await world();
    const id = readingId();
    await w.ingest({ readings: [{ id, vin: w.vin, at: ago(3), odometerKm: 4_000, batteryVoltage: 12.5 }] });
    const exported = await w.admin.get(`/api/customers/${w.customerId}/export`);
    assert.equal(exported.statusCode, 200, exported.body);
    const part = exported.json<{
      connectedCar: { consents: { vehicleId: string; revokedAt: string | null }[]; readings: { odometerKm: number }[] };
    }>().connectedCar;
    assert.deepEqual(
      part.consents.map((c) => [c.vehicleId, c.revokedAt]),
      [[w.vehicleId, null]],
    );
    assert.deepEqual(
      part.readings.map((r) => r.odometerKm),
      [4_000],
    );
    const erased = await w.admin.send('POST', `/api/customers/${w.customerId}/erase`, { reason: '客户要求' });
    assert.equal(erased.statusCode, 200, erased.body);
    const left = await sqlAs('SELECT count(*)::int AS n FROM telematics_consents WHERE tenant_id = $1', [w.id]);
    assert.equal(left[0]?.n, 0);
    // The car's readings stay with the car; with no consent left, the next one is refused.
    const next = await w.ingest({ readings: [{ id: readingId(), vin: w.vin, at: ago(1), odometerKm: 4_010 }] });
    assert.deepEqual(
      next.result().refused.map((r) => r.reason),
      ['no_consent'],
    );
  });
});

describe('connected cars: the admin’s list of shared cars', () => {
  test('lists the consented cars with their newest trusted odometer; a revoked consent leaves the list', async () => {
    const w = await world();
    await w.ingest({ readings: [{ id: readingId(), vin: w.vin, at: ago(30), odometerKm: 12_345 }] });
    const list = await w.admin.get('/api/telematics/cars');
    assert.equal(list.statusCode, 200, list.body);
    const items = list.json<{ items: { vehicleId: string; latestKm: number | null; lastReadingAt: string | null }[] }>()
      .items;
    assert.deepEqual(
      items.map((c) => [c.vehicleId, c.latestKm]),
      [[w.vehicleId, 12_345]],
    );
    assert.ok(items[0]?.lastReadingAt);
    await w.owner.send('DELETE', `/api/owner/vehicles/${w.vehicleId}/telematics/consent`);
    assert.deepEqual((await w.admin.get('/api/telematics/cars')).json<{ items: unknown[] }>().items, []);
  });
});

describe('connected cars: the tenant’s rules', () => {
  test('the battery threshold is tunable (audited): 12.0 V is low once the admin raises it to 12.2 V', async () => {
    const w = await world();
    const rules = await w.admin.get('/api/telematics/rules');
    assert.deepEqual(rules.json(), { batteryLowVolts: 11.8, batteryWindowDays: 7, faultWindowDays: 30 });
    await w.ingest({ readings: [{ id: readingId(), vin: w.vin, at: ago(5), batteryVoltage: 12.0 }] });
    assert.equal((await sqlAs('SELECT 1 FROM touches WHERE tenant_id = $1', [w.id])).length, 0);
    const bad = await w.admin.send('PUT', '/api/telematics/rules', {
      batteryLowVolts: 40,
      batteryWindowDays: 7,
      faultWindowDays: 30,
    });
    assert.equal(bad.statusCode, 400);
    const put = await w.admin.send('PUT', '/api/telematics/rules', {
      batteryLowVolts: 12.2,
      batteryWindowDays: 7,
      faultWindowDays: 30,
    });
    assert.equal(put.statusCode, 200, put.body);
    await w.ingest({ readings: [{ id: readingId(), vin: w.vin, at: ago(4), batteryVoltage: 12.0 }] });
    assert.equal((await sqlAs('SELECT 1 FROM touches WHERE tenant_id = $1', [w.id])).length, 1);
    const audit = await sqlAs(`SELECT details FROM audit_log WHERE tenant_id = $1 AND action = $2`, [
      w.id,
      'telematics.rules_updated',
    ]);
    assert.deepEqual(
      audit.map((a) => a.details),
      [{ changed: ['batteryLowVolts'] }],
    );
  });
});
