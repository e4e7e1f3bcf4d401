import { z } from 'zod';
import { completedOutcome } from './calls.ts';

/**
 * Questionnaires (回访问卷, seed 001 ch3-4 §4 and ch5-7 §1.7): a questionnaire is versioned — a draft is
 * edited, publishing it supersedes the version before, and a published version is never edited again.
 * Answers keep the version they were given on. The routing engine is in survey-engine.ts.
 */
export const questionnairePurposes = [
  'sales_followup', // 销售回访
  'repair_followup', // 维修回访
  'delivery_7day', // 交车后七日回访（满意度）
  'post_service', // 售后服务调研问卷（附录C）
  'activity', // 客户管理活动满意度
  'custom',
] as const;
export type QuestionnairePurpose = (typeof questionnairePurposes)[number];

/** 文首 / 主体 / 子体 / 文尾 (ch3-4 §4). */
export const sectionKinds = ['header', 'body', 'sub_body', 'closing'] as const;
export type SectionKind = (typeof sectionKinds)[number];

export const questionTypes = [
  'single', // 单选
  'multiple', // 多选
  'choice_other', // 单选，含“其他（请注明）”
  'yes_no_reason', // 是/否，须写明原因
  'scale_0_10',
  'scale_1_5',
  'text', // 开放题
  'awareness', // 知道 / 不知道
  'consent', // 愿意 / 不愿意
] as const;
export type QuestionType = (typeof questionTypes)[number];

/** Types whose options are fixed by the type (the builder does not edit them). */
export const fixedOptions: Partial<Record<QuestionType, readonly { key: string; label: string }[]>> = {
  yes_no_reason: [
    { key: 'yes', label: '是' },
    { key: 'no', label: '否' },
  ],
  awareness: [
    { key: 'know', label: '知道' },
    { key: 'dont_know', label: '不知道' },
  ],
  consent: [
    { key: 'agree', label: '愿意' },
    { key: 'decline', label: '不愿意' },
  ],
};

export const surveyKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,32}$/, { message: 'survey_key' });

export const surveyOption = z.object({
  key: surveyKey,
  label: z.string().trim().min(1).max(200),
  /** The "其他" option of a choice-with-other question: choosing it asks for the text. */
  other: z.boolean().default(false),
  /** What the answer is worth for the indices (e.g. 非常满意 = 100), or null (很难说). */
  score: z.number().min(0).max(1000).nullable().default(null),
});
export type SurveyOption = z.output<typeof surveyOption>;

/** in / not_in: the answer's option(s); lt / gte: a scale's score. */
export const conditionOps = ['in', 'not_in', 'lt', 'gte'] as const;
export type ConditionOp = (typeof conditionOps)[number];

const test = {
  op: z.enum(conditionOps),
  values: z.array(surveyKey).max(40).default([]),
  value: z.number().int().min(0).max(10).nullable().default(null),
};

/** Ask a question only when an earlier answer says so (Q7: only if Q5 is not 更换轮胎 …). */
export const surveyCondition = z.object({ question: surveyKey, ...test });
export type SurveyCondition = z.output<typeof surveyCondition>;

/** After the answer: go to a question (转N) or end the questionnaire (致谢，终止). */
export const surveyRule = z.object({
  when: z.object(test),
  action: z.enum(['goto', 'terminate']),
  target: surveyKey.nullable().default(null),
});
export type SurveyRule = z.output<typeof surveyRule>;

export const surveyQuestion = z.object({
  key: surveyKey,
  text: z.string().trim().min(1).max(1000),
  type: z.enum(questionTypes),
  required: z.boolean().default(true),
  /** 请读出下列各项 / 请不要读出: whether the agent reads the options out on the phone. */
  readAloud: z.boolean().default(true),
  /** An unhappy answer here opens a recovery whatever the score (issue 14, What 7). */
  critical: z.boolean().default(false),
  /** The index factor the answer feeds (CSI 'quality', SSI 'delivery_process'…). */
  factor: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'survey_factor' })
    .nullable()
    .default(null),
  /** 访问员注意: the interviewer's note. */
  note: z.string().trim().max(1000).nullable().default(null),
  options: z.array(surveyOption).max(40).default([]),
  /** yes_no_reason: which answer must give its reason. */
  reasonOn: z.enum(['yes', 'no', 'always']).nullable().default(null),
  /** Every condition must hold for the question to be asked. */
  askIf: z.array(surveyCondition).max(10).default([]),
  rules: z.array(surveyRule).max(20).default([]),
});
export type SurveyQuestion = z.output<typeof surveyQuestion>;

export const surveySection = z.object({
  key: surveyKey,
  kind: z.enum(sectionKinds),
  title: z.string().trim().max(200).default(''),
  /** What the agent says (or the app shows) before the section's questions. */
  script: z.string().trim().max(4000).default(''),
  questions: z.array(surveyQuestion).max(120).default([]),
});
export type SurveySection = z.output<typeof surveySection>;

