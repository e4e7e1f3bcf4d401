// The processes a benchmark starts (the real server, the baseline, `npm start`), shared by its parts.
import { spawn } from 'node:child_process';
import { repoRoot } from '../scripts/lib/proc.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => console.log(`bench: ${line}`);

/** Every process started here, so a failure or Ctrl-C does not leave one behind. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

export const startProcess = (name, args, env) => {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  // When the server printed "M4S is up": it listens from then on, so the rest until healthy is the first answer.
  const marks = { upAt: null };
  const keep = (buf) => {
    output = (output + buf.toString()).slice(-8000);
    if (marks.upAt === null && output.includes('M4S is up in')) marks.upAt = Date.now();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => children.delete(child));
  return { name, child, exited, marks, output: () => output };
};

/** Polls GET url every 100 ms until a 200; returns the milliseconds since `since`. */
export const waitHealthy = async (proc, url, since, timeoutMs = 90_000) => {
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited early:\n${proc.output()}`);
    if (Date.now() - since > timeoutMs)
      throw new Error(`${proc.name} not healthy after ${timeoutMs} ms:\n${proc.output()}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return Date.now() - since;
    await sleep(100);
  }
};

/** SIGTERM, then the milliseconds until the process is gone (SIGKILL after 30 s, reported as such). */
export const stopProcess = async (proc) => {
  if (proc.child.exitCode !== null) return 0;
  const t0 = Date.now();
  proc.child.kill('SIGTERM');
  const killer = setTimeout(() => proc.child.kill('SIGKILL'), 30_000);
  const { code, signal } = await proc.exited;
  clearTimeout(killer);
  if (code !== 0) log(`${proc.name} exited with ${code ?? signal} after SIGTERM:\n${proc.output().slice(-2000)}`);
  return Date.now() - t0;
};

/** Signs the demo group's admin in; returns the session cookie. */
export const signIn = async (base, login = 'admin') => {
  const res = await fetch(`${base}/api/auth/staff/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login, password: 'm4s-demo' }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c?.startsWith('m4s_staff='));
  if (!cookie) throw new Error('sign-in set no m4s_staff cookie');
  return cookie;
};
