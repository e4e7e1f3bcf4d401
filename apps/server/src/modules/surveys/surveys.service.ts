import {
  definitionIssues,
  draftUpdate,
  fixedOptions,
  questionnaireCreate,
  surveyDefinition,
  surveyIssueMessage,
  type DraftUpdate,
  type QuestionnaireCreate,
  type QuestionnaireDetail,
  type QuestionnaireSummary,
  type SurveyDefinition,
  type SurveyDefinitionInput,
  type SurveyIssue,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as q from './surveys.queries.ts';
import { templates } from './templates/index.ts';

/** The issues as a 400 whose messages name the question, in the caller's language. */
export const refuse = (ctx: Ctx, issues: SurveyIssue[]): AppError =>
  new AppError('VALIDATION_FAILED', undefined, {
    issues: issues.map((i) => ({ path: i.path, message: surveyIssueMessage(ctx.request.locale, i) })),
  });

/** Defaults filled in; the fixed types' options are the type's own (the builder's list is not kept). */
export const normalize = (input: SurveyDefinitionInput): SurveyDefinition => {
  const def = surveyDefinition.parse(input);
  for (const s of def.sections) for (const x of s.questions) if (fixedOptions[x.type]) x.options = [];
  return def;
};

/** A definition that is refused unless its routing holds (jumps, loops, reachability) — on every save. */
export const checkedDefinition = (ctx: Ctx, input: SurveyDefinitionInput, ownerSurvey: boolean): SurveyDefinition => {
  const def = normalize(input);
  const issues = definitionIssues(def, { ownerSurvey });
  if (issues.length > 0) throw refuse(ctx, issues);
  return def;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

const summaryOf = (row: q.QuestionnaireRow, versions: q.VersionRow[], responses: number): QuestionnaireSummary => {
  const published = versions.find((v) => v.status === 'published');
  const draft = versions.find((v) => v.status === 'draft');
  return {
    id: row.id,
    templateKey: row.templateKey,
    purpose: row.purpose,
    name: row.name,
    ownerSurvey: row.ownerSurvey,
    published: published
      ? { id: published.id, number: published.number, publishedAt: iso(published.publishedAt) ?? '' }
      : null,
    draft: draft ? { id: draft.id, number: draft.number } : null,
    responses,
  };
};

export const listQuestionnaires = async (ctx: StaffCtx): Promise<{ items: QuestionnaireSummary[] }> => {
  authorize(ctx.actor, 'care.tasks');
  const rows = await q.listQuestionnaires(ctx.db, ctx.tenantId);
  const versions = await q.versionsOf(
    ctx.db,
    ctx.tenantId,
    rows.map((r) => r.id),
  );
  const counts = await q.responseCounts(ctx.db, ctx.tenantId);
  return {
    items: rows.map((r) =>
      summaryOf(
        r,
        versions.filter((v) => v.questionnaireId === r.id),
        counts.get(r.id) ?? 0,
      ),
    ),
  };
};

const loadQuestionnaire = async (ctx: Ctx, id: string) => {
  const row = await q.findQuestionnaire(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

export const getQuestionnaire = async (ctx: StaffCtx, id: string): Promise<QuestionnaireDetail> => {
  authorize(ctx.actor, 'care.tasks');
  const row = await loadQuestionnaire(ctx, id);
  const versions = await q.versionsOf(ctx.db, ctx.tenantId, [id]);
  const counts = await q.responseCounts(ctx.db, ctx.tenantId);
  return {
    ...summaryOf(row, versions, counts.get(id) ?? 0),
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number,
      status: v.status,
      definition: v.definition,
      createdAt: v.createdAt.toISOString(),
      publishedAt: iso(v.publishedAt),
    })),
  };
};

/** A questionnaire of the tenant's own (purpose as chosen), its first version a draft. */
export const createQuestionnaire = async (ctx: StaffCtx, input: QuestionnaireCreate): Promise<QuestionnaireDetail> => {
  authorize(ctx.actor, 'survey.manage');
  const data = questionnaireCreate.parse(input);
  const definition = checkedDefinition(ctx, data.definition, false);
  const now = ctx.clock.now();
  const row = await q.insertQuestionnaire(ctx.db, {
    tenantId: ctx.tenantId,
    templateKey: null,
    purpose: data.purpose,
    name: data.name,
    createdAt: now,
    updatedAt: now,
  });
  if (!row) throw new Error('questionnaire insert returned nothing');
  await q.insertVersion(ctx.db, {
    tenantId: ctx.tenantId,
    questionnaireId: row.id,
    number: 1,
    status: 'draft',
    definition,
    createdAt: now,
    createdBy: ctx.actor.id,
  });
  await audit(ctx, {
    action: 'questionnaire.created',
    target: { type: 'questionnaire', id: row.id },
    details: { purpose: data.purpose },
  });
  return getQuestionnaire(ctx, row.id);
};

/** The draft to edit: the open one, or a new one copied from the published version. */
export const openDraft = async (ctx: StaffCtx, id: string): Promise<QuestionnaireDetail> => {
  authorize(ctx.actor, 'survey.manage');
  await loadQuestionnaire(ctx, id);
  const versions = await q.versionsOf(ctx.db, ctx.tenantId, [id]);
  if (!versions.some((v) => v.status === 'draft')) {
    const base = versions.find((v) => v.status === 'published') ?? versions[0];
    if (!base) throw new AppError('NOT_FOUND');
    await q.insertVersion(ctx.db, {
      tenantId: ctx.tenantId,
      questionnaireId: id,
      number: Math.max(...versions.map((v) => v.number)) + 1,
      status: 'draft',
      definition: base.definition,
      createdAt: ctx.clock.now(),
      createdBy: ctx.actor.id,
    });
  }
  return getQuestionnaire(ctx, id);
};

const noDraft = () =>
  new AppError('CONFLICT', undefined, { issues: [{ path: 'draft', message: 'questionnaire_no_draft' }] });

export const saveDraft = async (ctx: StaffCtx, id: string, input: DraftUpdate): Promise<QuestionnaireDetail> => {
  authorize(ctx.actor, 'survey.manage');
  const row = await loadQuestionnaire(ctx, id);
  const data = draftUpdate.parse(input);
  const definition = checkedDefinition(ctx, data.definition, row.ownerSurvey);
  if (!(await q.saveDraft(ctx.db, ctx.tenantId, id, definition))) throw noDraft();
  await q.touchQuestionnaire(ctx.db, ctx.tenantId, id, {
    ...(data.name ? { name: data.name } : {}),
    updatedAt: ctx.clock.now(),
  });
  return getQuestionnaire(ctx, id);
};

/** The draft is checked once more and published; the version before it is superseded, never changed. */
export const publish = async (ctx: StaffCtx, id: string): Promise<QuestionnaireDetail> => {
  authorize(ctx.actor, 'survey.manage');
  const row = await loadQuestionnaire(ctx, id);
  const draft = (await q.versionsOf(ctx.db, ctx.tenantId, [id])).find((v) => v.status === 'draft');
  if (!draft) throw noDraft();
  checkedDefinition(ctx, draft.definition, row.ownerSurvey);
  const now = ctx.clock.now();
  if (!(await q.publishDraft(ctx.db, ctx.tenantId, id, { at: now, staffId: ctx.actor.id }))) throw noDraft();
  await q.touchQuestionnaire(ctx.db, ctx.tenantId, id, { updatedAt: now });
  await audit(ctx, {
    action: 'questionnaire.published',
    target: { type: 'questionnaire', id },
    details: { version: draft.number },
  });
  return getQuestionnaire(ctx, id);
};

/**
 * The textbook's templates, published as version 1, for a tenant that lacks any of them: run at
 * provisioning and every night (a tenant made before a template shipped gets it then). Idempotent: keyed on
 * the template's key. Returns how many were installed.
 */
export const installTemplates = async (ctx: Ctx): Promise<number> => {
  const have = await q.templateKeysOf(ctx.db, ctx.tenantId);
  const now = ctx.clock.now();
  let installed = 0;
  for (const t of templates) {
    if (have.has(t.key)) continue;
    const definition = normalize(t.definition);
    const row = await q.insertQuestionnaire(ctx.db, {
      tenantId: ctx.tenantId,
      templateKey: t.key,
      purpose: t.purpose,
      name: t.name,
      ownerSurvey: t.ownerSurvey && !(await q.ownerSurveyVersion(ctx.db, ctx.tenantId)),
      createdAt: now,
      updatedAt: now,
    });
    if (!row) continue;
    await q.insertVersion(ctx.db, {
      tenantId: ctx.tenantId,
      questionnaireId: row.id,
      number: 1,
      status: 'published',
      definition,
      createdAt: now,
      publishedAt: now,
    });
    installed++;
  }
  return installed;
};
