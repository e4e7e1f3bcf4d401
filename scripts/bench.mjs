// `npm run bench`: how much our platform costs per request, and how long `npm start` takes to come up.
// 1. A throwaway PostgreSQL 15 cluster; the real server (apps/server) and the bare baseline
//    (bench/baseline-server.ts: Fastify + pg, same SQL, no platform) both on it.
// 2. autocannon at fixed concurrency against GET /api/health vs /health and the signed-in
//    GET /api/auth/staff/me vs /me, alternating real and baseline runs so the noise of a shared
//    two-core machine falls on both; the ratio real/baseline is the figure to watch. Each run also reads
//    from /proc the CPU the server process and the PostgreSQL processes spent per request, which swings
//    far less with the machine's other load than requests per second do.
//    `npm run bench -- --detail` adds the baseline's /me-tx: the real endpoint's SQL as it was before issue 10
//    (six round trips in the same RLS transaction) with raw pg, a reference for "SQL shape" against "JS per request".
// 3. `node scripts/start.mjs` on an empty DATA_DIR (embedded PGlite) until /api/health answers, then
//    SIGTERM; once cold (new directory) and once warm (same directory again).
// 4. A dated section prepended to bench/RESULTS.md, and the tables on stdout.
// Everything listens on and is loaded from 127.0.0.1 only. About 3 minutes (--detail: 3½), most of it fixed load time.
import autocannon from 'autocannon';
import pg from 'pg';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApps } from './build.mjs';
import { freePort, startCluster } from './pg-cluster.mjs';
import { repoRoot } from './lib/proc.mjs';
import { clusterCpuMs, clusterSnapshot, postmasterPid, processCpuMs } from '../bench/proc-cpu.mjs';
import { loadSampler } from '../bench/lanes.mjs';
import { signIn, startProcess, stopProcess, waitHealthy } from '../bench/procs.mjs';
import { runScale } from '../bench/scale-run.mjs';
import { runWebLoad } from '../bench/web-load.mjs';
import { runTelematics } from '../bench/telematics.mjs';
import { runBackup } from '../bench/backup.mjs';
import { runIndices } from '../bench/scale-indices.mjs';
import { machineFacts, prependResults, section, startupTable, loadTable, summarize } from '../bench/report.mjs';

const detail = process.argv.includes('--detail');
/**
 * `--only=api` (the per-request cost and start-up) or `--only=scale` (the million-customer data set); both by
 * default. `--only=me`: of the api part, the signed-in read against its baseline only (no health, no start-up).
 * `--only=web`: the owner and advisor apps' sign-in screen on an emulated fast-3G phone (bench/web-load.mjs).
 * `--only=booking`: of the scale part, the booking and live measurements only (with the /me floor);
 * `--only=care`: the nightly classification and care sweep only.
 * `--only=import`: the DMS import only (bench/scale-import.mjs; `--import-rows=N` for the workbook, 100,000 by
 * default, and `--order-rows=N` for the repair-order file, 500,000 by default).
 * `--only=telematics`: connected-car readings per second through the ingest API against a bare INSERT of the same
 * rows (bench/telematics.mjs; `--readings=N`, 20,000 by default).
 * `--only=chat`: 咨询 — a message to the other side's open stream at 200 open conversations, and the assistant over
 * 1,000 articles, each against a baseline in the same run (bench/chat.ts; docs/chat.md).
 * `--only=kpis`: the KPI system's rollups against one raw statement per KPI, and its panels at p95, on the
 * `--customers=N` data set (bench/kpis.ts).
 * `--only=loyalty`: concurrent earn and redeem at 50 clients against a bare ledger insert, and the nightly
 * expiry and tier steps, on the generated data set (bench/loyalty.ts; `--customers=N`, 1,000,000 by default,
 * `--seconds=S` per load side).
 * `--only=feed`: the owner's 轮生活 first page at 20 clients against a bare read of the newest posts, on the generated
 * data set with 2,000 bound owners and 600 targeted posts (bench/feed.ts; `--customers=N`, 1,000,000 by default,
 * `--seconds=S` per side).
 * `--only=crash`: kill -9 under sustained writes, 15 rounds per engine (bench/crash.ts; `--rounds=N`, `--engines=postgres,pglite`).
 * `--only=soak` (`npm run soak`): 10 minutes of mixed load at a fixed rate on PostgreSQL, memory, connections,
 * event-loop delay and latency per minute (bench/soak.ts; `--minutes=N`, `--rate=N` requests/s, `--engine=pglite`).
 * `--only=backup`: the demo group backed up and restored on both engines, and its archive imported elsewhere
 * (bench/backup.mjs; not part of the default run).
 * `--only=indices`: a store's call queue and the monthly CSI/NPS per store on the `--customers=N` data set with a
 * year of follow-up answers, in a data folder of its own (bench/scale-indices.mjs; not part of the default run).
 * `--keep-data`: the scale part reuses the million-customer data set even if the generator changed since it was
 * made (the migrations since run on top of it); the results say so (bench/scale.mjs bigCluster).
 */
