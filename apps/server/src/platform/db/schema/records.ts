import { foreignKey, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';
import { tenantKeyColumns, tenantTableRules } from './tenancy.ts';

/** Append-only: the application role may insert and read, never update or delete (see migrations). */
export const auditLog = pgTable(
  'audit_log',
  {
    ...tenantKeyColumns(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: text('actor_kind', { enum: ['staff', 'owner', 'system', 'anonymous'] }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [...tenantTableRules(t, 'audit_log'), index('audit_log_at_idx').on(t.tenantId, t.at)],
).enableRLS();

/** The notification outbox: every message to a person is a row here first, then a job sends it. */
export const notifications = pgTable(
  'notifications',
  {
    ...tenantKeyColumns(),
    channel: text('channel', { enum: ['sms', 'email', 'inbox'] }).notNull(),
    recipient: text('recipient').notNull(),
    kind: text('kind', { enum: ['transactional', 'care', 'marketing'] }).notNull(),
    topic: text('topic').notNull(),
    /** E-mail only. */
    subject: text('subject'),
    body: text('body').notNull(),
    /** Where an inbox post leads in the owner app (/events/<id>, /visits/<id>); null for other channels' messages. */
    link: text('link'),
    /** Whom it is for, when the recipient is a customer (care messages, booking notices). */
    customerId: uuid('customer_id'),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerRef: text('provider_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    ...tenantTableRules(t, 'notifications'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    index('notifications_status_idx').on(t.tenantId, t.status, t.createdAt),
  ],
).enableRLS();
