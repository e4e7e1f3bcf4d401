// `npm run bench -- --only=backup`: the demo group (DEMO_CUSTOMERS, 2,000 by default) backed up and restored
// on both engines, with sizes and seconds (docs/backup.md).
// Embedded engine: the real server (main.ts: migrates, seeds the demo) in a new DATA_DIR, stopped once to
//   make an operator with the CLI, started again; `m4s backup create --server` while a writer POSTs customers
//   (its worst request time is what the snapshot's exclusive section costs the users); the server stopped;
//   `m4s backup restore --data-dir`; the demo group's `tenant archive` and `tenant import` into a new DATA_DIR.
// PostgreSQL: a throwaway cluster, the server on it; `m4s backup create` (pg_dump of an exported snapshot)
//   while the writer runs; `backup restore --database-url` into a new database; archive and import likewise.
// Every restore and import checks every table's count and checksum before it answers (the CLI exits 1 if not).
import pg from 'pg';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startCluster } from '../scripts/pg-cluster.mjs';
import { repoRoot } from '../scripts/lib/proc.mjs';
import { startProcess, stopProcess, waitHealthy } from './procs.mjs';

const host = '127.0.0.1';
const operatorPassword = 'bench-operator-pass';

const m4s = (env, args) =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: path.join(repoRoot, 'apps', 'server'),
      env: { ...process.env, NODE_ENV: 'test', LANG: 'en_US.UTF-8', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`m4s ${args.join(' ')} exited ${code}:\n${out}`));
      else resolve({ seconds: (Date.now() - started) / 1000, out: out.trim() });
    });
  });

const sizeOf = (p) => {
  const s = statSync(p);
  if (!s.isDirectory()) return s.size;
  return readdirSync(p).reduce((n, f) => n + sizeOf(path.join(p, f)), 0);
};
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** POSTs customers as the demo admin until stopped: how many, and the slowest answer. */
const writer = async (base) => {
  const res = await fetch(`${base}/api/auth/staff/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login: 'admin', password: 'm4s-demo' }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = await res.json();
  let stop = false;
  let written = 0;
  let slowest = 0;
  const done = (async () => {
    while (!stop) {
      const t0 = Date.now();
      const r = await fetch(`${base}/api/customers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({
          name: `备份压测${written}`,
          phones: [`135${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`],
          source: 'walk_in',
        }),
      });
      await r.arrayBuffer();
      slowest = Math.max(slowest, Date.now() - t0);
      if (r.status === 201) written++;
    }
  })();
  return async () => {
    stop = true;
    await done;
    return { written, slowest };
  };
};

const serverEnv = (port, extra) => ({ PORT: String(port), HOST: host, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...extra });
const startServer = async (port, extra) => {
  const server = startProcess(
    'server',
    ['--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')],
    serverEnv(port, extra),
  );
  await waitHealthy(server, `http://${host}:${port}/api/health`, Date.now(), 600_000);
  return server;
};

const rowsOf = (out) => Number(/(\d+) rows/.exec(out)?.[1] ?? 0);

