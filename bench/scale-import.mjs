// Import throughput through the real path: a 100,000-row 客户车辆档案 XLSX uploaded to the real server,
// mapped with its suggestion and run by the background job, against a copy of the million-customer
// database (so de-duplication looks up a full table, and the kept data set stays as generated).
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../scripts/pg-cluster.mjs';
import { repoRoot } from '../scripts/lib/proc.mjs';
import { signIn, startProcess, stopProcess, waitHealthy } from './procs.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssMiB = (pid) => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

const makeFile = (file, rows) =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('bench', 'make-import-file.ts'), file, String(rows)],
      {
        cwd: repoRoot,
        stdio: 'inherit',
      },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`make-import-file exited ${code}`))));
  });

const superuser = (url, database) => {
  const u = new URL(url);
  u.username = 'postgres';
  if (database) u.pathname = `/${database}`;
  return u.toString();
};

/** Runs with the main scale server stopped (a database copy needs its template idle). */
export const importPart = async ({ cluster, rows = 100_000, log }) => {
  const file = path.join(os.tmpdir(), `m4s-bench-import-${rows}.xlsx`);
  log(`writing a ${rows}-row DMS customer file`);
  await makeFile(file, rows);
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
    const cookie = await signIn(base);
    const me = await (await fetch(`${base}/api/auth/staff/me`, { headers: { cookie } })).json();
    const headers = { cookie, 'x-csrf-token': me.csrfToken };
    const idleRss = rssMiB(server.child.pid);
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(server.child.pid))), 100);
    try {
      const form = new FormData();
      form.append('kind', 'customers');
      form.append('file', new Blob([readFileSync(file)]), path.basename(file));
      const tUpload = Date.now();
      const up = await fetch(`${base}/api/imports`, { method: 'POST', headers, body: form });
      if (up.status !== 201) throw new Error(`upload → ${up.status} ${await up.text()}`);
      const job = await up.json();
      const uploadS = (Date.now() - tUpload) / 1000;
      const mapped = await fetch(`${base}/api/imports/${job.id}/mapping`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ mapping: job.mapping }),
      });
      if (!mapped.ok) throw new Error(`mapping → ${mapped.status} ${await mapped.text()}`);
      let state = await mapped.json();
      const tRun = Date.now();
      while (state.status === 'queued' || state.status === 'running') {
        await sleep(1000);
        state = await (await fetch(`${base}/api/imports/${job.id}`, { headers })).json();
      }
      const runS = (Date.now() - tRun) / 1000;
      if (state.status !== 'done') throw new Error(`import ended ${state.status}: ${state.failure}`);
      const result = {
        rows: state.rowsDone,
        failed: state.rowsFailed,
        counts: state.counts,
        fileMiB: statSync(file).size / 1024 ** 2,
        uploadS,
        runS,
        rowsPerS: state.rowsDone / runS,
        idleRss,
        peakRss,
        copyS,
      };
      log(
        `import: ${result.rows} rows in ${runS.toFixed(1)} s (${Math.round(result.rowsPerS)} rows/s), server RSS ${Math.round(idleRss)} → peak ${Math.round(peakRss)} MiB`,
      );
      const counts = Object.entries(state.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      result.markdown = [
        `Import through the real path (upload → suggested mapping → background job), a ${rows.toLocaleString('en-US')}-row 客户车辆档案 XLSX (${result.fileMiB.toFixed(1)} MiB, one car per row) into a copy of the data set above (copied in ${copyS.toFixed(0)} s): upload ${uploadS.toFixed(1)} s; run ${runS.toFixed(1)} s = **${Math.round(result.rowsPerS).toLocaleString('en-US')} rows/s**; server RSS ${Math.round(idleRss)} MiB idle → **${Math.round(peakRss)} MiB peak** during upload and run (limit: 1 GiB). Rows done ${result.rows}, failed ${result.failed}; ${counts}.`,
      ].join('\n');
      return result;
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await stopProcess(server);
    await admin.query(`DROP DATABASE IF EXISTS ${copy}`).catch(() => {});
    await admin.end();
    rmSync(file, { force: true });
  }
};
