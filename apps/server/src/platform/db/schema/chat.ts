import { sql } from 'drizzle-orm';
import { bigint, foreignKey, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { assistOutcomes, chatKinds, chatSenders, type ChatSource } from '@m4s/contracts';
import { customers } from './customers.ts';
import { owners, staff } from './people.ts';
import { stamp, stores, tenantKeyColumns, tenantTableRules } from './tenancy.ts';

/**
 * 咨询 (docs/chat.md): one conversation per customer and kind (sales, service, insurance advisor, or the
 * assistant), belonging to the store — the advisor answering is read from the customer's assignment when
 * needed, so a reassignment or a departure leaves the history to whoever answers next.
 */
export const chatConversations = pgTable(
  'chat_conversations',
  {
    ...tenantKeyColumns(),
    storeId: uuid('store_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: chatKinds }).notNull(),
    ownerUnread: integer('owner_unread').notNull().default(0),
    staffUnread: integer('staff_unread').notNull().default(0),
    lastText: text('last_text'),
    lastAt: stamp('last_at'),
    /** The owner's oldest message no staff member has answered yet (response times; NULL: nobody waits). */
    waitingSince: stamp('waiting_since'),
    /** The last office-hours auto-reply: one per spell outside business hours. */
    autoRepliedAt: stamp('auto_replied_at'),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'chat_conversations'),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    uniqueIndex('chat_conversations_customer_kind_key').on(t.tenantId, t.customerId, t.kind),
    index('chat_conversations_store_idx').on(t.tenantId, t.storeId, t.lastAt.desc()),
  ],
).enableRLS();

export const chatMessages = pgTable(
  'chat_messages',
  {
    ...tenantKeyColumns(),
    conversationId: uuid('conversation_id').notNull(),
    sender: text('sender', { enum: chatSenders }).notNull(),
    ownerId: uuid('owner_id'),
    staffId: uuid('staff_id'),
    body: text('body').notNull().default(''),
    /** The re-encoded photo as a data URL (never selected with the list). */
    photo: text('photo'),
    source: jsonb('source').$type<ChatSource>(),
    outcome: text('outcome', { enum: assistOutcomes }),
    /** An assistant's answer: the owner's question it answers. */
    questionId: uuid('question_id'),
    /** A handover: the advisor conversation the question went to (on the answer) or came from (the attachment). */
    handoverTo: text('handover_to', { enum: ['sales', 'service', 'insurance'] }),
    attachment: jsonb('attachment').$type<{ sender: string; text: string; at: string }[]>(),
    /** A staff reply to a waiting owner: how long the owner waited (the stats' response time). */
    responseMs: bigint('response_ms', { mode: 'number' }),
    businessMs: bigint('business_ms', { mode: 'number' }),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    ...tenantTableRules(t, 'chat_messages'),
    foreignKey({
      columns: [t.tenantId, t.conversationId],
      foreignColumns: [chatConversations.tenantId, chatConversations.id],
    }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [owners.tenantId, owners.id] }),
    foreignKey({ columns: [t.tenantId, t.staffId], foreignColumns: [staff.tenantId, staff.id] }),
    index('chat_messages_conversation_idx').on(t.tenantId, t.conversationId, t.createdAt),
    index('chat_messages_replies_idx')
      .on(t.tenantId, t.createdAt)
      .where(sql`response_ms IS NOT NULL`),
  ],
).enableRLS();
