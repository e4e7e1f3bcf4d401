/**
 * kill -9 under sustained writes (issue 13, the proof suite): the real server process (`src/main.ts`) on a
 * database of its own — a PGlite data directory, or a throwaway PostgreSQL 15 cluster (scripts/pg-cluster.mjs)
 * — seeded with a small demo group, then rounds of: sustained writes through the HTTP API (staff bookings,
 * owner bookings, new customers, one DMS import per round), SIGKILL at a random moment of the load, restart
 * on the same data, and a check that every write the server acknowledged (a 2xx with its id) is there.
 * At the end, with the jobs settled and the server stopped, the database is read directly:
 * - every acknowledged booking, customer and import exists, and every acknowledged import finished once
 *   (status done, its rows counted once, no customer of it twice);
 * - no half write: every slot counter equals the bookings holding a place in it (total and the app's share);
 * - jobs in flight finished exactly once: every SMS the server queued reached the stand-in SMS cloud at most
 *   once (counted by its notification id), every one marked sent reached it exactly once, none is left
 *   queued, and every inbox message was delivered once.
 * SMS go to a stand-in for Alibaba Cloud's SendSms on loopback (SMS_PROVIDER=aliyun with its endpoint here):
 * outside the server process, so it outlives the kills and counts what really left. It answers after a short
 * delay, so some kills land between the provider's acceptance and the server's record of it.
 * Used by test/crash.test.ts (3 rounds per engine in `npm test`) and bench/crash.ts (`npm run bench -- --only=crash`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import type { Database } from '../src/platform/db/types.ts';
import { vinCheckDigit } from '@m4s/contracts';
import type { FakeCloud } from './crash-cloud.ts';
import { startFakeCloud } from './crash-cloud.ts';
import {
  killHard,
  ownerClient,
  sleep,
  staffClient,
  startServer,
  stopGently,
  type Client,
  type ServerProc,
} from './crash-server.ts';
import { verify } from './crash-verify.ts';

export type Engine = 'pglite' | 'postgres';
export type { FakeCloud } from './crash-cloud.ts';

// ── The run ───────────────────────────────────────────────────────────────────────────────────────────

export type CrashOptions = {
  engine: Engine;
  rounds: number;
  /** Concurrent writers during each round's load. */
  writers?: number;
  /** The load before the kill: a random time between these (ms). */
  loadMs?: [number, number];
  demoCustomers?: number;
  /** How long to wait for jobs in flight after the last round (ms); with settleFully the whole of it. */
  settleMs?: number;
  settleFully?: boolean;
  log?: (line: string) => void;
};

export type Acked = {
  bookings: Map<string, { channel: 'staff' | 'owner'; round: number }>;
  customers: Map<string, { phone: string; round: number }>;
  imports: Map<string, { rows: number; phones: string[]; round: number }>;
};

export type RoundFacts = {
  round: number;
  loadMs: number;
  acked: number;
  refused: number;
  /** Requests that got no answer (cut by the kill): neither acknowledged nor counted as lost. */
  cut: number;
  restartMs: number;
  missingAfterRestart: number;
};

export type CrashReport = {
  engine: Engine;
  rounds: RoundFacts[];
  acked: { bookings: number; customers: number; imports: number };
  lost: string[];
  slotMismatches: number;
  importProblems: string[];
  /** Acknowledged imports still waiting for their job (one killed while running waits for pg-boss's expiry). */
  importsPending: number;
  sms: {
    queued: number;
    sent: number;
    failedInterrupted: number;
    failedOther: number;
    stillQueued: number;
    /** Queued messages with no pg-boss job left to send them: lost. */
    orphanedSends: number;
    /** Sends waiting for a later moment (the owner's quiet hours), and ones left 'active' by a killed process. */
    deferred: number;
    activeAtStop: number;
    deliveredTwice: number;
    sentNotDeliveredOnce: number;
  };
  inbox: { sent: number; duplicates: number };
  bookingStatusNote: string;
  totalMs: number;
};

export const randomOf = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

const importCsv = (round: number, n: number) => {
  const phones = Array.from(
    { length: n },
    (_, i) => `166${String(round).padStart(2, '0')}${String(i).padStart(6, '0')}`,
  );
  const lines = ['客户编号,客户姓名,手机号码', ...phones.map((p, i) => `CR${round}-${i},导入客户${round}-${i},${p}`)];
  return { csv: `${lines.join('\n')}\n`, phones };
};

