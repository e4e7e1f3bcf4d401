import { questionsOf, surveyDefinition, type SurveyDefinition } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { touch } from '../contact/gate.ts';
import * as aq from './activity.queries.ts';
import * as q from './surveys.queries.ts';

/**
 * The textbook's activity questionnaire (客户管理活动满意度, template `activity`) offered in the owner app
 * after an event (docs/events.md): one app response per attendee, invited through the contact gate (source
 * `survey`, kind care, topic follow_up: the caps and the owner's choices apply), linking to /surveys/<id>.
 * Answered like the post-delivery survey. Null when the tenant has no published activity questionnaire.
 */
export const inviteToActivitySurvey = async (
  ctx: Ctx,
  input: { customerId: string; ownerId: string; storeId: string | null; dedupeKey: string; eventTitle: string },
): Promise<string | null> => {
  const version = await aq.publishedTemplateVersion(ctx.sql, ctx.tenantId, 'activity');
  if (!version) return null;
  const now = ctx.clock.now();
  const id = await q.insertResponse(ctx.db, {
    tenantId: ctx.tenantId,
    questionnaireId: version.questionnaire_id,
    versionId: version.version_id,
    channel: 'app',
    status: 'invited',
    customerId: input.customerId,
    storeId: input.storeId,
    ownerId: input.ownerId,
    invitedAt: now,
    createdAt: now,
  });
  if (!id) return null;
  await touch(ctx, {
    customerId: input.customerId,
    vehicleId: null,
    source: 'survey',
    ruleKey: null,
    topic: 'follow_up',
    kind: 'care',
    channel: 'inbox',
    dueAt: now,
    dedupeKey: input.dedupeKey,
    priority: 40,
    subject: '活动满意度问卷',
    body: `感谢您参加「${input.eventTitle}」。请花一分钟告诉我们您的感受，帮助我们把活动办得更好。`,
    taskTitle: null,
    taskRole: null,
    storeId: input.storeId,
    assigneeId: null,
    address: input.ownerId,
    noticeTopic: 'activity_survey',
    link: `/surveys/${id}`,
  });
  return id;
};

/**
 * The satisfaction of answered activity questionnaires: the overall question's (factor `overall`, else the
 * first single choice with scored options) mean score and the share of the top two options.
 */
export const activitySatisfaction = async (ctx: Ctx, responseIds: readonly string[]) => {
  const rows = await aq.responsesByIds(ctx.sql, ctx.tenantId, responseIds);
  const answered = rows.filter((r) => r.status === 'complete' || r.status === 'partial');
  const definitions = new Map<string, SurveyDefinition | null>();
  const scores: { score: number; top: boolean }[] = [];
  for (const r of answered) {
    if (!definitions.has(r.version_id)) {
      const parsed = surveyDefinition.safeParse(await aq.versionDefinition(ctx.sql, ctx.tenantId, r.version_id));
      definitions.set(r.version_id, parsed.success ? parsed.data : null);
    }
    const definition = definitions.get(r.version_id);
    if (!definition) continue;
    const questions = questionsOf(definition).filter((x) => x.options.some((o) => typeof o.score === 'number'));
    const overall = questions.find((x) => x.factor === 'overall') ?? questions[0];
    const answer = overall ? (r.answers[overall.key] as { choice?: string } | undefined) : undefined;
    const scored = overall?.options.filter((o) => typeof o.score === 'number') ?? [];
    const option = scored.find((o) => o.key === answer?.choice);
    if (option?.score === undefined || option.score === null) continue;
    const ranked = [...scored].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    scores.push({ score: option.score, top: ranked.slice(0, 2).some((o) => o.key === option.key) });
  }
  return {
    invited: rows.length,
    answered: scores.length,
    averageScore:
      scores.length > 0 ? Math.round((scores.reduce((s, x) => s + x.score, 0) / scores.length) * 10) / 10 : null,
    satisfiedShare:
      scores.length > 0 ? Math.round((scores.filter((x) => x.top).length / scores.length) * 10_000) / 100 : null,
  };
};
