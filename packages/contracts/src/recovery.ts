// Service recovery (issue 14, What 7): the hot alert an unhappy answer opens, its close and the follow-up
// that asks the customer whether it was resolved. docs/recovery.md.
import { z } from 'zod';
import { isoDay } from './common.ts';
import { optionsOf, questionsOf, walk } from './survey-engine.ts';
import type { SurveyAnswers, SurveyDefinition } from './surveys.ts';

/** Under this on a 0–10 question the answer opens an alert (seed 002: under 8, the advisor calls within the hour). */
export const hotAlertLine = 8;
/** 0–4: strongly dissatisfied — flagged for department heads and a complaint is opened. */
export const strongLine = 4;

/** The customer's reaction to what was done (closing requires it). */
export const recoveryReactions = ['satisfied', 'accepted', 'still_dissatisfied'] as const;
export type RecoveryReaction = (typeof recoveryReactions)[number];

/** The follow-up's answer some days after the close: was it resolved? */
export const recoveryFollowUpAnswers = ['resolved', 'partly', 'not_resolved'] as const;
export type RecoveryFollowUpAnswer = (typeof recoveryFollowUpAnswers)[number];

/**
 * The follow-up call's one question, asked on the call screen of a task of kind `recovery_followup`:
 * 您反映的问题现在解决了吗？ — resolved / partly / not resolved. The answer completes the call and is stored on
 * the alert (docs/recovery.md).
 */
export const recoveryFollowUpInput = z.strictObject({
  answer: z.enum(recoveryFollowUpAnswers),
  /** The attempts the call screen showed (as for any outcome: a stale screen is refused). */
  attempts: z.number().int().min(0),
  note: z.string().trim().max(1000).optional(),
});
export type RecoveryFollowUpInput = z.input<typeof recoveryFollowUpInput>;

export type HotTrigger = { question: string; kind: 'score' | 'critical'; score: number | null };

/**
 * Whether a critical question's answer is a dissatisfied one: a 0–10 under the line, a 1–5 under 4, or a
 * choice whose option is worth under half (不满意 25, 非常不满意 0, 没有排除 0) or is named dissatisfied.
 */
const unhappyChoice = (key: string, score: number | null) => (score !== null && score < 50) || /dissatisfied/.test(key);

/**
 * The answers that open a hot alert, on the path the answers took (a skipped question counts for nothing):
 * every 0–10 answer under 8, and every dissatisfied answer on a question marked critical. Pure: the server
 * decides with it, tests pin it.
 */
export const hotAlertTriggers = (def: SurveyDefinition, answers: SurveyAnswers): HotTrigger[] => {
  const on = new Set(walk(def, answers).path);
  const out: HotTrigger[] = [];
  for (const q of questionsOf(def)) {
    const a = answers[q.key];
    if (!a || !on.has(q.key)) continue;
    if (q.type === 'scale_0_10' && a.score !== undefined) {
      if (a.score < hotAlertLine) out.push({ question: q.key, kind: 'score', score: a.score });
      continue;
    }
    if (!q.critical) continue;
    if (q.type === 'scale_1_5') {
      if (a.score !== undefined && a.score < 4) out.push({ question: q.key, kind: 'critical', score: a.score });
      continue;
    }
    const chosen = a.choices ?? (a.choice === undefined ? [] : [a.choice]);
    const options = optionsOf(q);
    if (chosen.some((c) => unhappyChoice(c, options.find((o) => o.key === c)?.score ?? null)))
      out.push({ question: q.key, kind: 'critical', score: null });
  }
  return out;
};

/** The lowest 0–10 score among the triggers (null: opened by a critical answer alone). */
export const lowestScore = (triggers: HotTrigger[]): number | null => {
  const scores = triggers.filter((t) => t.kind === 'score' && t.score !== null).map((t) => t.score as number);
  return scores.length > 0 ? Math.min(...scores) : null;
};

const instant = z.string();

export const recoveryStatuses = ['open', 'closed'] as const;

