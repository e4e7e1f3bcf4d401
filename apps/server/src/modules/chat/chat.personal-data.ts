import { definePersonalData } from '../../platform/personal-data.ts';
import { conversationsForExport, eraseChats, mergeChats } from './chat.privacy.queries.ts';

/**
 * 咨询: the person's conversations with the advisors and the assistant (their words and the staff's). Export
 * lists them; erasure deletes them (messages first); a merge moves the duplicate's messages into the kept
 * customer's conversation of the same kind, or the conversation itself when the kept one has none.
 */
export const chatPersonalData = definePersonalData({
  module: 'chat',
  tables: [{ table: 'chat_conversations', column: 'customer_id', merge: 'move', erase: 'keep' }],
  export: async (ctx, customerId) => ({ chats: await conversationsForExport(ctx.sql, ctx.tenantId, customerId) }),
  erase: (ctx, customerId, person) => eraseChats(ctx.sql, ctx.tenantId, customerId, person.ownerIds),
  beforeMerge: (ctx, ids) => mergeChats(ctx.sql, ctx.tenantId, ids),
});
