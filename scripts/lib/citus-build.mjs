// Builds Citus from the vendored source archive against the installed PostgreSQL 15, and installs it.
// Installs what is missing through apt-get first (postgresql-server-dev-15 pinned to the installed server's
// exact version: a newer one builds an extension the older server may refuse). The build is cached under
// .cache/citus/<archive hash>-pg<version>/ (a staged `make install`), so a second run only copies it in, and
// a run on a machine where this exact build is installed does nothing.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, run, seconds } from './proc.mjs';

export const pgBin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const pgConfig = path.join(pgBin, 'pg_config');

/** ../shared/vendor beside the project root (this machine: /work/shared/vendor), or CITUS_TARBALL. */
export const citusTarball = () => {
  if (process.env.CITUS_TARBALL) return path.resolve(process.env.CITUS_TARBALL);
  const candidates = [
    path.resolve(repoRoot, '..', 'shared', 'vendor', 'citus-13.2.2.tar.gz'),
    '/work/shared/vendor/citus-13.2.2.tar.gz',
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(`citus-13.2.2.tar.gz not found (looked in ${candidates.join(', ')}; or set CITUS_TARBALL)`);
  return found;
};

const dpkgVersion = (pkg) => {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status} ${Version}', pkg], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.startsWith('install ok installed')) return null;
  return r.stdout.split(' ').at(-1);
};

const buildDeps = [
  'libcurl4-openssl-dev',
  'liblz4-dev',
  'libzstd-dev',
  'libssl-dev',
  'libkrb5-dev',
  'libicu-dev',
  'flex',
  'bison',
  'autoconf',
  'make',
  'gcc',
];

/** apt-get update, then whatever of the build's needs is missing; the server dev files at the server's version. */
export const ensureBuildDeps = async () => {
  const server = dpkgVersion('postgresql-15');
  if (!server) throw new Error('PostgreSQL 15 is not installed (node scripts/ensure.mjs postgresql)');
  const wanted = [];
  if (dpkgVersion('postgresql-server-dev-15') !== server) wanted.push(`postgresql-server-dev-15=${server}`);
  // The dev package needs libpq-dev; pinned too, or apt would take a newer one than the installed libpq5.
  const libpq = dpkgVersion('libpq5');
  if (libpq && dpkgVersion('libpq-dev') !== libpq) wanted.push(`libpq-dev=${libpq}`);
  for (const pkg of buildDeps) if (!dpkgVersion(pkg)) wanted.push(pkg);
  if (wanted.length === 0) {
    console.log(`citus: build dependencies present (PostgreSQL ${server})`);
    return server;
  }
  console.log(`citus: apt-get install ${wanted.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const up = await run('apt-get', ['update', '-q'], { env, timeoutMs: 10 * 60_000 });
  if (up.code !== 0) throw new Error('apt-get update failed');
  const inst = await run('apt-get', ['install', '-y', '-q', '-o', 'DPkg::Lock::Timeout=300', ...wanted], {
    env,
    timeoutMs: 20 * 60_000,
  });
  if (inst.code !== 0) throw new Error(`apt-get install failed (${wanted.join(' ')})`);
  return server;
};

const fileHash = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

const pgVersion = () => {
  const r = spawnSync(pgConfig, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${pgConfig} --version failed: is postgresql-server-dev-15 installed?`);
  return r.stdout
    .trim()
    .replace(/^PostgreSQL\s+/, '')
    .split(' ')[0];
};

const installedStamp = () =>
  path.join(spawnSync(pgConfig, ['--pkglibdir'], { encoding: 'utf8' }).stdout.trim(), 'citus.m4s-build');

/**
 * Makes sure this Citus build is installed into the PostgreSQL 15 the cluster runs. Returns
 * { key, built: bool, installed: bool, buildSeconds } — buildSeconds null when the cache served it.
 */
export const ensureCitus = async () => {
  const tarball = citusTarball();
  const key = `${fileHash(tarball).slice(0, 16)}-pg${pgVersion()}`;
  const stamp = installedStamp();
  const libDir = path.dirname(stamp);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === key && existsSync(path.join(libDir, 'citus.so'))) {
    console.log(`citus: build ${key} already installed`);
    return { key, built: false, installed: false, buildSeconds: null };
  }
  const cache = path.join(repoRoot, '.cache', 'citus', key);
  const stage = path.join(cache, 'stage');
  let buildSeconds = null;
  if (!existsSync(path.join(cache, 'done'))) {
    const started = Date.now();
    rmSync(cache, { recursive: true, force: true });
    const src = path.join(cache, 'src');
    mkdirSync(src, { recursive: true });
    console.log(`citus: building ${path.basename(tarball)} against PostgreSQL ${pgVersion()} in ${cache}`);
    const steps = [
      ['tar', ['-xzf', tarball, '-C', src, '--strip-components=1']],
      ['./configure', [`PG_CONFIG=${pgConfig}`]],
      ['make', [`-j${Math.max(1, Math.min(2, (await import('node:os')).cpus().length))}`]],
      ['make', ['install', `DESTDIR=${stage}`]],
    ];
    for (const [cmd, args] of steps) {
      const r = await run(cmd, args, { cwd: src, capture: true, quiet: true, timeoutMs: 40 * 60_000 });
      if (r.code !== 0) throw new Error(`citus build: ${cmd} ${args.join(' ')} failed:\n${r.output.slice(-4000)}`);
      console.log(`citus: ${cmd} ${args[0] ?? ''} ok (${seconds(started)})`);
    }
    rmSync(src, { recursive: true, force: true });
    buildSeconds = Math.round((Date.now() - started) / 1000);
    writeFileSync(path.join(cache, 'done'), `${buildSeconds}\n`);
  } else {
    console.log(`citus: using the cached build ${cache}`);
  }
  const cp = spawnSync('cp', ['-a', `${stage}/.`, '/'], { encoding: 'utf8' });
  if (cp.status !== 0) throw new Error(`installing the build failed: ${cp.stderr}`);
  writeFileSync(stamp, `${key}\n`);
  console.log(`citus: installed into ${libDir}`);
  return { key, built: buildSeconds !== null, installed: true, buildSeconds };
};
