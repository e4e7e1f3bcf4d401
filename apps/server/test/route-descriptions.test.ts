import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiPrefix, routes, routeUrl, visitRoutes } from '@m4s/contracts';
import { checkInBooked, visitWorld } from '../src/modules/visits/test-kit.ts';
import { testApp } from './harness.ts';
import sharp from 'sharp';

/** Fastify's `:name` parameters as OpenAPI writes them (`{name}`). */
const openApiPath = (path: string) => path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

describe('routes as data', () => {
  test('every description in contracts is served, with its method and path, and documented unless hidden', async () => {
    const { app } = await testApp();
    const served = new Set(app.m4s.routes.map((r) => `${r.method} ${r.url}`));
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    }>();
    const missing: string[] = [];
    for (const [group, defs] of Object.entries(routes)) {
      for (const [name, def] of Object.entries(defs)) {
        const url = `${apiPrefix}${def.path}`;
        if (!served.has(`${def.method} ${url}`)) missing.push(`${group}.${name}: ${def.method} ${url}`);
        if (!('hide' in def && def.hide)) {
          const entry = doc.paths[openApiPath(url)]?.[def.method.toLowerCase()];
          assert.ok(entry, `${group}.${name} is not in the OpenAPI document`);
        }
      }
    }
    assert.deepEqual(missing, []);
    // A route that answers 201 or 200 by outcome documents both.
    const create = doc.paths[openApiPath(`${apiPrefix}${routes.booking.ownerCreate.path}`)]?.post;
    assert.deepEqual(Object.keys(create?.responses ?? {}).sort(), ['200', '201']);
  });

  test("a route's own body limit: a photo over the app-wide limit is taken where the description is served", async () => {
    const w = await visitWorld();
    const visitId = await checkInBooked(w);
    // A JPEG of noise (~300 KB): over the app's 256 KB body limit, under the photo route's 1.5 MB. A real
    // image: the server decodes and re-encodes every photo (platform/images.ts).
    let seed = 2026;
    const noise = Buffer.from(
      Array.from({ length: 500 * 500 * 3 }, () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) >> 23),
    );
    const bytes = await sharp(noise, { raw: { width: 500, height: 500, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const dataUrl = `data:image/jpeg;base64,${bytes.toString('base64')}`;
    assert.ok(dataUrl.length > 256 * 1024);
    const url = routeUrl(visitRoutes.addPhoto, { params: { id: visitId } });
    const res = await w.advisor.send('POST', url, { dataUrl, caption: null });
    assert.equal(res.statusCode, 201, res.body);
    const photo = await w.advisor.get(
      routeUrl(visitRoutes.photo, { params: { id: visitId, photoId: res.json<{ id: string }>().id } }),
    );
    assert.equal(photo.statusCode, 200);
    // Taken whole (re-encoded, so its bytes differ): the same picture, every pixel row of it.
    const served = await sharp(photo.rawPayload).metadata();
    assert.deepEqual([served.width, served.height], [500, 500]);
  });
});
