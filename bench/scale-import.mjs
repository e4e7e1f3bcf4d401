// Import throughput through the real path (issue 12's speed point): DMS files uploaded to the real server,
// mapped with their suggestions and run by the background job, against a copy of the million-customer
// database, beside PostgreSQL's own COPY of the same rows (see importPart).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../scripts/pg-cluster.mjs';
import { repoRoot } from '../scripts/lib/proc.mjs';
import { signIn, startProcess, stopProcess, waitHealthy } from './procs.mjs';
import { waitForStartNight } from './scale-care.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssMiB = (pid) => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

const makeFiles = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'make-import-file.ts'), ...args], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`make-import-file exited ${code}`))));
  });

const superuser = (url, database) => {
  const u = new URL(url);
  u.username = 'postgres';
  if (database) u.pathname = `/${database}`;
  return u.toString();
};

/**
 * The floor: PostgreSQL's own COPY of the same rows (the CSV twins of the files) into plain tables of text
 * columns, in the same database, as its superuser reads a file. Rows per second of each file.
 */
const copyFloor = async (url, files) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out = {};
    for (const [name, file] of Object.entries(files)) {
      const header = readFileSync(file, 'utf8').slice(0, 4096).split('\n')[0].split(',');
      const table = `bench_copy_${name}`;
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.query(`CREATE TABLE ${table} (${header.map((_, i) => `c${i} text`).join(', ')})`);
      const t0 = performance.now();
      const res = await client.query(`COPY ${table} FROM '${file}' WITH (FORMAT csv, HEADER true)`);
      const s = (performance.now() - t0) / 1000;
      out[name] = { rows: res.rowCount, s, rowsPerS: res.rowCount / s };
      await client.query(`DROP TABLE ${table}`);
    }
    return out;
  } finally {
    await client.end();
  }
};

const dropQueuedMessages = async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query(`DELETE FROM pgboss.job WHERE name = 'notify.send' AND state < 'active'`);
    return res.rowCount;
  } finally {
    await client.end();
  }
};

/** Upload → the suggested kinds and mappings → the background run, polled; the server's RSS sampled. */
const runOne = async ({ base, headers, file, kind, pid }) => {
  let peakRss = rssMiB(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(pid))), 100);
  try {
    const form = new FormData();
    if (kind) form.append('kind', kind);
    form.append('file', new Blob([readFileSync(file)]), path.basename(file));
    const tUpload = Date.now();
    const up = await fetch(`${base}/api/imports`, { method: 'POST', headers, body: form });
    if (up.status !== 201) throw new Error(`upload → ${up.status} ${await up.text()}`);
    const job = await up.json();
    const uploadS = (Date.now() - tUpload) / 1000;
    const body =
      job.sheets.length > 1
        ? { sheets: job.sheets.map((s) => ({ index: s.index, kind: s.suggestedKind, mapping: s.mapping })) }
        : { mapping: job.mapping };
    const mapped = await fetch(`${base}/api/imports/${job.id}/mapping`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!mapped.ok) throw new Error(`mapping → ${mapped.status} ${await mapped.text()}`);
    let state = await mapped.json();
    const tRun = Date.now();
    while (state.status === 'queued' || state.status === 'running') {
      await sleep(500);
      state = await (await fetch(`${base}/api/imports/${job.id}`, { headers })).json();
    }
    const runS = (Date.now() - tRun) / 1000;
    if (state.status !== 'done') throw new Error(`import ended ${state.status}: ${state.failure}`);
    return {
      rows: state.rowsDone,
      failed: state.rowsFailed,
      counts: state.counts,
      sheets: state.sheets.map((s) => `${s.name} ${s.kind} ${s.rowsDone}`),
      fileMiB: statSync(file).size / 1024 ** 2,
      uploadS,
      runS,
      rowsPerS: state.rowsDone / runS,
      peakRss,
    };
  } finally {
    clearInterval(sampler);
  }
};

const countsText = (counts) =>
  Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/**
 * Issue 12's speed point, through the real path: a workbook of customers and their cars (a 客户 sheet and a
 * 车辆 sheet keyed by 客户编号, `rows` rows in all), then a file of `orderRows` repair orders with per-order
 * totals for those cars, into a copy of the million-customer database (de-duplication looks up full tables;
 * the kept data set stays as generated). Runs with the main scale server stopped (a copy needs its template idle).
 */
