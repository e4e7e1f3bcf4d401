// A throwaway PostgreSQL 15 cluster for the test suite: a temp dir, loopback only, a free port, no fsync.
// startCluster() → { url, port, dir, stop() }; url is postgres://m4s_owner@127.0.0.1:<port>/m4s_test.
// CLI: `node scripts/pg-cluster.mjs` starts one, prints the URL, and stops it on Ctrl-C.
//
// Roles: m4s_owner logs in and owns the database (so migrations run as it, not as a superuser, as in
// production); m4s_app is the NOLOGIN role requests run as. It is created here and granted to m4s_owner
// because PostgreSQL 15 allows SET ROLE only to a role one is a member of; the migration that also
// creates it skips when it exists.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isRoot, run } from './lib/proc.mjs';

const pgBinDir = () => {
  const dir = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
  if (!existsSync(path.join(dir, 'initdb'))) {
    throw new Error(
      `PostgreSQL 15 not found at ${dir} (install Debian's postgresql-15: node scripts/ensure.mjs postgresql)`,
    );
  }
  return dir;
};

export const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const postgresIds = () => {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      'running as root, but there is no `postgres` user to run the cluster as (Debian postgresql-15 creates it)',
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
};

/** initdb and postgres refuse to run as root, so as root the cluster belongs to and runs as `postgres`. */
const asClusterUser = (cmd, args) => (isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);

const must = async (what, cmd, args, logFile) => {
  const [c, a] = asClusterUser(cmd, args);
  // cwd: a folder the cluster user can enter (it may not be able to read the repo's).
  const res = await run(c, a, { cwd: os.tmpdir(), capture: true, quiet: true, timeoutMs: 120_000 });
  if (res.code !== 0) {
    const log =
      logFile && existsSync(logFile) ? `\n--- server log ---\n${readFileSync(logFile, 'utf8').slice(-4000)}` : '';
    throw new Error(`${what} failed (exit ${res.code}):\n${res.output}${log}`);
  }
  return res.output;
};

// One psql -c each: CREATE DATABASE cannot run inside the transaction a multi-statement -c makes.
const setupSql = (database) => [
  'CREATE ROLE m4s_owner LOGIN NOSUPERUSER CREATEROLE',
  'CREATE ROLE m4s_app NOLOGIN NOSUPERUSER NOBYPASSRLS',
  'GRANT m4s_app TO m4s_owner',
  `CREATE DATABASE ${database} OWNER m4s_owner`,
];

/**
 * `persistentDir`: keep the cluster in this folder and reuse it next time (the benchmark's large data set
 * is generated once); by default a temp folder that `stop()` removes. `port`: this port rather than a free
 * one; `extraConf`: more postgresql.conf lines (the Citus nodes: scripts/citus.mjs).
 */
export const startCluster = async ({
  database = 'm4s_test',
  quiet = false,
  persistentDir = null,
  port: fixedPort = null,
  extraConf = [],
} = {}) => {
  const bin = pgBinDir();
  const dir = persistentDir ?? mkdtempSync(path.join(os.tmpdir(), 'm4s-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  const reused = persistentDir !== null && existsSync(path.join(dataDir, 'PG_VERSION'));
  let started = false;
  const cleanup = () => {
    if (persistentDir === null) rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (persistentDir !== null) mkdirSync(dir, { recursive: true });
    if (isRoot()) {
      const { uid, gid } = postgresIds();
      chownSync(dir, uid, gid);
    }
    if (!reused)
      await must('initdb', path.join(bin, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--no-sync',
        '--no-instructions',
      ]);
    let port = 0;
    // A free port can be taken between asking and binding; try a few.
    for (let attempt = 1; !started; attempt++) {
      port = fixedPort ?? (await freePort());
      appendFileSync(
        path.join(dataDir, 'postgresql.conf'),
        [
          '',
          '# m4s test cluster',
          "listen_addresses = '127.0.0.1'",
          `port = ${port}`,
          `unix_socket_directories = '${dir}'`,
          'fsync = off',
          'synchronous_commit = off',
          'full_page_writes = off',
          'max_connections = 200',
          "timezone = 'UTC'",
          ...extraConf,
          '',
        ].join('\n'),
      );
      try {
        await must(
          'pg_ctl start',
          path.join(bin, 'pg_ctl'),
          ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start'],
          logFile,
        );
        started = true;
      } catch (error) {
        if (attempt >= 3 || fixedPort !== null) throw error;
      }
    }
    const psql = existsSync(path.join(bin, 'psql')) ? path.join(bin, 'psql') : 'psql';
    const commands = setupSql(database).flatMap((sql) => ['-c', sql]);
    const res = reused
      ? { code: 0, output: '' }
      : await run(
          psql,
          [
            '-X',
            '-q',
            '-v',
            'ON_ERROR_STOP=1',
            '-h',
            '127.0.0.1',
            '-p',
            String(port),
            '-U',
            'postgres',
            '-d',
            'postgres',
            ...commands,
          ],
          {
            capture: true,
            quiet: true,
            timeoutMs: 60_000,
          },
        );
    if (res.code !== 0) throw new Error(`creating roles and database failed:\n${res.output}`);
    const url = `postgres://m4s_owner@127.0.0.1:${port}/${database}`;
    if (!quiet) console.log(`postgres: started ${url} (data in ${dataDir})`);

    let stopped = false;
    const stopSync = () => {
      if (stopped) return;
      stopped = true;
      const [c, a] = asClusterUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      spawnSync(c, a, { cwd: os.tmpdir(), stdio: 'ignore' });
      cleanup();
    };
    // Should the test run be interrupted, the cluster goes with it.
    process.on('exit', stopSync);
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      process.off('exit', stopSync);
      const [c, a] = asClusterUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
      const res = await run(c, a, { cwd: os.tmpdir(), capture: true, quiet: true, timeoutMs: 90_000 });
      if (res.code !== 0) console.error(`postgres: pg_ctl stop failed:\n${res.output}`);
      cleanup();
      if (!quiet) console.log('postgres: stopped');
    };
    return { url, port, dir, dataDir, stop };
  } catch (error) {
    if (started) {
      const [c, a] = asClusterUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
      spawnSync(c, a, { cwd: os.tmpdir(), stdio: 'ignore' });
    }
    cleanup();
    throw error;
  }
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const cluster = await startCluster();
  console.log(`DATABASE_URL=${cluster.url}`);
  console.log('Ctrl-C stops it and removes its data.');
  const stop = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  setInterval(() => {}, 1 << 30);
}
