import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  questionnairePurposes,
  responseChannels,
  responseStatuses,
  versionStatuses,
  type SurveyAnswers,
  type SurveyDefinition,
} from '@m4s/contracts';
import { careTasks } from './care.ts';
import { customers } from './customers.ts';
import { owners, staff } from './people.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';
import { vehicles } from './vehicles.ts';
import { visits } from './visits.ts';

/**
 * A questionnaire (回访问卷): the shipped templates (template_key) every tenant gets and the tenant's own. At
 * most one is the owner app's post-delivery survey.
 */
export const questionnaires = pgTable(
  'questionnaires',
  {
    ...tenantKeyColumns(),
    templateKey: text('template_key'),
    purpose: text('purpose', { enum: questionnairePurposes }).notNull(),
    name: text('name').notNull(),
    ownerSurvey: boolean('owner_survey').notNull().default(false),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'questionnaires'),
    uniqueIndex('questionnaires_template_key').on(t.tenantId, t.templateKey),
    uniqueIndex('questionnaires_owner_survey')
      .on(t.tenantId)
      .where(sql`${t.ownerSurvey}`),
  ],
).enableRLS();

/** A version: a draft is edited; published, it is never edited again, only superseded by the next. */
export const questionnaireVersions = pgTable(
  'questionnaire_versions',
  {
    ...tenantKeyColumns(),
    questionnaireId: uuid('questionnaire_id').notNull(),
    number: integer('number').notNull(),
    status: text('status', { enum: versionStatuses }).notNull(),
    definition: jsonb('definition').$type<SurveyDefinition>().notNull(),
    createdAt: stamp('created_at').notNull(),
    createdBy: uuid('created_by'),
    publishedAt: stamp('published_at'),
    publishedBy: uuid('published_by'),
  },
  (t) => [
    ...tenantTableRules(t, 'questionnaire_versions'),
    foreignKey({
      columns: [t.tenantId, t.questionnaireId],
      foreignColumns: [questionnaires.tenantId, questionnaires.id],
    }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    foreignKey({ columns: [t.tenantId, t.publishedBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('questionnaire_versions_number').on(t.tenantId, t.questionnaireId, t.number),
    uniqueIndex('questionnaire_versions_one_draft')
      .on(t.tenantId, t.questionnaireId)
      .where(sql`${t.status} = 'draft'`),
    uniqueIndex('questionnaire_versions_one_published')
      .on(t.tenantId, t.questionnaireId)
      .where(sql`${t.status} = 'published'`),
  ],
).enableRLS();

/**
 * One set of answers, on the version it was given on: by staff during a call (channel 'call'), or by the
 * owner in the app (channel 'app': made as an invitation when the visit is delivered, one per visit).
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    ...tenantKeyColumns(),
    questionnaireId: uuid('questionnaire_id').notNull(),
    versionId: uuid('version_id').notNull(),
    channel: text('channel', { enum: responseChannels }).notNull(),
    status: text('status', { enum: responseStatuses }).notNull(),
    customerId: uuid('customer_id').notNull(),
    vehicleId: uuid('vehicle_id'),
    visitId: uuid('visit_id'),
    taskId: uuid('task_id'),
    storeId: uuid('store_id'),
    /** The owner-app account invited (channel 'app'): only it may answer. */
    ownerId: uuid('owner_id'),
    answers: jsonb('answers').$type<SurveyAnswers>().notNull().default({}),
    recordedBy: uuid('recorded_by'),
    invitedAt: stamp('invited_at'),
    answeredAt: stamp('answered_at'),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'survey_responses'),
    foreignKey({
      columns: [t.tenantId, t.questionnaireId],
      foreignColumns: [questionnaires.tenantId, questionnaires.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.versionId],
      foreignColumns: [questionnaireVersions.tenantId, questionnaireVersions.id],
    }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.vehicleId], foreignColumns: [vehicles.tenantId, vehicles.id] }),
    foreignKey({ columns: [t.tenantId, t.visitId], foreignColumns: [visits.tenantId, visits.id] }),
    foreignKey({ columns: [t.tenantId, t.taskId], foreignColumns: [careTasks.tenantId, careTasks.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [owners.tenantId, owners.id] }),
    foreignKey({ columns: [t.tenantId, t.recordedBy], foreignColumns: [staff.tenantId, staff.id] }),
    index('survey_responses_customer_idx').on(t.tenantId, t.customerId),
    index('survey_responses_store_idx').on(t.tenantId, t.storeId, t.answeredAt),
    index('survey_responses_owner_idx').on(t.tenantId, t.ownerId),
    uniqueIndex('survey_responses_app_visit')
      .on(t.tenantId, t.visitId)
      .where(sql`${t.channel} = 'app'`),
  ],
).enableRLS();
