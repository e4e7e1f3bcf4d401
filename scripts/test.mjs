// `npm test`: every check CI runs, in order, each with a header and its duration:
//   ensure → typecheck → lint → server tests on PGlite → server tests on PostgreSQL 15 → build → browser tests
// It goes on after a failure (so one log shows everything), exits 1 if anything failed, and its last line
// is `summary: N passed, N failed[, N skipped]`.
//
// M4S_TEST_ONLY=pglite,postgres,e2e,lint,typecheck,build   run only those stages (e2e implies build)
// npm test -- <text> ...                                   only test files whose path contains one of the texts
// M4S_TEST_NAME=<regex>                                    only tests whose name matches (--test-name-pattern)
// M4S_TEST_PG_URL=<url>                                    the postgres stage on this database, not a throwaway
//                                                          cluster (scripts/citus.mjs: the Citus coordinator)
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApps } from './build.mjs';
import { ensureApt, ensureNodeModules } from './ensure.mjs';
import { parseNodeTestSummary } from './lib/node-test-summary.mjs';
import { killAll, localBin, repoRoot, run, seconds } from './lib/proc.mjs';
import { startCluster } from './pg-cluster.mjs';
import { typecheck } from './typecheck.mjs';

const allStages = ['typecheck', 'lint', 'pglite', 'postgres', 'build', 'e2e'];
const only = (process.env.M4S_TEST_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const unknownStages = only.filter((s) => !allStages.includes(s));
if (unknownStages.length > 0) {
  console.error(`M4S_TEST_ONLY: unknown stage(s) ${unknownStages.join(', ')}; known: ${allStages.join(', ')}`);
  process.exit(2);
}
const wanted = (stage) => only.length === 0 || only.includes(stage) || (stage === 'build' && only.includes('e2e'));
const fileFilters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const namePattern = process.env.M4S_TEST_NAME;

const totals = { passed: 0, failed: 0, skipped: 0 };
const report = [];

// ── Test files ────────────────────────────────────────────────────────────────────────────────────────

const walk = (dir, match) => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) return [];
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return walk(abs, match);
    return match(e.name) ? [abs] : [];
  });
};

const filtered = (files) =>
  fileFilters.length === 0
    ? files
    : files.filter((f) => fileFilters.some((t) => path.relative(repoRoot, f).includes(t)));

const serverTestFiles = () =>
  filtered(walk(path.join(repoRoot, 'apps', 'server'), (n) => n.endsWith('.test.ts')).sort());

const e2eTestFiles = () => {
  const dir = path.join(repoRoot, 'e2e');
  if (!existsSync(dir)) return [];
  return filtered(
    readdirSync(dir)
      .filter((n) => n.endsWith('.e2e.ts'))
      .sort()
      .map((n) => path.join(dir, n)),
  );
};

// ── Reading node's test runner ────────────────────────────────────────────────────────────────────────

/** Counts from one runner process: its summary, or one failure when it crashed or said nothing. */
const countsFromRun = ({ code, output, timedOut }) => {
  const counts = parseNodeTestSummary(output) ?? { passed: 0, failed: 0, skipped: 0 };
  if (parseNodeTestSummary(output) === null) {
    console.error(
      `✖ the test runner printed no summary (exit code ${code}${timedOut ? ', timed out' : ''}): counted as 1 failure`,
    );
    counts.failed += 1;
  } else if (code !== 0 && counts.failed === 0) {
    console.error(
      `✖ the test runner exited with code ${code}${timedOut ? ' (timed out)' : ''} though no test failed: counted as 1 failure`,
    );
    counts.failed += 1;
  }
  return counts;
};

// ── Stages ────────────────────────────────────────────────────────────────────────────────────────────

let stageNo = 0;
const stageCount = 1 + allStages.filter(wanted).length;

