import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, testApp } from '../../../test/harness.ts';
import { sqlIn } from '../contact/test-kit.ts';
import { runNightlySteps } from '../../platform/nightly/schedule.ts';
import { webhookRowsFor } from './test-kit.ts';
import { webhookLogNightly } from './webhooks.nightly.ts';

describe('webhook delivery log retention', () => {
  test('the night removes finished deliveries older than 30 days, with their attempts, and keeps the rest', async () => {
    const t = await createTestTenant();
    const other = await createTestTenant();
    const old = await webhookRowsFor(t);
    const recent = await webhookRowsFor(t);
    const pending = await webhookRowsFor(t);
    const elsewhere = await webhookRowsFor(other);
    const set = (tenantId: string, id: string, status: string, finished: string | null) =>
      sqlIn(tenantId, 'UPDATE webhook_deliveries SET status = $3, finished_at = $4 WHERE tenant_id = $1 AND id = $2', [
        tenantId,
        id,
        status,
        finished,
      ]);
    await set(t.id, old.deliveryId, 'succeeded', '2031-03-01T10:00:00Z');
    await set(t.id, recent.deliveryId, 'failed', '2031-04-20T10:00:00Z');
    await set(t.id, pending.deliveryId, 'pending', null);
    await set(other.id, elsewhere.deliveryId, 'succeeded', '2031-03-01T10:00:00Z');
    await sqlIn(
      t.id,
      `INSERT INTO webhook_attempts (tenant_id, delivery_id, number, at, status_code, duration_ms)
       VALUES ($1, $2, 1, '2031-03-01T10:00:00Z', 200, 12)`,
      [t.id, old.deliveryId],
    );

    const { app } = await testApp();
    const deps = { runner: app.m4s.runner, log: app.log };
    const night = await runNightlySteps(deps, [webhookLogNightly], t.id, '2031-05-10');
    assert.deepEqual(night.ran, ['webhooks.log_retention']);

    const left = await sqlIn(t.id, 'SELECT id FROM webhook_deliveries WHERE tenant_id = $1 ORDER BY seq', [t.id]);
    assert.deepEqual(
      left.map((r) => r.id),
      [recent.deliveryId, pending.deliveryId],
    );
    assert.deepEqual(await sqlIn(t.id, 'SELECT id FROM webhook_attempts WHERE tenant_id = $1', [t.id]), []);
    const theirs = await sqlIn(other.id, 'SELECT id FROM webhook_deliveries WHERE tenant_id = $1', [other.id]);
    assert.equal(theirs.length, 1, "another tenant's night is its own");
  });
});
