import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, testApp } from '../../../test/harness.ts';
import { sqlIn } from '../contact/test-kit.ts';
import { runNightlySteps } from '../../platform/nightly/schedule.ts';
import { signInThrottleNightly } from './auth.nightly.ts';

describe('sign-in throttle retention', () => {
  test('the night forgets rows untouched for 90 days and keeps recent failures, waits and sign-ins', async () => {
    const t = await createTestTenant();
    const other = await createTestTenant();
    const row = (
      tenantId: string,
      login: string,
      failure: string | null,
      blocked: string | null,
      signedIn: string | null,
    ) =>
      sqlIn(
        tenantId,
        `INSERT INTO staff_sign_in_throttles (tenant_id, login, ip, failures, last_failure_at, blocked_until, signed_in_at)
         VALUES ($1, $2, '10.0.0.1', 3, $3, $4, $5)`,
        [tenantId, login, failure, blocked, signedIn],
      );
    await row(t.id, 'made-up-old', '2031-01-01T10:00:00Z', null, null);
    await row(t.id, 'failed-recently', '2031-04-01T10:00:00Z', null, null);
    await row(t.id, 'signed-in-recently', '2031-01-01T10:00:00Z', null, '2031-03-01T10:00:00Z');
    await row(t.id, 'still-waiting', '2031-01-01T10:00:00Z', '2031-12-01T10:00:00Z', null);
    await row(other.id, 'made-up-old', '2031-01-01T10:00:00Z', null, null);

    const { app } = await testApp();
    const deps = { runner: app.m4s.runner, log: app.log };
    const night = await runNightlySteps(deps, [signInThrottleNightly], t.id, '2031-05-10');
    assert.deepEqual(night.ran, ['auth.sign_in_throttle_retention']);

    const left = await sqlIn(t.id, 'SELECT login FROM staff_sign_in_throttles WHERE tenant_id = $1 ORDER BY login', [
      t.id,
    ]);
    assert.deepEqual(
      left.map((r) => r.login),
      ['failed-recently', 'signed-in-recently', 'still-waiting'],
    );
    const theirs = await sqlIn(other.id, 'SELECT login FROM staff_sign_in_throttles WHERE tenant_id = $1', [other.id]);
    assert.equal(theirs.length, 1, "another tenant's night is its own");
  });
});
