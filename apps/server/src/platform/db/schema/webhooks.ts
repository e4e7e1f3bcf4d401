import { bigserial, boolean, foreignKey, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { webhookDeliveryStatuses, type WebhookEventType } from '@m4s/contracts';
import { staff } from './people.ts';
import { stamp, tenantKeyColumns, tenantTableRules } from './tenancy.ts';

/**
 * A tenant's webhook endpoint: where its events are POSTed and the secret that signs them. The secret is
 * kept to sign with (HMAC needs it) and is answered only by creation and rotation; after a rotation the
 * previous one also signs until `previous_secret_until` (docs/webhooks.md).
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    ...tenantKeyColumns(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    events: text('events').array().$type<WebhookEventType[]>().notNull(),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretUntil: stamp('previous_secret_until'),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'webhook_endpoints'),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
  ],
).enableRLS();

/**
 * The outbox: one row per event and subscribed endpoint, written in the transaction of the change that
 * caused it. `seq` orders the deliveries of one resource (`order_key`) to one endpoint: a later one waits
 * until the earlier has succeeded or given up. `body` is the exact JSON sent (replays send it again).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    ...tenantKeyColumns(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    endpointId: uuid('endpoint_id').notNull(),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').$type<WebhookEventType>().notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: uuid('resource_id').notNull(),
    orderKey: text('order_key').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When the next automatic attempt is due (null once finished); while one runs, the end of its lease. */
    nextAttemptAt: stamp('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastDurationMs: integer('last_duration_ms'),
    createdAt: stamp('created_at').notNull(),
    finishedAt: stamp('finished_at'),
  },
  (t) => [
    ...tenantTableRules(t, 'webhook_deliveries'),
    foreignKey({
      columns: [t.tenantId, t.endpointId],
      foreignColumns: [webhookEndpoints.tenantId, webhookEndpoints.id],
    }).onDelete('cascade'),
    index('webhook_deliveries_log_idx').on(t.tenantId, t.endpointId, t.seq),
    index('webhook_deliveries_line_idx').on(t.tenantId, t.endpointId, t.orderKey, t.seq),
  ],
).enableRLS();

/** Each attempt of a delivery: its answer (status, time, the body's first 2 KB) or why none came. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    ...tenantKeyColumns(),
    deliveryId: uuid('delivery_id').notNull(),
    number: integer('number').notNull(),
    manual: boolean('manual').notNull().default(false),
    at: stamp('at').notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    responseBody: text('response_body'),
    error: text('error'),
  },
  (t) => [
    ...tenantTableRules(t, 'webhook_attempts'),
    foreignKey({
      columns: [t.tenantId, t.deliveryId],
      foreignColumns: [webhookDeliveries.tenantId, webhookDeliveries.id],
    }).onDelete('cascade'),
    index('webhook_attempts_delivery_idx').on(t.tenantId, t.deliveryId, t.number),
  ],
).enableRLS();
