import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/types.ts';
import type { JobRunner } from '../jobs/runner.ts';
import { queueDeliveries } from './emit.ts';

/**
 * The safety net under the outbox: every minute, the first waiting delivery of each line whose moment
 * passed more than a minute ago is queued again — a job lost with a crashed process, or a lease that
 * lapsed, cannot leave a line stuck. A duplicate job is harmless: the claim lets only one attempt through.
 */
export const keepWebhooksMoving = (db: Database, runner: JobRunner, log: FastifyBaseLogger) => {
  const sweep = async () => {
    try {
      const { rows } = await db.owner.executeSql(
        `SELECT d.tenant_id, d.id FROM webhook_deliveries d
           JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id AND e.enabled
          WHERE d.status = 'pending' AND d.next_attempt_at < now() - interval '1 minute'
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                             WHERE p.tenant_id = d.tenant_id AND p.endpoint_id = d.endpoint_id
                               AND p.order_key = d.order_key AND p.seq < d.seq AND p.status = 'pending')
          LIMIT 1000`,
      );
      const byTenant = new Map<string, string[]>();
      for (const r of rows)
        byTenant.set(String(r.tenant_id), [...(byTenant.get(String(r.tenant_id)) ?? []), String(r.id)]);
      for (const [tenantId, ids] of byTenant) await runner.inTenant(tenantId, (ctx) => queueDeliveries(ctx, ids));
    } catch (error) {
      log.error({ err: error }, 'could not sweep the webhook outbox');
    }
  };
  const timer = setInterval(() => void sweep(), 60_000);
  timer.unref();
  return timer;
};
