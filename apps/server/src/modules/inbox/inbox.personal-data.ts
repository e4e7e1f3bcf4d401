import { definePersonalData } from '../../platform/personal-data.ts';
import { deleteMessagesOfOwners, messagesOfOwners } from './inbox.queries.ts';

/**
 * The owner app's message centre of the person's accounts: what was said to them in the app. Erasure
 * deletes the messages with the accounts (what was sent stays recorded, without its text, in notifications).
 */
export const inboxPersonalData = definePersonalData({
  module: 'inbox',
  tables: [],
  export: async (ctx, _id, person) => ({
    inboxMessages: (await messagesOfOwners(ctx.db, ctx.tenantId, person.ownerIds)).map((m) => ({
      kind: m.kind,
      topic: m.topic,
      title: m.title,
      body: m.body,
      link: m.link,
      createdAt: m.createdAt.toISOString(),
      readAt: m.readAt?.toISOString() ?? null,
    })),
  }),
  erase: (ctx, _id, person) => deleteMessagesOfOwners(ctx.db, ctx.tenantId, person.ownerIds),
});
