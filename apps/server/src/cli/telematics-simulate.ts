// The connected-car simulator (docs/telematics.md): `npm run telematics:simulate -- --tenant demo`.
// It talks to a running server only through its HTTP API, as a provider would: signs in as a staff member
// with telematics.manage, makes an integration (unless --key names one), reads the cars whose owner
// consented, and POSTs their readings in batches with the integration's key. Run it twice for the same
// window and every reading comes back a duplicate.
import { parseArgs } from 'node:util';
import {
  integrationKeyHeader,
  routeUrl,
  telematicsLimits,
  telematicsRoutes as r,
  type TelematicsCar,
  type TelematicsIngestResult,
} from '@m4s/contracts';
import { simulateReadings } from '../modules/telematics/simulate.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? '3000'}` },
    tenant: { type: 'string', default: 'demo' },
    login: { type: 'string', default: 'admin' },
    password: { type: 'string', default: process.env.M4S_SIM_PASSWORD ?? 'm4s-demo' },
    key: { type: 'string' },
    hours: { type: 'string', default: '24' },
    every: { type: 'string', default: '6' },
    batch: { type: 'string', default: '200' },
    'battery-low': { type: 'string', default: '2' },
    faults: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(`usage: npm run telematics:simulate -- [--url http://127.0.0.1:3000] [--tenant demo]
  [--login admin] [--password …] [--key <integration key>] [--hours 24] [--every 6] [--batch 200]
  [--battery-low 2] [--faults 1]
Feeds the tenant's consented cars with readings through POST /api/telematics/readings. Without --key it
signs in and creates an integration (its key is printed once). --battery-low / --faults: how many cars report
a weak battery / a fault code in the newest reading.\n`);
  process.exit(0);
}

const base = values.url.replace(/\/$/, '');
const num = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};

const signIn = async () => {
  const res = await fetch(`${base}/api/auth/staff/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: values.tenant, login: values.login, password: values.password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
};

const main = async () => {
  const staff = await signIn();
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        cookie: staff.cookie,
        'x-csrf-token': staff.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  let key = values.key;
  if (!key) {
    const made = await call<{ key: string; integration: { name: string } }>('POST', routeUrl(r.createIntegration), {
      name: `模拟器 ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
      provider: 'M4S 模拟器',
    });
    key = made.key;
    process.stdout.write(`integration "${made.integration.name}" created; its key (shown once): ${key}\n`);
  }
  const { items: cars } = await call<{ items: TelematicsCar[] }>('GET', routeUrl(r.cars));
  if (cars.length === 0) {
    process.stdout.write('no car of this tenant is shared by its owner: nothing to send\n');
    return;
  }
  // The weak batteries and the fault codes go to cars the last run did not pick (rotating by the hour).
  const shift = Math.floor(Date.now() / 3_600_000) % cars.length;
  const pick = (n: number, offset: number) =>
    Array.from({ length: Math.min(n, cars.length) }, (_, i) => cars[(shift + offset + i) % cars.length]?.vin ?? '');
  const low = new Set(pick(num('battery-low', values['battery-low']), 0));
  const codes = [['P0300'], ['P0420', 'P1ABC'], ['P0171'], ['P0562']];
  const faulty = pick(num('faults', values.faults), low.size);
  const faults = new Map(faulty.map((vin, i) => [vin, codes[i % codes.length] ?? ['P0300']]));
  const readings = simulateReadings(
    cars.map((c) => ({
      vin: c.vin,
      latestKm: c.latestKm,
      latestKmAt: c.latestKmAt ? new Date(c.latestKmAt) : null,
    })),
    {
      now: new Date(),
      hours: num('hours', values.hours),
      everyHours: num('every', values.every) || 6,
      batteryLow: low,
      faults,
    },
  );
  const size = Math.min(num('batch', values.batch) || 200, telematicsLimits.batchReadings);
  const total = { accepted: 0, duplicates: 0, refused: {} as Record<string, number> };
  const started = Date.now();
  for (let i = 0; i < readings.length; i += size) {
    const res = await fetch(`${base}${routeUrl(r.ingest)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [integrationKeyHeader]: key },
      body: JSON.stringify({ readings: readings.slice(i, i + size) }),
    });
    if (!res.ok) throw new Error(`ingest: ${res.status} ${await res.text()}`);
    const out = (await res.json()) as TelematicsIngestResult;
    total.accepted += out.accepted.length;
    total.duplicates += out.duplicates.length;
    for (const x of out.refused) total.refused[x.reason] = (total.refused[x.reason] ?? 0) + 1;
  }
  process.stdout.write(
    `${cars.length} cars, ${readings.length} readings in ${Math.ceil(readings.length / size)} batches ` +
      `(${Date.now() - started} ms): ${total.accepted} accepted, ${total.duplicates} duplicates, ` +
      `refused ${JSON.stringify(total.refused)}; weak battery: ${[...low].join(', ')}; ` +
      `fault codes: ${[...faults].map(([vin, c]) => `${vin} ${c.join('+')}`).join(', ')}\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`telematics simulate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
