import {
  chatKinds,
  type AdvisorRole,
  type ChatKind,
  type ChatMessage,
  type ChatMessageInput,
  type ChatPosted,
  type ChatThread,
  type OwnerChats,
} from '@m4s/contracts';
import type { OwnerCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodePhoto } from '../../platform/photos.ts';
import { handoverRoleOf } from './assistant.rules.ts';
import { answerQuestion } from './assistant.ts';
import { announce, calendarNow, intake, isOpen, newId, preview } from './chat.common.ts';
import { toMessage, toOwnerEntry } from './chat.present.ts';
import * as q from './chat.queries.ts';

/** The owner's side of 咨询 (docs/chat.md): their three advisors and the assistant. */

const customerOf = async (ctx: OwnerCtx) => {
  const c = await q.customerOfOwner(ctx.sql, ctx.tenantId, ctx.actor.id);
  if (!c?.store_id) return null;
  return { customerId: c.id, storeId: c.store_id };
};

const requireCustomer = async (ctx: OwnerCtx) => {
  const c = await customerOf(ctx);
  if (!c) throw AppError.field('kind', 'chat_no_car');
  return c;
};

export const ownerChats = async (ctx: OwnerCtx): Promise<OwnerChats> => {
  const c = await customerOf(ctx);
  if (!c) return { canChat: false, items: [] };
  const rows = await q.conversationsOfCustomer(ctx.sql, ctx.tenantId, c.customerId);
  const advisors = await q.advisorsOfCustomer(ctx.sql, ctx.tenantId, c.customerId);
  const store = await q.storeName(ctx.sql, ctx.tenantId, c.storeId);
  return {
    canChat: true,
    items: chatKinds.map((kind) =>
      toOwnerEntry(
        kind,
        rows.find((r) => r.kind === kind),
        advisors.get(kind) ?? null,
        store,
      ),
    ),
  };
};

/** One conversation; empty until the first message (and for an owner without a car, who cannot write yet). */
export const ownerThread = async (ctx: OwnerCtx, kind: ChatKind): Promise<ChatThread> => {
  const c = await customerOf(ctx);
  if (!c) return { entry: toOwnerEntry(kind, undefined, null, null), messages: [] };
  const rows = await q.conversationsOfCustomer(ctx.sql, ctx.tenantId, c.customerId);
  const row = rows.find((r) => r.kind === kind);
  const advisors = await q.advisorsOfCustomer(ctx.sql, ctx.tenantId, c.customerId);
  const entry = toOwnerEntry(
    kind,
    row,
    advisors.get(kind) ?? null,
    await q.storeName(ctx.sql, ctx.tenantId, c.storeId),
  );
  const messages = row ? (await q.messagesOf(ctx.sql, ctx.tenantId, row.id)).map(toMessage) : [];
  return { entry, messages };
};

const conversationFor = async (ctx: OwnerCtx, kind: ChatKind) => {
  const c = await requireCustomer(ctx);
  const id = await q.ensureConversation(ctx.sql, ctx.tenantId, { id: newId(), ...c, kind, now: ctx.clock.now() });
  return { id, kind, ...c };
};

const loadMessages = async (ctx: OwnerCtx, ids: string[]): Promise<ChatMessage[]> => {
  const out: ChatMessage[] = [];
  for (const id of ids) {
    const m = await q.messageById(ctx.sql, ctx.tenantId, id);
    if (m) out.push(toMessage(m));
  }
  return out;
};

/**
 * Hands a question to the advisor of `role`: one message in that conversation carrying the question and the
 * assistant's conversation (its last ten messages); the advisor's side hears of it at once.
 */
const handOver = async (ctx: OwnerCtx, assistantConversationId: string, question: string, role: AdvisorRole) => {
  const target = await conversationFor(ctx, role);
  const attachment = (await q.messagesOf(ctx.sql, ctx.tenantId, assistantConversationId, 10)).map((m) => ({
    sender: m.sender,
    text: m.body,
    at: m.created_at.toISOString(),
  }));
  const now = ctx.clock.now();
  await q.insertMessage(ctx.sql, ctx.tenantId, {
    id: newId(),
    conversationId: target.id,
    sender: 'system',
    ownerId: ctx.actor.id,
    body: question,
    attachment,
    at: now,
  });
  await q.touchConversation(ctx.sql, ctx.tenantId, target.id, {
    text: preview(question, null),
    at: now,
    unread: 'staff',
    waiting: 'start',
  });
  await announce(ctx, target, { owners: true, staff: true });
};

const askAssistant = async (ctx: OwnerCtx, question: string): Promise<ChatPosted> => {
  const conv = await conversationFor(ctx, 'assistant');
  const now = ctx.clock.now();
  const questionId = newId();
  await q.insertMessage(ctx.sql, ctx.tenantId, {
    id: questionId,
    conversationId: conv.id,
    sender: 'owner',
    ownerId: ctx.actor.id,
    body: question,
    at: now,
  });
  const cal = await calendarNow(ctx);
  const answer = await answerQuestion(ctx, question, cal.zone);
  const answerId = newId();
  // One millisecond later: the answer sorts after the question it answers.
  const at = new Date(now.getTime() + 1);
  await q.insertMessage(ctx.sql, ctx.tenantId, {
    id: answerId,
    conversationId: conv.id,
    sender: 'assistant',
    body: answer.text,
    source: answer.kind === 'answered' ? answer.source : null,
    outcome: answer.kind,
    questionId,
    handoverTo: answer.kind === 'unsure' ? answer.handoverTo : null,
    at,
  });
  await q.touchConversation(ctx.sql, ctx.tenantId, conv.id, {
    text: preview(answer.text, null),
    at,
    unread: 'none',
    waiting: 'keep',
  });
  if (answer.kind === 'unsure') await handOver(ctx, conv.id, question, answer.handoverTo);
  return { messages: await loadMessages(ctx, [questionId, answerId]) };
};