const only =
  /^--only=(api|me|web|scale|booking|care|import|telematics|crash|soak|backup|indices|loyalty|chat|feed|kpis)$/.exec(
    process.argv.find((a) => a.startsWith('--only=')) ?? '',
  )?.[1] ?? null;
const importRows =
  only === 'booking' || only === 'care'
    ? 0
    : Number(
        /^--import-rows=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--import-rows=')) ?? '')?.[1] ?? 100_000,
      );
const orderRows = Number(
  /^--order-rows=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--order-rows=')) ?? '')?.[1] ?? 500_000,
);
const scaleCustomers = Number(
  /^--customers=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--customers=')) ?? '')?.[1] ?? 1_000_000,
);
// `--rounds=N`: more alternations of real and baseline (a busy shared machine needs them); 2 by default.
const rounds = Number(/^--rounds=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--rounds=')) ?? '')?.[1] ?? 2);
const settings = { connections: 20, durationSeconds: 10, warmupSeconds: 2, rounds };
const host = '127.0.0.1';
const started = Date.now();
const log = (line) => console.log(`bench: ${line}`);

const cannon = (url, headers, seconds) =>
  autocannon({ url, headers, connections: settings.connections, duration: seconds });

/** A measured run (after a warm-up the first time), with the CPU the server process and the cluster spent on it. */
const measure = async ({ server, endpoint, url, headers, pid, pgPid, warmUp }) => {
  if (warmUp) await cannon(url, headers, settings.warmupSeconds);
  const [cpu0, pg0] = [processCpuMs(pid), pgPid ? clusterSnapshot(pgPid) : null];
  const r = await cannon(url, headers, settings.durationSeconds);
  const [cpu1, pg1] = [processCpuMs(pid), pgPid ? clusterSnapshot(pgPid) : null];
  const run = {
    server,
    endpoint,
    path: new URL(url).pathname,
    rps: r['2xx'] / r.duration,
    latencyMean: r.latency.mean,
    p50: r.latency.p50,
    p99: r.latency.p99,
    failures: r.non2xx + r.errors + r.timeouts,
    serverCpuMs: (cpu1 - cpu0) / r['2xx'],
    pgCpuMs: pg0 && pg1 ? clusterCpuMs(pg0, pg1) / r['2xx'] : NaN,
  };
  const cpu = `cpu/req ${run.serverCpuMs.toFixed(2)} ms server + ${run.pgCpuMs.toFixed(2)} ms pg`;
  log(
    `${endpoint.padEnd(6)} ${server.padEnd(11)} ${String(Math.round(run.rps)).padStart(5)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  ${cpu}${run.failures ? `  FAILURES ${run.failures}` : ''}`,
  );
  return run;
};

const expectOk = async (url, headers) => {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status} ${body}`);
  return body;
};

/** The server and the baseline on PostgreSQL, loaded in turn. */
const loadRuns = async (startups) => {
  const cluster = await startCluster({ database: 'm4s_bench', quiet: true });
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query('SHOW server_version');
    await client.end();
    const postgresVersion = `PostgreSQL ${rows[0].server_version}`;

    const [realPort, basePort] = [await freePort(), await freePort()];
    const t0 = Date.now();
    // NODE_ENV=test: production refuses to start without a real SMS provider; the cookie is sent by hand anyway.
    const real = startProcess('server', ['--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')], {
      DATABASE_URL: cluster.url,
      PORT: String(realPort),
      HOST: host,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    });
    const realBase = `http://${host}:${realPort}`;
    const realHealthyMs = await waitHealthy(real, `${realBase}/api/health`, t0);
    const realUp = /M4S is up in ([\d.]+) s/.exec(real.output());
    const baseline = startProcess('baseline', ['--import', 'tsx', path.join('bench', 'baseline-server.ts')], {
      DATABASE_URL: cluster.url,
      PORT: String(basePort),
      HOST: host,
    });
    const baseBase = `http://${host}:${basePort}`;
    await waitHealthy(baseline, `${baseBase}/health`, Date.now());

    const cookie = await signIn(realBase);
    const headers = { cookie };
    const realMe = JSON.parse(await expectOk(`${realBase}/api/auth/staff/me`, headers));
    const baseMe = JSON.parse(await expectOk(`${baseBase}/me`, headers));
    if (JSON.stringify(realMe) !== JSON.stringify(baseMe))
      log(`note: the bodies differ\n  real     ${JSON.stringify(realMe)}\n  baseline ${JSON.stringify(baseMe)}`);

    if (detail && (await expectOk(`${baseBase}/me-tx`, headers)) !== JSON.stringify(realMe))
      log('note: /me-tx answers a different body');

    const pgPid = postmasterPid(cluster.dir);
    const pids = { real: real.child.pid, baseline: baseline.child.pid, 'baseline-tx': baseline.child.pid };
    const pairs = [
      ...(only === 'me'
        ? []
        : [{ endpoint: 'health', real: `${realBase}/api/health`, baseline: `${baseBase}/health` }]),
      {
        endpoint: 'me',
        real: `${realBase}/api/auth/staff/me`,
        baseline: `${baseBase}/me`,
        ...(detail ? { 'baseline-tx': `${baseBase}/me-tx` } : {}),
      },
    ];
    const runs = [];
    for (let round = 1; round <= settings.rounds; round++) {
      for (const pair of pairs) {
        for (const server of ['real', 'baseline', 'baseline-tx']) {
          if (pair[server])
            runs.push(
              await measure({
                server,
                endpoint: pair.endpoint,
                url: pair[server],
                headers,
                pid: pids[server],
                pgPid,
                warmUp: round === 1,
              }),
            );
        }
      }
    }
    await stopProcess(baseline);
    const realShutdownMs = await stopProcess(real);
    startups.push({
      name: 'PostgreSQL, first start',
      what: 'migrate + seed demo, `main.ts` directly',
      healthyMs: realHealthyMs,
      listeningMs: real.marks.upAt === null ? null : real.marks.upAt - t0,
      shutdownMs: realShutdownMs,
      serverUpS: realUp ? Number(realUp[1]) : null,
      rebuilt: [],
    });
    return { runs, postgresVersion };
  } finally {
    await cluster.stop();
  }
};

