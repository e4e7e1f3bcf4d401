import { z } from 'zod';
import { bookingChannels, bookingStatuses, visitStatuses } from './service.ts';
import { customerSources } from './customers.ts';

/**
 * Webhooks: a tenant's admin registers HTTPS endpoints and picks events; each event is a signed POST
 * (docs/webhooks.md). The payload shapes below are the `data` of each event.
 */

const bookingData = z.object({
  id: z.uuid(),
  status: z.enum(bookingStatuses),
  channel: z.enum(bookingChannels),
  storeId: z.uuid(),
  customerId: z.uuid(),
  vehicleId: z.uuid(),
  serviceTypeId: z.uuid(),
  advisorId: z.uuid().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  rescheduledFrom: z.uuid().nullable(),
});
export type WebhookBooking = z.infer<typeof bookingData>;

const visitData = z.object({
  id: z.uuid(),
  status: z.enum(visitStatuses),
  storeId: z.uuid(),
  customerId: z.uuid(),
  vehicleId: z.uuid(),
  bookingId: z.uuid().nullable(),
  advisorId: z.uuid().nullable(),
  checkedInAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type WebhookVisit = z.infer<typeof visitData>;

const customerData = z.object({
  id: z.uuid(),
  name: z.string(),
  phones: z.array(z.string()),
  source: z.enum(customerSources),
  homeStoreId: z.uuid().nullable(),
});

/**
 * The event catalogue: its type, the kind of resource it is about, its label and its data. A later
 * capability adds its events here, one entry each, and emits them with `emitWebhook(ctx, type, …)`.
 */
export const webhookEventCatalogue = {
  'booking.created': {
    resource: 'booking',
    label: { 'zh-CN': '预约创建', en: 'Booking created' },
    data: z.object({ booking: bookingData }),
  },
  'booking.changed': {
    resource: 'booking',
    label: { 'zh-CN': '预约变更（改约、取消、爽约）', en: 'Booking changed (rescheduled, cancelled, no-show)' },
    data: z.object({
      change: z.enum(['rescheduled', 'cancelled', 'no_show']),
      booking: bookingData,
      /** For `rescheduled`: the new booking that replaces this one. */
      rescheduledTo: bookingData.nullable(),
      reason: z.string().nullable(),
    }),
  },
  'visit.stage_changed': {
    resource: 'visit',
    label: { 'zh-CN': '维修进度变更', en: 'Visit stage changed' },
    data: z.object({ visit: visitData, from: z.enum(visitStatuses).nullable(), to: z.enum(visitStatuses) }),
  },
  'visit.delivered': {
    resource: 'visit',
    label: { 'zh-CN': '交车', en: 'Visit delivered' },
    data: z.object({ visit: visitData, repairOrderId: z.uuid(), totalFen: z.number().int() }),
  },
  'customer.created': {
    resource: 'customer',
    label: { 'zh-CN': '客户创建', en: 'Customer created' },
    data: z.object({ customer: customerData }),
  },
  'customer.merged': {
    resource: 'customer',
    label: { 'zh-CN': '客户合并', en: 'Customers merged' },
    data: z.object({ customer: customerData, mergedId: z.uuid() }),
  },
} as const;

export type WebhookEventType = keyof typeof webhookEventCatalogue;
export const webhookEventTypes = Object.keys(webhookEventCatalogue) as [WebhookEventType, ...WebhookEventType[]];
export type WebhookEventData<T extends WebhookEventType> = z.input<(typeof webhookEventCatalogue)[T]['data']>;

/** What every delivery's body is: the event's envelope around its data. */
export const webhookBody = z.object({
  id: z.uuid(),
  type: z.enum(webhookEventTypes),
  createdAt: z.string(),
  tenantId: z.uuid(),
  resource: z.object({ type: z.string(), id: z.uuid() }),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookBody = z.infer<typeof webhookBody>;

// ── The admin API ───────────────────────────────────────────────────────────────────────────────────

/** The URL's shape; whether it may be reached (https, no private address) is the server's check. */
export const webhookEndpointInput = z.object({
  url: z.string().trim().min(1).max(2000),
  description: z.string().trim().max(200).default(''),
  events: z.array(z.enum(webhookEventTypes)).min(1, { message: 'webhook_events' }),
});
export type WebhookEndpointInput = z.input<typeof webhookEndpointInput>;

export const webhookEndpointPatch = z.object({
  url: z.string().trim().min(1).max(2000).optional(),
  description: z.string().trim().max(200).optional(),
  events: z.array(z.enum(webhookEventTypes)).min(1, { message: 'webhook_events' }).optional(),
  enabled: z.boolean().optional(),
});
export type WebhookEndpointPatch = z.input<typeof webhookEndpointPatch>;

export const webhookEndpoint = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(webhookEventTypes)),
  enabled: z.boolean(),
  /** Until then deliveries are signed with the previous secret as well (after a rotation). */
  previousSecretUntil: z.string().nullable(),
  createdAt: z.string(),
  /** Deliveries still to be sent (pending or retrying). */
  pending: z.number().int(),
  failed: z.number().int(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpoint>;

/** Creation and rotation answer the secret: the only time it is ever shown. */
export const webhookEndpointWithSecret = z.object({ endpoint: webhookEndpoint, secret: z.string() });
export type WebhookEndpointWithSecret = z.infer<typeof webhookEndpointWithSecret>;

export const webhookDeliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

export const webhookAttempt = z.object({
  id: z.uuid(),
  number: z.number().int(),
  manual: z.boolean(),
  at: z.string(),
  /** The HTTP status, null when no answer came (refused address, timeout, connection error). */
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** The answer's first 2 KB. */
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttempt>;

export const webhookDelivery = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  eventId: z.uuid(),
  eventType: z.enum(webhookEventTypes),
  resourceType: z.string(),
  resourceId: z.uuid(),
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  lastStatusCode: z.number().int().nullable(),
  lastDurationMs: z.number().int().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

export const webhookDeliveryDetail = webhookDelivery.extend({ body: z.string(), log: z.array(webhookAttempt) });
export type WebhookDeliveryDetail = z.infer<typeof webhookDeliveryDetail>;

export const webhookDeliveriesQuery = z.object({
  status: z.enum(webhookDeliveryStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const webhookDeliveryParams = z.strictObject({ id: z.uuid(), deliveryId: z.uuid() });
