// Helpers of the source-key tests (imports-sources*.test.ts): VINs, uploads naming a source, staff the files name.
import assert from 'node:assert/strict';
import { vinCheckDigit, type ImportJob, type ImportSource } from '@m4s/contracts';
import { testApp, type Agent } from '../../../test/harness.ts';
import { errorsOf, multipartBody, waitForRun } from './test-kit.ts';

/** A valid VIN (its check digit computed) from a serial number. */
export const vin = (serial: number) => {
  const body = `LSVAB2C30PA${String(serial).padStart(6, '0')}`;
  return `${body.slice(0, 8)}${vinCheckDigit(body)}${body.slice(9)}`;
};
/** The same VIN with a wrong check digit. */
export const badVin = (serial: number) => {
  const good = vin(serial);
  return `${good.slice(0, 8)}${good[8] === '3' ? '4' : '3'}${good.slice(9)}`;
};

export const rows = async (sql: string, params: unknown[]) =>
  (await (await testApp()).db.owner.executeSql(sql, params)).rows;
export const one = async (sql: string, params: unknown[]) => (await rows(sql, params))[0] ?? {};

/** Uploads with a `source` field (or none), accepts the suggested mapping and waits for the run. */
export const importFrom = async (agent: Agent, source: string | null, kind: string, name: string, data: Buffer) => {
  const body = multipartBody(source === null ? { kind } : { kind, source }, { name, data });
  const up = await agent.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { 'content-type': body.contentType, 'x-csrf-token': agent.csrf },
  });
  assert.equal(up.statusCode, 201, up.body);
  const created = up.json<ImportJob>();
  const mapped = await agent.send('PUT', `/api/imports/${created.id}/mapping`, { mapping: created.mapping });
  assert.equal(mapped.statusCode, 200, mapped.body);
  const { job } = await waitForRun(agent, created.id);
  assert.equal(job.status, 'done', JSON.stringify(job));
  const errors = await errorsOf(agent, job.id);
  return { created, job, errors: errors.items };
};

/** Every row count an import can change, and when customers and cars last changed. */
export const snapshot = (tenantId: string) =>
  one(
    `SELECT (SELECT count(*) FROM customers WHERE tenant_id = $1)::int AS customers,
            (SELECT count(*) FROM customer_phones WHERE tenant_id = $1)::int AS phones,
            (SELECT count(*) FROM vehicles WHERE tenant_id = $1)::int AS vehicles,
            (SELECT count(*) FROM vehicle_ownerships WHERE tenant_id = $1)::int AS ownerships,
            (SELECT count(*) FROM mileage_readings WHERE tenant_id = $1)::int AS readings,
            (SELECT count(*) FROM repair_orders WHERE tenant_id = $1)::int AS orders,
            (SELECT count(*) FROM repair_order_lines WHERE tenant_id = $1)::int AS lines,
            (SELECT sum(total_fen) FROM repair_orders WHERE tenant_id = $1)::text AS order_totals,
            (SELECT count(*) FROM sales_orders WHERE tenant_id = $1)::int AS sales,
            (SELECT count(*) FROM care_tasks WHERE tenant_id = $1)::int AS tasks,
            (SELECT count(*) FROM import_keys WHERE tenant_id = $1)::int AS keys,
            (SELECT max(updated_at) FROM customers WHERE tenant_id = $1)::text AS customers_touched,
            (SELECT max(updated_at) FROM vehicles WHERE tenant_id = $1)::text AS vehicles_touched`,
    [tenantId],
  );

export const newSource = async (admin: Agent, name: string) => {
  const res = await admin.send('POST', '/api/import-sources', { name });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<ImportSource>();
};

/** Staff the files name: two advisors called 陈静 (one per store) and a sales consultant. */
export const staffLikeTheFiles = async (admin: Agent, stores: { s1: string; s2: string }) => {
  const ids: Record<string, string> = {};
  for (const [login, name, role, storeId] of [
    ['chen1', '陈静', 'service_advisor', stores.s1],
    ['chen2', '陈静', 'service_advisor', stores.s2],
    ['liu', '刘洋', 'sales_consultant', stores.s1],
  ] as const) {
    const res = await admin.send('POST', '/api/staff', {
      login,
      name,
      phone: null,
      role,
      storeId,
      password: 'password-123',
    });
    assert.equal(res.statusCode, 201, res.body);
    ids[login] = res.json<{ id: string }>().id;
  }
  return ids;
};

export const importFromNoRun = async (agent: Agent, kind: string, csv: string) => {
  const body = multipartBody({ kind }, { name: 'f.csv', data: Buffer.from(csv) });
  const up = await agent.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { 'content-type': body.contentType, 'x-csrf-token': agent.csrf },
  });
  assert.equal(up.statusCode, 201, up.body);
  return up.json<ImportJob>();
};