/** The real server on PostgreSQL serving the built apps, loaded by a throttled Chromium. */
const webRuns = async () => {
  const cluster = await startCluster({ database: 'm4s_bench_web', quiet: true });
  try {
    const port = await freePort();
    const server = startProcess('server', ['--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')], {
      DATABASE_URL: cluster.url,
      PORT: String(port),
      HOST: host,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    });
    const base = `http://${host}:${port}`;
    await waitHealthy(server, `${base}/api/health`, Date.now());
    try {
      return await runWebLoad({
        apps: [
          { name: 'owner', url: `${base}/o/demo/`, selector: '[data-testid="phone"]' },
          { name: 'advisor', url: `${base}/advisor/`, selector: '[data-testid="login"]' },
        ],
        log,
      });
    } finally {
      await stopProcess(server);
    }
  } finally {
    await cluster.stop();
  }
};

/** `npm start` on a DATA_DIR, from spawn to the first healthy answer, then SIGTERM. */
const timeStart = async (name, what, dataDir) => {
  const port = await freePort();
  const t0 = Date.now();
  const proc = startProcess(`npm start (${name})`, [path.join('scripts', 'start.mjs')], {
    PORT: String(port),
    HOST: host,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Empty, so a DATABASE_URL in the caller's environment does not send `npm start` to PostgreSQL.
    DATABASE_URL: '',
  });
  const healthyMs = await waitHealthy(proc, `http://${host}:${port}/api/health`, t0);
  const shutdownMs = await stopProcess(proc);
  const output = proc.output();
  // The server's own "M4S is up in N s" (from its first line to listening), to tell it apart from tsx and the build check.
  const up = /M4S is up in ([\d.]+) s/.exec(output);
  const rebuilt = [...output.matchAll(/build (\w+): vite build/g)].map((m) => m[1]);
  const listeningMs = proc.marks.upAt === null ? null : proc.marks.upAt - t0;
  log(
    `${name}: listening after ${listeningMs} ms (server: up in ${up?.[1] ?? '?'} s), healthy after ${healthyMs} ms, shut down in ${shutdownMs} ms`,
  );
  return { name, what, healthyMs, listeningMs, shutdownMs, serverUpS: up ? Number(up[1]) : null, rebuilt };
};

