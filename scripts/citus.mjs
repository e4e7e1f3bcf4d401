// `npm run citus`: the schema proven on Citus (distributed PostgreSQL). Not part of `npm test`.
//   1. installs what the build needs (apt-get), builds Citus 13.2.2 from ../shared/vendor/citus-13.2.2.tar.gz
//      against the installed PostgreSQL 15 and installs it (cached in .cache/citus/; skipped when installed);
//   2. starts a coordinator and two workers on loopback (ports CITUS_PORT, +1, +2; default 5440–5442) and
//      registers the workers;
//   3. migrates the coordinator's database as the server does — the migrations, then the distribution step
//      (apps/server/src/platform/db/distribute.ts: tenant tables by tenant_id, global ones as reference tables);
//   4. runs the server test suite against the coordinator (scripts/test.mjs with M4S_TEST_PG_URL);
//   5. checks that every statement of the hot paths routes to one shard (bench/citus-check.ts).
// Options: CITUS_SKIP_TESTS=1 skips step 4; CITUS_KEEP=1 leaves the nodes running (Ctrl-C stops them);
// extra arguments are passed to scripts/test.mjs as file filters.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuildDeps, ensureCitus, pgBin } from './lib/citus-build.mjs';
import { killAll, run, seconds } from './lib/proc.mjs';
import { parseNodeTestSummary } from './lib/node-test-summary.mjs';
import { startCluster } from './pg-cluster.mjs';

const basePort = Number(process.env.CITUS_PORT ?? 5440);
const database = 'm4s_test';
const started = Date.now();
const results = {};

const psql = async (port, sql, db = database) => {
  const r = await run(
    path.join(pgBin, 'psql'),
    [
      '-X',
      '-q',
      '-At',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      db,
      '-c',
      sql,
    ],
    { capture: true, quiet: true, timeoutMs: 120_000 },
  );
  if (r.code !== 0) throw new Error(`psql on ${port}: ${sql}\n${r.output}`);
  return r.output.trim();
};

const nodes = [];
const stopAll = async () => {
  for (const n of nodes.splice(0).reverse()) await n.stop();
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping`);
    killAll('SIGTERM');
    void stopAll().finally(() => process.exit(130));
  });
}

const header = (text) => console.log(`\n━━━━ ${text} ━━━━`);

let failed = false;
try {
  header('citus: build');
  await ensureBuildDeps();
  const build = await ensureCitus();
  results.build = build;

  header('citus: coordinator and two workers');
  const conf = [
    "shared_preload_libraries = 'citus'",
    // The segment and import-journal triggers fire on the shards (and migrations may add triggers later).
    'citus.enable_unsafe_triggers = on',
    'max_connections = 300',
  ];
  for (const [i, role] of ['coordinator', 'worker 1', 'worker 2'].entries()) {
    const node = await startCluster({ database, quiet: true, port: basePort + i, extraConf: conf });
    nodes.push(node);
    await psql(node.port, 'CREATE EXTENSION citus');
    console.log(`${role}: 127.0.0.1:${node.port} (${node.dir})`);
  }
  const coordinator = nodes[0];
  await psql(coordinator.port, `SELECT citus_set_coordinator_host('127.0.0.1', ${coordinator.port})`);
  for (const w of nodes.slice(1)) await psql(coordinator.port, `SELECT citus_add_node('127.0.0.1', ${w.port})`);
  console.log(
    await psql(
      coordinator.port,
      "SELECT string_agg(nodename || ':' || nodeport, ', ') FROM pg_dist_node WHERE noderole = 'primary' AND groupid > 0",
    ),
  );
  const url = coordinator.url;

  header('citus: migrate and distribute');
  const mig = await run(process.execPath, ['--import', 'tsx', 'bench/citus-check.ts', 'migrate'], {
    env: { ...process.env, DATABASE_URL: url },
    timeoutMs: 20 * 60_000,
  });
  if (mig.code !== 0) throw new Error('migrating the coordinator failed');

  if (process.env.CITUS_SKIP_TESTS !== '1') {
    header('citus: server test suite on the coordinator');
    const t0 = Date.now();
    const res = await run(process.execPath, ['scripts/test.mjs', ...process.argv.slice(2)], {
      env: { ...process.env, M4S_TEST_ONLY: 'postgres', M4S_TEST_PG_URL: url, M4S_TEST_TIMEOUT_MIN: '80' },
      capture: true,
      timeoutMs: 90 * 60_000,
    });
    // test.mjs's last line: `summary: N passed, N failed[, N skipped]`.
    const m = /summary: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/.exec(res.output);
    const counts = m
      ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) }
      : (parseNodeTestSummary(res.output) ?? { passed: 0, failed: 1, skipped: 0 });
    results.suite = { ...counts, seconds: Math.round((Date.now() - t0) / 1000), exit: res.code };
    if (res.code !== 0) failed = true;
  }

  header('citus: hot paths route to one shard');
  const hot = await run(process.execPath, ['--import', 'tsx', 'bench/citus-check.ts', 'check'], {
    env: { ...process.env, DATABASE_URL: url },
    timeoutMs: 20 * 60_000,
  });
  results.hotPaths = hot.code === 0 ? 'all single-shard' : 'FAILED';
  if (hot.code !== 0) failed = true;

  if (process.env.CITUS_KEEP === '1') {
    console.log(`\nnodes kept running; DATABASE_URL=${url}; Ctrl-C stops them`);
    await new Promise(() => setInterval(() => {}, 1 << 30));
  }
} catch (error) {
  failed = true;
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  for (const n of nodes) {
    const log = path.join(n.dir, 'postgres.log');
    if (existsSync(log)) console.error(`--- ${log} (tail) ---\n${readFileSync(log, 'utf8').slice(-3000)}`);
  }
} finally {
  await stopAll();
}

header(`citus: results (${seconds(started)})`);
if (results.build)
  console.log(
    `build: ${results.build.buildSeconds !== null ? `built in ${results.build.buildSeconds}s` : results.build.installed ? 'installed from the cache' : 'already installed'} (${results.build.key})`,
  );
if (results.suite)
  console.log(
    `server suite on Citus: ${results.suite.passed} passed, ${results.suite.failed} failed${results.suite.skipped ? `, ${results.suite.skipped} skipped` : ''} in ${results.suite.seconds}s`,
  );
if (results.hotPaths) console.log(`hot paths: ${results.hotPaths}`);
console.log(failed ? 'citus: FAILED' : 'citus: ok');
process.exit(failed ? 1 : 0);