/**
 * Everything the load needs, read once from the seeded demo group: the stores with booking settings, a
 * service type, vehicles with their owners, the owner app's accounts with their cars.
 */
export type World = {
  storeId: string;
  serviceTypeId: string;
  cars: { customerId: string; vehicleId: string; vin: string; plate: string }[];
  owners: { client: Client; vehicleId: string }[];
};

export const world = async (base: string, staff: Client, cloud: FakeCloud, ownerPhones: string[]): Promise<World> => {
  const stores = (await staff.call(base, 'GET', '/api/stores')).json.items as { id: string; code: string }[];
  const store = stores.find((s) => s.code === 'SH-PD') ?? stores[0];
  if (!store) throw new Error('no store');
  const types = (await staff.call(base, 'GET', '/api/service-types')).json.items as {
    id: string;
    active?: boolean;
    status?: string;
  }[];
  const type = types[0];
  if (!type) throw new Error('no service type');
  // Cars of its own (customers with a car each), made through the API as the desk would.
  const cars: World['cars'] = [];
  const stamp = Date.now().toString(36).toUpperCase().replace(/[IOQ]/g, 'X').slice(-5).padStart(5, '0');
  for (let i = 0; i < 20; i++) {
    const c = await staff.call(base, 'POST', '/api/customers', {
      name: `压测车主${i}`,
      phones: [`155${String(Date.now() % 1e4).padStart(4, '0')}${String(i).padStart(4, '0')}`],
      source: 'walk_in',
    });
    if (c.status !== 201) throw new Error(`POST /api/customers → ${c.status} ${c.text.slice(0, 300)}`);
    const rest = `${stamp}${String(i).padStart(3, '0')}`;
    const vin = `LFV2A21K${vinCheckDigit(`LFV2A21K0${rest}`)}${rest}`;
    const v = await staff.call(base, 'POST', '/api/vehicles', { vin, plate: `沪C${10_000 + i}`, ownerId: c.json.id });
    if (v.status !== 201) throw new Error(`POST /api/vehicles → ${v.status} ${v.text.slice(0, 300)}`);
    cars.push({ customerId: c.json.id as string, vehicleId: v.json.id as string, vin, plate: `沪C${10_000 + i}` });
  }
  const owners: World['owners'] = [];
  // Each owner account binds one of these cars in the app and the store confirms it.
  for (const [i, phone] of ownerPhones.entries()) {
    const client = await ownerClient(base, phone, cloud);
    const car = cars[i];
    if (!car) break;
    const bind = await client.call(base, 'POST', '/api/owner/vehicles/bind', {
      vinLast6: car.vin.slice(-6),
      plate: car.plate,
    });
    if (bind.status !== 201 && bind.status !== 200) throw new Error(`bind → ${bind.status} ${bind.text.slice(0, 300)}`);
    const decided = await staff.call(base, 'POST', `/api/vehicle-bindings/${String(bind.json.id)}/decision`, {
      decision: 'confirmed',
    });
    if (decided.status !== 200) throw new Error(`binding decision → ${decided.status} ${decided.text.slice(0, 300)}`);
    owners.push({ client, vehicleId: car.vehicleId });
  }
  return { storeId: store.id, serviceTypeId: type.id, cars, owners };
};

/** The free slots of the next two weeks, as staff see them. */
export const freeSlots = async (base: string, staff: Client, storeId: string) => {
  const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const res = await staff.call(base, 'GET', `/api/stores/${storeId}/availability?from=${from}&days=14`);
  if (res.status !== 200) throw new Error(`availability → ${res.status} ${res.text.slice(0, 300)}`);
  return (res.json.days as { slots: { startsAt: string; free: number }[] }[])
    .flatMap((d) => d.slots)
    .filter((s) => s.free > 0)
    .map((s) => s.startsAt);
};

/** The server's settings for these runs: the demo group seeded, SMS through the stand-in cloud. */
export const serverEnv = (cloud: FakeCloud, demoCustomers: number): Record<string, string> => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  SEED_DEMO: 'true',
  DEMO_CUSTOMERS: String(demoCustomers),
  SMS_PROVIDER: 'aliyun',
  ALIYUN_SMS_ACCESS_KEY_ID: 'crash-test',
  ALIYUN_SMS_ACCESS_KEY_SECRET: 'crash-test-secret',
  ALIYUN_SMS_ENDPOINT: cloud.url,
  SMS_SIGN_NAME: '测试',
  SMS_TEMPLATE_CODE: 'SMS_900001',
  SMS_CODE_TEMPLATE_CODE: 'SMS_900002',
});

