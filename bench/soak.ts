/**
 * The soak (issue 13's proof suite): the real server on PostgreSQL (or PGlite) for 10 minutes under an
 * open-loop mixed load at a fixed rate — signed-in reads (staff /me, a customer's record and cars, a store's
 * availability, the owner's bookings) and writes (new customers, staff and owner bookings) — sampling every
 * minute the server's RSS, the database's connections (pg_stat_activity), the event loop's delay (a probe
 * loaded into the server process, bench/soak-probe.mjs) and the latency percentiles. The verdict compares the
 * last minute with the second (the first warms up). Run through `npm run soak` (scripts/bench.mjs --only=soak):
 *   --minutes=10 --rate=10 --engine=postgres|pglite --out=<file for the markdown>
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { freeSlots, pathToScript, randomOf, serverEnv, world } from '../apps/server/test/crash-kit.ts';
import { startFakeCloud } from '../apps/server/test/crash-cloud.ts';
import { killHard, staffClient, startServer, stopGently, type Client } from '../apps/server/test/crash-server.ts';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const minutes = Number(arg('minutes', '10'));
const rate = Number(arg('rate', '10'));
const engine = arg('engine', 'postgres') as 'postgres' | 'pglite';
const out = arg('out', '');
const log = (line: string) => console.log(`soak: ${line}`);

type Sample = { ms: number; ok: boolean; write: boolean };
type Minute = {
  minute: number;
  requests: number;
  failures: number;
  dropped: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  rssMiB: number;
  heapMiB: number;
  connections: number | null;
  eldP99: number;
  eldMax: number;
  load: number;
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const rssMiB = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

const main = async () => {
  const cloud = await startFakeCloud(5);
  const dir = mkdtempSync(join(tmpdir(), 'm4s-soak-'));
  let cluster: { url: string; stop: () => Promise<void> } | null = null;
  const env = serverEnv(cloud, 2000);
  if (engine === 'postgres') {
    const mod = (await import(pathToScript('pg-cluster.mjs'))) as {
      startCluster: (o: object) => Promise<{ url: string; stop: () => Promise<void> }>;
    };
    cluster = await mod.startCluster({ database: 'm4s_soak', quiet: true });
    env.DATABASE_URL = cluster.url;
  } else {
    env.DATABASE_URL = '';
    env.DATA_DIR = join(dir, 'data');
  }
  const probeUrl = new URL('./soak-probe.mjs', import.meta.url).href;
  const server = await startServer(env, 600_000, [probeUrl]);
  const pid = server.child.pid ?? 0;
  const probes: { at: number; p99: number; max: number; heapMiB: number }[] = [];
  server.child.stderr?.on('data', (b: Buffer) => {
    for (const m of b.toString().matchAll(/SOAK_PROBE (\{.*\})/g)) probes.push(JSON.parse(m[1] ?? '{}'));
  });
  const pgClient = cluster ? new pg.Client({ connectionString: cluster.url }) : null;
  await pgClient?.connect();
  try {
    const base = server.base;
    const staff = await staffClient(base);
    const w = await world(base, staff, cloud, ['13800000001', '13800000002', '13800000003']);
    let slots = await freeSlots(base, staff, w.storeId);
    const customerIds = w.cars.map((c) => c.customerId);
    log(
      `${engine}: ${rate} req/s for ${minutes} min; ${w.cars.length} cars, ${w.owners.length} owners, ${slots.length} free slots`,
    );

    let samples: Sample[] = [];
    let dropped = 0;
    let inFlight = 0;
    let seq = 0;
    const timed = async (write: boolean, call: () => Promise<{ status: number }>) => {
      const t = performance.now();
      inFlight++;
      let ok = false;
      try {
        const r = await call();
        // A full slot or a clash is the product answering, not a failure; a 5xx or no answer is.
        ok = r.status < 500;
      } catch {
        ok = false;
      } finally {
        inFlight--;
      }
      samples.push({ ms: performance.now() - t, ok, write });
    };
    const one = (c: Client) => {
      const pick = Math.random();
      if (pick < 0.3) return timed(false, () => c.call(base, 'GET', '/api/auth/staff/me'));
      if (pick < 0.5) return timed(false, () => c.call(base, 'GET', `/api/customers/${randomOf(customerIds)}`));
      if (pick < 0.6)
        return timed(false, () => c.call(base, 'GET', `/api/customers/${randomOf(customerIds)}/vehicles`));
      if (pick < 0.7)
        return timed(false, () =>
          c.call(
            base,
            'GET',
            `/api/stores/${w.storeId}/availability?from=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}&days=1`,
          ),
        );
      if (pick < 0.8 && w.owners.length > 0)
        return timed(false, () => randomOf(w.owners).client.call(base, 'GET', '/api/owner/bookings'));
      if (pick < 0.9) {
        seq++;
        return timed(true, () =>
          c.call(base, 'POST', '/api/customers', {
            name: `浸泡${seq}`,
            phones: [`17${String(Date.now() % 1e5).padStart(5, '0')}${String(seq % 1e4).padStart(4, '0')}`],
            source: 'walk_in',
          }),
        );
      }
      if (pick < 0.96) {
        const car = randomOf(w.cars);
        return timed(true, () =>
          c.call(
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
          ),
        );
      }
      const o = randomOf(w.owners);
      return timed(true, () =>
        o.client.call(
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
        ),
      );
    };

    const minutesOut: Minute[] = [];
    const tick = 1000 / rate;
    let next = performance.now();
    let minuteStart = Date.now();
    let minuteNo = 0;
    // Until the last minute is sampled (a wall-clock end would lose the last one to the sampling's own time).
    while (minutesOut.length < minutes) {
      // Open loop: requests leave on the clock whether or not earlier ones answered (up to 500 in flight).
      const now = performance.now();
      while (next <= now) {
        if (inFlight >= 500) dropped++;
        else void one(staff);
        next += tick;
      }
      await new Promise((r) => setTimeout(r, Math.max(1, next - performance.now())));
      if (Date.now() - minuteStart >= 60_000) {
        minuteNo++;
        const s = samples;
        samples = [];
        const times = s.map((x) => x.ms);
        const conns = pgClient
          ? Number(
              (
                await pgClient.query(
                  `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`,
                )
              ).rows[0].n,
            )
          : null;
        const recent = probes.filter((p) => p.at >= minuteStart);
        const m: Minute = {
          minute: minuteNo,
          requests: s.length,
          failures: s.filter((x) => !x.ok).length,
          dropped,
          rps: s.length / ((Date.now() - minuteStart) / 1000),
          p50: pct(times, 50),
          p95: pct(times, 95),
          p99: pct(times, 99),
          rssMiB: rssMiB(pid),
          heapMiB: recent.at(-1)?.heapMiB ?? NaN,
          connections: conns,
          eldP99: Math.max(...recent.map((p) => p.p99)),
          eldMax: Math.max(...recent.map((p) => p.max)),
          load: loadavg()[0] ?? NaN,
        };
        dropped = 0;
        minuteStart = Date.now();
        minutesOut.push(m);
        log(
          `min ${m.minute}: ${m.requests} req (${m.rps.toFixed(0)}/s), ${m.failures} failed, p50 ${m.p50.toFixed(1)} p95 ${m.p95.toFixed(1)} p99 ${m.p99.toFixed(1)} ms, RSS ${m.rssMiB.toFixed(0)} MiB, heap ${m.heapMiB.toFixed(0)} MiB, conns ${m.connections ?? '—'}, loop delay p99 ${m.eldP99.toFixed(1)} max ${m.eldMax.toFixed(1)} ms, load ${m.load.toFixed(1)}`,
        );
        // The free slots of the next days, refreshed (bookings fill them).
        slots = (await freeSlots(base, staff, w.storeId).catch(() => slots)) || slots;
      }
    }
    // Let the in-flight requests answer.
    for (let i = 0; i < 100 && inFlight > 0; i++) await new Promise((r) => setTimeout(r, 100));
    const md = markdown(minutesOut);
    if (out) writeFileSync(out, md);
    console.log(md);
  } finally {
    await pgClient?.end();
    await stopGently(server).catch(() => killHard(server));
    await cloud.close();
    if (cluster) await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

const fmt = (n: number | null, d = 1) => (n === null || !Number.isFinite(n) ? '—' : n.toFixed(d));

const markdown = (ms: Minute[]) => {
  const second = ms[1];
  const last = ms.at(-1);
  const ratio = (f: (m: Minute) => number | null) =>
    second && last && f(second) ? (f(last) ?? NaN) / (f(second) ?? NaN) : NaN;
  const rss = ratio((m) => m.rssMiB);
  const heap = ratio((m) => m.heapMiB);
  const p95 = ratio((m) => m.p95);
  const conns = second && last && second.connections !== null ? (last.connections ?? 0) - second.connections : null;
  const flat = (r: number, limit: number) => (Number.isFinite(r) && r <= limit ? 'flat' : 'GROWS');
  const lines = [
    `### Soak: ${ms.length} minutes at ${rate} requests/s on ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}`,
    '',
    `Open-loop mixed load (requests leave on the clock, at most 500 in flight): 30% staff \`/me\`, 20% a customer, 10% a customer's cars, 10% a store's availability (1 day), 10% the owner's bookings, 10% new customers, 6% staff bookings, 4% owner bookings; the demo group with 2,000 customers; SMS to a stand-in cloud on loopback. Sampled per minute: the server's RSS (/proc), its heap and event-loop delay (a probe loaded into the server process, bench/soak-probe.mjs), the database's connections (pg_stat_activity), latency percentiles (client side). "Failed": a 5xx or no answer (a full slot is an answer).`,
    '',
    '| Minute | Requests | req/s | failed | dropped | p50 ms | p95 ms | p99 ms | RSS MiB | heap MiB | DB connections | loop delay p99 / max ms | load (1 min) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...ms.map(
      (m) =>
        `| ${m.minute} | ${m.requests} | ${fmt(m.rps, 0)} | ${m.failures} | ${m.dropped} | ${fmt(m.p50)} | ${fmt(m.p95)} | ${fmt(m.p99)} | ${fmt(m.rssMiB, 0)} | ${fmt(m.heapMiB, 0)} | ${m.connections ?? '—'} | ${fmt(m.eldP99)} / ${fmt(m.eldMax)} | ${fmt(m.load)} |`,
    ),
    '',
    `Last minute against the second: RSS ×${fmt(rss, 2)} (${flat(rss, 1.25)}), heap ×${fmt(heap, 2)} (${flat(heap, 1.5)}), DB connections ${conns === null ? '— (embedded)' : `${conns >= 0 ? '+' : ''}${conns} (${conns <= 2 ? 'no growth' : 'GROWS'})`}, p95 latency ×${fmt(p95, 2)} (${flat(p95, 1.5)}). Failed requests in all: ${ms.reduce((a, m) => a + m.failures, 0)} of ${ms.reduce((a, m) => a + m.requests, 0)}.`,
  ];
  return `${lines.join('\n')}\n`;
};

main().catch((error: unknown) => {
  console.error(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
