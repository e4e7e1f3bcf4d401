import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDevProvider } from '../src/platform/notify/providers.ts';
import { testApp } from './harness.ts';

describe('production mode', () => {
  test('the development outbox page does not exist', async () => {
    const { db } = await testApp();
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', JOBS: 'off' });
    const app = await buildApp(config, { db, sms: createDevProvider() });
    try {
      assert.equal((await app.inject({ method: 'GET', url: '/dev/outbox' })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: '/dev/outbox.json' })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
    } finally {
      await app.close();
    }
  });

  test('an invalid environment stops the start with the variable named', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
  });

  test('the clock cannot be moved in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', CLOCK_OFFSET_MINUTES: '-60' }), /CLOCK_OFFSET_MINUTES/);
    assert.equal(loadConfig({ NODE_ENV: 'test', CLOCK_OFFSET_MINUTES: '-60' }).CLOCK_OFFSET_MINUTES, -60);
  });
});
