/* global window, document, MutationObserver -- the probe and page.evaluate run in the page */
// The browser part of `npm run bench` (`--only=web`): how many bytes a phone on a fast-3G line downloads
// before an app's sign-in form can be used, and how long that takes. Chromium (playwright-core, Debian's
// /usr/bin/chromium) with the network throttled through CDP `Network.emulateNetworkConditions` to
// Lighthouse's "fast 3G": 1.6 Mbps down, 750 Kbps up, 150 ms round trip. Each load is a fresh browser
// context (empty cache, no service worker).
// "Usable" is the moment the form's first input is in the document (the apps render on the client, so their
// handlers are attached by then): a MutationObserver in the page notes performance.now() and sums the
// Resource Timing transferSize (bytes on the wire, headers included) of every response complete by then.
// Variants, alternated so the machine's noise falls on all of them:
//   brotli    — what a phone gets (Chromium offers br, gzip, deflate, zstd)
//   gzip      — an older client (only gzip offered)
//   identity  — the same build, nothing compressed (as the server sent it before)
//   floor     — a minimal static sign-in page (one HTML file, an inline form): the line's own cost
import http from 'node:http';
import { chromium } from 'playwright-core';
import { stats } from './lanes.mjs';

export const fast3g = { latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
// Lighthouse applies the same 0.9 to the nominal rates (packet overhead); the round trip is its 150 ms.

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

const floorHtml = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>登录</title></head>
<body><form><input data-testid="phone" type="tel" placeholder="手机号"><input type="text" placeholder="验证码"><button>登录</button></form></body></html>`;

/** A tiny server for the floor page, on loopback. */
const startFloor = () =>
  new Promise((resolve) => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(floorHtml);
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

// Runs in the page before its own scripts: resolves window.__m4sUsable with the time (performance.now())
// at which the selector's element is in the document.
const probe = (selector) => {
  window.__m4sUsable = new Promise((resolve) => {
    const done = () => {
      if (!document.querySelector(selector)) return false;
      resolve(performance.now());
      return true;
    };
    if (done()) return;
    const observer = new MutationObserver(() => {
      if (done()) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
};

// Runs in the page once the network is idle: what had arrived by `at`. The page itself always counts (a
// small one can be usable before its last byte is in).
const arrivedBy = (at) => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  const complete = entries.filter((e) => e.entryType === 'navigation' || (e.responseEnd > 0 && e.responseEnd <= at));
  const sum = (list, key) => list.reduce((n, e) => n + (e[key] ?? 0), 0);
  const scripts = complete.filter((e) => e.initiatorType === 'script' || /\.js(\?|$)/.test(e.name));
  return {
    ms: at,
    bytes: sum(complete, 'transferSize'),
    requests: complete.length,
    scriptBytes: sum(scripts, 'transferSize'),
    scriptDecoded: sum(scripts, 'decodedBodySize'),
  };
};

/** One cold load: a new context, throttled, with the encodings the variant offers. */
const loadOnce = async (browser, { url, selector, encodings }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...fast3g });
    if (encodings)
      await cdp.send('Network.setExtraHTTPHeaders', {
        headers: { 'Accept-Encoding': encodings.length > 0 ? encodings.join(', ') : 'identity' },
      });
    let wire = 0;
    cdp.on('Network.loadingFinished', (e) => {
      wire += e.encodedDataLength;
    });
    await page.addInitScript(probe, selector);
    await page.goto(url, { waitUntil: 'commit' });
    const at = await page.evaluate(() => window.__m4sUsable);
    // Everything the first visit fetches (the worker's precache, pages it loads ahead), for the record.
    await page.waitForLoadState('networkidle').catch(() => undefined);
    return { ...(await page.evaluate(arrivedBy, at)), wholeLoadBytes: wire };
  } finally {
    await context.close();
  }
};

const variants = [
  { name: 'brotli', encodings: null },
  { name: 'gzip', encodings: ['gzip'] },
  { name: 'identity', encodings: [] },
];

/**
 * apps: [{ name, url, selector }]; returns { rows, markdown }. Each variant `runs` times per app, alternated.
 */
export const runWebLoad = async ({ apps, runs = 3, log, chromiumPath = '/usr/bin/chromium' }) => {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const floor = await startFloor();
  const floorUrl = `http://127.0.0.1:${floor.address().port}/`;
  try {
    const samples = new Map();
    const add = (key, r) => samples.set(key, [...(samples.get(key) ?? []), r]);
    for (let round = 1; round <= runs; round++) {
      add('floor', await loadOnce(browser, { url: floorUrl, selector: '[data-testid="phone"]', encodings: null }));
      for (const app of apps) {
        for (const v of variants) {
          const r = await loadOnce(browser, { url: app.url, selector: app.selector, encodings: v.encodings });
          log(
            `web ${app.name.padEnd(8)} ${v.name.padEnd(8)} usable after ${Math.round(r.ms)} ms, ${(r.bytes / 1024).toFixed(1)} KB in ${r.requests} responses (JS ${(r.scriptBytes / 1024).toFixed(1)} KB, ${(r.scriptDecoded / 1024).toFixed(1)} KB unpacked); whole first load ${(r.wholeLoadBytes / 1024).toFixed(1)} KB`,
          );
          add(`${app.name}|${v.name}`, r);
        }
      }
    }
    const median = (xs) => stats(xs).p50;
    const summary = (key) => {
      const list = samples.get(key) ?? [];
      return {
        ms: median(list.map((r) => r.ms)),
        spread: list.map((r) => Math.round(r.ms)).join(' / '),
        bytes: median(list.map((r) => r.bytes)),
        requests: median(list.map((r) => r.requests)),
        scriptBytes: median(list.map((r) => r.scriptBytes)),
        scriptDecoded: median(list.map((r) => r.scriptDecoded)),
        wholeLoadBytes: median(list.map((r) => r.wholeLoadBytes)),
      };
    };
    const floorRow = summary('floor');
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    const lines = [
      `### Web apps: the sign-in screen on a fast-3G phone`,
      '',
      `Chromium ${browser.version()} (playwright-core), throttled through CDP to 1.6 Mbps down, 750 Kbps up, 150 ms round trip (Lighthouse's fast 3G, ×0.9 as it applies), a new context (empty cache, no service worker) for each load, ${runs} loads per row (medians; the times of each load in brackets). "Usable": the form's first input is in the page; bytes: Resource Timing transferSize (compressed, headers included) of every response complete by then. Target: ≤ 150 KB.`,
      '',
      '| App | Served as | usable after (runs) | bytes until usable | responses | of which JS (unpacked) | ÷ identity bytes | ÷ floor time | whole first load |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      `| floor | one static HTML form | ${Math.round(floorRow.ms)} ms (${floorRow.spread}) | ${kb(floorRow.bytes)} | ${floorRow.requests} | — | — | 1.0× | ${kb(floorRow.wholeLoadBytes)} |`,
    ];
    const rows = [{ app: 'floor', variant: 'floor', ...floorRow }];
    for (const app of apps) {
      const identity = summary(`${app.name}|identity`);
      for (const v of variants) {
        const s = summary(`${app.name}|${v.name}`);
        rows.push({ app: app.name, variant: v.name, ...s });
        const bold = v.name === 'brotli' ? '**' : '';
        lines.push(
          `| ${app.name} | ${v.name} | ${bold}${Math.round(s.ms)} ms${bold} (${s.spread}) | ${bold}${kb(s.bytes)}${bold} | ${s.requests} | ${kb(s.scriptBytes)} (${kb(s.scriptDecoded)}) | ${(s.bytes / identity.bytes).toFixed(2)}× | ${(s.ms / floorRow.ms).toFixed(1)}× | ${kb(s.wholeLoadBytes)} |`,
        );
      }
    }
    lines.push('');
    return { rows, markdown: lines.join('\n') };
  } finally {
    floor.close();
    await browser.close();
  }
};
