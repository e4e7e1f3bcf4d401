import { questionsOf, type OwnerSurvey, type SurveyAnswers } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx, OwnerCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { touch } from '../contact/gate.ts';
import { openAlertFor } from '../recovery/recovery.service.ts';
import { checkAnswers } from './responses.service.ts';
import * as q from './surveys.queries.ts';
import { earnByRule } from '../loyalty/loyalty.service.ts';

/**
 * The owner's survey after a delivery (issue 14, What 5): one invitation per visit, to the car's first
 * confirmed app account, through the contact gate (kind transactional: it belongs to the visit just
 * delivered, like the delivery notice); one answer per invitation, by that account only. The app's 0–10 visit
 * rating is the survey's first question: rated on the visit page, it is stored as that answer.
 */
export const inviteAfterDelivery = async (ctx: Ctx, visitId: string): Promise<string | null> => {
  const survey = await q.ownerSurveyVersion(ctx.db, ctx.tenantId);
  const visit = await q.deliveredVisit(ctx.db, ctx.tenantId, visitId);
  if (!survey || !visit) return null;
  const ownerId = await q.firstOwnerOf(ctx.db, ctx.tenantId, visit.vehicleId);
  if (!ownerId) return null;
  const now = ctx.clock.now();
  const id = await q.insertResponse(ctx.db, {
    tenantId: ctx.tenantId,
    questionnaireId: survey.q.id,
    versionId: survey.v.id,
    channel: 'app',
    status: 'invited',
    customerId: visit.customerId,
    vehicleId: visit.vehicleId,
    visitId,
    storeId: visit.storeId,
    ownerId,
    invitedAt: now,
    createdAt: now,
  });
  if (!id) return null;
  await touch(ctx, {
    customerId: visit.customerId,
    vehicleId: visit.vehicleId,
    source: 'survey',
    ruleKey: null,
    topic: 'visit',
    kind: 'transactional',
    channel: 'inbox',
    dueAt: now,
    dedupeKey: `survey:${id}:${ownerId}:inbox`,
    priority: 0,
    subject: '请为本次服务评价',
    body: `您的爱车${visit.plate ? `（${visit.plate}）` : ''}已在${visit.storeName}完成服务。请花一分钟告诉我们您的感受，您的意见对我们很重要。`,
    taskTitle: null,
    taskRole: null,
    storeId: visit.storeId,
    assigneeId: null,
    address: ownerId,
    noticeTopic: 'visit_survey',
    link: `/surveys/${id}`,
  });
  return id;
};

const toOwnerSurvey = ({ r, name, definition, plate, storeName }: q.ResponseRow): OwnerSurvey => ({
  id: r.id,
  status: r.status,
  questionnaireName: name,
  visitId: r.visitId,
  plate,
  storeName,
  definition,
  answers: r.answers,
  invitedAt: r.invitedAt?.toISOString() ?? null,
  answeredAt: r.answeredAt?.toISOString() ?? null,
});

const loadOwn = async (ctx: OwnerCtx, id: string) => {
  const row = await q.findOwnerResponse(ctx.db, ctx.tenantId, ctx.actor.id, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

export const ownerSurveys = async (ctx: OwnerCtx) => ({
  items: (await q.ownerResponses(ctx.db, ctx.tenantId, ctx.actor.id)).map(toOwnerSurvey),
});

export const ownerSurvey = async (ctx: OwnerCtx, id: string): Promise<OwnerSurvey> =>
  toOwnerSurvey(await loadOwn(ctx, id));

const answered = () =>
  new AppError('CONFLICT', undefined, { issues: [{ path: 'answers', message: 'survey_answered' }] });

/**
 * The owner's answers, once: every required question on the path answered. The first question's score is
 * the visit's rating too (kept when the visit page rated it first; then it cannot be changed here).
 */
export const answerOwnerSurvey = async (ctx: OwnerCtx, id: string, answers: SurveyAnswers): Promise<OwnerSurvey> => {
  const row = await loadOwn(ctx, id);
  if (row.r.status !== 'invited' && row.r.status !== 'partial') throw answered();
  const first = questionsOf(row.definition)[0]?.key;
  const rated = first ? row.r.answers[first] : undefined;
  const all = rated && first ? { ...answers, [first]: rated } : answers;
  const status = checkAnswers(ctx, row.definition, all, true);
  const now = ctx.clock.now();
  if (!(await q.answerResponse(ctx.db, ctx.tenantId, id, { answers: all, status, answeredAt: now }))) throw answered();
  const score = first ? all[first]?.score : undefined;
  if (row.r.visitId && score !== undefined && !rated)
    await q.mirrorVisitRating(ctx.db, ctx.tenantId, row.r.visitId, {
      ratingScore: score,
      ratingComment: null,
      ratedAt: now,
    });
  await audit(ctx, { action: 'survey.answered', target: { type: 'survey_response', id }, details: { status } });
  // Completed in the app: the "survey completed" points, once per response (docs/loyalty.md).
  if (status === 'complete' && row.r.customerId)
    await earnByRule(ctx, { customerId: row.r.customerId, rule: 'survey', sourceId: id, storeId: row.r.storeId });
  // Under 8 (or unhappy on a critical question): the hot alert, once per response (docs/recovery.md).
  await openAlertFor(ctx, { responseId: id, taskId: null, definition: row.definition, answers: all });
  return ownerSurvey(ctx, id);
};

/**
 * The visit page's 0–10 rating (modules/visits, POST /owner/visits/:id/rating): stored as the first answer of
 * the visit's survey, which stays open for the rest. No invitation (no survey, no app account bound when the
 * car was delivered): the rating is the visit's alone, as before.
 */
export const recordVisitRating = async (ctx: OwnerCtx, visitId: string, score: number): Promise<void> => {
  const response = await q.appResponseOfVisit(ctx.db, ctx.tenantId, visitId);
  if (!response || (response.status !== 'invited' && response.status !== 'partial')) return;
  const row = await q.findResponse(ctx.db, ctx.tenantId, response.id);
  const first = row ? questionsOf(row.definition)[0] : undefined;
  if (!row || first?.type !== 'scale_0_10') return;
  const answers = { ...row.r.answers, [first.key]: { score } };
  const status = checkAnswers(ctx, row.definition, answers, false);
  await q.answerResponse(ctx.db, ctx.tenantId, response.id, { answers, status, answeredAt: null });
  // The rating alone is enough for a hot alert (seed 002: under 8, the advisor calls within the hour).
  await openAlertFor(ctx, { responseId: response.id, taskId: null, definition: row.definition, answers });
};
