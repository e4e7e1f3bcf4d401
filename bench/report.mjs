// Formats `npm run bench` figures: the stdout table and the dated section prepended to bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const fixed = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The facts that make two results comparable (or explain why they are not). */
export const machineFacts = ({ repoRoot, postgresVersion }) => {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const git = (args) => {
    try {
      // --no-optional-locks: reading the status must not take the index lock from someone committing.
      return execFileSync('git', ['--no-optional-locks', ...args], { cwd: repoRoot, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    postgres: postgresVersion,
    commit: dirty ? `${commit} (with uncommitted changes)` : commit,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
};

const servers = ['real', 'baseline-tx', 'baseline'];

/** One row per endpoint and server, averaged over its runs; the ratios compare each server with the baseline. */
export const summarize = (runs) => {
  const endpoints = [...new Set(runs.map((r) => r.endpoint))];
  return endpoints.map((endpoint) => {
    const sides = [];
    for (const server of servers) {
      const mine = runs.filter((r) => r.endpoint === endpoint && r.server === server);
      if (mine.length === 0) continue;
      const serverCpu = mean(mine.map((r) => r.serverCpuMs));
      const pgCpu = mean(mine.map((r) => r.pgCpuMs));
      sides.push({
        server,
        path: mine[0].path,
        rps: mean(mine.map((r) => r.rps)),
        p50: mean(mine.map((r) => r.p50)),
        p99: mean(mine.map((r) => r.p99)),
        mean: mean(mine.map((r) => r.latencyMean)),
        serverCpu,
        pgCpu,
        cpu: serverCpu + pgCpu,
        spread: mine.map((r) => Math.round(r.rps)).join(' / '),
        failures: mine.reduce((n, r) => n + r.failures, 0),
      });
    }
    const baseline = sides.find((s) => s.server === 'baseline');
    const ratios = sides
      .filter((s) => s.server !== 'baseline' && baseline)
      .map((s) => ({
        of: s.server,
        rps: s.rps / baseline.rps,
        p50: s.p50 / baseline.p50,
        p99: s.p99 / baseline.p99,
        cpu: s.cpu / baseline.cpu,
      }));
    return { endpoint, sides, ratios };
  });
};

/**
 * rps ratio < 1: the real server serves fewer requests; latency and CPU ratios > 1: it answers slower and
 * costs more CPU (Node process + PostgreSQL) per request.
 */
export const loadTable = (summary) => {
  const lines = [
    '| Endpoint | Server | req/s (runs) | mean ms | p50 ms | p99 ms | CPU ms/req: server + PostgreSQL | non-2xx/errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { endpoint, sides, ratios } of summary) {
    for (const s of sides) {
      lines.push(
        `| ${endpoint} | ${s.server} \`${s.path}\` | ${Math.round(s.rps)} (${s.spread}) | ${fixed(s.mean, 2)} | ${fixed(s.p50)} | ${fixed(s.p99)} | ${fixed(s.serverCpu, 2)} + ${fixed(s.pgCpu, 2)} = ${fixed(s.cpu, 2)} | ${s.failures} |`,
      );
    }
    for (const r of ratios) {
      lines.push(
        `| ${endpoint} | **${r.of} / baseline** | **${fixed(r.rps, 2)}×** | | ${fixed(r.p50, 2)}× | **${fixed(r.p99, 2)}×** | **${fixed(r.cpu, 2)}×** | |`,
      );
    }
  }
  return lines.join('\n');
};

/**
 * Healthy = spawn to the first 200 from /api/health. "Listening" = when the server printed its banner (after
 * listen()); before it: Node, tsx and importing the server (and for `npm start` its install/build checks), then
 * the server's own "up in" (open the database, migrate, seed, build the app). After it: the first health answer.
 */
export const startupTable = (startups) => {
  const lines = [
    '| Start | What | Healthy after | Listening after | of which the server\'s own "up in" | Shutdown after SIGTERM |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const s2 = (ms) => (ms === null ? '—' : `${fixed(ms / 1000, 2)} s`);
  for (const s of startups) {
    const own = s.serverUpS === null ? '—' : `${fixed(s.serverUpS)} s`;
    lines.push(`| ${s.name} | ${s.what} | ${s2(s.healthyMs)} | ${s2(s.listeningMs)} | ${own} | ${s2(s.shutdownMs)} |`);
  }
  return lines.join('\n');
};

/** One dated section; `summary`/`startups` are null when only the scale part ran, `extra` is more markdown. */
export const section = ({ date, facts, settings, summary, startups, totalMs, notes, extra = [] }) =>
  [
    `## ${date}`,
    '',
    `Machine: ${facts.cpu}, ${facts.cores} cores, ${fixed(facts.memoryGiB)} GiB RAM, ${facts.os}; Node ${facts.node}; ${facts.postgres}; commit ${facts.commit}.`,
    '',
    ...(summary
      ? [
          `Load: autocannon, ${settings.connections} connections, ${settings.durationSeconds} s per run (the first of each after a ${settings.warmupSeconds} s warm-up), runs alternated real/baseline (${settings.rounds} rounds), CPU per request read from /proc for the server process and every PostgreSQL process, client, servers and PostgreSQL on the same machine (127.0.0.1). Figures are means over the runs; the ratios are the headline.`,
          '',
          loadTable(summary),
          '',
        ]
      : []),
    ...(startups
      ? [
          'Start-up (`node scripts/start.mjs`, embedded PGlite in a new temp DATA_DIR; apps already built) and the PostgreSQL server used above:',
          '',
          startupTable(startups),
          '',
        ]
      : []),
    ...extra,
    ...(notes.length > 0 ? [...notes.map((n) => `- ${n}`), ''] : []),
    `Whole bench run: ${fixed(totalMs / 1000)} s. Reproduce: \`npm run bench\` (needs PostgreSQL 15 at /usr/lib/postgresql/15/bin or PG_BIN; \`node scripts/ensure.mjs postgresql\`); parts: \`-- --only=api\`, \`-- --only=me\`, \`-- --only=web\`, \`-- --only=scale\`, \`-- --only=booking\`, \`-- --only=care\`, \`-- --only=telematics\`, \`-- --only=crash\`; the soak: \`npm run soak\`.`,
    '',
  ].join('\n');

const intro = `# Benchmark results

Written by \`npm run bench\` (scripts/bench.mjs): the real server on PostgreSQL against a bare Fastify + pg
baseline (bench/baseline-server.ts) doing the same SQL, and the start-up time of \`npm start\`.
The machines are noisy, so compare ratios within one section, not absolute figures across sections. Newest first.

`;

/** Prepends the new section under the intro, keeping every older section. */
export const prependResults = (file, text) => {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const firstSection = old.indexOf('\n## ');
  const older = firstSection === -1 ? '' : old.slice(firstSection + 1);
  writeFileSync(file, `${intro}${text}\n${older}`.replace(/\n{3,}/g, '\n\n'));
};
