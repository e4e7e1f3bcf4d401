import { z } from 'zod';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** What the PIPL export, erasure and merge do with chat rows (chat.personal-data.ts). */

export const conversationsForExport = async (sql: SqlExecutor, tenantId: string, customerId: string) => {
  const rows = parseRows(
    z.object({ kind: col.text, sender: col.text, body: col.text, has_photo: col.bool, created_at: col.instant }),
    await sql.executeSql(
      `SELECT cv.kind, m.sender, m.body, (m.photo IS NOT NULL) AS has_photo, m.created_at
         FROM chat_conversations cv
         JOIN chat_messages m ON m.tenant_id = $1 AND m.tenant_id = cv.tenant_id AND m.conversation_id = cv.id
        WHERE cv.tenant_id = $1 AND cv.customer_id = $2
        ORDER BY cv.kind, m.created_at, m.id`,
      [tenantId, customerId],
    ),
  );
  return rows.map((r) => ({
    with: r.kind,
    from: r.sender,
    text: r.body,
    photo: r.has_photo,
    at: r.created_at.toISOString(),
  }));
};

export const eraseChats = async (sql: SqlExecutor, tenantId: string, customerId: string, ownerIds: string[]) => {
  await sql.executeSql(
    `DELETE FROM chat_messages m WHERE m.tenant_id = $1 AND m.conversation_id IN
       (SELECT cv.id FROM chat_conversations cv WHERE cv.tenant_id = $1 AND cv.customer_id = $2)`,
    [tenantId, customerId],
  );
  await sql.executeSql('DELETE FROM chat_conversations WHERE tenant_id = $1 AND customer_id = $2', [
    tenantId,
    customerId,
  ]);
  // What the person wrote in a conversation of another customer (a shared car): their words go, the account link too.
  if (ownerIds.length > 0)
    await sql.executeSql(
      `UPDATE chat_messages SET body = '', photo = NULL, attachment = NULL, owner_id = NULL
        WHERE tenant_id = $1 AND owner_id = ANY($2::uuid[])`,
      [tenantId, ownerIds],
    );
};

/** Before the move: the duplicate's messages join the kept customer's conversation of the same kind. */
export const mergeChats = async (sql: SqlExecutor, tenantId: string, ids: { intoId: string; fromId: string }) => {
  await sql.executeSql(
    `UPDATE chat_messages m SET conversation_id = keep.id
       FROM chat_conversations dup
       JOIN chat_conversations keep ON keep.tenant_id = $1 AND keep.tenant_id = dup.tenant_id
        AND keep.customer_id = $2 AND keep.kind = dup.kind
      WHERE m.tenant_id = $1 AND dup.tenant_id = $1 AND dup.customer_id = $3
        AND m.tenant_id = dup.tenant_id AND m.conversation_id = dup.id`,
    [tenantId, ids.intoId, ids.fromId],
  );
  await sql.executeSql(
    `DELETE FROM chat_conversations dup WHERE dup.tenant_id = $1 AND dup.customer_id = $3
        AND EXISTS (SELECT 1 FROM chat_conversations keep WHERE keep.tenant_id = $1 AND keep.tenant_id = dup.tenant_id
                     AND keep.customer_id = $2 AND keep.kind = dup.kind)`,
    [tenantId, ids.intoId, ids.fromId],
  );
};
