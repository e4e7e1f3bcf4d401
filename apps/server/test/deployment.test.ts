import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { demoSeed, loadConfig, publishedDemoPassword } from '../src/config.ts';
import { createDevProvider } from '../src/platform/notify/providers.ts';
import { createTestTenant, testApp, testPassword } from './harness.ts';

/** A second app on the test database with these settings (the shared test app keeps its own). */
const appWith = async (env: Record<string, string>): Promise<FastifyInstance> => {
  const { db } = await testApp();
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', JOBS: 'off', ...env }), {
    db,
    sms: createDevProvider(),
  });
  await app.ready();
  return app;
};

/** Signs the group admin in through `app` and returns the session's cookie and the IP the audit log recorded. */
const signIn = async (app: FastifyInstance, headers: Record<string, string> = {}) => {
  const { db } = await testApp();
  const t = await createTestTenant();
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/staff/sign-in',
    remoteAddress: '127.0.0.1',
    headers,
    payload: { tenant: t.slug, login: 'group.admin', password: testPassword },
  });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = [res.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { rows } = await db.owner.executeSql(
    "SELECT ip FROM audit_log WHERE tenant_id = $1 AND action = 'auth.staff.signed_in'",
    [t.id],
  );
  const sessions = await db.owner.executeSql('SELECT ip FROM sessions WHERE tenant_id = $1', [t.id]);
  return { cookie, auditIp: rows[0]?.ip, sessionIp: sessions.rows[0]?.ip };
};

describe('deployment settings', () => {
  describe('the demo group (SEED_DEMO)', () => {
    test('npm start (development) seeds it with the published password, as before', () => {
      assert.deepEqual(demoSeed(loadConfig({})), { password: publishedDemoPassword });
      assert.deepEqual(demoSeed(loadConfig({ NODE_ENV: 'development' })), { password: 'm4s-demo' });
      assert.equal(demoSeed(loadConfig({ SEED_DEMO: 'off' })), null);
    });

    test('production never seeds it by default', () => {
      assert.equal(demoSeed(loadConfig({ NODE_ENV: 'production' })), null);
      assert.equal(demoSeed(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'auto' })), null);
      assert.equal(demoSeed(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'off' })), null);
    });

    test('production seeds it only when asked, and never with the published password', () => {
      assert.throws(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' }), /DEMO_PASSWORD/);
      assert.throws(
        () => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true', DEMO_PASSWORD: 'm4s-demo' }),
        /DEMO_PASSWORD: .*published/,
      );
      assert.throws(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true', DEMO_PASSWORD: 'short' }), /12/);
      const asked = loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true', DEMO_PASSWORD: 'a-long-own-secret' });
      assert.deepEqual(demoSeed(asked), { password: 'a-long-own-secret' });
      assert.throws(
        () => demoSeed({ NODE_ENV: 'production', SEED_DEMO: 'true', DEMO_PASSWORD: undefined }),
        /published/,
      );
    });

    test('an unknown SEED_DEMO value stops the start with the variable named', () => {
      assert.throws(() => loadConfig({ SEED_DEMO: 'yes' }), /SEED_DEMO/);
    });
  });

  describe('client addresses (TRUSTED_PROXIES)', () => {
    test('by default X-Forwarded-For is ignored: the client is the socket peer', async () => {
      const app = await appWith({ NODE_ENV: 'test' });
      try {
        const seen = await signIn(app, { 'x-forwarded-for': '1.2.3.4, 5.6.7.8' });
        assert.equal(seen.auditIp, '127.0.0.1');
        assert.equal(seen.sessionIp, '127.0.0.1');
      } finally {
        await app.close();
      }
    });

    test('with one trusted hop the client is the address that proxy added (right-most), not the left-most', async () => {
      const app = await appWith({ NODE_ENV: 'test', TRUSTED_PROXIES: '1' });
      try {
        const seen = await signIn(app, { 'x-forwarded-for': '1.2.3.4, 5.6.7.8' });
        assert.equal(seen.auditIp, '5.6.7.8');
        assert.equal(seen.sessionIp, '5.6.7.8');
      } finally {
        await app.close();
      }
    });

    test('with trusted CIDRs only hops from those addresses are believed', async () => {
      const app = await appWith({ NODE_ENV: 'test', TRUSTED_PROXIES: '127.0.0.0/8, 10.0.0.0/8' });
      try {
        const seen = await signIn(app, { 'x-forwarded-for': '1.2.3.4, 5.6.7.8, 10.1.2.3' });
        assert.equal(seen.auditIp, '5.6.7.8');
      } finally {
        await app.close();
      }
    });

    test('TRUST_PROXY=true (left-most X-Forwarded-For) is refused with the replacement named', () => {
      assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY: .*TRUSTED_PROXIES/);
      assert.equal(loadConfig({ TRUST_PROXY: 'false' }).TRUSTED_PROXIES, false);
      assert.equal(loadConfig({}).TRUSTED_PROXIES, false);
      assert.equal(loadConfig({ TRUSTED_PROXIES: '2' }).TRUSTED_PROXIES, 2);
      assert.deepEqual(loadConfig({ TRUSTED_PROXIES: '10.0.0.1,fd00::/8' }).TRUSTED_PROXIES, ['10.0.0.1', 'fd00::/8']);
      assert.throws(() => loadConfig({ TRUSTED_PROXIES: 'true' }), /TRUSTED_PROXIES/);
      assert.throws(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' }), /TRUSTED_PROXIES/);
    });
  });

  describe('the API documentation (/docs)', () => {
    test('in production it needs a staff sign-in', async () => {
      const app = await appWith({ NODE_ENV: 'production' });
      try {
        // What describes the API needs a sign-in; swagger-ui's own generic assets (/docs/static/…) need none.
        for (const url of ['/docs', '/docs/json', '/docs/yaml'])
          assert.equal((await app.inject({ method: 'GET', url })).statusCode, 401, url);
        const { cookie } = await signIn(app);
        const json = await app.inject({ method: 'GET', url: '/docs/json', headers: { cookie } });
        assert.equal(json.statusCode, 200);
        assert.equal(json.json<{ openapi: string }>().openapi.slice(0, 2), '3.');
        const ui = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui.css', headers: { cookie } });
        assert.equal(ui.statusCode, 200);
        assert.equal((await app.inject({ method: 'GET', url: '/docs', headers: { cookie } })).statusCode, 200);
      } finally {
        await app.close();
      }
    });

    test('in development it stays open', async () => {
      const app = await appWith({ NODE_ENV: 'development' });
      try {
        assert.equal((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode, 200);
        assert.equal((await app.inject({ method: 'GET', url: '/docs' })).statusCode, 200);
        assert.equal((await app.inject({ method: 'GET', url: '/docs/static/swagger-ui.css' })).statusCode, 200);
      } finally {
        await app.close();
      }
    });
  });
});
