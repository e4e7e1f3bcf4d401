import type {
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  webhookDeliveriesQuery,
  webhookEndpointInput,
  webhookEndpointPatch,
} from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { checkWebhookUrl, type UrlPolicy } from '../../platform/webhooks/address.ts';
import { queueDeliveries } from '../../platform/webhooks/emit.ts';
import { secretGraceMs } from '../../platform/webhooks/jobs.ts';
import { newWebhookSecret } from '../../platform/webhooks/sign.ts';
import * as q from './webhooks.queries.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What the API shows of an endpoint: never its secret. */
const present = (e: q.EndpointRow, counts = { pending: 0, failed: 0 }): WebhookEndpoint => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  enabled: e.enabled,
  previousSecretUntil: iso(e.previousSecretUntil),
  createdAt: e.createdAt.toISOString(),
  ...counts,
});

const presentDelivery = (d: q.DeliveryRow): WebhookDelivery => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  resourceType: d.resourceType,
  resourceId: d.resourceId,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
  createdAt: d.createdAt.toISOString(),
  lastStatusCode: d.lastStatusCode,
  lastDurationMs: d.lastDurationMs,
});

const endpointOf = async (ctx: StaffCtx, id: string) => {
  const e = await q.findEndpoint(ctx.db, ctx.tenantId, id);
  if (!e) throw new AppError('NOT_FOUND');
  return e;
};

export const listEndpoints = async (ctx: StaffCtx): Promise<WebhookEndpoint[]> =>
  (await q.endpointsWithCounts(ctx.db, ctx.tenantId)).map((r) =>
    present(r.e, { pending: r.pending, failed: r.failed }),
  );

/** Registers an endpoint; its secret is in this answer and nowhere else, ever. */
export const createEndpoint = async (
  ctx: StaffCtx,
  input: z.output<typeof webhookEndpointInput>,
  policy: UrlPolicy,
): Promise<WebhookEndpointWithSecret> => {
  const url = await checkWebhookUrl(input.url, policy);
  const secret = newWebhookSecret();
  const now = ctx.clock.now();
  const row = await q.insertEndpoint(ctx.db, {
    tenantId: ctx.tenantId,
    url,
    description: input.description,
    events: [...new Set(input.events)],
    secret,
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  });
  await audit(ctx, {
    action: 'webhook.endpoint_created',
    target: { type: 'webhook_endpoint', id: row.id },
    details: { url, events: row.events },
  });
  return { endpoint: present(row), secret };
};

export const updateEndpoint = async (
  ctx: StaffCtx,
  id: string,
  patch: z.output<typeof webhookEndpointPatch>,
  policy: UrlPolicy,
): Promise<WebhookEndpoint> => {
  const before = await endpointOf(ctx, id);
  const url = patch.url === undefined ? undefined : await checkWebhookUrl(patch.url, policy);
  const row = await q.updateEndpoint(ctx.db, ctx.tenantId, id, {
    ...(url === undefined ? {} : { url }),
    ...(patch.description === undefined ? {} : { description: patch.description }),
    ...(patch.events === undefined ? {} : { events: [...new Set(patch.events)] }),
    ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
    updatedAt: ctx.clock.now(),
  });
  if (!row) throw new AppError('NOT_FOUND');
  // Deliveries wait while an endpoint is disabled; enabling it sends them, each line in its order.
  if (row.enabled && !before.enabled) await queueDeliveries(ctx, await q.headsOf(ctx.db, ctx.tenantId, id));
  await audit(ctx, {
    action: 'webhook.endpoint_updated',
    target: { type: 'webhook_endpoint', id },
    details: { changed: Object.keys(patch) },
  });
  const [counted] = (await q.endpointsWithCounts(ctx.db, ctx.tenantId)).filter((r) => r.e.id === id);
  return present(row, counted ? { pending: counted.pending, failed: counted.failed } : undefined);
};

/** Deletes the endpoint with its delivery log. */
export const deleteEndpoint = async (ctx: StaffCtx, id: string): Promise<void> => {
  const e = await endpointOf(ctx, id);
  await q.deleteEndpoint(ctx.db, ctx.tenantId, id);
  await audit(ctx, {
    action: 'webhook.endpoint_deleted',
    target: { type: 'webhook_endpoint', id },
    details: { url: e.url },
  });
};

/**
 * A new secret, shown once. The previous one keeps signing (a second `v1=` in x-m4s-signature) for 24
 * hours, so a receiver can switch without losing a delivery; a second rotation ends that grace at once.
 */
export const rotateSecret = async (ctx: StaffCtx, id: string): Promise<WebhookEndpointWithSecret> => {
  const e = await endpointOf(ctx, id);
  const now = ctx.clock.now();
  const secret = newWebhookSecret();
  const row = await q.updateEndpoint(ctx.db, ctx.tenantId, id, {
    secret,
    previousSecret: e.secret,
    previousSecretUntil: new Date(now.getTime() + secretGraceMs),
    updatedAt: now,
  });
  if (!row) throw new AppError('NOT_FOUND');
  await audit(ctx, { action: 'webhook.secret_rotated', target: { type: 'webhook_endpoint', id } });
  return { endpoint: present(row), secret };
};

export const listDeliveries = async (
  ctx: StaffCtx,
  endpointId: string,
  query: z.output<typeof webhookDeliveriesQuery>,
): Promise<WebhookDelivery[]> => {
  await endpointOf(ctx, endpointId);
  return (await q.deliveriesOf(ctx.db, ctx.tenantId, endpointId, query)).map(presentDelivery);
};

export const getDelivery = async (ctx: StaffCtx, endpointId: string, id: string): Promise<WebhookDeliveryDetail> => {
  const d = await q.findDelivery(ctx.db, ctx.tenantId, endpointId, id);
  if (!d) throw new AppError('NOT_FOUND');
  const log: WebhookAttempt[] = (await q.attemptsOf(ctx.db, ctx.tenantId, id)).map((a) => ({
    id: a.id,
    number: a.number,
    manual: a.manual,
    at: a.at.toISOString(),
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    responseBody: a.responseBody,
    error: a.error,
  }));
  return { ...presentDelivery(d), body: d.body, log };
};

/**
 * 重发 by hand. A finished delivery (succeeded or failed) gets one new attempt now, outside its line's
 * order; a pending one waiting for its next retry is made due now and sent in its turn.
 */
export const replayDelivery = async (ctx: StaffCtx, endpointId: string, id: string): Promise<WebhookDelivery> => {
  const e = await endpointOf(ctx, endpointId);
  const d = await q.findDelivery(ctx.db, ctx.tenantId, endpointId, id);
  if (!d) throw new AppError('NOT_FOUND');
  if (!e.enabled) throw AppError.field('enabled', 'webhook_endpoint_disabled');
  if (d.status === 'pending') {
    await q.setDeliveryDue(ctx.db, ctx.tenantId, id, ctx.clock.now());
    await queueDeliveries(ctx, [id]);
  } else await queueDeliveries(ctx, [id], { manual: true });
  await audit(ctx, { action: 'webhook.delivery_replayed', target: { type: 'webhook_delivery', id } });
  return presentDelivery(d);
};