export const runCrash = async (options: CrashOptions): Promise<CrashReport> => {
  const log = options.log ?? (() => {});
  const writers = options.writers ?? 6;
  const [minLoad, maxLoad] = options.loadMs ?? [1500, 4000];
  const t0 = Date.now();
  const cloud = await startFakeCloud();
  const dir = mkdtempSync(join(tmpdir(), 'm4s-crash-'));
  let cluster: { url: string; stop: () => Promise<void> } | null = null;
  let server: ServerProc | null = null;
  try {
    const env = serverEnv(cloud, options.demoCustomers ?? 60);
    if (options.engine === 'postgres') {
      const mod = (await import(pathToScript('pg-cluster.mjs'))) as {
        startCluster: (o: object) => Promise<{ url: string; stop: () => Promise<void> }>;
      };
      cluster = await mod.startCluster({ database: 'm4s_crash', quiet: true });
      env.DATABASE_URL = cluster.url;
    } else {
      env.DATABASE_URL = '';
      env.DATA_DIR = join(dir, 'data');
    }
    const tStart = Date.now();
    server = await startServer(env);
    log(`${options.engine}: first start (migrate + seed) ${Date.now() - tStart} ms`);
    const staff = await staffClient(server.base);
    const w = await world(server.base, staff, cloud, ['13800000001', '13800000002', '13800000003']);
    log(`${options.engine}: ${w.cars.length} cars, ${w.owners.length} owner accounts with a car`);

    const acked: Acked = { bookings: new Map(), customers: new Map(), imports: new Map() };
    const rounds: RoundFacts[] = [];
    let phoneSeq = 0;
    const refusals = new Map<string, number>();

    for (let round = 1; round <= options.rounds; round++) {
      const base = server.base;
      const slots = await freeSlots(base, staff, w.storeId);
      const loadMs = minLoad + Math.random() * (maxLoad - minLoad);
      const stopAt = Date.now() + loadMs;
      let ackedNow = 0;
      let refused = 0;
      let cut = 0;
      const note = (status: number, text = '') => {
        if (status >= 200 && status < 300) ackedNow++;
        else if (status >= 500) throw new Error(`a 5xx under load: ${status} ${text.slice(0, 300)}`);
        else {
          refused++;
          const key = `${status} ${text.replace(/"requestId":"[^"]*",?/, '').slice(0, 100)}`;
          refusals.set(key, (refusals.get(key) ?? 0) + 1);
        }
      };
      // One import per round, started as the load starts: its job is in flight when the kill comes.
      const importOne = async () => {
        const { csv, phones } = importCsv(round, 300);
        const form = new FormData();
        form.append('kind', 'customers');
        form.append('file', new Blob([csv]), `crash-${round}.csv`);
        const up = await staff.call(base, 'POST', '/api/imports', form);
        if (up.status !== 201) {
          note(up.status, up.text);
          return;
        }
        const mapped = await staff.call(base, 'PUT', `/api/imports/${String(up.json.id)}/mapping`, {
          mapping: up.json.mapping,
        });
        note(mapped.status, mapped.text);
        if (mapped.status >= 200 && mapped.status < 300)
          acked.imports.set(up.json.id as string, { rows: phones.length, phones, round });
      };
      const writer = async () => {
        while (Date.now() < stopAt) {
          const pick = Math.random();
          if (pick < 0.4) {
            const car = randomOf(w.cars);
            const res = await staff.call(
              base,
              'POST',
              '/api/bookings',
              {
                customerId: car.customerId,
                vehicleId: car.vehicleId,
                storeId: w.storeId,
                serviceTypeId: w.serviceTypeId,
                startsAt: randomOf(slots),
                confirmClash: true,
              },
              { 'idempotency-key': randomUUID() },
            );
            note(res.status, res.text);
            if (res.status === 201) acked.bookings.set(res.json.id as string, { channel: 'staff', round });
          } else if (pick < 0.65 && w.owners.length > 0) {
            const o = randomOf(w.owners);
            const res = await o.client.call(
              base,
              'POST',
              '/api/owner/bookings',
              {
                vehicleId: o.vehicleId,
                storeId: w.storeId,
                serviceTypeId: w.serviceTypeId,
                startsAt: randomOf(slots),
                confirmClash: true,
              },
              { 'idempotency-key': randomUUID() },
            );
            note(res.status, res.text);
            if (res.status === 201) acked.bookings.set(res.json.id as string, { channel: 'owner', round });
          } else {
            phoneSeq += 1;
            const phone = `177${String(round).padStart(2, '0')}${String(phoneSeq).padStart(6, '0')}`;
            const res = await staff.call(base, 'POST', '/api/customers', {
              name: `崩溃测试${round}-${phoneSeq}`,
              phones: [phone],
              source: 'walk_in',
            });
            note(res.status, res.text);
            if (res.status === 201) acked.customers.set(res.json.id as string, { phone, round });
          }
        }
      };
      const guarded = (f: () => Promise<void>) =>
        f().catch((error: unknown) => {
          // Cut by the kill (the connection went away): not acknowledged, so not owed.
          if (error instanceof Error && /5xx/.test(error.message)) throw error;
          cut++;
        });
      const load = Promise.all([guarded(importOne), ...Array.from({ length: writers }, () => guarded(writer))]);
      await sleep(loadMs);
      await killHard(server);
      await load;
      const tRestart = Date.now();
      server = await startServer(env);
      const restartMs = Date.now() - tRestart;
      // Every write acknowledged so far answers after the restart.
      let missing = 0;
      const again = await staffClient(server.base);
      Object.assign(staff, again);
      for (const [id] of [...acked.customers].filter(([, c]) => c.round === round)) {
        const res = await staff.call(server.base, 'GET', `/api/customers/${id}`);
        if (res.status !== 200) missing++;
      }
      rounds.push({
        round,
        loadMs: Math.round(loadMs),
        acked: ackedNow,
        refused,
        cut,
        restartMs,
        missingAfterRestart: missing,
      });
      log(
        `${options.engine} round ${round}: load ${Math.round(loadMs)} ms, ${ackedNow} acknowledged, ${refused} refused (4xx), ${cut} cut by the kill; restart ${restartMs} ms; missing after restart: ${missing}`,
      );
    }

    // Let the jobs in flight finish: imports done, the SMS cloud quiet. A job that was running when its process
    // was killed stays 'active' in pg-boss until its expiry (notify.send: 120 s) and is retried then, so only a
    // long settle (the bench's) sees every one of them finish; the short one checks that each still has its job.
    const settleDeadline = Date.now() + (options.settleMs ?? 15_000);
    let lastDeliveries = -1;
    let quietSince = Date.now();
    for (;;) {
      const pending: string[] = [];
      for (const id of acked.imports.keys()) {
        const res = await staff.call(server.base, 'GET', `/api/imports/${id}`);
        if (res.json?.status === 'queued' || res.json?.status === 'running') pending.push(id);
      }
      const deliveries = [...cloud.deliveries.values()].reduce((a, b) => a + b, 0);
      if (deliveries !== lastDeliveries) {
        lastDeliveries = deliveries;
        quietSince = Date.now();
      }
      const quietFor = options.settleMs && options.settleMs > 60_000 ? options.settleMs : 3000;
      if (
        (pending.length === 0 && Date.now() - quietSince > Math.min(quietFor, 3000) && !options.settleFully) ||
        Date.now() > settleDeadline
      )
        break;
      await sleep(500);
    }
    log(
      `${options.engine}: ${refusals.size ? `refusals: ${[...refusals].map(([k, n]) => `${n}× ${k}`).join(' | ')}` : 'no refusals'}`,
    );
    await stopGently(server);
    server = null;
    const db: Database =
      options.engine === 'postgres' && cluster
        ? await openPostgres(cluster.url, 2)
        : await openPglite(join(dir, 'data', 'pg'));
    try {
      const report = await verify(db, acked, cloud, options.engine);
      return { ...report, engine: options.engine, rounds, totalMs: Date.now() - t0 };
    } finally {
      await db.close();
    }
  } finally {
    if (server) await killHard(server);
    await cloud.close();
    if (cluster) await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

export const pathToScript = (name: string) => new URL(`../../../scripts/${name}`, import.meta.url).href;
