import { z } from 'zod';
import { uuid } from './common.ts';
import { visitPhotoMaxChars } from './visits.ts';

/** 咨询 (docs/chat.md): the owner's three advisors, and the assistant that answers from the knowledge base. */
export const advisorRoles = ['sales', 'service', 'insurance'] as const;
export type AdvisorRole = (typeof advisorRoles)[number];
/** A conversation is with one of the three advisors, or with the assistant (智能助手). */
export const chatKinds = [...advisorRoles, 'assistant'] as const;
export type ChatKind = (typeof chatKinds)[number];
export const chatSenders = ['owner', 'staff', 'assistant', 'system'] as const;
export type ChatSender = (typeof chatSenders)[number];
/** An assistant's answer: answered (confident), unsure (handed over), resolved (the owner's 已解决), handed_over (the owner asked for a person). */
export const assistOutcomes = ['answered', 'unsure', 'resolved', 'handed_over'] as const;
export type AssistOutcome = (typeof assistOutcomes)[number];

export const chatTextMax = 2000;
const text = z.string().trim().max(chatTextMax, { message: 'chat_text_size' });
const photo = z.string().min(1).max(visitPhotoMaxChars, { message: 'photo_size' });
/** A message: text, a photo (a data URL compressed by the app, re-encoded by the server), or both; never neither. */
export const chatMessageInput = z
  .strictObject({ text: text.default(''), photo: photo.optional() })
  .refine((m) => m.text.length > 0 || m.photo !== undefined, { message: 'chat_empty', path: ['text'] });
export type ChatMessageInput = z.input<typeof chatMessageInput>;

/** Where an answer of the assistant came from: an article, or the owner's own records. */
export const chatSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('article'), id: uuid, title: z.string() }),
  z.object({ kind: z.literal('own_data'), topic: z.enum(['next_service', 'booking', 'visit']) }),
]);
export type ChatSource = z.infer<typeof chatSource>;

/** The assistant's conversation as a handover carries it: the owner's question and what preceded it. */
export const chatAttachment = z.array(z.object({ sender: z.enum(chatSenders), text: z.string(), at: z.string() }));

export const chatMessage = z.object({
  id: uuid,
  conversationId: uuid,
  sender: z.enum(chatSenders),
  senderName: z.string().nullable(),
  text: z.string(),
  hasPhoto: z.boolean(),
  at: z.string(),
  source: chatSource.nullable(),
  outcome: z.enum(assistOutcomes).nullable(),
  /** A handover: the advisor conversation the question went to. */
  handoverTo: z.enum(advisorRoles).nullable(),
  attachment: chatAttachment.nullable(),
});
export type ChatMessage = z.infer<typeof chatMessage>;

/** One of the owner's conversations in the 咨询 list (the conversation may not exist yet: id null). */
export const ownerChatEntry = z.object({
  kind: z.enum(chatKinds),
  conversationId: uuid.nullable(),
  /** The assigned advisor's name, null for the store's pool (and the assistant). */
  advisorName: z.string().nullable(),
  storeName: z.string().nullable(),
  unread: z.number(),
  lastText: z.string().nullable(),
  lastAt: z.string().nullable(),
});
export type OwnerChatEntry = z.infer<typeof ownerChatEntry>;
/** `canChat` is false until the owner has a confirmed car (a conversation belongs to a customer of the store). */
export const ownerChats = z.object({ canChat: z.boolean(), items: z.array(ownerChatEntry) });
export type OwnerChats = z.infer<typeof ownerChats>;

export const chatThread = z.object({ entry: ownerChatEntry, messages: z.array(chatMessage) });
export type ChatThread = z.infer<typeof chatThread>;
export const chatKindParams = z.strictObject({ kind: z.enum(chatKinds) });
/** What a post answers: the messages it added (the owner's, and the assistant's or the office-hours reply). */
export const chatPosted = z.object({ messages: z.array(chatMessage) });
export type ChatPosted = z.infer<typeof chatPosted>;

/** One conversation in the advisor app's 会员咨询 inbox. */
export const staffConversation = z.object({
  id: uuid,
  kind: z.enum(advisorRoles),
  storeId: uuid,
  customerId: uuid,
  customerName: z.string(),
  phoneMasked: z.string().nullable(),
  /** The assigned advisor of this role (null: the store's pool answers). */
  advisorName: z.string().nullable(),
  mine: z.boolean(),
  unread: z.number(),
  lastText: z.string().nullable(),
  lastAt: z.string().nullable(),
  waitingSince: z.string().nullable(),
});
export type StaffConversation = z.infer<typeof staffConversation>;
export const staffConversations = z.object({ items: z.array(staffConversation), unread: z.number() });
export const staffThread = z.object({ conversation: staffConversation, messages: z.array(chatMessage) });
export type StaffThread = z.infer<typeof staffThread>;

export const chatStatsQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(30) });
/** Response times per staff member (first answer to a waiting owner), and the assistant's closed questions. */
export const chatStats = z.object({
  days: z.number(),
  staff: z.array(
    z.object({
      staffId: uuid,
      name: z.string(),
      replies: z.number(),
      medianMinutes: z.number(),
      p90Minutes: z.number(),
      /** The median counted in business hours of the tenant calendar (the night does not count against them). */
      medianBusinessMinutes: z.number().nullable(),
    }),
  ),
  waiting: z.number(),
  assistant: z.object({
    questions: z.number(),
    answered: z.number(),
    resolved: z.number(),
    handedOver: z.number(),
    /** Questions closed without a person: resolved, or answered and not handed over. */
    closed: z.number(),
    closedRate: z.number(),
  }),
});
export type ChatStats = z.infer<typeof chatStats>;

/** `event: chat` on the owner's and the staff's streams: ids only, the app refetches. */
export const chatLiveEvent = z.object({ conversationId: uuid, kind: z.enum(chatKinds), at: z.string() });
export type ChatLiveEvent = z.infer<typeof chatLiveEvent>;
