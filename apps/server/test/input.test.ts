import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, randomIp, signInStaff, storeInput, testApp } from './harness.ts';

describe('bad input gets a clear 4xx and changes nothing', () => {
  test('malformed JSON, wrong types, unknown fields, oversize bodies, wrong content type', async () => {
    const { app } = await testApp();
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const malformed = await admin.inject({
      method: 'POST',
      url: '/api/stores',
      payload: '{"code":',
      headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf },
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().code, 'BAD_REQUEST');

    const wrongTypes = await admin.send('POST', '/api/stores', {
      ...storeInput('T-1'),
      name: 42,
      openingHours: { mon: 'always' },
    });
    assert.equal(wrongTypes.statusCode, 400);
    const paths = wrongTypes.json().details.issues.map((i: { path: string }) => i.path);
    assert.ok(paths.includes('name') && paths.includes('openingHours.mon'), paths.join(','));

    const unknown = await admin.send('POST', '/api/stores', { ...storeInput('T-2'), tenantId: t.id });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().details.issues[0].path, 'tenantId');

    const big = await admin.send('POST', '/api/stores', { ...storeInput('T-3'), address: 'x'.repeat(300_000) });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().code, 'PAYLOAD_TOO_LARGE');

    const text = await app.inject({
      method: 'POST',
      url: '/api/auth/staff/sign-in',
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
      remoteAddress: randomIp(),
    });
    assert.equal(text.statusCode, 415);

    const stores = (await admin.get('/api/stores')).json().items.map((s: { code: string }) => s.code);
    assert.deepEqual(stores.sort(), ['S1', 'S2']);
  });

  test('messages follow the user’s language: zh-CN by default, English on request', async () => {
    const { app } = await testApp();
    const zh = await app.inject({
      method: 'POST',
      url: '/api/auth/owner/otp',
      payload: { tenant: 'demo-x', phone: '123' },
      remoteAddress: randomIp(),
    });
    assert.equal(zh.statusCode, 400);
    assert.equal(zh.json().details.issues[0].message, '请输入11位手机号');
    const en = await app.inject({
      method: 'POST',
      url: '/api/auth/owner/otp',
      payload: { tenant: 'demo-x', phone: '123' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      remoteAddress: randomIp(),
    });
    assert.equal(en.json().details.issues[0].message, 'Enter an 11-digit mobile number');
    assert.equal(en.json().message, 'Some fields are not valid; please check them');
  });

  test('no session, a garbage cookie, a foreign tenant, an unknown route: 401 / 404, never 500', async () => {
    const { app } = await testApp();
    const none = await app.inject({ method: 'GET', url: '/api/stores' });
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().code, 'UNAUTHENTICATED');
    const garbage = await app.inject({
      method: 'GET',
      url: '/api/stores',
      headers: { cookie: 'm4s_staff=not-a-session' },
    });
    assert.equal(garbage.statusCode, 401);
    const badUuid = await app.inject({
      method: 'GET',
      url: '/api/stores',
      headers: { cookie: `m4s_staff=${'z'.repeat(36)}.${'a'.repeat(43)}` },
    });
    assert.equal(badUuid.statusCode, 401);
    const nowhere = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(nowhere.statusCode, 404);
    assert.equal(nowhere.json().code, 'NOT_FOUND');
    const badId = await (
      await signInStaff((await createTestTenant()).slug, 'group.admin')
    ).get('/api/stores/not-a-uuid');
    assert.equal(badId.statusCode, 400);
  });

  test('health, OpenAPI and security headers', async () => {
    const { app } = await testApp();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    assert.deepEqual(health.json(), { status: 'ok', db: 'ok' });
    assert.equal(health.headers['x-content-type-options'], 'nosniff');
    assert.ok(String(health.headers['content-security-policy']).includes("default-src 'self'"));
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    assert.ok(doc.paths['/api/stores'].post.requestBody, 'request bodies are documented');
    assert.ok(doc.paths['/api/auth/staff/sign-in']);
  });
});
