// Process helpers shared by the scripts. Built-in modules only: these run before `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
export { isRoot };

/** True when `name` is an executable on PATH. */
export const onPath = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/**
 * The path of a package binary: the nearest node_modules/.bin/<name> from `fromDir` up to the repo root.
 * Calling it directly skips npx's start-up and never lets npx offer to download something.
 */
export const localBin = (name, fromDir = repoRoot) => {
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', '.bin', name);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (dir === repoRoot || parent === dir) return null;
    dir = parent;
  }
};

/**
 * Runs a command with output streamed through (stdout and stderr kept apart), optionally captured.
 * Resolves with { code, signal, output, timedOut }; never rejects for a non-zero exit.
 * The child gets its own process group so a timeout or Ctrl-C ends its children too.
 */
export const run = (cmd, args, opts = {}) =>
  new Promise((resolve) => {
    const { cwd = repoRoot, env = process.env, capture = false, quiet = false, timeoutMs = 0 } = opts;
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    const chunks = [];
    const onData = (stream) => (buf) => {
      if (capture) chunks.push(buf);
      if (!quiet) stream.write(buf);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            process.stderr.write(
              `\n[timeout] ${cmd} ${args.join(' ')} ran past ${Math.round(timeoutMs / 1000)}s; stopping it\n`,
            );
            killGroup(child, 'SIGTERM');
            setTimeout(() => killGroup(child, 'SIGKILL'), 10_000).unref();
          }, timeoutMs)
        : null;
    const finish = (code, signal) => {
      if (timer) clearTimeout(timer);
      running.delete(child);
      resolve({ code: code ?? 1, signal, timedOut, output: Buffer.concat(chunks).toString('utf8') });
    };
    child.on('error', (error) => {
      process.stderr.write(`cannot start ${cmd}: ${error.message}\n`);
      finish(127, null);
    });
    child.on('close', finish);
  });

/** Children started by run(), so an interrupted script can take them down with it. */
const running = new Set();

const killGroup = (child, signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
};

export const killAll = (signal = 'SIGTERM') => {
  for (const child of running) killGroup(child, signal);
};

/** Seconds with one decimal, for stage timings. */
export const seconds = (startMs) => `${((Date.now() - startMs) / 1000).toFixed(1)}s`;
