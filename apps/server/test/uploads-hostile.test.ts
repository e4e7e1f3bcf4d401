import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { checkInBooked, visitWorld, type VisitWorld } from '../src/modules/visits/test-kit.ts';
import { multipartBody } from '../src/modules/imports/test-kit.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTestTenant, signInStaff, testApp, testDataDir, type Agent } from './harness.ts';

/** The app with the web apps' routes (the owner app at /o/<slug>/ serves the logo); no build is needed for them. */
let web: ReturnType<typeof buildApp> | null = null;
const webApp = async () => {
  const { db } = await testApp();
  web ??= buildApp(
    {
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS: 'off', DATA_DIR: testDataDir }),
      webRoot: testDataDir,
    },
    { db },
  );
  return web;
};
after(async () => {
  if (web) await (await web).close();
});

type Issue = { path: string; message: string };
const issuesOf = (res: { json: () => { details?: { issues?: Issue[] } } }) => res.json().details?.issues ?? [];
const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

/** The GPS IFD pointer (tag 0x8825) in an EXIF block, in either byte order. */
const hasGps = (exif: Buffer | undefined) =>
  !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));

/** A phone photo lying on its side (EXIF orientation 6: turn it 90° to see it upright) with where it was taken. */
const phonePhoto = () =>
  sharp({ create: { width: 300, height: 200, channels: 3, background: '#cc3333' } })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'TestPhone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .jpeg()
    .toBuffer();

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = (crcTable[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
/** A decompression bomb: a few hundred bytes of PNG claiming 30,000 × 30,000 pixels (900 megapixels). */
const pngBomb = () => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30_000, 0);
  ihdr.writeUInt32BE(30_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(30_001 * 3 * 4))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

const evilSvg = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 50" width="100" height="50">' +
    '<script>alert(document.cookie)</script><rect width="100" height="50" fill="#c41d7f" onload="alert(1)"/>' +
    '<image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>',
);

const branding = (logo: string | null) => ({
  name: '申城汽车集团',
  shortName: '申城汽车',
  primaryColor: '#c41d7f',
  accentColor: '#13c2c2',
  dealerHotline: null,
  oemHotline: null,
  logo,
});

const assertServedImage = (res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }) => {
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(String(res.headers['content-security-policy']), /sandbox/);
  assert.match(String(res.headers['content-disposition']), /^inline; filename="[\w.-]+\.(png|jpg|webp)"$/);
  assert.ok(!res.rawPayload.includes(Buffer.from('<script')), 'no markup served');
};

describe('an SVG logo is rasterised and every uploaded image is served as the server decided (issue 13, finding 6)', () => {
  test('an SVG logo with a script is drawn as a PNG: the stored and served logo holds no markup', async () => {
    const app = await webApp();
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const saved = await admin.send('PUT', '/api/tenant/branding', branding(dataUrl('image/svg+xml', evilSvg)));
    assert.equal(saved.statusCode, 200, saved.body);
    const stored = (await admin.get('/api/tenant/branding')).json<{ logo: string }>().logo;
    assert.match(stored, /^data:image\/png;base64,/);
    assert.equal(saved.json<{ logo: string }>().logo, stored);
    const served = await app.inject({ method: 'GET', url: `/o/${t.slug}/logo` });
    assertServedImage(served);
    assert.equal(served.headers['content-type'], 'image/png');
    const meta = await sharp(served.rawPayload).metadata();
    assert.equal(meta.format, 'png');
    assert.deepEqual([meta.width, meta.height], [512, 256], 'drawn at the logo size');
  });

  test('an SVG logo kept before this change is served rasterised, never as image/svg+xml', async () => {
    const { db } = await testApp();
    const app = await webApp();
    const t = await createTestTenant();
    await db.owner.executeSql(`UPDATE tenants SET logo = $1 WHERE id = $2`, [dataUrl('image/svg+xml', evilSvg), t.id]);
    const served = await app.inject({ method: 'GET', url: `/o/${t.slug}/logo` });
    assertServedImage(served);
    assert.equal(served.headers['content-type'], 'image/png');
  });

  test('a logo that does not decode, or a bomb, is refused in the user’s language', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const broken = await admin.send(
      'PUT',
      '/api/tenant/branding',
      branding(dataUrl('image/png', Buffer.from('not a png'))),
    );
    assert.equal(broken.statusCode, 400, broken.body);
    assert.deepEqual(issuesOf(broken), [
      { path: 'logo', message: '无法识别该图片，请上传完整的 PNG、JPEG、SVG 或 WebP 图片' },
    ]);
    const bomb = await admin.inject({
      method: 'PUT',
      url: '/api/tenant/branding',
      payload: branding(dataUrl('image/png', pngBomb())),
      headers: { 'accept-language': 'en', 'x-csrf-token': admin.csrf },
    });
    assert.equal(bomb.statusCode, 400, bomb.body);
    assert.deepEqual(issuesOf(bomb), [
      { path: 'logo', message: 'The image is too large (over 40 megapixels); make it smaller and try again' },
    ]);
  });
});