export const ownerPost = async (ctx: OwnerCtx, kind: ChatKind, input: ChatMessageInput): Promise<ChatPosted> => {
  const { text, photo } = await intake(input);
  if (kind === 'assistant') {
    if (!text) throw AppError.field('text', 'chat_assistant_text');
    return askAssistant(ctx, text);
  }
  const conv = await conversationFor(ctx, kind);
  const row = await q.conversationById(ctx.sql, ctx.tenantId, conv.id);
  const now = ctx.clock.now();
  const id = newId();
  await q.insertMessage(ctx.sql, ctx.tenantId, {
    id,
    conversationId: conv.id,
    sender: 'owner',
    ownerId: ctx.actor.id,
    body: text,
    photo,
    at: now,
  });
  const ids = [id];
  const cal = await calendarNow(ctx);
  // Outside business hours the owner hears when to expect an answer — once per spell (12 h), not per message.
  const recent = row?.auto_replied_at && now.getTime() - row.auto_replied_at.getTime() < 12 * 3_600_000;
  const autoReply = !isOpen(cal, now) && !recent;
  await q.touchConversation(ctx.sql, ctx.tenantId, conv.id, {
    text: preview(text, photo),
    at: now,
    unread: 'staff',
    waiting: 'start',
    autoReplied: autoReply,
  });
  if (autoReply) {
    const replyId = newId();
    await q.insertMessage(ctx.sql, ctx.tenantId, {
      id: replyId,
      conversationId: conv.id,
      sender: 'system',
      body: `您好，现在是非营业时间（营业时间 ${cal.hours.start}–${cal.hours.end}，节假日休息），您的消息已收到，顾问上班后会第一时间回复您。`,
      at: new Date(now.getTime() + 1),
    });
    ids.push(replyId);
  }
  await announce(ctx, conv, { owners: true, staff: true });
  return { messages: await loadMessages(ctx, ids) };
};

export const ownerRead = async (ctx: OwnerCtx, kind: ChatKind) => {
  const c = await requireCustomer(ctx);
  const row = (await q.conversationsOfCustomer(ctx.sql, ctx.tenantId, c.customerId)).find((r) => r.kind === kind);
  if (row) await q.markRead(ctx.sql, ctx.tenantId, row.id, 'owner');
  return { ok: true as const };
};

/** A message of one of the owner's own conversations (another's, or another tenant's, is a 404). */
const ownMessage = async (ctx: OwnerCtx, id: string) => {
  const c = await customerOf(ctx);
  const m = await q.messageById(ctx.sql, ctx.tenantId, id);
  if (!c || !m) throw new AppError('NOT_FOUND');
  const conv = await q.conversationById(ctx.sql, ctx.tenantId, m.conversation_id);
  if (conv?.customer_id !== c.customerId) throw new AppError('NOT_FOUND');
  return { m, conv };
};

export const ownerPhoto = async (ctx: OwnerCtx, id: string) => {
  await ownMessage(ctx, id);
  const p = await q.photoOf(ctx.sql, ctx.tenantId, id);
  const photo = p?.photo ? decodePhoto(p.photo) : null;
  if (!photo) throw new AppError('NOT_FOUND');
  return photo;
};

const ownAnswer = async (ctx: OwnerCtx, id: string) => {
  const { m, conv } = await ownMessage(ctx, id);
  if (m.sender !== 'assistant' || !m.outcome || !conv) throw new AppError('NOT_FOUND');
  return { m, conv };
};

/** 已解决: the answer closed the question (counted in the assistant's figures). */
export const resolveAnswer = async (ctx: OwnerCtx, id: string): Promise<ChatMessage> => {
  const { m } = await ownAnswer(ctx, id);
  if (m.outcome === 'answered') await q.setOutcome(ctx.sql, ctx.tenantId, id, 'resolved', null);
  const [out] = await loadMessages(ctx, [id]);
  if (!out) throw new AppError('NOT_FOUND');
  return out;
};

/** 转人工 on an answer: the question goes to the right advisor with the conversation (once). */
export const handOverAnswer = async (ctx: OwnerCtx, id: string): Promise<ChatPosted> => {
  const { m, conv } = await ownAnswer(ctx, id);
  if (m.outcome === 'unsure' || m.outcome === 'handed_over') throw AppError.field('id', 'chat_handed_over');
  const question = m.question_id ? await q.messageById(ctx.sql, ctx.tenantId, m.question_id) : null;
  const text = question?.body ?? m.body;
  const role = handoverRoleOf(text);
  await q.setOutcome(ctx.sql, ctx.tenantId, id, 'handed_over', role);
  await handOver(ctx, conv.id, text, role);
  return { messages: await loadMessages(ctx, [id]) };
};
