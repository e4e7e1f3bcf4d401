import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import sharp from 'sharp';
import jsQR from 'jsqr';
import { brandApps, type TenantReport } from '../src/cli/commands/brand-apps.ts';
import type { Runtime } from '../src/cli/runtime.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { asPlatform } from '../src/platform/operator-tx.ts';
import { brandAssetNames } from '../src/platform/web/brand/assets.ts';
import { installSteps } from '../src/platform/web/brand/install.ts';
import { createTestTenant, signInStaff, testApp, testClock, testDataDir, type Agent } from './harness.ts';

/**
 * `m4s brand-apps` over several tenants (with and without a logo), run in this process on the test database:
 * every picture has the size its name says, the manifest is installable, the QR code reads back as the tenant's
 * install address, a second run changes nothing and a new colour is reported — and the server serves the same bytes.
 */
const out = mkdtempSync(join(tmpdir(), 'm4s-brand-'));
/** The app with the web apps' routes (the owner app at /o/<slug>/); no build is needed for its assets. */
let web: ReturnType<typeof buildApp> | null = null;
const webApp = async () => {
  const { db } = await testApp();
  web ??= buildApp(
    { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS: 'off', DATA_DIR: testDataDir }), webRoot: out },
    { db, clock: testClock },
  );
  return web;
};
after(async () => {
  if (web) await (await web).close();
  rmSync(out, { recursive: true, force: true });
});

/** The address the test app's PUBLIC_URL (the default) gives a tenant's owner app. */
const installUrl = (slug: string) => `http://localhost:3000/o/${slug}/`;

const runtime = async (): Promise<Runtime> => {
  const { db } = await testApp();
  const log = pino({ level: 'silent' });
  return {
    config: loadConfig({ NODE_ENV: 'test', DATA_DIR: testDataDir }),
    db,
    clock: testClock,
    log,
    who: 'test',
    asOperator: (fn) => asPlatform({ db, name: 'test', clock: testClock, log }, fn),
    runner: () => Promise.reject(new Error('no job runner in this test')),
    close: async () => {},
  };
};

const run = async (...args: string[]): Promise<TenantReport[]> => {
  const printed: string[] = [];
  const io = { locale: 'en' as const, print: (t: string) => void printed.push(t), stdout: process.stdout };
  await brandApps([...args, '--out', out, '--json'], io)(await runtime());
  return (JSON.parse(printed.join('\n')) as { tenants: TenantReport[] }).tenants;
};

const file = (slug: string, name: string) => readFileSync(join(out, slug, name));

/** A 300×200 logo of one colour: contained (never cropped) in the icons, on the brand colour. */
const logoDataUrl = async () =>
  `data:image/png;base64,${(
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer()
  ).toString('base64')}`;

