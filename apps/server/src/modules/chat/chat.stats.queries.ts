import { z } from 'zod';
import { col, oneRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** The figures for managers (docs/chat.md): staff replies to a waiting owner, and the assistant's answers. */

/** `storeId` null: the whole tenant. */
export const repliesSince = async (sql: SqlExecutor, tenantId: string, storeId: string | null, since: Date) =>
  parseRows(
    z.object({ staff_id: col.text, name: col.text, response_ms: col.number, business_ms: col.numberOrNull }),
    await sql.executeSql(
      `SELECT m.staff_id::text AS staff_id, s.name, m.response_ms, m.business_ms
         FROM chat_messages m
         JOIN chat_conversations cv ON cv.tenant_id = $1 AND cv.tenant_id = m.tenant_id AND cv.id = m.conversation_id
         JOIN staff s ON s.tenant_id = $1 AND s.tenant_id = m.tenant_id AND s.id = m.staff_id
        WHERE m.tenant_id = $1 AND m.response_ms IS NOT NULL AND m.created_at >= $3
          AND ($2::uuid IS NULL OR cv.store_id = $2::uuid)`,
      [tenantId, storeId, since],
      { name: 'chat_replies_since' },
    ),
  );

export const waitingCount = async (sql: SqlExecutor, tenantId: string, storeId: string | null) =>
  oneRow(
    z.object({ n: col.number }),
    await sql.executeSql(
      `SELECT count(*) AS n FROM chat_conversations cv
        WHERE cv.tenant_id = $1 AND cv.waiting_since IS NOT NULL AND ($2::uuid IS NULL OR cv.store_id = $2::uuid)`,
      [tenantId, storeId],
    ),
  ).n;

export const assistantOutcomes = async (sql: SqlExecutor, tenantId: string, storeId: string | null, since: Date) =>
  parseRows(
    z.object({ outcome: col.text, n: col.number }),
    await sql.executeSql(
      `SELECT m.outcome, count(*) AS n
         FROM chat_messages m
         JOIN chat_conversations cv ON cv.tenant_id = $1 AND cv.tenant_id = m.tenant_id AND cv.id = m.conversation_id
        WHERE m.tenant_id = $1 AND m.sender = 'assistant' AND m.outcome IS NOT NULL AND m.created_at >= $3
          AND ($2::uuid IS NULL OR cv.store_id = $2::uuid)
        GROUP BY m.outcome`,
      [tenantId, storeId, since],
    ),
  );
