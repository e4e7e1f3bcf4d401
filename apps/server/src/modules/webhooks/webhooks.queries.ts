import { and, desc, eq, sql } from 'drizzle-orm';
import type { WebhookDeliveryStatus } from '@m4s/contracts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const endpointKey = (tenantId: string, id: string) =>
  and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id));

/** The tenant's endpoints with their outstanding and failed delivery counts. */
export const endpointsWithCounts = (db: Tx, tenantId: string) =>
  db
    .select({
      e: webhookEndpoints,
      pending: sql<number>`(SELECT count(*)::int FROM webhook_deliveries d WHERE d.tenant_id = ${webhookEndpoints.tenantId} AND d.endpoint_id = ${webhookEndpoints.id} AND d.status = 'pending')`,
      failed: sql<number>`(SELECT count(*)::int FROM webhook_deliveries d WHERE d.tenant_id = ${webhookEndpoints.tenantId} AND d.endpoint_id = ${webhookEndpoints.id} AND d.status = 'failed')`,
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, tenantId))
    .orderBy(webhookEndpoints.createdAt);

export const findEndpoint = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db.select().from(webhookEndpoints).where(endpointKey(tenantId, id)).for('update');
  return row;
};

export const insertEndpoint = async (db: Tx, row: typeof webhookEndpoints.$inferInsert) => {
  const [created] = await db.insert(webhookEndpoints).values(row).returning();
  if (!created) throw new Error('webhook endpoint insert returned nothing');
  return created;
};

export const updateEndpoint = async (
  db: Tx,
  tenantId: string,
  id: string,
  patch: Partial<typeof webhookEndpoints.$inferInsert>,
) => {
  const [row] = await db.update(webhookEndpoints).set(patch).where(endpointKey(tenantId, id)).returning();
  return row;
};

export const deleteEndpoint = async (db: Tx, tenantId: string, id: string) => {
  await db.delete(webhookEndpoints).where(endpointKey(tenantId, id));
};

export const deliveriesOf = (
  db: Tx,
  tenantId: string,
  endpointId: string,
  query: { status?: WebhookDeliveryStatus | undefined; limit: number },
) =>
  db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        query.status ? eq(webhookDeliveries.status, query.status) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.seq))
    .limit(query.limit);

export const findDelivery = async (db: Tx, tenantId: string, endpointId: string, id: string) => {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.id, id),
      ),
    );
  return row;
};

export const attemptsOf = (db: Tx, tenantId: string, deliveryId: string) =>
  db
    .select()
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.tenantId, tenantId), eq(webhookAttempts.deliveryId, deliveryId)))
    .orderBy(webhookAttempts.number, webhookAttempts.at);

export const setDeliveryDue = (db: Tx, tenantId: string, id: string, at: Date) =>
  db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: at })
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)));

/** The first waiting delivery of each line of an endpoint (queued again when it is enabled). */
export const headsOf = async (db: Tx, tenantId: string, endpointId: string): Promise<string[]> => {
  const rows = await db
    .selectDistinctOn([webhookDeliveries.orderKey], { id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.status, 'pending'),
      ),
    )
    .orderBy(webhookDeliveries.orderKey, webhookDeliveries.seq);
  return rows.map((r) => r.id);
};

/**
 * Deletes the deliveries whose body names this customer (their id is in every customer, booking and visit
 * event): after an erasure nothing of the person is sent on, or kept in the log. Ids are UUIDs, so the
 * pattern holds no wildcard of its own.
 */
export const deleteDeliveriesNaming = (db: Tx, tenantId: string, customerId: string) =>
  db
    .delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), sql`${webhookDeliveries.body} LIKE ${`%${customerId}%`}`));

/** Finished deliveries (and, by cascade, their attempts) that ended before `before`; pending ones are kept. */
export const purgeFinishedDeliveries = async (db: Tx, tenantId: string, before: Date) => {
  const gone = await db
    .delete(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        sql`${webhookDeliveries.status} <> 'pending'`,
        sql`${webhookDeliveries.finishedAt} < ${before}`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return gone.length;
};
