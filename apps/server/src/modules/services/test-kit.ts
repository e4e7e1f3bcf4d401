/** Helpers of the services tests and the cross-tenant suite. */
import { testApp, type TestTenant } from '../../../test/harness.ts';

const sql = async (text: string, values: unknown[] = []) => {
  const { db } = await testApp();
  return (await db.owner.executeSql(text, values)).rows;
};

/** Switches services on for a store with their settings, as the admin's 服务项目 page would. */
export const enableServices = async (
  tenantId: string,
  storeId: string,
  services: Record<string, Record<string, string>>,
) => {
  for (const [serviceId, settings] of Object.entries(services))
    await sql(
      `INSERT INTO service_settings (tenant_id, store_id, service_id, enabled, settings, updated_at)
       VALUES ($1, $2, $3, true, $4::jsonb, now())
       ON CONFLICT (tenant_id, store_id, service_id) DO UPDATE SET enabled = true, settings = excluded.settings`,
      [tenantId, storeId, serviceId, JSON.stringify(settings)],
    );
};

/** An open rescue request of the tenant's test owner account (the world's `owners` row with the test phone). */
export const serviceRequestFor = async (t: TestTenant): Promise<string> => {
  await enableServices(t.id, t.storeId, { rescue: { rescueLine: '400-800-1234' } });
  const [owner] = await sql(`SELECT id FROM owners WHERE tenant_id = $1 ORDER BY phone LIMIT 1`, [t.id]);
  const [row] = await sql(
    `INSERT INTO service_requests (tenant_id, store_id, service_id, owner_id, customer_id, handler_role, priority,
       status, answers, location_lat, location_lng, location_consent_at, due_at, created_at, updated_at)
     VALUES ($1, $2, 'rescue', $3, $4, 'service_advisor', 1, 'received', '{"trouble":"tyre","contact":"13000000000"}',
       31.2, 121.4, now(), now() + interval '30 minutes', now(), now()) RETURNING id`,
    [t.id, t.storeId, owner?.id ?? null, t.customerId],
  );
  const id = String(row?.id);
  await sql(
    `INSERT INTO service_request_events (tenant_id, request_id, at, status) VALUES ($1, $2, now(), 'received')`,
    [t.id, id],
  );
  return id;
};
