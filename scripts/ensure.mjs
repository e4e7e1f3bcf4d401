// Makes sure what the project needs is installed: npm packages, and the Debian packages the tests use.
// Usage: node scripts/ensure.mjs [node] [postgresql] [chromium] [fonts-noto-cjk]   (no arguments: all of them)
// M4S_SKIP_APT=1 skips the Debian part (for a developer machine without root that has them some other way).
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { isRoot, onPath, repoRoot, run } from './lib/proc.mjs';

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : null);

/** Why node_modules needs an install, or null when it is up to date. */
export const nodeModulesStaleReason = (root = repoRoot) => {
  if (!existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
  const lock = mtime(path.join(root, 'package-lock.json'));
  const installed = mtime(path.join(root, 'node_modules', '.package-lock.json'));
  if (installed === null) return 'node_modules/.package-lock.json is missing';
  if (lock !== null && lock > installed) return 'package-lock.json is newer than node_modules';
  return null;
};

export const ensureNodeModules = async (root = repoRoot) => {
  const reason = nodeModulesStaleReason(root);
  if (reason === null) {
    console.log('node modules: up to date');
    return true;
  }
  // A fresh clone gets exactly the locked tree; an existing tree is brought up to the changed lock.
  const useCi = !existsSync(path.join(root, 'node_modules')) && existsSync(path.join(root, 'package-lock.json'));
  const args = useCi ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  console.log(`node modules: ${reason}; running npm ${args.join(' ')}`);
  const { code } = await run('npm', args, { cwd: root });
  if (code !== 0) {
    console.error(`npm ${args[0]} failed with exit code ${code}`);
    return false;
  }
  // npm may rewrite package-lock.json after its hidden lock; mark the tree as current so the next run skips.
  const hidden = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(hidden)) {
    const now = new Date();
    utimesSync(hidden, now, now);
  }
  return true;
};

const hasCjkFont = () => {
  if (onPath('fc-list')) {
    const out = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
    if (out.status === 0 && out.stdout.trim() !== '') return true;
  }
  const dir = '/usr/share/fonts/opentype/noto';
  return existsSync(dir) && readdirSync(dir).some((f) => /CJK/i.test(f));
};

const hasPostgresUser = () => spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status === 0;

/**
 * What each wanted thing is, how to see it is there, and which Debian package brings it.
 * Debian 12 ships PostgreSQL 15; its package also creates the `postgres` user that initdb runs as.
 */
export const aptRequirements = {
  postgresql: {
    apt: 'postgresql-15',
    present: () => existsSync('/usr/lib/postgresql/15/bin/initdb') && hasPostgresUser(),
  },
  chromium: { apt: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  'fonts-noto-cjk': { apt: 'fonts-noto-cjk', present: hasCjkFont },
};

/** The Debian packages still to install for `names` (an empty list when all are present). */
export const missingAptPackages = (names) =>
  names
    .map((name) => {
      const req = aptRequirements[name];
      if (!req)
        throw new Error(`ensureApt: unknown requirement '${name}' (known: ${Object.keys(aptRequirements).join(', ')})`);
      return req;
    })
    .filter((req) => !req.present())
    .map((req) => req.apt);

let aptUpdated = false;

/** How to run apt-get: directly as root, through sudo otherwise, or null when neither is possible. */
const aptPrefix = () => {
  if (isRoot()) return [];
  if (onPath('sudo')) return ['sudo', '--non-interactive'];
  return null;
};

export const ensureApt = async (names) => {
  const missing = missingAptPackages(names);
  if (missing.length === 0) {
    console.log(`system packages: present (${names.join(', ')})`);
    return true;
  }
  if (process.env.M4S_SKIP_APT === '1') {
    console.error(`system packages: missing ${missing.join(', ')}, and M4S_SKIP_APT=1 forbids installing them`);
    return false;
  }
  const prefix = aptPrefix();
  if (prefix === null) {
    console.error(
      `system packages: missing ${missing.join(', ')}. Installing them needs root or sudo; run as root:\n` +
        `  apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
    return false;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => {
    const [cmd, ...rest] = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args];
    return run(cmd, rest, { env });
  };
  console.log(`system packages: installing ${missing.join(', ')}`);
  if (!aptUpdated) {
    const updated = await apt(['update']);
    if (updated.code !== 0) {
      console.error('apt-get update failed');
      return false;
    }
    aptUpdated = true;
  }
  const installed = await apt(['install', '-y', '--no-install-recommends', ...missing]);
  if (installed.code !== 0) {
    console.error(`apt-get install ${missing.join(' ')} failed`);
    return false;
  }
  const still = missingAptPackages(names);
  if (still.length > 0) {
    console.error(`system packages: still missing after install: ${still.join(', ')}`);
    return false;
  }
  return true;
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const wanted = process.argv.slice(2);
  const all = wanted.length === 0;
  const aptNames = all ? Object.keys(aptRequirements) : wanted.filter((w) => w !== 'node');
  let ok = true;
  if (all || wanted.includes('node')) ok = (await ensureNodeModules()) && ok;
  if (aptNames.length > 0) ok = (await ensureApt(aptNames)) && ok;
  process.exitCode = ok ? 0 : 1;
}