export const importPart = async ({ cluster, rows = 100_000, orderRows = 500_000, log }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'm4s-bench-import-'));
  chmodSync(dir, 0o755);
  const files = {
    workbook: path.join(dir, 'dms-customers-cars.xlsx'),
    customers: path.join(dir, 'customers.csv'),
    vehicles: path.join(dir, 'vehicles.csv'),
    orders: path.join(dir, 'repair-orders.csv'),
  };
  const cars = Math.floor(rows / 2);
  log(`writing a ${rows}-row customers-and-cars workbook and ${orderRows} repair orders for its ${cars} cars`);
  await makeFiles(['workbook', files.workbook, String(rows), files.customers, files.vehicles]);
  await makeFiles(['orders', files.orders, String(orderRows), String(cars)]);
  for (const f of Object.values(files)) chmodSync(f, 0o644);
  const admin = new pg.Client({ connectionString: superuser(cluster.url, 'postgres') });
  await admin.connect();
  const copy = 'm4s_bench_import';
  const t0 = Date.now();
  await admin.query(`DROP DATABASE IF EXISTS ${copy}`);
  await admin.query(`CREATE DATABASE ${copy} TEMPLATE m4s_bench OWNER m4s_owner`);
  const copyS = (Date.now() - t0) / 1000;
  const port = await freePort();
  const url = new URL(cluster.url);
  url.pathname = `/${copy}`;
  // The data set's care sweep queued its messages (notify.send, due today): on the copy they are dropped, so
  // the import is measured alone, not beside a quarter of a million SMS being sent (the care part measures those).
  const dropped = await dropQueuedMessages(superuser(url.toString()));
  if (dropped > 0) log(`dropped ${dropped} queued messages from the copy`);
  const floor = await copyFloor(superuser(url.toString()), {
    customers: files.customers,
    vehicles: files.vehicles,
    orders: files.orders,
  });
  const floorOf = (...names) => {
    const n = names.reduce((a, k) => a + floor[k].rows, 0);
    return n / names.reduce((a, k) => a + floor[k].s, 0);
  };
  log(
    `COPY floor: ${Object.entries(floor)
      .map(([k, v]) => `${k} ${Math.round(v.rowsPerS)} rows/s`)
      .join(', ')}`,
  );
  const server = startProcess('import server', ['--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')], {
    DATABASE_URL: url.toString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(server, `${base}/api/health`, Date.now(), 300_000);
    // A night the data set has not had yet runs at start-up: the import is measured after it.
    await waitForStartNight({ url: url.toString(), log });
    const cookie = await signIn(base);
    const me = await (await fetch(`${base}/api/auth/staff/me`, { headers: { cookie } })).json();
    const headers = { cookie, 'x-csrf-token': me.csrfToken };
    const idleRss = rssMiB(server.child.pid);
    const pid = server.child.pid;
    const book = await runOne({ base, headers, file: files.workbook, kind: null, pid });
    log(
      `workbook: ${book.rows} rows in ${book.runS.toFixed(1)} s (${Math.round(book.rowsPerS)} rows/s), peak RSS ${Math.round(book.peakRss)} MiB; ${countsText(book.counts)}`,
    );
    const orders = await runOne({ base, headers, file: files.orders, kind: 'repair_orders', pid });
    log(
      `orders: ${orders.rows} rows in ${orders.runS.toFixed(1)} s (${Math.round(orders.rowsPerS)} rows/s), peak RSS ${Math.round(orders.peakRss)} MiB; ${countsText(orders.counts)}`,
    );
    const bookFloor = floorOf('customers', 'vehicles');
    const orderFloor = floorOf('orders');
    const result = { book, orders, floor, idleRss, copyS };
    const line = (name, r, f, target) =>
      `| ${name} | ${r.rows.toLocaleString('en-US')} (${r.fileMiB.toFixed(1)} MiB) | ${r.uploadS.toFixed(1)} s | ${r.runS.toFixed(1)} s | **${Math.round(r.rowsPerS).toLocaleString('en-US')}** (target ≥ ${target.toLocaleString('en-US')}) | ${Math.round(f).toLocaleString('en-US')} | ${(r.rowsPerS / f).toFixed(3)}× | ${Math.round(r.peakRss)} MiB | ${r.failed} |`;
    result.markdown = [
      `Import through the real path (upload → suggested kinds and mappings → background job) into a copy of the data set above (copied in ${copyS.toFixed(0)} s). The floor is PostgreSQL's own COPY of the same rows (their CSV twins) into a plain table of text columns in the same database, in this run. Server RSS idle ${Math.round(idleRss)} MiB (limit: 1 GiB at peak).`,
      '',
      '| File | Rows | Upload | Run | Rows/s | COPY rows/s | ÷ COPY | Peak RSS | Refused |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      line(`Workbook: 客户 + 车辆 (keyed by 客户编号)`, book, bookFloor, 3000),
      line('维修工单, per-order totals (one row per order)', orders, orderFloor, 5000),
      '',
      `Workbook: ${countsText(book.counts)}. Orders: ${countsText(orders.counts)}.`,
    ].join('\n');
    return result;
  } finally {
    await stopProcess(server);
    await admin.query(`DROP DATABASE IF EXISTS ${copy}`).catch(() => {});
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
};