describe('photos are decoded and re-encoded: upright, no EXIF, bombs and broken files refused (issue 13, finding 6)', () => {
  let w: VisitWorld;
  let visitId: string;
  const addPhoto = (agent: Agent, body: object, lang = 'zh-CN') =>
    agent.inject({
      method: 'POST',
      url: `/api/visits/${visitId}/photos`,
      payload: body,
      headers: { 'accept-language': lang, 'x-csrf-token': agent.csrf },
    });

  test('a phone photo loses its GPS position and is turned upright', async () => {
    w = await visitWorld();
    visitId = await checkInBooked(w);
    const sent = await phonePhoto();
    const sentMeta = await sharp(sent).metadata();
    assert.ok(hasGps(sentMeta.exif), 'the fixture carries a GPS position');
    assert.equal(sentMeta.orientation, 6);
    const res = await addPhoto(w.advisor, { dataUrl: dataUrl('image/jpeg', sent), caption: '左前' });
    assert.equal(res.statusCode, 201, res.body);
    const served = await w.advisor.get(`/api/visits/${visitId}/photos/${res.json<{ id: string }>().id}`);
    assertServedImage(served);
    assert.equal(served.headers['content-type'], 'image/jpeg');
    const meta = await sharp(served.rawPayload).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.exif, undefined, 'no EXIF left');
    assert.ok(!served.rawPayload.includes(Buffer.from('TestPhone')), 'no camera make left');
    assert.equal(meta.orientation, undefined);
    assert.deepEqual([meta.width, meta.height], [200, 300], 'turned upright');
    const owner = await w.owner.get(`/api/owner/visits/${visitId}/photos/${res.json<{ id: string }>().id}`);
    assertServedImage(owner);
  });

  test('a PNG or WebP is kept as a JPEG, a large one at most 2560 px on its long side', async () => {
    const png = await sharp({ create: { width: 3000, height: 1000, channels: 4, background: '#33669980' } })
      .png({ palette: true })
      .toBuffer();
    const res = await addPhoto(w.advisor, { dataUrl: dataUrl('image/png', png), caption: null });
    assert.equal(res.statusCode, 201, res.body);
    const served = await w.advisor.get(`/api/visits/${visitId}/photos/${res.json<{ id: string }>().id}`);
    assert.equal(served.headers['content-type'], 'image/jpeg');
    const meta = await sharp(served.rawPayload).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 2560, 853]);
  });

  test('a cut-off JPEG, another format under a JPEG name and a bomb are refused, naming the field', async () => {
    const whole = await phonePhoto();
    const cut = await addPhoto(w.advisor, {
      dataUrl: dataUrl('image/jpeg', whole.subarray(0, whole.length - 300)),
      caption: null,
    });
    assert.equal(cut.statusCode, 400, cut.body);
    assert.deepEqual(issuesOf(cut), [
      { path: 'dataUrl', message: '无法识别该图片，请上传完整的 JPEG、PNG 或 WebP 图片' },
    ]);
    // JPEG's first bytes, then anything: what the old check let through.
    const magic = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    const liar = await addPhoto(w.advisor, { dataUrl: dataUrl('image/jpeg', magic), caption: null }, 'en');
    assert.equal(liar.statusCode, 400, liar.body);
    assert.deepEqual(issuesOf(liar), [
      { path: 'dataUrl', message: 'This image cannot be read; upload a complete JPEG, PNG or WebP image' },
    ]);
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const disguised = await addPhoto(w.advisor, { dataUrl: dataUrl('image/webp', gif), caption: null });
    assert.equal(disguised.statusCode, 400, disguised.body);
    const bomb = await addPhoto(w.advisor, { dataUrl: dataUrl('image/png', pngBomb()), caption: null });
    assert.equal(bomb.statusCode, 400, bomb.body);
    assert.deepEqual(issuesOf(bomb), [{ path: 'dataUrl', message: '图片尺寸过大（超过4000万像素），请缩小后重试' }]);
    const visit = (await w.advisor.get(`/api/visits/${visitId}`)).json<{ photos: unknown[] }>();
    assert.equal(visit.photos.length, 2, 'only the two good photos were kept');
  });
});

describe('a NUL in a multipart field or file name is refused like one in JSON (issue 13, finding 6)', () => {
  test('the import upload refuses a NUL in its source, kind or file name, naming the field', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const csv = Buffer.from('姓名,手机\n张三,13911110000\n', 'utf8');
    const post = (fields: Record<string, string>, name: string, lang = 'zh-CN') => {
      const body = multipartBody(fields, { name, data: csv });
      return admin.inject({
        method: 'POST',
        url: '/api/imports',
        payload: body.payload,
        headers: { 'content-type': body.contentType, 'x-csrf-token': admin.csrf, 'accept-language': lang },
      });
    };
    const source = await post({ kind: 'customers', source: 'DMS\u0000旧系统' }, 'a.csv');
    assert.equal(source.statusCode, 400, source.body);
    assert.equal(source.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(issuesOf(source), [{ path: 'source', message: '内容含有空字符（NUL），请删除后重试' }]);
    const kind = await post({ kind: 'custo\u0000mers' }, 'a.csv', 'en');
    assert.equal(kind.statusCode, 400, kind.body);
    assert.deepEqual(issuesOf(kind), [{ path: 'kind', message: 'Must not contain a NUL character' }]);
    const name = await post({ kind: 'customers' }, '客户\u0000.csv');
    assert.equal(name.statusCode, 400, name.body);
    assert.deepEqual(issuesOf(name), [{ path: 'file', message: '内容含有空字符（NUL），请删除后重试' }]);
    const { db } = await testApp();
    const { rows } = await db.owner.executeSql(`SELECT count(*)::int AS n FROM import_jobs WHERE tenant_id = $1`, [
      t.id,
    ]);
    assert.equal(rows[0]?.n, 0, 'nothing recorded');
    const fine = await post({ kind: 'customers' }, '客户.csv');
    assert.equal(fine.statusCode, 201, fine.body);
  });
});
