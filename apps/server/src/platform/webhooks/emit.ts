import { randomUUID } from 'node:crypto';
import { and, arrayContains, eq } from 'drizzle-orm';
import { webhookEventCatalogue, type WebhookEventData, type WebhookEventType } from '@m4s/contracts';
import type { Ctx } from '../context.ts';
import { webhookDeliveries, webhookEndpoints } from '../db/schema/index.ts';
import { deliverJobName } from './jobs.ts';

/**
 * Records an event for every enabled endpoint of the tenant subscribed to it — one outbox row each, in
 * the caller's transaction, so a delivery exists if and only if the change committed — and queues their
 * sending. Services call it (never routes). `orderKey` groups the deliveries that must arrive in order
 * (default: the resource itself; bookings use their car, so a reschedule chain stays in order).
 */
export const emitWebhook = async <T extends WebhookEventType>(
  ctx: Pick<Ctx, 'tenantId' | 'db' | 'jobs' | 'clock'>,
  type: T,
  resourceId: string,
  /** The event's data, or a function that reads it (called only when an endpoint listens). */
  data: WebhookEventData<T> | (() => Promise<WebhookEventData<T>>),
  options: { orderKey?: string } = {},
): Promise<void> => {
  const endpoints = await ctx.db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.tenantId, ctx.tenantId),
        eq(webhookEndpoints.enabled, true),
        arrayContains(webhookEndpoints.events, [type]),
      ),
    );
  if (endpoints.length === 0) return;
  const entry = webhookEventCatalogue[type];
  const now = ctx.clock.now();
  const eventId = randomUUID();
  const resource = { type: entry.resource, id: resourceId };
  const body = JSON.stringify({
    id: eventId,
    type,
    createdAt: now.toISOString(),
    tenantId: ctx.tenantId,
    resource,
    data: entry.data.parse(typeof data === 'function' ? await data() : data),
  });
  const rows = await ctx.db
    .insert(webhookDeliveries)
    .values(
      endpoints.map((e) => ({
        tenantId: ctx.tenantId,
        endpointId: e.id,
        eventId,
        eventType: type,
        resourceType: resource.type,
        resourceId,
        orderKey: options.orderKey ?? `${resource.type}:${resourceId}`,
        body,
        nextAttemptAt: now,
        createdAt: now,
      })),
    )
    .returning({ id: webhookDeliveries.id });
  await queueDeliveries(
    ctx,
    rows.map((r) => r.id),
  );
};

/** Queues the delivery job for these rows (it works out itself whether each one's turn has come). */
export const queueDeliveries = async (
  ctx: Pick<Ctx, 'tenantId' | 'jobs'>,
  deliveryIds: readonly string[],
  options: { startAfter?: Date; manual?: boolean } = {},
): Promise<void> => {
  if (deliveryIds.length === 0) return;
  await ctx.jobs.sendMany(
    deliverJobName,
    deliveryIds.map((deliveryId) => ({
      data: { tenantId: ctx.tenantId, deliveryId, manual: options.manual ?? false },
      options: options.startAfter ? { startAfter: options.startAfter } : {},
    })),
  );
};
