import { foreignKey, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { eventKinds, eventStatuses, inviteChannels, signupStatuses, type EventAudience } from '@m4s/contracts';
import { customers } from './customers.ts';
import { owners, staff } from './people.ts';
import { surveyResponses } from './surveys.ts';
import { fen, stamp, stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';

/**
 * Events and clubs (docs/events.md): a store's or the group's 爱车讲堂, 自驾游, 车友会, 服务节 with its
 * capacity, sign-up deadline, audience and cost (the margin KPI). draft → published → closed / cancelled.
 */
export const events = pgTable(
  'events',
  {
    ...tenantKeyColumns(),
    title: text('title').notNull(),
    kind: text('kind', { enum: eventKinds }).notNull(),
    description: text('description').notNull().default(''),
    /** null: the whole group's. */
    storeId: uuid('store_id'),
    startsAt: stamp('starts_at').notNull(),
    endsAt: stamp('ends_at').notNull(),
    place: text('place').notNull(),
    capacity: integer('capacity').notNull(),
    signupDeadline: stamp('signup_deadline').notNull(),
    audience: jsonb('audience').$type<EventAudience>().notNull(),
    costFen: fen('cost_fen').notNull().default(0),
    status: text('status', { enum: eventStatuses }).notNull().default('draft'),
    cancelReason: text('cancel_reason'),
    createdAt: stamp('created_at').notNull(),
    createdBy: uuid('created_by'),
    publishedAt: stamp('published_at'),
    closedAt: stamp('closed_at'),
  },
  (t) => [
    ...tenantTableRules(t, 'events'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    index('events_status_idx').on(t.tenantId, t.status, t.startsAt),
  ],
).enableRLS();

/**
 * One customer's place at an event: a seat (confirmed), the waiting list (ordered by `waiting_since`) or given
 * up. The ticket code is what the QR encodes; a check-in is written once (`checked_in_at`).
 */
export const eventSignups = pgTable(
  'event_signups',
  {
    ...tenantKeyColumns(),
    eventId: uuid('event_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** The app account that signed up (its inbox hears about the event); null once that account is gone. */
    ownerId: uuid('owner_id'),
    status: text('status', { enum: signupStatuses }).notNull(),
    waitingSince: stamp('waiting_since'),
    ticketCode: text('ticket_code').notNull(),
    signedUpAt: stamp('signed_up_at').notNull(),
    cancelledAt: stamp('cancelled_at'),
    checkedInAt: stamp('checked_in_at'),
    checkedInBy: uuid('checked_in_by'),
    /** The activity questionnaire offered after the event (modules/surveys). */
    surveyResponseId: uuid('survey_response_id'),
  },
  (t) => [
    ...tenantTableRules(t, 'event_signups'),
    foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [events.tenantId, events.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [owners.tenantId, owners.id] }),
    foreignKey({ columns: [t.tenantId, t.checkedInBy], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({
      columns: [t.tenantId, t.surveyResponseId],
      foreignColumns: [surveyResponses.tenantId, surveyResponses.id],
    }),
    uniqueIndex('event_signups_customer_key').on(t.tenantId, t.eventId, t.customerId),
    uniqueIndex('event_signups_ticket_key').on(t.tenantId, t.ticketCode),
    index('event_signups_status_idx').on(t.tenantId, t.eventId, t.status, t.waitingSince),
    index('event_signups_customer_idx').on(t.tenantId, t.customerId),
  ],
).enableRLS();

/** Who was invited to an event, on which channel, and what the contact gate decided. */
export const eventInvitations = pgTable(
  'event_invitations',
  {
    ...tenantKeyColumns(),
    eventId: uuid('event_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel', { enum: inviteChannels }).notNull(),
    decision: text('decision').notNull(),
    reason: text('reason'),
    invitedAt: stamp('invited_at').notNull(),
    invitedBy: uuid('invited_by'),
  },
  (t) => [
    ...tenantTableRules(t, 'event_invitations'),
    foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [events.tenantId, events.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.invitedBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('event_invitations_customer_key').on(t.tenantId, t.eventId, t.customerId),
    index('event_invitations_customer_idx').on(t.tenantId, t.customerId),
  ],
).enableRLS();
