import {
  answerIssues,
  responseInput,
  walk,
  type ResponseInput,
  type SurveyAnswers,
  type SurveyDefinition,
  type SurveyResponse,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordOutcome } from '../calls/calls.service.ts';
import { getCustomerRow } from '../customers/customers.service.ts';
import { openAlertFor } from '../recovery/recovery.service.ts';
import * as q from './surveys.queries.ts';
import { refuse } from './surveys.service.ts';
import { earnByRule } from '../loyalty/loyalty.service.ts';

export const toResponse = ({ r, name, number, recorderName }: q.ResponseRow): SurveyResponse => ({
  id: r.id,
  questionnaireId: r.questionnaireId,
  versionId: r.versionId,
  versionNumber: number,
  questionnaireName: name,
  channel: r.channel,
  status: r.status,
  customerId: r.customerId,
  vehicleId: r.vehicleId,
  visitId: r.visitId,
  taskId: r.taskId,
  storeId: r.storeId,
  answers: r.answers,
  recordedBy: r.recordedBy ? { id: r.recordedBy, name: recorderName ?? '' } : null,
  invitedAt: r.invitedAt?.toISOString() ?? null,
  answeredAt: r.answeredAt?.toISOString() ?? null,
});

/**
 * Answers checked against the version they are given on: refused (400, naming the question) when one does not
 * fit its question, answers a question the path skips, or — when `complete` — leaves a required one on the
 * path unanswered. The status says how it ended: complete, or terminated by a rule (S2 致谢，终止).
 */
export const checkAnswers = (
  ctx: Ctx,
  def: SurveyDefinition,
  answers: SurveyAnswers,
  complete: boolean,
): 'complete' | 'terminated' | 'partial' => {
  const issues = answerIssues(def, answers, { complete });
  if (issues.length > 0) throw refuse(ctx, issues);
  if (walk(def, answers).terminatedAt) return 'terminated';
  return complete ? 'complete' : 'partial';
};

/** Staff record a customer's answers (a follow-up call), on a published version only. */
export const recordResponse = async (ctx: StaffCtx, input: ResponseInput): Promise<SurveyResponse> => {
  authorize(ctx.actor, 'care.tasks');
  const data = responseInput.parse(input);
  await getCustomerRow(ctx, data.customerId);
  const version = await q.findVersion(ctx.db, ctx.tenantId, data.versionId);
  if (!version) throw new AppError('NOT_FOUND');
  if (version.v.status !== 'published') throw AppError.field('versionId', 'questionnaire_not_published');
  // The call's outcome travels with its answers: it needs the call.
  if (data.outcome && !data.taskId) throw AppError.field('taskId', 'survey_outcome_needs_task');
  const status = checkAnswers(ctx, version.v.definition, data.answers, true);
  const now = ctx.clock.now();
  const id = await q.insertResponse(ctx.db, {
    tenantId: ctx.tenantId,
    questionnaireId: version.q.id,
    versionId: version.v.id,
    channel: 'call',
    status,
    customerId: data.customerId,
    vehicleId: data.vehicleId,
    visitId: data.visitId,
    taskId: data.taskId,
    storeId: ctx.storeId,
    answers: data.answers,
    recordedBy: ctx.actor.id,
    answeredAt: now,
    createdAt: now,
  });
  if (!id) throw new Error('response insert returned nothing');
  // A questionnaire completed earns the customer the tenant's "survey completed" points, once per response.
  if (status === 'complete')
    await earnByRule(ctx, { customerId: data.customerId, rule: 'survey', sourceId: id, storeId: ctx.storeId });
  // A completed call: its outcome in this same transaction, the attempt pointing at these answers.
  if (data.outcome && data.taskId) await recordOutcome(ctx, data.taskId, { outcome: 'completed', ...data.outcome }, id);
  // An unhappy answer opens a hot alert; a recovery follow-up's answer goes on its alert (docs/recovery.md).
  await openAlertFor(ctx, {
    responseId: id,
    taskId: data.taskId,
    definition: version.v.definition,
    answers: data.answers,
  });
  // What the customer said stays out of the audit log (erasure does not reach it).
  await audit(ctx, {
    action: 'survey.recorded',
    target: { type: 'survey_response', id },
    details: { customerId: data.customerId, questionnaireId: version.q.id, version: version.v.number, status },
  });
  const row = await q.findResponse(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toResponse(row);
};

export const responsesForExport = async (ctx: StaffCtx, customerId: string): Promise<SurveyResponse[]> =>
  (await q.responsesOfCustomer(ctx.db, ctx.tenantId, customerId)).map(toResponse);

export const customerResponses = async (ctx: StaffCtx, customerId: string): Promise<{ items: SurveyResponse[] }> => {
  authorize(ctx.actor, 'customer.read');
  await getCustomerRow(ctx, customerId);
  return { items: await responsesForExport(ctx, customerId) };
};