/** The proof-suite parts in TypeScript (bench/crash.ts, bench/soak.ts), run with tsx; their markdown comes back through a file. */
const proofPart = async (name) => {
  const outFile = path.join(mkdtempSync(path.join(os.tmpdir(), `m4s-${name}-`)), 'result.md');
  const passed = process.argv.filter((a) =>
    /^--(rounds|engines|settle|minutes|rate|engine|customers|seconds)=/.test(a),
  );
  const proc = startProcess(
    name,
    ['--import', 'tsx', path.join('bench', `${name}.ts`), ...passed, `--out=${outFile}`],
    {},
  );
  proc.child.stdout.on('data', (b) => process.stdout.write(b));
  const { code } = await proc.exited;
  let markdown = '';
  try {
    markdown = readFileSync(outFile, 'utf8');
  } catch {
    throw new Error(`${name} wrote no result (exit ${code}):\n${proc.output().slice(-3000)}`);
  }
  if (code !== 0) process.exitCode = 1;
  return markdown;
};

/** A part run on its own (no load table): its markdown in a dated section of bench/RESULTS.md with the machine's facts. */
const writePart = (markdown, machineLoad) => {
  const text = section({
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    facts: machineFacts({ repoRoot, postgresVersion: 'PostgreSQL 15' }),
    settings,
    summary: null,
    startups: null,
    totalMs: Date.now() - started,
    notes: [
      `Load average (1 min) while this run went: ${machineLoad.first.toFixed(1)} at the start, ${machineLoad.max.toFixed(1)} at most, ${machineLoad.last.toFixed(1)} at the end (2 cores shared with other sessions).`,
    ],
    extra: [markdown],
  });
  prependResults(path.join(repoRoot, 'bench', 'RESULTS.md'), text);
};