export const surveyDefinition = z.object({ sections: z.array(surveySection).min(1).max(20) });
export type SurveyDefinition = z.output<typeof surveyDefinition>;
export type SurveyDefinitionInput = z.input<typeof surveyDefinition>;

/** One answer; which fields it has depends on the question's type (survey-engine.ts checks them). */
export const surveyAnswer = z.strictObject({
  choice: surveyKey.optional(),
  choices: z.array(surveyKey).max(40).optional(),
  score: z.number().int().min(0).max(10).optional(),
  text: z.string().trim().max(2000).optional(),
});
export type SurveyAnswer = z.output<typeof surveyAnswer>;
export const surveyAnswers = z.record(surveyKey, surveyAnswer);
export type SurveyAnswers = z.output<typeof surveyAnswers>;

export const versionStatuses = ['draft', 'published', 'superseded'] as const;
export type VersionStatus = (typeof versionStatuses)[number];

export const questionnaireVersion = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(versionStatuses),
  definition: surveyDefinition,
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type QuestionnaireVersion = z.infer<typeof questionnaireVersion>;

export const questionnaireSummary = z.object({
  id: z.uuid(),
  /** The shipped template it came from ('post_service'…), null for the tenant's own. */
  templateKey: z.string().nullable(),
  purpose: z.enum(questionnairePurposes),
  name: z.string(),
  /** The owner app's post-delivery survey (one per tenant; its first question is the 0–10 rating). */
  ownerSurvey: z.boolean(),
  published: z.object({ id: z.uuid(), number: z.number().int(), publishedAt: z.string() }).nullable(),
  draft: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
  responses: z.number().int(),
});
export type QuestionnaireSummary = z.infer<typeof questionnaireSummary>;
export const questionnaireList = z.object({ items: z.array(questionnaireSummary) });

export const questionnaireDetail = questionnaireSummary.extend({ versions: z.array(questionnaireVersion) });
export type QuestionnaireDetail = z.infer<typeof questionnaireDetail>;

export const questionnaireCreate = z.object({
  purpose: z.enum(questionnairePurposes),
  name: z.string().trim().min(1).max(100),
  definition: surveyDefinition,
});
export type QuestionnaireCreate = z.input<typeof questionnaireCreate>;

export const draftUpdate = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  definition: surveyDefinition,
});
export type DraftUpdate = z.input<typeof draftUpdate>;

export const responseChannels = ['call', 'app'] as const;
export type ResponseChannel = (typeof responseChannels)[number];
export const responseStatuses = ['invited', 'partial', 'complete', 'terminated', 'expired'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

/** A set of answers recorded by staff (during a call, or typed from paper). */
export const responseInput = z.object({
  versionId: z.uuid(),
  customerId: z.uuid(),
  vehicleId: z.uuid().nullable().default(null),
  visitId: z.uuid().nullable().default(null),
  taskId: z.uuid().nullable().default(null),
  answers: surveyAnswers,
  /**
   * Answers given on a call: the call's completed outcome, recorded on the task (`taskId`, required then) in
   * the same transaction as the answers (docs/calls.md, docs/recovery.md).
   */
  outcome: completedOutcome.omit({ outcome: true }).optional(),
});
export type ResponseInput = z.input<typeof responseInput>;

export const surveyResponse = z.object({
  id: z.uuid(),
  questionnaireId: z.uuid(),
  versionId: z.uuid(),
  versionNumber: z.number().int(),
  questionnaireName: z.string(),
  channel: z.enum(responseChannels),
  status: z.enum(responseStatuses),
  customerId: z.uuid(),
  vehicleId: z.uuid().nullable(),
  visitId: z.uuid().nullable(),
  taskId: z.uuid().nullable(),
  storeId: z.uuid().nullable(),
  answers: surveyAnswers,
  recordedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  invitedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type SurveyResponse = z.infer<typeof surveyResponse>;
export const surveyResponseList = z.object({ items: z.array(surveyResponse) });

/** The owner app's invitation: the questionnaire as published, with what was answered already (the rating). */
export const ownerSurvey = z.object({
  id: z.uuid(),
  status: z.enum(responseStatuses),
  questionnaireName: z.string(),
  visitId: z.uuid().nullable(),
  plate: z.string().nullable(),
  storeName: z.string().nullable(),
  definition: surveyDefinition,
  answers: surveyAnswers,
  invitedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type OwnerSurvey = z.infer<typeof ownerSurvey>;
export const ownerSurveyList = z.object({
  items: z.array(
    ownerSurvey.pick({ id: true, status: true, questionnaireName: true, visitId: true, plate: true, invitedAt: true }),
  ),
});
export const ownerSurveyAnswerBody = z.object({ answers: surveyAnswers });
export type OwnerSurveyAnswerBody = z.input<typeof ownerSurveyAnswerBody>;
