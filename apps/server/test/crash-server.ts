/**
 * The crash and soak runs' server process and HTTP clients (crash-kit.ts runs the rounds): the real server
 * (`src/main.ts`) started on a port of its own, killed hard or stopped gently; staff and owner clients that
 * sign in as the apps do (the owner's code read from the stand-in SMS cloud).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeCloud } from './crash-cloud.ts';

const repoRoot = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const freePort = () =>
  new Promise<number>((done, fail) => {
    const srv = createNetServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => done(port));
    });
  });

// ── The server process ────────────────────────────────────────────────────────────────────────────────

export type ServerProc = { child: ChildProcess; base: string; output: () => string; exited: Promise<void> };

export const startServer = async (
  env: Record<string, string>,
  timeoutMs = 240_000,
  preload: string[] = [],
): Promise<ServerProc> => {
  const port = await freePort();
  const args = [
    '--import',
    'tsx',
    ...preload.flatMap((p) => ['--import', p]),
    join('apps', 'server', 'src', 'main.ts'),
  ];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer) => (output = (output + b.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() - t0 > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy after ${timeoutMs} ms:\n${output}`);
    }
    const ok = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, base, output: () => output, exited };
    await sleep(150);
  }
};

export const killHard = async (p: ServerProc) => {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await p.exited;
};

export const stopGently = async (p: ServerProc) => {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
  await p.exited;
  clearTimeout(timer);
};

// ── HTTP clients ──────────────────────────────────────────────────────────────────────────────────────

type Row = Record<string, unknown>;
type Answer = { status: number; json: Row; text: string };

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${name}=`)) ?? '';

export type Client = {
  cookie: string;
  csrf: string;
  call: (
    base: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Answer>;
};

const clientOf = (cookie: string, csrf: string): Client => ({
  cookie,
  csrf,
  call: async (base, method, path, body, headers = {}) => {
    const isForm = body instanceof FormData;
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }),
        ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let json: Row = {};
    try {
      json = text ? (JSON.parse(text) as Row) : {};
    } catch {
      json = {};
    }
    return { status: res.status, json, text };
  },
});

export const staffClient = async (base: string, login = 'admin', password = 'm4s-demo'): Promise<Client> => {
  const res = await fetch(`${base}/api/auth/staff/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login, password }),
  });
  if (!res.ok) throw new Error(`staff sign-in → ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return clientOf(cookieOf(res, 'm4s_staff'), body.csrfToken);
};

export const ownerClient = async (base: string, phone: string, cloud: FakeCloud): Promise<Client> => {
  cloud.codes.delete(phone);
  const otp = await fetch(`${base}/api/auth/owner/otp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', phone }),
  });
  if (!otp.ok) throw new Error(`owner OTP → ${otp.status} ${await otp.text()}`);
  let code: string | undefined;
  for (let i = 0; i < 200 && !code; i++) {
    code = cloud.codes.get(phone);
    if (!code) await sleep(100);
  }
  if (!code) throw new Error(`no OTP reached the SMS cloud for ${phone}`);
  const res = await fetch(`${base}/api/auth/owner/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', phone, code }),
  });
  if (!res.ok) throw new Error(`owner sign-in → ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return clientOf(cookieOf(res, 'm4s_owner'), body.csrfToken);
};
