import { boolean, foreignKey, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recoveryFollowUpAnswers, recoveryReactions, recoveryStatuses } from '@m4s/contracts';
import { careTasks } from './care.ts';
import { complaints } from './complaints.ts';
import { customers } from './customers.ts';
import { staff } from './people.ts';
import { surveyResponses } from './surveys.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';
import { vehicles } from './vehicles.ts';
import { visits } from './visits.ts';

/**
 * A hot alert (service recovery, docs/recovery.md): one per survey response whose answers fell under the line,
 * assigned to the visit's advisor, due one business hour later, escalated to the service manager when late,
 * closed only with what was done and the customer's reaction; a follow-up call asks later whether it was
 * resolved. Migration 0050.
 */
export const recoveryAlerts = pgTable(
  'recovery_alerts',
  {
    ...tenantKeyColumns(),
    responseId: uuid('response_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    visitId: uuid('visit_id'),
    storeId: uuid('store_id'),
    assigneeId: uuid('assignee_id'),
    score: integer('score'),
    triggers: jsonb('triggers').$type<string[]>().notNull(),
    strong: boolean('strong').notNull().default(false),
    status: text('status', { enum: recoveryStatuses }).notNull().default('open'),
    openedAt: stamp('opened_at').notNull(),
    dueAt: stamp('due_at').notNull(),
    escalatedAt: stamp('escalated_at'),
    escalatedTo: uuid('escalated_to'),
    closedAt: stamp('closed_at'),
    closedBy: uuid('closed_by'),
    action: text('action'),
    reaction: text('reaction'),
    reactionCode: text('reaction_code', { enum: recoveryReactions }),
    followUpTaskId: uuid('follow_up_task_id'),
    followUpAnswer: text('follow_up_answer', { enum: recoveryFollowUpAnswers }),
    followUpResponseId: uuid('follow_up_response_id'),
    complaintId: uuid('complaint_id'),
  },
  (t) => [
    ...tenantTableRules(t, 'recovery_alerts'),
    foreignKey({ columns: [t.tenantId, t.responseId], foreignColumns: [surveyResponses.tenantId, surveyResponses.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.visitId], foreignColumns: [visits.tenantId, visits.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.assigneeId], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.escalatedTo], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.closedBy], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.followUpTaskId], foreignColumns: [careTasks.tenantId, careTasks.id] }),
    foreignKey({
      columns: [t.tenantId, t.followUpResponseId],
      foreignColumns: [surveyResponses.tenantId, surveyResponses.id],
    }),
    foreignKey({ columns: [t.tenantId, t.complaintId], foreignColumns: [complaints.tenantId, complaints.id] }),
    // One alert per response: opening is idempotent.
    uniqueIndex('recovery_alerts_response').on(t.tenantId, t.responseId),
    index('recovery_alerts_assignee_idx').on(t.tenantId, t.assigneeId, t.status, t.dueAt),
    index('recovery_alerts_store_idx').on(t.tenantId, t.storeId, t.status, t.dueAt),
    index('recovery_alerts_customer_idx').on(t.tenantId, t.customerId),
    index('recovery_alerts_follow_up_idx').on(t.tenantId, t.followUpTaskId),
  ],
).enableRLS();
