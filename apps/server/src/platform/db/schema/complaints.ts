import { boolean, date, foreignKey, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  complaintCategories,
  complaintCauses,
  complaintChannels,
  complaintClasses,
  complaintKinds,
  complaintSeverities,
  complaintStages,
  complaintStatuses,
} from '@m4s/contracts';
import { customers } from './customers.ts';
import { staff } from './people.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';
import { vehicles } from './vehicles.ts';

/**
 * A customer's complaint (投诉), from any channel, open until someone closes it with a resolution. While
 * one is open the contact gate holds back care and marketing touches (modules/contact, `open_complaint`).
 */
export const complaints = pgTable(
  'complaints',
  {
    ...tenantKeyColumns(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    storeId: uuid('store_id'),
    category: text('category', { enum: complaintCategories }).notNull(),
    channel: text('channel', { enum: complaintChannels }).notNull(),
    severity: text('severity', { enum: complaintSeverities }).notNull(),
    summary: text('summary').notNull(),
    status: text('status', { enum: complaintStatuses }).notNull().default('open'),
    receivedAt: stamp('received_at').notNull(),
    receivedBy: uuid('received_by'),
    closedAt: stamp('closed_at'),
    closedBy: uuid('closed_by'),
    resolution: text('resolution'),
    // Issue 15 (migration 0055): the case workflow with its deadlines (docs/complaints.md).
    kind: text('kind', { enum: complaintKinds }).notNull().default('complaint'),
    classification: text('classification', { enum: complaintClasses }),
    cause: text('cause', { enum: complaintCauses }),
    customerRequest: text('customer_request'),
    stage: text('stage', { enum: complaintStages }).notNull().default('received'),
    handlerId: uuid('handler_id'),
    handlerAcceptedAt: stamp('handler_accepted_at'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedTo: uuid('escalated_to'),
    firstContactDue: stamp('first_contact_due'),
    firstContactAt: stamp('first_contact_at'),
    answerDue: stamp('answer_due'),
    answeredAt: stamp('answered_at'),
    followUpDue: stamp('follow_up_due'),
    followedUpAt: stamp('followed_up_at'),
    oemReportDue: stamp('oem_report_due'),
    oemReportSentAt: stamp('oem_report_sent_at'),
    oemReport: text('oem_report'),
    evaluationDue: stamp('evaluation_due'),
    evaluatedAt: stamp('evaluated_at'),
    adopted: boolean('adopted'),
    solution: text('solution'),
    completionDate: date('completion_date', { mode: 'string' }),
    resolvedAt: stamp('resolved_at'),
    satisfied: boolean('satisfied'),
    reopenCount: integer('reopen_count').notNull().default(0),
    closingReport: text('closing_report'),
  },
  (t) => [
    ...tenantTableRules(t, 'complaints'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.receivedBy], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.closedBy], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.handlerId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.escalatedTo], foreignColumns: [staff.tenantId, staff.id] }),
    index('complaints_customer_idx').on(t.tenantId, t.customerId, t.status),
    index('complaints_open_idx').on(t.tenantId, t.status, t.receivedAt),
  ],
).enableRLS();

/**
 * What happened to a case, in order: every transfer (who → whom, why), escalation, deadline warning and
 * breach, edit of a deadline (with the old value), note and step. `public` ones the owner sees; `key`
 * makes what the deadline job and the sweep write idempotent (one warning, one breach per deadline).
 */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    ...tenantKeyColumns(),
    complaintId: uuid('complaint_id').notNull(),
    at: stamp('at').notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    /** The owner's app account, when the owner wrote it. */
    ownerId: uuid('owner_id'),
    fromId: uuid('from_id'),
    toId: uuid('to_id'),
    public: boolean('public').notNull().default(false),
    text: text('text'),
    details: text('details'),
    key: text('key'),
    /** When the staff member it is addressed to (`to_id`) read it as a notice. */
    seenAt: stamp('seen_at'),
  },
  (t) => [
    ...tenantTableRules(t, 'complaint_events'),
    foreignKey({ columns: [t.tenantId, t.complaintId], foreignColumns: [complaints.tenantId, complaints.id] }),
    foreignKey({ columns: [t.tenantId, t.actorId], foreignColumns: [staff.tenantId, staff.id] }),
    index('complaint_events_case_idx').on(t.tenantId, t.complaintId, t.at),
    uniqueIndex('complaint_events_key').on(t.tenantId, t.complaintId, t.key),
    index('complaint_events_to_idx').on(t.tenantId, t.toId, t.at),
  ],
).enableRLS();

/** The improvement items a closed complaint leaves: what changes, who owns it, by when; tracked to done. */
export const complaintImprovements = pgTable(
  'complaint_improvements',
  {
    ...tenantKeyColumns(),
    complaintId: uuid('complaint_id').notNull(),
    what: text('what').notNull(),
    ownerId: uuid('owner_id').notNull(),
    due: date('due', { mode: 'string' }).notNull(),
    doneAt: stamp('done_at'),
    doneBy: uuid('done_by'),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'complaint_improvements'),
    foreignKey({ columns: [t.tenantId, t.complaintId], foreignColumns: [complaints.tenantId, complaints.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.doneBy], foreignColumns: [staff.tenantId, staff.id] }),
    index('complaint_improvements_case_idx').on(t.tenantId, t.complaintId),
  ],
).enableRLS();

/** Evidence photos, re-encoded as the visit photos are (no EXIF, no position). */
export const complaintPhotos = pgTable(
  'complaint_photos',
  {
    ...tenantKeyColumns(),
    complaintId: uuid('complaint_id').notNull(),
    dataUrl: text('data_url').notNull(),
    staffId: uuid('staff_id'),
    ownerId: uuid('owner_id'),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'complaint_photos'),
    foreignKey({ columns: [t.tenantId, t.complaintId], foreignColumns: [complaints.tenantId, complaints.id] }),
    index('complaint_photos_case_idx').on(t.tenantId, t.complaintId),
  ],
).enableRLS();