/** Runs one stage: prints its header, times it, adds its counts. `fn` returns { passed, failed, skipped, note? }. */
const stage = async (name, fn) => {
  stageNo += 1;
  console.log(`\n━━━━ [${stageNo}/${stageCount}] ${name} ━━━━`);
  const started = Date.now();
  let counts;
  try {
    counts = await fn();
  } catch (error) {
    console.error(`✖ ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  const took = seconds(started);
  const result = counts.failed > 0 ? 'FAILED' : 'ok';
  const tally = `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`;
  console.log(`──── ${name}: ${result} in ${took} (${tally})${counts.note ? ` — ${counts.note}` : ''}`);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  report.push({ name, result, took, tally });
  return counts;
};

const check = (ok, note) => ({ passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, note });

const nodeTestArgs = (timeoutMs) => [
  '--import',
  'tsx',
  '--test-reporter=spec',
  '--test-force-exit',
  `--test-timeout=${timeoutMs}`,
  ...(namePattern ? [`--test-name-pattern=${namePattern}`] : []),
];

/** A stage that finds no test files fails, unless a developer's file filter simply matched none of its files. */
const noFiles = () =>
  fileFilters.length > 0
    ? { passed: 0, failed: 0, skipped: 0, note: 'no files match the filter' }
    : { passed: 0, failed: 1, skipped: 0, note: 'no test files' };

/**
 * The generated entry that loads every server test file into one process. Not plain static imports: a
 * file whose imports use top-level await (PGlite does) registers its tests late, and the runner, seeing
 * the early files' tests finished, would exit (--test-force-exit) without them — silently. So a root
 * `before` hook holds every test until all files are loaded, and a file that fails to load becomes one
 * failing test instead of ending the run.
 */
const serverEntrySource = (files) => `// Generated by scripts/test.mjs: every server test file in one process.
import { before, test } from 'node:test';

const files = ${JSON.stringify(
  files.map((f) => pathToFileURL(f).href),
  null,
  2,
)};
let release;
const loaded = new Promise((resolve) => {
  release = resolve;
});
before(() => loaded);
for (const file of files) {
  try {
    await import(file);
  } catch (error) {
    test(\`load \${file.slice(file.indexOf('/apps/') + 1)}\`, () => {
      throw error;
    });
  }
}
release();
`;

/** All server test files in ONE process (one shared embedded database), through a generated entry file. */
const runServerTests = async (engine, extraEnv) => {
  const files = serverTestFiles();
  if (files.length === 0) {
    console.error(
      `✖ no server test files (apps/server/**/*.test.ts${fileFilters.length ? ` matching ${fileFilters.join(', ')}` : ''})${fileFilters.length ? '' : ' — a stage with no tests fails'}`,
    );
    return noFiles();
  }
  console.log(`${files.length} test file(s) on ${engine}`);
  const tmp = path.join(repoRoot, '.tmp');
  mkdirSync(tmp, { recursive: true });
  // One entry per run (pid): two runs at once on one machine must not load each other's file list.
  const entry = path.join(tmp, `server-tests.${engine}.${process.pid}.entry.mjs`);
  writeFileSync(entry, serverEntrySource(files));
  const env = { ...process.env, NODE_ENV: 'test', ...extraEnv };
  if (!('DATABASE_URL' in extraEnv)) delete env.DATABASE_URL;
  const res = await run(process.execPath, [...nodeTestArgs(120_000), entry], {
    env,
    capture: true,
    // M4S_TEST_TIMEOUT_MIN: more for a slow database (the Citus run: scripts/citus.mjs).
    timeoutMs: Number(process.env.M4S_TEST_TIMEOUT_MIN ?? 30) * 60_000,
  });
  rmSync(entry, { force: true });
  return countsFromRun(res);
};

const runE2e = async () => {
  const files = e2eTestFiles();
  if (files.length === 0) {
    console.error(
      `✖ no browser test files (e2e/*.e2e.ts${fileFilters.length ? ` matching ${fileFilters.join(', ')}` : ''})${fileFilters.length ? '' : ' — a stage with no tests fails'}`,
    );
    return noFiles();
  }
  // Screenshots from an earlier run would pass for this run's artifacts.
  rmSync(path.join(repoRoot, 'e2e', 'artifacts'), { recursive: true, force: true });
  console.log(`${files.length} browser test file(s): ${files.map((f) => path.basename(f)).join(', ')}`);
  const env = { ...process.env, NODE_ENV: 'test' };
  delete env.DATABASE_URL;
  const res = await run(
    process.execPath,
    // Hang guards, not budgets (CI's is 90 minutes): a file's server start and walk on a loaded 2-core machine
    // ran past 3 minutes, and the stage grew to 40 files with issues 15–18.
    [...nodeTestArgs(600_000), '--test', '--test-concurrency=1', ...files.map((f) => path.relative(repoRoot, f))],
    { env, capture: true, timeoutMs: 50 * 60_000 },
  );
  const counts = countsFromRun(res);
  if (existsSync(path.join(repoRoot, 'e2e', 'artifacts'))) counts.note = 'screenshots and server.log in e2e/artifacts/';
  return counts;
};

const lint = async () => {
  const eslint = localBin('eslint');
  const prettier = localBin('prettier');
  if (!eslint || !prettier) {
    console.error('eslint or prettier is not installed (node_modules/.bin)');
    return check(false);
  }
  // A guard against a hang, not a budget: type-aware linting of the whole tree took over 10 minutes on 2 cores at load 19.
  console.log('$ eslint --max-warnings=0 .');
  const e = await run(eslint, ['--max-warnings=0', '.'], { timeoutMs: 25 * 60_000 });
  console.log(e.code === 0 ? 'eslint: clean' : `eslint: FAILED (exit code ${e.code})`);
  console.log('$ prettier --check .');
  const p = await run(prettier, ['--check', '.', '--log-level=warn'], { timeoutMs: 5 * 60_000 });
  console.log(
    p.code === 0
      ? 'prettier: all files formatted'
      : `prettier: FAILED (exit code ${p.code}); \`npm run format\` fixes it`,
  );
  return check(e.code === 0 && p.code === 0);
};

// ── Interruption: take the children (and, through its exit hook, the cluster) down too ───────────────

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping`);
    killAll('SIGTERM');
    process.exit(130);
  });
}

// ── The run ───────────────────────────────────────────────────────────────────────────────────────────

const runStarted = Date.now();
console.log(
  `m4s test: node ${process.version}, ${os.cpus().length} cores, stages: ${allStages.filter(wanted).join(', ')}` +
    (fileFilters.length ? `, files matching: ${fileFilters.join(', ')}` : ''),
);

await stage('ensure', async () => {
  const aptNeeds = [
    ...(wanted('postgres') ? ['postgresql'] : []),
    ...(wanted('e2e') ? ['chromium', 'fonts-noto-cjk'] : []),
  ];
  const nodeOk = await ensureNodeModules();
  const aptOk = aptNeeds.length === 0 ? true : await ensureApt(aptNeeds);
  // Installing is not a test: it is counted only when it fails.
  return nodeOk && aptOk ? { passed: 0, failed: 0, skipped: 0 } : check(false);
});

if (wanted('typecheck')) {
  await stage('typecheck', async () => {
    const r = await typecheck();
    return check(r.ok, r.absent.length ? `no tsconfig.json in ${r.absent.join(', ')}` : undefined);
  });
}

if (wanted('lint')) await stage('lint', lint);

if (wanted('pglite')) await stage('server tests · PGlite', () => runServerTests('pglite', {}));

if (wanted('postgres')) {
  const external = process.env.M4S_TEST_PG_URL;
  await stage(external ? `server tests · ${external}` : 'server tests · PostgreSQL 15', async () => {
    if (external) return runServerTests('postgres', { DATABASE_URL: external });
    const cluster = await startCluster();
    try {
      return await runServerTests('postgres', { DATABASE_URL: cluster.url });
    } finally {
      await cluster.stop();
    }
  });
}

if (wanted('build')) {
  await stage('build web apps', async () => {
    const r = await buildApps();
    return check(r.ok, r.missing.length ? `not written yet: ${r.missing.join(', ')}` : undefined);
  });
}

if (wanted('e2e')) await stage('browser tests', runE2e);

console.log(`\n━━━━ results (${seconds(runStarted)}) ━━━━`);
const width = Math.max(...report.map((r) => r.name.length));
for (const r of report)
  console.log(`${r.name.padEnd(width)}  ${r.result.padEnd(6)}  ${r.took.padStart(7)}  ${r.tally}`);
const summary = `summary: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
process.stdout.write(`${summary}\n`, () => process.exit(totals.failed > 0 ? 1 : 0));
