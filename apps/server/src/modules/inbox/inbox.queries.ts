import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { inboxMessages } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

export type InboxRow = typeof inboxMessages.$inferSelect;

export const insertMessage = async (db: Tx, values: typeof inboxMessages.$inferInsert): Promise<InboxRow> => {
  const [row] = await db.insert(inboxMessages).values(values).returning();
  if (!row) throw new Error('inbox insert returned nothing');
  return row;
};

export const messagesOf = (db: Tx, tenantId: string, ownerId: string, limit: number) =>
  db
    .select()
    .from(inboxMessages)
    .where(and(eq(inboxMessages.tenantId, tenantId), eq(inboxMessages.ownerId, ownerId)))
    .orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.id))
    .limit(limit);

export const unreadCount = async (db: Tx, tenantId: string, ownerId: string) => {
  const [row] = await db
    .select({ n: count() })
    .from(inboxMessages)
    .where(and(eq(inboxMessages.tenantId, tenantId), eq(inboxMessages.ownerId, ownerId), isNull(inboxMessages.readAt)));
  return Number(row?.n ?? 0);
};

/** Marks one of the owner's messages read (kept as first read); false when it is not theirs. */
export const markRead = async (db: Tx, tenantId: string, ownerId: string, id: string, at: Date) => {
  const [row] = await db
    .select({ readAt: inboxMessages.readAt })
    .from(inboxMessages)
    .where(and(eq(inboxMessages.tenantId, tenantId), eq(inboxMessages.ownerId, ownerId), eq(inboxMessages.id, id)));
  if (!row) return false;
  if (!row.readAt)
    await db
      .update(inboxMessages)
      .set({ readAt: at })
      .where(and(eq(inboxMessages.tenantId, tenantId), eq(inboxMessages.id, id)));
  return true;
};

export const markAllRead = (db: Tx, tenantId: string, ownerId: string, at: Date) =>
  db
    .update(inboxMessages)
    .set({ readAt: at })
    .where(and(eq(inboxMessages.tenantId, tenantId), eq(inboxMessages.ownerId, ownerId), isNull(inboxMessages.readAt)));

/** Every message in these app accounts' inboxes (an erased person's), newest first. */
export const messagesOfOwners = (db: Tx, tenantId: string, ownerIds: string[]) =>
  ownerIds.length === 0
    ? Promise.resolve([] as InboxRow[])
    : db
        .select()
        .from(inboxMessages)
        .where(and(eq(inboxMessages.tenantId, tenantId), inArray(inboxMessages.ownerId, ownerIds)))
        .orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.id));

export const deleteMessagesOfOwners = async (db: Tx, tenantId: string, ownerIds: string[]) => {
  if (ownerIds.length > 0)
    await db
      .delete(inboxMessages)
      .where(and(eq(inboxMessages.tenantId, tenantId), inArray(inboxMessages.ownerId, ownerIds)));
};
