import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  callOutcomes,
  callStates,
  careRuleKeys,
  careTaskKinds,
  careTaskStatuses,
  contactTopics,
  suppressionReasons,
  touchChannels,
  touchDecisions,
  touchKinds,
  touchSources,
} from '@m4s/contracts';
import { customers } from './customers.ts';
import { staff } from './people.ts';
import { notifications } from './records.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';
import { vehicles } from './vehicles.ts';

/**
 * A tenant's settings for one care rule. Rules without a row run with the defaults in code; a row holds
 * the whole tuned rule (on/off, timing, channel, message or task).
 */
export const careRules = pgTable(
  'care_rules',
  {
    ...tenantKeyColumns(),
    ruleKey: text('rule_key', { enum: careRuleKeys }).notNull(),
    enabled: boolean('enabled').notNull(),
    /** Offsets from the rule's anchor (delivery, expiry date, predicted service…), validated per rule. */
    timing: jsonb('timing').$type<Record<string, number>>().notNull(),
    channel: text('channel', { enum: touchChannels }).notNull(),
    /** For a call: the role whose task list gets it. */
    taskRole: text('task_role'),
    updatedBy: uuid('updated_by'),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'care_rules'),
    uniqueIndex('care_rules_rule_key').on(t.tenantId, t.ruleKey),
    foreignKey({ columns: [t.tenantId, t.updatedBy], foreignColumns: [staff.tenantId, staff.id] }),
  ],
).enableRLS();

/** Message templates by key and channel, versioned: an edit adds a version, the newest one is used. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    ...tenantKeyColumns(),
    templateKey: text('template_key').notNull(),
    channel: text('channel', { enum: touchChannels }).notNull(),
    version: integer('version').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    createdBy: uuid('created_by'),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'message_templates'),
    uniqueIndex('message_templates_version_key').on(t.tenantId, t.templateKey, t.channel, t.version),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
  ],
).enableRLS();

/**
 * The contact ledger: every touch any source wanted to make, and what the gate decided. Caps count the
 * rows sent; the dedupe key makes a re-run sweep (or a retried job) create nothing twice.
 */
export const touches = pgTable(
  'touches',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    source: text('source', { enum: touchSources }).notNull(),
    ruleKey: text('rule_key', { enum: careRuleKeys }),
    topic: text('topic', { enum: contactTopics }).notNull(),
    kind: text('kind', { enum: touchKinds }).notNull(),
    channel: text('channel', { enum: touchChannels }).notNull(),
    decision: text('decision', { enum: touchDecisions }).notNull(),
    reason: text('reason', { enum: suppressionReasons }),
    /** When the source wanted it; sendAt is when it goes (later than dueAt when deferred). */
    dueAt: stamp('due_at').notNull(),
    sendAt: stamp('send_at'),
    dedupeKey: text('dedupe_key').notNull(),
    notificationId: uuid('notification_id'),
    taskId: uuid('task_id'),
    /** After this moment the touch no longer makes sense: a held one is then recorded as expired. */
    expiresAt: stamp('expires_at'),
    /** The rule's priority, kept for a held touch's next turn at the gate. */
    priority: integer('priority'),
    /** A held touch's words and routing until it goes (subject, body, task, store…); cleared when decided. */
    held: jsonb('held').$type<Record<string, string | null>>(),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'touches'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({
      columns: [t.tenantId, t.notificationId],
      foreignColumns: [notifications.tenantId, notifications.id],
    }),
    uniqueIndex('touches_dedupe_key').on(t.tenantId, t.dedupeKey),
    index('touches_customer_idx').on(t.tenantId, t.customerId, t.dueAt),
    index('touches_decision_idx').on(t.tenantId, t.decision, t.dueAt),
    index('touches_held_idx')
      .on(t.tenantId, t.sendAt)
      .where(sql`decision = 'held'`),
  ],
).enableRLS();

/** Work for staff made by care rules (follow-up calls…): due inside the customer's preferred slot. */
export const careTasks = pgTable(
  'care_tasks',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    storeId: uuid('store_id'),
    ruleKey: text('rule_key', { enum: careRuleKeys }),
    role: text('role').notNull(),
    assigneeId: uuid('assignee_id'),
    title: text('title').notNull(),
    script: text('script').notNull(),
    dueAt: stamp('due_at').notNull(),
    status: text('status', { enum: careTaskStatuses }).notNull().default('open'),
    snoozedUntil: stamp('snoozed_until'),
    outcome: text('outcome'),
    doneAt: stamp('done_at'),
    doneBy: uuid('done_by'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
    // The call centre (migration 0048, docs/calls.md).
    kind: text('kind', { enum: careTaskKinds }).notNull().default('call'),
    callState: text('call_state', { enum: callStates }).notNull().default('scheduled'),
    attempts: integer('attempts').notNull().default(0),
    /** When it first fell due, kept when a retry or a reschedule moves `due_at` (the queue window counts from it). */
    firstDueAt: stamp('first_due_at'),
    closeReason: text('close_reason'),
  },
  (t) => [
    ...tenantTableRules(t, 'care_tasks'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.assigneeId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.doneBy], foreignColumns: [staff.tenantId, staff.id] }),
    index('care_tasks_assignee_idx').on(t.tenantId, t.assigneeId, t.status, t.dueAt),
    index('care_tasks_role_idx').on(t.tenantId, t.storeId, t.role, t.status, t.dueAt),
    // The store's call queue in due order (a page of 50 is one range scan): open calls only. The columns after
    // id are carried for the counts (the page's total, the pools), read from the index alone (migration 0061).
    index('care_tasks_queue_idx')
      .on(t.tenantId, t.storeId, t.dueAt, t.id, t.status, t.snoozedUntil, t.assigneeId, t.role)
      .where(sql`status IN ('open', 'snoozed') AND kind <> 'data_fix'`),
    // Each agent's open calls by due time: the supervisor's per-agent load, read from the index alone.
    index('care_tasks_agent_queue_idx')
      .on(t.tenantId, t.assigneeId, t.dueAt, t.status, t.snoozedUntil)
      .where(sql`status IN ('open', 'snoozed') AND kind <> 'data_fix'`),
  ],
).enableRLS();

/** Every attempt on a call, with what it came to (kept: the call's history and the KPIs' raw record). */
export const callAttempts = pgTable(
  'call_attempts',
  {
    ...tenantKeyColumns(),
    taskId: uuid('task_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    seq: integer('seq').notNull(),
    outcome: text('outcome', { enum: callOutcomes }).notNull(),
    stateBefore: text('state_before', { enum: callStates }).notNull(),
    stateAfter: text('state_after', { enum: callStates }).notNull(),
    agentId: uuid('agent_id'),
    at: stamp('at').notNull(),
    /** The agreed time (rescheduled) or the next try (no answer). */
    callbackAt: stamp('callback_at'),
    /** The agent's words about the call: personal data (blanked on erasure). */
    note: text('note'),
    /** The questionnaire answered on this call (issue 14 What 4–5, modules/surveys): set once surveys exist. */
    responseId: uuid('response_id'),
    /** What the attempt made: data-fix and callback task ids, the slot set, the number flagged. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    ...tenantTableRules(t, 'call_attempts'),
    foreignKey({ columns: [t.tenantId, t.taskId], foreignColumns: [careTasks.tenantId, careTasks.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.agentId], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('call_attempts_task_seq').on(t.tenantId, t.taskId, t.seq),
    index('call_attempts_agent_idx').on(t.tenantId, t.agentId, t.at),
    index('call_attempts_customer_idx').on(t.tenantId, t.customerId, t.at),
  ],
).enableRLS();