const pgliteRun = async (log) => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'm4s-bench-backup-'));
  const dataDir = path.join(work, 'data');
  try {
    const port = await freePort();
    log('backup (embedded): first start, seeding the demo group');
    let server = await startServer(port, { DATA_DIR: dataDir });
    await stopProcess(server);
    await m4s({ DATA_DIR: dataDir }, [
      'operator',
      'create',
      '--login',
      'bench',
      '--name',
      '压测',
      '--password',
      operatorPassword,
    ]);
    server = await startServer(port, { DATA_DIR: dataDir });
    const stopWriting = await writer(`http://${host}:${port}`);
    await new Promise((r) => setTimeout(r, 2000));
    log('backup (embedded): m4s backup create --server, while a writer POSTs customers');
    const backupDir = path.join(work, 'backup');
    const backup = await m4s({ M4S_OPERATOR_PASSWORD: operatorPassword }, [
      'backup',
      'create',
      '--server',
      `http://${host}:${port}`,
      '--login',
      'bench',
      '--out',
      backupDir,
    ]);
    const writes = await stopWriting();
    await stopProcess(server);
    const dataBytes = sizeOf(path.join(dataDir, 'pg'));
    log('backup (embedded): restore into a new DATA_DIR');
    const restore = await m4s({}, [
      'backup',
      'restore',
      '--from',
      backupDir,
      '--data-dir',
      path.join(work, 'restored'),
    ]);
    const archiveFile = path.join(work, 'demo.m4st.gz');
    const archive = await m4s({ DATA_DIR: dataDir }, ['tenant', 'archive', 'demo', '--out', archiveFile]);
    const imported = await m4s({ DATA_DIR: path.join(work, 'other') }, ['tenant', 'import', '--file', archiveFile]);
    return {
      engine: 'embedded (PGlite)',
      dataBytes,
      backupBytes: sizeOf(backupDir),
      rows: rowsOf(backup.out),
      backupSeconds: backup.seconds,
      writes,
      restoreSeconds: restore.seconds,
      archiveBytes: sizeOf(archiveFile),
      tenantRows: rowsOf(archive.out),
      archiveSeconds: archive.seconds,
      importSeconds: imported.seconds,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

const postgresRun = async (log) => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'm4s-bench-backup-pg-'));
  const cluster = await startCluster({ database: 'm4s_bench_backup', quiet: true });
  let server = null;
  try {
    const port = await freePort();
    log('backup (PostgreSQL): starting the server, seeding the demo group');
    server = await startServer(port, { DATABASE_URL: cluster.url });
    const admin = new URL(cluster.url);
    admin.username = 'postgres';
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    const { rows } = await client.query(`SELECT pg_database_size('m4s_bench_backup')::bigint AS n, version() AS v`);
    for (const db of ['m4s_restored', 'm4s_other']) await client.query(`CREATE DATABASE ${db} OWNER m4s_owner`);
    await client.end();
    const url = (db) => {
      const u = new URL(cluster.url);
      u.pathname = `/${db}`;
      return u.toString();
    };
    const stopWriting = await writer(`http://${host}:${port}`);
    await new Promise((r) => setTimeout(r, 2000));
    log('backup (PostgreSQL): m4s backup create (pg_dump) while a writer POSTs customers');
    const backupDir = path.join(work, 'backup');
    const backup = await m4s({ DATABASE_URL: cluster.url }, ['backup', 'create', '--out', backupDir]);
    const archiveFile = path.join(work, 'demo.m4st.gz');
    const archive = await m4s({ DATABASE_URL: cluster.url }, ['tenant', 'archive', 'demo', '--out', archiveFile]);
    const writes = await stopWriting();
    log('backup (PostgreSQL): restore into a new database, import the group into another');
    const restore = await m4s({}, ['backup', 'restore', '--from', backupDir, '--database-url', url('m4s_restored')]);
    const imported = await m4s({ DATABASE_URL: url('m4s_other') }, ['tenant', 'import', '--file', archiveFile]);
    return {
      engine: 'PostgreSQL 15',
      postgresVersion: String(rows[0].v).split(' on ')[0],
      dataBytes: Number(rows[0].n),
      backupBytes: sizeOf(backupDir),
      rows: rowsOf(backup.out),
      backupSeconds: backup.seconds,
      writes,
      restoreSeconds: restore.seconds,
      archiveBytes: sizeOf(archiveFile),
      tenantRows: rowsOf(archive.out),
      archiveSeconds: archive.seconds,
      importSeconds: imported.seconds,
    };
  } finally {
    if (server) await stopProcess(server);
    await cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
};

export const runBackup = async ({ log }) => {
  const results = [await pgliteRun(log), await postgresRun(log)];
  const s = (x) => `${x.toFixed(1)} s`;
  const markdown = [
    `### Backup and restore: the demo group (${process.env.DEMO_CUSTOMERS ?? '2000'} customers), both engines`,
    '',
    "Each `m4s` command timed as a whole process (tsx start, and on the embedded engine opening PGlite, included). The backup is taken while one client POSTs customers without pause; \"slowest write\" is that client's worst answer during the run. Every restore and import checked every table's count and checksum against the backup's manifest or the archive's header (docs/backup.md).",
    '',
    '| Engine | Database | Rows (all tables) | Backup | Backup size | Writes meanwhile (slowest) | Restore (new dir / db) | Demo group archive (rows) | Archive size | Import elsewhere |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.engine} | ${mib(r.dataBytes)} | ${r.rows.toLocaleString('en')} | ${s(r.backupSeconds)} | ${mib(r.backupBytes)} | ${r.writes.written} (${r.writes.slowest} ms) | ${s(r.restoreSeconds)} | ${s(r.archiveSeconds)} (${r.tenantRows.toLocaleString('en')}) | ${mib(r.archiveBytes)} | ${s(r.importSeconds)} |`,
    ),
    '',
    'Reproduce: `npm run bench -- --only=backup`.',
    '',
  ].join('\n');
  return { markdown, postgresVersion: results[1].postgresVersion };
};
