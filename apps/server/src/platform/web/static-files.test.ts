import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { registerSpa, spa } from './spa.ts';
import { acceptedEncoding } from './static-files.ts';

// A built app as scripts/build.mjs leaves it: hashed assets with their .br and .gz copies beside them.
const root = mkdtempSync(join(tmpdir(), 'm4s-static-'));
after(() => rmSync(root, { recursive: true, force: true }));
const script = `export const hello = ${JSON.stringify('你好，'.repeat(400))};\n`;
const html = '<!doctype html><html><head><title>app</title></head><body><div id="root"></div></body></html>';
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), html);
writeFileSync(join(root, 'assets', 'main-AbC123.js'), script);
writeFileSync(join(root, 'assets', 'main-AbC123.js.br'), brotliCompressSync(script));
writeFileSync(join(root, 'assets', 'main-AbC123.js.gz'), gzipSync(script));
writeFileSync(join(root, 'assets', 'plain-XyZ789.css'), 'body { margin: 0 }');
writeFileSync(join(root, 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));

const app = Fastify();
registerSpa(app, '/app', root);
app.get('/tenant/*', async (req, reply) =>
  spa(root).serve(reply, (req.params as { '*': string })['*'], (page) =>
    page.replace('<head>', '<head><base href="/tenant/">'),
  ),
);
after(() => app.close());

const get = (url: string, acceptEncoding?: string) =>
  app.inject({
    method: 'GET',
    url,
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('static files of the built apps', () => {
  test('Accept-Encoding: brotli first, then gzip, never what q=0 refuses', () => {
    const cases: [string | undefined, 'br' | 'gzip' | null][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip;q=0.5', 'gzip'],
      ['BR', 'br'],
      ['identity', null],
      ['*', 'br'],
      ['*;q=0', null],
      ['br;q=0, gzip;q=0', null],
      ['', null],
      [undefined, null],
    ];
    for (const [header, expected] of cases) assert.equal(acceptedEncoding(header), expected, String(header));
  });

  test('a hashed asset: the brotli or gzip copy, cached for a year, varying by encoding', async () => {
    const br = await get('/app/assets/main-AbC123.js', 'gzip, deflate, br');
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'accept-encoding');
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(br.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), script);
    assert.ok(br.rawPayload.length < Buffer.byteLength(script) / 5);

    const gz = await get('/app/assets/main-AbC123.js', 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString(), script);

    for (const refused of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('/app/assets/main-AbC123.js', refused);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.body, script);
    }
  });

  test('a file without compressed copies (too small to pay) goes as it is', async () => {
    const css = await get('/app/assets/plain-XyZ789.css', 'br');
    assert.equal(css.headers['content-encoding'], undefined);
    assert.equal(css.body, 'body { margin: 0 }');
  });

  test('the app shell is revalidated on every visit, and compressed too, rewritten or not', async () => {
    const shell = await get('/app/', 'br');
    assert.equal(shell.headers['cache-control'], 'no-cache');
    assert.equal(shell.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(shell.rawPayload).toString(), html);
    assert.equal((await get('/app/', 'identity')).body, html);

    const rewritten = await get('/tenant/bookings/1', 'gzip, br');
    assert.equal(rewritten.headers['cache-control'], 'no-cache');
    assert.equal(rewritten.headers['content-encoding'], 'br');
    assert.match(brotliDecompressSync(rewritten.rawPayload).toString(), /<head><base href="\/tenant\/">/);
    const again = await get('/tenant/', 'gzip');
    assert.equal(again.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(again.rawPayload).toString(), /<base href="\/tenant\/">/);
  });

  test('images are never re-compressed', async () => {
    const png = await get('/app/icon.png', 'br');
    assert.equal(png.headers['content-encoding'], undefined);
    assert.equal(png.headers.vary, undefined);
    assert.equal(png.rawPayload.length, 4);
  });
});