const pixel = async (png: Buffer, x: number, y: number) => {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 3;
  return `#${[...data.subarray(at, at + 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
};

const decodeQr = async (png: Buffer) => {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
};

const branding = (admin: Agent, patch: object) =>
  admin.get('/api/tenant/branding').then(async (res) => {
    const saved = await admin.send('PUT', '/api/tenant/branding', { ...res.json(), ...patch });
    assert.equal(saved.statusCode, 200, saved.body);
  });

describe('m4s brand-apps: branded owner apps in batch', () => {
  const slugs: string[] = [];
  const admins: Agent[] = [];

  before(async () => {
    for (let i = 0; i < 3; i++) {
      const t = await createTestTenant();
      slugs.push(t.slug);
      admins.push(await signInStaff(t.slug, 'group.admin'));
    }
    await branding(admins[0] as Agent, { primaryColor: '#13c2c2', accentColor: '#fa8c16' });
    await branding(admins[1] as Agent, { primaryColor: '#531dab', logo: await logoDataUrl() });
  });

  const slow = { timeout: 300_000 };

  test('the first build: every asset of every tenant, at the sizes named, installable', slow, async () => {
    const reports = await run(...slugs.flatMap((s) => ['--tenant', s]));
    assert.deepEqual(
      reports.map((r) => [r.slug, r.outcome, r.added.length]),
      slugs.map((s) => [s, 'new', brandAssetNames.length]),
    );
    for (const slug of slugs) {
      const names = readdirSync(join(out, slug));
      for (const name of brandAssetNames) assert.ok(names.includes(name), `${slug}/${name}`);
      for (const name of brandAssetNames.filter((n) => n.endsWith('.png'))) {
        const meta = await sharp(file(slug, name)).metadata();
        assert.equal(meta.format, 'png', name);
        const sized = /-(\d+)(?:x(\d+))?\.png$/.exec(name);
        if (sized) {
          assert.equal(meta.width, Number(sized[1]), name);
          assert.equal(meta.height, Number(sized[2] ?? sized[1]), name);
        }
        if (name === 'apple-touch-icon.png')
          assert.deepEqual([meta.width, meta.height, meta.hasAlpha], [180, 180, false]);
      }
      const manifest = JSON.parse(file(slug, 'manifest.webmanifest').toString()) as Record<string, unknown> & {
        icons: { src: string; sizes: string; type: string; purpose: string }[];
      };
      for (const field of ['name', 'short_name', 'start_url', 'scope', 'display', 'theme_color', 'background_color'])
        assert.ok(typeof manifest[field] === 'string' && manifest[field] !== '', field);
      assert.equal(manifest.start_url, `/o/${slug}/`);
      assert.ok(String(manifest.start_url).startsWith(String(manifest.scope)));
      assert.equal(manifest.display, 'standalone');
      for (const icon of manifest.icons) {
        const bytes = file(slug, icon.src);
        if (icon.type !== 'image/png') continue;
        const meta = await sharp(bytes).metadata();
        assert.equal(`${meta.width}x${meta.height}`, icon.sizes, icon.src);
      }
      for (const [size, purpose] of [
        ['192x192', 'any'],
        ['512x512', 'any'],
        ['512x512', 'maskable'],
      ])
        assert.ok(manifest.icons.some((i) => i.sizes === size && i.purpose === purpose && i.type === 'image/png'));
      assert.equal(await decodeQr(file(slug, 'install-qr.png')), installUrl(slug));
      const poster = file(slug, 'install-poster.svg').toString();
      assert.match(poster, /width="210mm" height="297mm"/);
      assert.ok(poster.includes(installUrl(slug)), 'the address under the code');
      const posterText = poster.replace(/<[^>]+>/g, '');
      for (const step of installSteps('测试')) assert.ok(posterText.includes(step), step);
    }
  });

  test('the icons are drawn from the logo when there is one, else the generated mark, on the brand colour', async () => {
    const [plain, logo] = [file(slugs[0] as string, 'icon-512.png'), file(slugs[1] as string, 'icon-512.png')];
    assert.equal(await pixel(plain, 2, 2), '#13c2c2');
    assert.equal(await pixel(plain, 256, 256), '#fa8c16'); // the wheel's hub in the accent colour
    assert.equal(await pixel(logo, 2, 2), '#531dab');
    assert.equal(await pixel(logo, 256, 256), '#ff0000'); // the logo, centred
    assert.equal(await pixel(logo, 256, 100), '#531dab'); // a 3:2 logo is padded above and below, not cropped
    // Maskable: the logo stays inside the safe zone (a circle of 80 % of the side).
    const maskable = file(slugs[1] as string, 'icon-maskable-512.png');
    assert.equal(await pixel(maskable, 256, 256), '#ff0000');
    assert.equal(await pixel(maskable, 60, 256), '#531dab');
  });

  test('a second run changes nothing; a new colour is reported as changed for that tenant only', slow, async () => {
    const again = await run(...slugs.flatMap((s) => ['--tenant', s]));
    assert.deepEqual(
      again.map((r) => [r.outcome, r.unchanged]),
      slugs.map(() => ['unchanged', brandAssetNames.length]),
    );
    await branding(admins[2] as Agent, { primaryColor: '#cf1322' });
    const third = await run(...slugs.flatMap((s) => ['--tenant', s]));
    assert.deepEqual(
      third.map((r) => r.outcome),
      ['unchanged', 'unchanged', 'changed'],
    );
    const changed = third[2] as TenantReport;
    for (const name of ['manifest.webmanifest', 'icon-192.png', 'splash-1170x2532.png', 'install-poster.svg'])
      assert.ok(changed.changed.includes(name), name);
    assert.ok(!changed.changed.includes('install-qr.png'), 'the QR code encodes the address, not the colour');
    assert.equal(await pixel(file(slugs[2] as string, 'icon-192.png'), 1, 1), '#cf1322');
  });

  test('the server serves the same bytes as the batch, revalidated by ETag', async () => {
    const app = await webApp();
    const slug = slugs[1] as string;
    for (const name of ['manifest.webmanifest', 'icon-192.png', 'icon-maskable-512.png', 'splash-750x1334.png']) {
      const res = await app.inject({ method: 'GET', url: `/o/${slug}/${name}` });
      assert.equal(res.statusCode, 200, name);
      assert.ok(res.rawPayload.equals(file(slug, name)), name);
      const etag = res.headers.etag as string;
      const again = await app.inject({ method: 'GET', url: `/o/${slug}/${name}`, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304, name);
    }
    const manifest = await app.inject({ method: 'GET', url: `/o/${slug}/manifest.webmanifest` });
    assert.equal(manifest.headers['cache-control'], 'no-cache');
    const icon = await app.inject({ method: 'GET', url: `/o/${slug}/icon-512.png` });
    assert.match(String(icon.headers['cache-control']), /max-age=/);
    assert.equal((await app.inject({ method: 'GET', url: `/o/no-such-group/icon-192.png` })).statusCode, 404);
  });

  test('the admin console gets the install link, its QR code and the poster', async () => {
    const admin = admins[0] as Agent;
    const res = await admin.get('/api/tenant/owner-app/install');
    assert.equal(res.statusCode, 200, res.body);
    const install = res.json<{ url: string; qrPng: string }>();
    assert.equal(install.url, installUrl(slugs[0] as string));
    assert.equal(await decodeQr(Buffer.from(install.qrPng.split(',')[1] as string, 'base64')), install.url);
    const poster = await admin.get('/api/tenant/owner-app/poster.svg');
    assert.equal(poster.statusCode, 200);
    assert.match(String(poster.headers['content-type']), /^image\/svg\+xml/);
    assert.match(String(poster.headers['content-disposition']), /install-poster-/);
    assert.ok(poster.rawPayload.equals(file(slugs[0] as string, 'install-poster.svg')));
  });

  test('an unknown tenant is refused by name', async () => {
    await assert.rejects(run('--tenant', 'no-such-group'), { code: 'TENANT_NOT_FOUND' });
  });
});
