import { boolean, date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantPolicy } from './tenant-table.ts';
import { stamp, tenants } from './tenancy.ts';

/*
 * Staging tables: where one run of the contact gate (modules/contact/gate.ts) or of the care sweep
 * (modules/care/sweep.ts) keeps its working set between statements. Tenant tables like the others (the
 * tenant policy; on Citus distributed by tenant_id next to the tables they are joined with, so every
 * statement of a run is one shard's), unlogged in the migration (0044: nothing in them survives a run).
 * A run's rows carry its `run` (a random id made in Node) and are deleted by the run before its
 * transaction ends: no other transaction ever sees them, and two runs at once never share a key.
 */
const runKey = () => ({
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  run: uuid('run').notNull(),
});

/** What a touch is (TouchCandidate's first columns), staged and decided alike. */
const touchColumns = <P>(priority: P) => ({
  customerId: uuid('customer_id').notNull(),
  vehicleId: uuid('vehicle_id'),
  source: text('source').notNull(),
  ruleKey: text('rule_key'),
  topic: text('topic').notNull(),
  kind: text('kind').notNull(),
  channel: text('channel').notNull(),
  dueAt: stamp('due_at').notNull(),
  dedupeKey: text('dedupe_key').notNull(),
  priority,
  subject: text('subject'),
  body: text('body').notNull(),
  taskTitle: text('task_title'),
  taskRole: text('task_role'),
  storeId: uuid('store_id'),
  assigneeId: uuid('assignee_id'),
});

/** What one sweep pass selected (a rule's customers and cars due on the day), before it is rendered. */
export const careSelection = pgTable(
  'care_selection',
  {
    ...runKey(),
    seq: integer('seq').notNull(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    storeId: uuid('store_id'),
    assigneeId: uuid('assignee_id'),
    anchorOn: date('anchor_on', { mode: 'string' }),
    dueAt: stamp('due_at').notNull(),
    items: text('items'),
    dedupeKey: text('dedupe_key'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.run, t.seq] }), tenantPolicy('care_selection')],
).enableRLS();

/** The gate's candidates (TouchCandidate in snake_case), numbered in the order they were staged. */
export const touchCandidates = pgTable(
  'touch_candidates',
  {
    ...runKey(),
    seq: integer('seq').notNull(),
    ...touchColumns(integer('priority').notNull().default(100)),
    address: text('address'),
    noticeTopic: text('notice_topic'),
    link: text('link'),
    expiresAt: stamp('expires_at'),
    retry: boolean('retry').notNull().default(false),
    heldReason: text('held_reason'),
    taskScript: text('task_script'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.run, t.seq] }), tenantPolicy('touch_candidates')],
).enableRLS();

/** The gate's decisions, one per dedupe key, with the ids their notification or task get. */
export const touchDecisions = pgTable(
  'touch_decisions',
  {
    ...runKey(),
    ...touchColumns(integer('priority').notNull()),
    known: boolean('known').notNull(),
    recipient: text('recipient'),
    decision: text('decision').notNull(),
    reason: text('reason'),
    sendAt: stamp('send_at'),
    notificationId: uuid('notification_id'),
    taskId: uuid('task_id'),
    won: boolean('won').notNull().default(false),
    noticeTopic: text('notice_topic'),
    link: text('link'),
    expiresAt: stamp('expires_at'),
    retry: boolean('retry').notNull().default(false),
    address: text('address'),
    taskAt: stamp('task_at'),
    taskScript: text('task_script'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.run, t.dedupeKey] }), tenantPolicy('touch_decisions')],
).enableRLS();
