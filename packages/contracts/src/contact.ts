import { z } from 'zod';
import {
  careRuleKeys,
  contactTopics,
  suppressionReasons,
  touchChannels,
  touchDecisions,
  touchKinds,
  touchSources,
} from './care.ts';
import { contactPreferences, followUpSlots } from './customers.ts';

/**
 * A tenant's contact policy (issue 5 §4). The floors keep the product's own care flows possible: with
 * no message a week or no call a month, the invitations, reminders and win-back calls could never go.
 * Transactional messages bypass the caps whatever the policy says.
 */
export const contactPolicy = z.strictObject({
  weeklyMessages: z.int().min(1, { message: 'policy_weekly_messages' }).max(14, { message: 'policy_weekly_messages' }),
  monthlyCalls: z.int().min(1, { message: 'policy_monthly_calls' }).max(10, { message: 'policy_monthly_calls' }),
  topicDays: z.int().min(1, { message: 'policy_topic_days' }).max(90, { message: 'policy_topic_days' }),
  postVisitDays: z.int().min(0, { message: 'policy_post_visit_days' }).max(14, { message: 'policy_post_visit_days' }),
});
export type ContactPolicy = z.infer<typeof contactPolicy>;

export const defaultContactPolicy: ContactPolicy = {
  weeklyMessages: 2,
  monthlyCalls: 1,
  topicDays: 30,
  postVisitDays: 3,
};

/** One entry of the contact ledger: what a source wanted to send, and what the gate decided. */
export const touchEntry = z.object({
  id: z.uuid(),
  source: z.enum(touchSources),
  ruleKey: z.enum(careRuleKeys).nullable(),
  topic: z.enum(contactTopics),
  kind: z.enum(touchKinds),
  channel: z.enum(touchChannels),
  decision: z.enum(touchDecisions),
  reason: z.enum(suppressionReasons).nullable(),
  dueAt: z.string(),
  sendAt: z.string().nullable(),
  /** The message as it was (sent or deferred); null when suppressed or for a call. */
  subject: z.string().nullable(),
  body: z.string().nullable(),
  createdAt: z.string(),
});
export type TouchEntry = z.infer<typeof touchEntry>;

export const touchList = z.object({ items: z.array(touchEntry) });
export type TouchList = z.infer<typeof touchList>;

export const touchListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** The owner's 我的 › 消息设置: what they chose, and what reached them or was held back and why. */
export const ownerContactPreferences = contactPreferences.extend({
  preferredSlot: z.enum(followUpSlots).nullable(),
});
export type OwnerContactPreferences = z.infer<typeof ownerContactPreferences>;

export const ownerTouches = z.object({
  /** Null when no customer record matches the account yet (no phone match, no confirmed car). */
  preferences: ownerContactPreferences.nullable(),
  items: z.array(touchEntry),
});
export type OwnerTouches = z.infer<typeof ownerTouches>;