export const recoveryAlert = z.object({
  id: z.uuid(),
  responseId: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  phone: z.string().nullable(),
  vehicleId: z.uuid().nullable(),
  plate: z.string().nullable(),
  visitId: z.uuid().nullable(),
  storeId: z.uuid().nullable(),
  storeName: z.string().nullable(),
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The lowest 0–10 score (null: a critical answer opened it). */
  score: z.number().int().nullable(),
  /** The questions whose answers opened it. */
  triggers: z.array(z.string()),
  questionnaireName: z.string(),
  /** 0–4 or still dissatisfied: flagged for department heads, a complaint opened. */
  strong: z.boolean(),
  status: z.enum(recoveryStatuses),
  openedAt: instant,
  dueAt: instant,
  /** Open past its due time. */
  late: z.boolean(),
  escalatedAt: instant.nullable(),
  escalatedTo: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  closedAt: instant.nullable(),
  closedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  action: z.string().nullable(),
  reaction: z.string().nullable(),
  reactionCode: z.enum(recoveryReactions).nullable(),
  /** Closed by its due time. */
  onTime: z.boolean().nullable(),
  followUpTaskId: z.uuid().nullable(),
  followUpDueAt: instant.nullable(),
  followUpAnswer: z.enum(recoveryFollowUpAnswers).nullable(),
  complaintId: z.uuid().nullable(),
});
export type RecoveryAlert = z.infer<typeof recoveryAlert>;

/** One answer as the customer gave it, worded (the alert page shows every answer of the response). */
export const recoveryAnswer = z.object({
  key: z.string(),
  text: z.string(),
  answer: z.string(),
  /** This answer opened the alert. */
  hot: z.boolean(),
});
export const recoveryAlertDetail = z.object({
  alert: recoveryAlert,
  answers: z.array(recoveryAnswer),
  /** The server's time: a countdown on a device whose clock is off counts from it. */
  now: instant,
});
export type RecoveryAlertDetail = z.infer<typeof recoveryAlertDetail>;

export const recoveryListQuery = z.object({
  /** mine: assigned or escalated to me; store: the store's (recovery.supervise). */
  scope: z.enum(['mine', 'store']).default('mine'),
  status: z.enum(['open', 'closed', 'all']).default('open'),
  /** A group role picks the store (others see their own). */
  storeId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export const recoveryPageSize = 50;
export const recoveryList = z.object({
  items: z.array(recoveryAlert),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The server's time: a countdown on a device whose clock is off counts from it. */
  now: instant,
});
export type RecoveryList = z.infer<typeof recoveryList>;

/**
 * Closing: what was done and how the customer took it — both required. Missing or blank ones are refused by
 * the service with its own message (请填写…), so the three fields read as one form's checks.
 */
export const recoveryClose = z.strictObject({
  action: z.string().trim().max(2000).default(''),
  reaction: z.string().trim().max(2000).default(''),
  reactionCode: z.enum(recoveryReactions).nullable().default(null),
});
export type RecoveryCloseInput = z.input<typeof recoveryClose>;

/** The tenant's tuning: days after the close the follow-up call asks whether it was resolved. */
export const recoveryPolicy = z.strictObject({ followUpDays: z.number().int().min(1).max(30).default(3) });
export type RecoveryPolicy = z.infer<typeof recoveryPolicy>;
export const defaultRecoveryPolicy: RecoveryPolicy = { followUpDays: 3 };

/** Recovery on time (closed within the due time / all closed), per store and advisor, over closing days. */
export const recoveryOnTimeQuery = z.object({ from: isoDay, to: isoDay, storeId: z.uuid().optional() });
export const recoveryOnTimeRow = z.object({
  storeId: z.uuid().nullable(),
  storeName: z.string().nullable(),
  /** null: the store's total. */
  advisorId: z.uuid().nullable(),
  advisorName: z.string().nullable(),
  closed: z.number().int(),
  onTime: z.number().int(),
  /** onTime / closed, 0–1 (null when none closed). */
  rate: z.number().nullable(),
});
export type RecoveryOnTimeRow = z.infer<typeof recoveryOnTimeRow>;
export const recoveryOnTime = z.object({ from: z.string(), to: z.string(), rows: z.array(recoveryOnTimeRow) });
export type RecoveryOnTime = z.infer<typeof recoveryOnTime>;