const main = async () => {
  if (['crash', 'soak', 'loyalty', 'chat', 'feed', 'kpis'].includes(only)) {
    const stopLoadProof = loadSampler();
    const markdown = await proofPart(only);
    writePart(markdown, stopLoadProof());
    console.log(markdown);
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; written to bench/RESULTS.md`);
    return;
  }
  // Other sessions share the machine: the one-minute load average while this run went is part of its facts.
  const stopLoad = loadSampler();
  if (only === 'indices') {
    const indices = await runIndices({ customers: scaleCustomers, log });
    writePart(indices.markdown, stopLoad());
    console.log(`\n${indices.markdown}`);
    return;
  }
  if (only === 'backup') {
    const backup = await runBackup({ log });
    const facts = machineFacts({ repoRoot, postgresVersion: backup.postgresVersion });
    const machineLoad = stopLoad();
    const text = section({
      date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
      facts,
      settings,
      summary: null,
      startups: null,
      totalMs: Date.now() - started,
      notes: [
        `Load average (1 min) while this run went: ${machineLoad.first.toFixed(1)} at the start, ${machineLoad.max.toFixed(1)} at most, ${machineLoad.last.toFixed(1)} at the end.`,
      ],
      extra: [backup.markdown],
    });
    prependResults(path.join(repoRoot, 'bench', 'RESULTS.md'), text);
    console.log(`\n${backup.markdown}`);
    return;
  }
  log('building the web apps if they changed (start-up is timed with them built)');
  const built = await buildApps({ quiet: true });
  if (!built.ok) throw new Error('a web app failed to build; `npm run build` shows why');

  let api = null;
  let postgresVersion = 'PostgreSQL 15';
  if (!['scale', 'booking', 'care', 'import', 'web', 'telematics'].includes(only)) {
    const startups = [];
    const load = await loadRuns(startups);
    postgresVersion = load.postgresVersion;
    if (only !== 'me') {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'm4s-bench-data-'));
      try {
        startups.push(
          await timeStart(
            'npm start, cold',
            'empty DATA_DIR: create PGlite, migrate, seed demo',
            path.join(dataDir, 'data'),
          ),
        );
        startups.push(await timeStart('npm start, warm', 'same DATA_DIR again', path.join(dataDir, 'data')));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    api = { summary: summarize(load.runs), startups: only === 'me' ? null : startups };
  }
  const parts = {
    search: only !== 'booking' && only !== 'care' && only !== 'import',
    booking: only !== 'care' && only !== 'import',
    care: only !== 'booking' && only !== 'import',
  };
  const web = only === null || only === 'web' ? await webRuns() : null;
  const telematics =
    only === null || only === 'telematics'
      ? await runTelematics({
          readings: Number(
            /^--readings=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--readings=')) ?? '')?.[1] ?? 20_000,
          ),
          log,
        })
      : null;
  if (telematics) postgresVersion = telematics.postgresVersion;
  const scale =
    only === 'api' || only === 'me' || only === 'web' || only === 'telematics'
      ? null
      : await runScale({ customers: scaleCustomers, importRows, orderRows, parts, log });

  const totalMs = Date.now() - started;
  const facts = machineFacts({ repoRoot, postgresVersion });
  const machineLoad = stopLoad();
  const notes = [
    `Load average (1 min) while this run went: ${machineLoad.first.toFixed(1)} at the start, ${machineLoad.max.toFixed(1)} at most, ${machineLoad.last.toFixed(1)} at the end.`,
  ];
  for (const s of api?.startups ?? []) {
    if (s.rebuilt.length > 0)
      notes.push(
        `${s.name}: \`npm start\` rebuilt ${s.rebuilt.join(', ')} (its inputs changed during the run), so that time includes a Vite build.`,
      );
  }
  for (const s of api?.summary ?? []) {
    if (s.sides.some((side) => side.failures > 0))
      notes.push(`${s.endpoint}: some requests failed (see the non-2xx/errors column); treat its figures with care.`);
  }
  const text = section({
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    facts,
    settings,
    summary: api?.summary ?? null,
    startups: api?.startups ?? null,
    totalMs,
    notes,
    extra: [
      ...(web ? [web.markdown] : []),
      ...(telematics ? [telematics.markdown] : []),
      ...(scale ? [scale.markdown] : []),
    ],
  });
  prependResults(path.join(repoRoot, 'bench', 'RESULTS.md'), text);
  if (api) console.log(`\n${loadTable(api.summary)}\n\n${api.startups ? `${startupTable(api.startups)}\n` : ''}`);
  if (web) console.log(`\n${web.markdown}`);
  if (telematics) console.log(`\n${telematics.markdown}`);
  if (scale) console.log(`\n${scale.markdown}`);
  log(`done in ${(totalMs / 1000).toFixed(1)} s; written to bench/RESULTS.md`);
};

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
  // The exit handler above ends whatever is still running.
  setTimeout(() => process.exit(1), 100).unref();
});
