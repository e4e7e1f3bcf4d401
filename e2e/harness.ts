// Browser-test harness: the real server (built apps, a fresh embedded database, demo seeded) on a free
// port, and Debian's headless Chromium driven by playwright-core.
//
// One Chromium per harness, started with chromium.launch(); pages live in browser contexts:
// - newPage()                  → the shared desktop context (1280×800, zh-CN, Asia/Shanghai). All such pages
//                                share cookies, as tabs of one browser do: sign in once, open several pages.
// - newPage({ mobile: true })  → the shared phone context (390×844, isMobile, hasTouch) for the owner and
//                                advisor apps; its cookies are apart from the desktop context's.
// - newPage({ isolated: true }) → a context of its own (a second user signed in at the same time);
//                                combine with mobile: true for a second phone.
// (A persistent context cannot make further contexts, so the browser is launched plainly; Playwright gives
// it a fresh empty profile of its own, which it removes on close.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export type { Page };

export type NewPageOptions = { mobile?: boolean; isolated?: boolean };

export type Harness = {
  baseUrl: string;
  newPage(options?: NewPageOptions): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const healthTimeoutMs = 90_000;

// Without the networking flags Chromium keeps dialling Google's hosts, which this closed network refuses.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const desktop: BrowserContextOptions = {
  viewport: { width: 1280, height: 800 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Which test file started this harness, to label its part of server.log. */
const testFileLabel = (): string => path.basename(process.argv[1] ?? 'e2e');

/** Builds the apps that changed since their last build (a no-op when `npm test` just built them). */
const buildApps = () => {
  const res = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), '--quiet'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0) throw new Error('harness: building the web apps failed (see above)');
};

const startServer = (port: number, dataDir: string, log: WriteStream): ChildProcess => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    // Browser tests create what they look for; generated customers would only add noise to searches.
    DEMO_CUSTOMERS: process.env.DEMO_CUSTOMERS ?? '0',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
  // A fresh embedded database every time, whatever the developer's shell has set.
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, ['--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(log, { end: false });
  server.stderr?.pipe(log, { end: false });
  return server;
};

const waitForHealth = async (baseUrl: string, server: ChildProcess): Promise<void> => {
  const deadline = Date.now() + healthTimeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `harness: the server exited (${server.exitCode ?? server.signalCode}) before it was healthy; see e2e/artifacts/server.log`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body = (await res.json().catch(() => null)) as { status?: unknown } | null;
      if (res.ok && body?.status === 'ok') return;
      last = `HTTP ${res.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(
    `harness: server not healthy after ${healthTimeoutMs / 1000}s (last: ${last}); see e2e/artifacts/server.log`,
  );
};

const stopServer = async (server: ChildProcess): Promise<void> => {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
};

export const startHarness = async (): Promise<Harness> => {
  buildApps();
  mkdirSync(artifactsDir, { recursive: true });
  const log = createWriteStream(path.join(artifactsDir, 'server.log'), { flags: 'a' });
  log.write(`\n===== ${testFileLabel()} — ${new Date().toISOString()} =====\n`);

  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'm4s-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startServer(port, path.join(tempDir, 'data'), log);
  // If the test process dies without close(), the server must not outlive it.
  const killOnExit = () => server.kill('SIGKILL');
  process.once('exit', killOnExit);

  let browser: Browser | null = null;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await stopServer(server);
    process.off('exit', killOnExit);
    await new Promise<void>((resolve) => log.end(() => resolve()));
    rmSync(tempDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, server);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const openBrowser = browser;

  const shared = new Map<'desktop' | 'mobile', Promise<BrowserContext>>();
  const context = (mobile: boolean, isolated: boolean): Promise<BrowserContext> => {
    const options = { ...(mobile ? phone : desktop), baseURL: baseUrl };
    if (isolated) return openBrowser.newContext(options);
    const key = mobile ? 'mobile' : 'desktop';
    let ctx = shared.get(key);
    if (!ctx) {
      ctx = openBrowser.newContext(options);
      shared.set(key, ctx);
    }
    return ctx;
  };

  let closed = false;
  return {
    baseUrl,
    newPage: async (options = {}) => (await context(options.mobile ?? false, options.isolated ?? false)).newPage(),
    shot: async (page, name) => {
      const file = path.join(artifactsDir, `${name}.png`);
      mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, fullPage: true });
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await cleanup();
    },
  };
};
