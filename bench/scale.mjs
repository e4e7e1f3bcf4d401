// The large-data benchmark (`npm run bench`, or `npm run bench -- --only=scale`): the demo group with a
// million generated customers on PostgreSQL 15, the real server on top, and latencies as staff feel them.
// The cluster lives in a folder of the OS temp dir and is reused while the generator is unchanged (making
// the data takes long; see bench/RESULTS.md), so a second run starts measuring within a minute.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCluster } from '../scripts/pg-cluster.mjs';
import { repoRoot } from '../scripts/lib/proc.mjs';

// The generator's statements decide the million rows; a change to the demo seed around them (stores,
// staff, a few demo bookings) is not worth an hour of regenerating, so it is not part of the fingerprint.
const seedFiles = ['generate.sql.ts', 'generate.ts'].map((f) =>
  path.join(repoRoot, 'apps', 'server', 'src', 'seed', f),
);

/** Which data the cluster holds: the customer count and the generator's source. */
const fingerprintOf = (customers) =>
  createHash('sha256')
    .update(String(customers))
    .update(Buffer.concat(seedFiles.map((f) => readFileSync(f))))
    .digest('hex')
    .slice(0, 16);

/** A TypeScript script of the repository run with tsx; resolves with what it printed. */
export const runTs = (args, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });

/**
 * The cluster with the data set, made if missing or stale; `stop()` keeps it for the next run.
 * `--keep-data` reuses a data set made by an older generator (the migrations since run on top of it, their
 * backfills included): an hour saved when only a new column's insert-time value changed. The report says so.
 * `dirName`: a folder of its own, for a part that adds rows to the data set (bench/scale-indices.mjs).
 */
export const bigCluster = async ({ customers, log, dirName = `m4s-bench-pg-${customers}` }) => {
  const dir = path.join(os.tmpdir(), dirName);
  const markerFile = path.join(dir, 'm4s-data.json');
  const fingerprint = fingerprintOf(customers);
  const marker = existsSync(markerFile) ? JSON.parse(readFileSync(markerFile, 'utf8')) : null;
  const keep = process.argv.includes('--keep-data') && marker?.customers === customers;
  const reuse = marker?.fingerprint === fingerprint || keep;
  const staleGenerator = reuse && marker?.fingerprint !== fingerprint;
  if (staleGenerator) log(`--keep-data: reusing a data set made by an older generator (${marker.fingerprint})`);
  if (!reuse) rmSync(dir, { recursive: true, force: true });
  const cluster = await startCluster({ database: 'm4s_bench', quiet: true, persistentDir: dir });
  try {
    log(reuse ? `reusing the ${customers}-customer data set in ${dir}` : `generating ${customers} customers (once)`);
    const out = await runTs([path.join('bench', 'scale-data.ts'), String(customers), reuse ? 'reuse' : 'generate'], {
      DATABASE_URL: cluster.url,
    });
    const data = JSON.parse(out.trim().split('\n').at(-1));
    if (!reuse) writeFileSync(markerFile, JSON.stringify({ fingerprint, customers, steps: data.steps }));
    const made = reuse ? marker : { steps: data.steps };
    return { cluster, data: { ...data, madeSteps: made.steps, staleGenerator } };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
};

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Sequential requests (one member of staff at a time), each timed; p50/p95/p99 in ms. */
export const timeRequests = async (urls, headers) => {
  const times = [];
  let failures = 0;
  for (const url of urls) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (!res.ok) failures++;
  }
  times.sort((a, b) => a - b);
  return {
    n: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1),
    failures,
  };
};

/** `concurrency` clients each working through their share of the urls at once. */
export const timeConcurrent = async (urls, headers, concurrency) => {
  const lanes = Array.from({ length: concurrency }, (_, i) => urls.filter((_, j) => j % concurrency === i));
  const results = await Promise.all(lanes.map((lane) => timeRequests(lane, headers)));
  return results;
};

/** Real search terms and customers drawn from the data (deterministic sample). */
export const sampleTerms = async (url, n) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql) => (await client.query(sql)).rows;
    // The same sample every run: rows ordered by a hash of their id.
    const pick = (cols, table, where = 'true') =>
      q(`SELECT ${cols} FROM ${table} WHERE ${where} ORDER BY hashtext(id::text || 'bench') LIMIT ${n}`);
    const phones = await pick('phone', 'customer_phones');
    const plates = await pick('plate', 'vehicles', 'plate IS NOT NULL');
    const vins = await pick('vin', 'vehicles');
    const names = await pick('name', 'customers');
    const ids = await pick('id', 'customers', 'erased_at IS NULL');
    return {
      // Any 4–6 consecutive digits of a phone, as a caller reads them out.
      phone: phones.map((r, i) => r.phone.slice(3 + (i % 4), 3 + (i % 4) + 4 + (i % 3))),
      // A plate without its province character, as staff type it.
      plate: plates.map((r) => r.plate.slice(1)),
      // A VIN's last six.
      vin: vins.map((r) => r.vin.slice(-6)),
      name: names.map((r) => r.name),
      ids: ids.map((r) => r.id),
    };
  } finally {
    await client.end();
  }
};
