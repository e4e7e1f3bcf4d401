// Builds the three web apps with Vite, each only when its inputs changed since its last build, then writes
// a brotli (.br) and a gzip (.gz) copy of each text file the server sends (platform/web/static-files.ts picks one
// by the request's Accept-Encoding): compressed once at the highest levels here, never per request.
// Usage: node scripts/build.mjs [--force] [--quiet] [admin|advisor|owner ...]   (--quiet: say nothing when up to date)
// The stamp (apps/<app>/dist/.build-stamp) holds a hash of every input file's path and content, so a
// checkout that only touches mtimes does not rebuild, and a deleted or renamed file does.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { localBin, repoRoot, run, seconds } from './lib/proc.mjs';

export const webApps = ['admin', 'advisor', 'owner'];

const sharedInputs = ['packages/contracts/src', 'packages/web-kit/src', 'package-lock.json'];
const appInputs = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'];
const stampName = '.build-stamp';

const listFiles = (abs) => {
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [abs];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules')
    .flatMap((e) => listFiles(path.join(abs, e.name)));
};

/** A hash over the app's inputs: the relative path and content of each file, in a stable order. */
export const inputHash = (app) => {
  const appDir = path.join(repoRoot, 'apps', app);
  const roots = [...appInputs.map((p) => path.join(appDir, p)), ...sharedInputs.map((p) => path.join(repoRoot, p))];
  const files = roots.flatMap(listFiles).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(repoRoot, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
};

const compressible = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;

/** Writes <file>.br and <file>.gz beside every compressible file in dist (above 1 KB, and only where it pays). */
export const precompress = (distDir) => {
  let raw = 0;
  let br = 0;
  for (const file of listFiles(distDir)) {
    if (!compressible.test(file)) continue;
    const body = readFileSync(file);
    if (body.length < 1024) continue;
    const brotli = brotliCompressSync(body, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    const gzip = gzipSync(body, { level: 9 });
    if (brotli.length < body.length * 0.9) writeFileSync(`${file}.br`, brotli);
    if (gzip.length < body.length * 0.9) writeFileSync(`${file}.gz`, gzip);
    raw += body.length;
    br += Math.min(brotli.length, body.length);
  }
  return { raw, br };
};

const stampPath = (app) => path.join(repoRoot, 'apps', app, 'dist', stampName);

export const isUpToDate = (app) => {
  const stamp = stampPath(app);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === inputHash(app);
};

/**
 * Builds the apps that need it. Returns { ok, built: [...], skipped: [...], missing: [...] }.
 * An app folder without index.html is reported as missing (not written yet) and does not fail the build.
 */
export const buildApps = async ({ force = false, apps = webApps, quiet = false } = {}) => {
  const result = { ok: true, built: [], skipped: [], missing: [] };
  for (const app of apps) {
    const appDir = path.join(repoRoot, 'apps', app);
    if (!existsSync(path.join(appDir, 'index.html'))) {
      console.warn(`build ${app}: apps/${app}/index.html does not exist yet; not building it`);
      result.missing.push(app);
      continue;
    }
    const hash = inputHash(app);
    if (!force && isUpToDate(app)) {
      if (!quiet) console.log(`build ${app}: up to date`);
      result.skipped.push(app);
      continue;
    }
    const started = Date.now();
    console.log(`build ${app}: vite build`);
    const vite = localBin('vite', appDir);
    // Colour codes make a CI log hard to read; a terminal keeps them.
    const env = process.stdout.isTTY ? process.env : { ...process.env, NO_COLOR: '1' };
    const { code } = vite
      ? await run(vite, ['build'], { cwd: appDir, env, timeoutMs: 10 * 60_000 })
      : await run('npx', ['--no', '--', 'vite', 'build'], { cwd: appDir, env, timeoutMs: 10 * 60_000 });
    if (code !== 0) {
      console.error(`build ${app}: failed (exit code ${code}) after ${seconds(started)}`);
      result.ok = false;
      continue;
    }
    const packed = precompress(path.join(appDir, 'dist'));
    console.log(
      `build ${app}: precompressed ${(packed.raw / 1024).toFixed(0)} KB of text to ${(packed.br / 1024).toFixed(0)} KB (brotli)`,
    );
    // Vite empties dist first, so the stamp is written only after a build that succeeded.
    mkdirSync(path.dirname(stampPath(app)), { recursive: true });
    writeFileSync(stampPath(app), `${hash}\n`);
    console.log(`build ${app}: done in ${seconds(started)}`);
    result.built.push(app);
  }
  return result;
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const named = args.filter((a) => !a.startsWith('--'));
  const unknown = named.filter((a) => !webApps.includes(a));
  if (unknown.length > 0) {
    console.error(`unknown app(s): ${unknown.join(', ')} (known: ${webApps.join(', ')})`);
    process.exit(2);
  }
  const quiet = args.includes('--quiet');
  const { ok } = await buildApps({ force, quiet, apps: named.length > 0 ? named : webApps });
  process.exitCode = ok ? 0 : 1;
}
