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
  /**
   * The newest message to `to` in the dev SMS outbox that contains `text`, read from the page as a
   * developer reads it. Messages go out from a background job a moment after the request, and the page
   * does not refresh itself, so it is reloaded until the message is there.
   */
  outboxMessage(to: string, text: string | RegExp, shotName?: string): Promise<string>;
  /** The six-digit sign-in code in the newest 验证码 message to `to`. */
  smsCode(to: string, shotName?: string): Promise<string>;
  /** Signs an owner in to the demo group's app on `page` with the code texted to `phone`; ends on 轮生活. */
  signInOwner(page: Page, phone: string): Promise<void>;
  close(): Promise<void>;
};

/** Server environment a test file may add (for instance CLOCK_OFFSET_MINUTES). */
export type HarnessOptions = {
  env?: Record<string, string>;
  /**
   * The clock moved for the server (CLOCK_OFFSET_MINUTES) and for every browser context alike (Playwright's
   * clock, flowing from the moved moment), so a countdown the browser draws agrees with the server's deadline.
   */
  clockOffsetMinutes?: number;
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// A guard, not a budget: a cold demo seed on 2 cores busy with other work took 124 s (E2E_HEALTH_TIMEOUT_MS
// raises it further).
const healthTimeoutMs = Number(process.env.E2E_HEALTH_TIMEOUT_MS ?? 240_000);

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

const startServer = (port: number, dataDir: string, log: WriteStream, extra: Record<string, string>): ChildProcess => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extra,
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

export const startHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  buildApps();
  mkdirSync(artifactsDir, { recursive: true });
  const log = createWriteStream(path.join(artifactsDir, 'server.log'), { flags: 'a' });
  log.write(`\n===== ${testFileLabel()} — ${new Date().toISOString()} =====\n`);

  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'm4s-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const offsetMs = (options.clockOffsetMinutes ?? 0) * 60_000;
  const serverEnv = {
    ...options.env,
    ...(offsetMs ? { CLOCK_OFFSET_MINUTES: String(options.clockOffsetMinutes) } : {}),
  };
  const server = startServer(port, path.join(tempDir, 'data'), log, serverEnv);
  // If the test process dies without close(), the server must not outlive it: on exit, and on the signal the
  // test runner sends a file that ran past its timeout (a signal ends the process without 'exit' handlers).
  const killOnExit = () => server.kill('SIGKILL');
  const killOnSignal = () => {
    server.kill('SIGKILL');
    process.exit(1);
  };
  process.once('exit', killOnExit);
  process.once('SIGTERM', killOnSignal);
  process.once('SIGINT', killOnSignal);

  let browser: Browser | null = null;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await stopServer(server);
    process.off('exit', killOnExit);
    process.off('SIGTERM', killOnSignal);
    process.off('SIGINT', killOnSignal);
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
  const open = async (options: Parameters<Browser['newContext']>[0]) => {
    const ctx = await openBrowser.newContext(options);
    if (offsetMs) await ctx.clock.install({ time: Date.now() + offsetMs });
    return ctx;
  };
  const context = (mobile: boolean, isolated: boolean): Promise<BrowserContext> => {
    const options = { ...(mobile ? phone : desktop), baseURL: baseUrl };
    if (isolated) return open(options);
    const key = mobile ? 'mobile' : 'desktop';
    let ctx = shared.get(key);
    if (!ctx) {
      ctx = open(options);
      shared.set(key, ctx);
    }
    return ctx;
  };

  const newPage = async (options: NewPageOptions = {}) =>
    (await context(options.mobile ?? false, options.isolated ?? false)).newPage();
  const shot = async (page: Page, name: string) => {
    const file = path.join(artifactsDir, `${name}.png`);
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
  };
  const outboxMessage = async (to: string, text: string | RegExp, shotName?: string): Promise<string> => {
    const outbox = await newPage();
    try {
      for (let i = 0; i < 150; i += 1) {
        await outbox.goto(`${baseUrl}/dev/outbox`);
        const row = outbox.locator('tr', { hasText: to }).filter({ hasText: text }).first();
        if ((await row.count()) > 0) {
          if (shotName) await shot(outbox, shotName);
          return (await row.textContent()) ?? '';
        }
        await outbox.waitForTimeout(200);
      }
      throw new Error(`no outbox message to ${to} with ${String(text)}`);
    } finally {
      await outbox.close();
    }
  };

  const smsCode = async (to: string, shotName?: string) => {
    // Six digits on their own: not part of the 11-digit phone number in the same row.
    const code = /(?<!\d)(\d{6})(?!\d)/.exec(await outboxMessage(to, '验证码', shotName))?.[1];
    if (!code) throw new Error(`no 6-digit code in the outbox message to ${to}`);
    return code;
  };

  let closed = false;
  return {
    baseUrl,
    newPage,
    shot,
    outboxMessage,
    smsCode,
    signInOwner: async (page, phone) => {
      await page.goto(`${baseUrl}/o/demo/`);
      await page.getByTestId('phone').fill(phone);
      await page.getByTestId('send-code').click();
      await page.getByTestId('code-sent').waitFor();
      await page.getByTestId('code').fill(await smsCode(phone));
      await page.getByTestId('sign-in').click();
      await page.getByTestId('page-life').waitFor();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await cleanup();
    },
  };
};

/**
 * Picks an option of an antd select by its visible text. The options render in a popup outside the field;
 * a cascading select stays disabled, then loading, until its parent's choice has been applied and its
 * options fetched (slow on a busy machine), and a click may land while the popup is still animating in.
 * So: open it, click the option, and only return once the field shows the choice and the popup has closed
 * — otherwise try again, so a popup left open never covers the next field.
 */
export const chooseOption = async (page: Page, testId: string, option: string): Promise<void> => {
  const select = page.getByTestId(testId);
  const popup = page.locator('.ant-select-dropdown:visible');
  const item = popup.locator('.ant-select-item-option', { hasText: option }).first();
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const disabled = await select.evaluate(
      (el) => el.closest('.ant-select')?.classList.contains('ant-select-disabled') ?? false,
    );
    if (!disabled) {
      if ((await popup.count()) === 0) await select.click();
      const shown = await item.waitFor({ state: 'visible', timeout: 1500 }).then(
        () => true,
        () => false,
      );
      // Not there (yet): a click on the field closes its popup (or another field's) for a fresh start.
      if (!shown) await select.click();
      else {
        await item.click();
        const closed = await popup
          .first()
          .waitFor({ state: 'hidden', timeout: 2000 })
          .then(
            () => true,
            () => false,
          );
        if (closed && ((await select.textContent()) ?? '').includes(option)) return;
      }
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`could not choose ${option} in ${testId}`);
};
