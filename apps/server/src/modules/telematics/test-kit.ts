import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { integrationKeyHeader, type TelematicsBatch, type TelematicsIngestResult } from '@m4s/contracts';
import {
  createTestTenant,
  randomIp,
  signInOwner,
  signInStaff,
  testApp,
  testClock,
  type Agent,
  type TestTenant,
} from '../../../test/harness.ts';
import { owners, telematicsIntegrations, vehicleBindings } from '../../platform/db/schema/index.ts';
import { hashSecret } from './keys.ts';

/** Raw SQL as the database owner (reading what the API wrote, setting up what it does not offer). */
export const sqlAs = async (text: string, values: unknown[] = []) => {
  const { db } = await testApp();
  return (await db.owner.executeSql(text, values)).rows;
};

/** An app account (the test customer's phone) with a confirmed binding to the test car. */
const bindOwner = async (t: TestTenant, phone: string, vehicleId: string) => {
  const { db } = await testApp();
  await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const [found] = await tx
      .select({ id: owners.id })
      .from(owners)
      .where(and(eq(owners.tenantId, t.id), eq(owners.phone, phone)));
    const ownerId = found?.id ?? (await tx.insert(owners).values({ tenantId: t.id, phone }).returning())[0]?.id;
    if (!ownerId) throw new Error('no owner');
    await tx
      .insert(vehicleBindings)
      .values({ tenantId: t.id, ownerId, vehicleId, status: 'confirmed', decidedAt: new Date() });
  });
};

export type World = TestTenant & {
  admin: Agent;
  advisor: Agent;
  owner: Agent;
  key: string;
  integrationId: string;
  vin: string;
  /** A second car of the same customer, bound but never consented. */
  otherVin: string;
  otherVehicleId: string;
  ingest: (batch: TelematicsBatch, key?: string | null) => ReturnType<typeof post>;
};

const post = async (batch: TelematicsBatch, key: string | null) => {
  const { app } = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: '/api/telematics/readings',
    remoteAddress: randomIp(),
    headers: key === null ? {} : { [integrationKeyHeader]: key },
    payload: batch,
  });
  return Object.assign(res, { result: () => res.json<TelematicsIngestResult>() });
};

/**
 * A tenant with an admin, an advisor, the test customer signed in to the owner app with both cars bound,
 * an integration (its key) and the owner's consent for the first car.
 */
export const world = async (options: { consent?: boolean } = {}): Promise<World> => {
  const t = await createTestTenant(['group_admin', 'service_advisor']);
  const otherVin = 'LFV2A21K8J3000002';
  const [car] = await sqlAs(
    `INSERT INTO vehicles (tenant_id, vin, owner_id, purchase_date) VALUES ($1, $2, $3, '2024-01-01') RETURNING id`,
    [t.id, otherVin, t.customerId],
  );
  const otherVehicleId = String(car?.id);
  // The advisor looks after the customer (the fault task's assignee).
  await sqlAs('UPDATE customers SET service_advisor_id = $3 WHERE tenant_id = $1 AND id = $2', [
    t.id,
    t.customerId,
    t.staffIds.service_advisor,
  ]);
  const phone = '13000000000';
  const owner = await signInOwner(t.slug, phone);
  await bindOwner(t, phone, t.vehicleId);
  await bindOwner(t, phone, otherVehicleId);
  const admin = await signInStaff(t.slug, 'group.admin');
  const advisor = await signInStaff(t.slug, 'service.advisor');
  const created = await admin.send('POST', '/api/telematics/integrations', { name: '测试盒子', provider: 'OBD-Test' });
  assert.equal(created.statusCode, 201, created.body);
  const { key, integration } = created.json<{ key: string; integration: { id: string } }>();
  if (options.consent !== false) {
    const res = await owner.send('PUT', `/api/owner/vehicles/${t.vehicleId}/telematics/consent`);
    assert.equal(res.statusCode, 200, res.body);
  }
  return {
    ...t,
    admin,
    advisor,
    owner,
    key,
    integrationId: integration.id,
    vin: 'LFV2A21K8J3000001',
    otherVin,
    otherVehicleId,
    ingest: (batch, k = key) => post(batch, k),
  };
};

/** An instant `minutes` before the test clock's now (readings are stamped by the car). */
export const ago = (minutes: number) => new Date(testClock.now().getTime() - minutes * 60_000).toISOString();

let seq = 0;
export const readingId = (prefix = 'r') => `${prefix}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

/** An integration of tenant B, written directly: a row for the cross-tenant suite. */
export const telematicsRowsFor = async (t: TestTenant) => {
  const { db } = await testApp();
  return db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const [row] = await tx
      .insert(telematicsIntegrations)
      .values({
        tenantId: t.id,
        name: 'B 的盒子',
        provider: 'B',
        keyPrefix: 'm4st.…bbbbbb',
        keyHash: hashSecret(`tenant-b-${t.id}`),
        createdAt: new Date(),
      })
      .returning({ id: telematicsIntegrations.id });
    if (!row) throw new Error('no integration');
    return { integrationId: row.id };
  });
};
