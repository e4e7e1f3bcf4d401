import { z } from 'zod';
import type { AdvisorRole, ChatKind, ChatSender, ChatSource } from '@m4s/contracts';
import { currentBindingSql } from '../../platform/db/current-binding.ts';
import { col, oneRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** 咨询's SQL (docs/chat.md). Every table is pinned by `tenant_id = $1` (Citus: one shard per statement). */

/** The staff column of the customer that names the conversation's advisor (searched CASE: Citus). */
const advisorColumn = `CASE WHEN cv.kind = 'sales' THEN c.sales_consultant_id WHEN cv.kind = 'service' THEN c.service_advisor_id WHEN cv.kind = 'insurance' THEN c.insurance_advisor_id END`;

/** The owner's customer: the one whose car they hold under the newest current binding; with its store. */
export const customerOfOwner = async (sql: SqlExecutor, tenantId: string, ownerId: string) => {
  const rows = parseRows(
    z.object({ id: col.text, store_id: col.textOrNull }),
    await sql.executeSql(
      `SELECT c.id, COALESCE(c.home_store_id,
              (SELECT s.id FROM stores s WHERE s.tenant_id = $1 ORDER BY s.code LIMIT 1))::text AS store_id
         FROM vehicle_bindings b
         JOIN vehicles v ON v.tenant_id = $1 AND v.tenant_id = b.tenant_id AND v.id = b.vehicle_id
         JOIN customers c ON c.tenant_id = $1 AND c.tenant_id = v.tenant_id AND c.id = v.owner_id
        WHERE b.tenant_id = $1 AND b.owner_id = $2 AND ${currentBindingSql('$1')} AND c.erased_at IS NULL
        ORDER BY b.decided_at DESC NULLS LAST, c.id LIMIT 1`,
      [tenantId, ownerId],
      { name: 'chat_customer_of_owner' },
    ),
  );
  return rows[0] ?? null;
};

/** The owner accounts holding a car of the customer now (who hears of a staff reply). */
export const ownersOfCustomer = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  parseRows(
    z.object({ owner_id: col.text }),
    await sql.executeSql(
      `SELECT b.owner_id::text AS owner_id
         FROM vehicle_bindings b
         JOIN vehicles v ON v.tenant_id = $1 AND v.tenant_id = b.tenant_id AND v.id = b.vehicle_id
        WHERE b.tenant_id = $1 AND v.owner_id = $2 AND ${currentBindingSql('$1')}`,
      [tenantId, customerId],
      { name: 'chat_owners_of_customer' },
    ),
  ).map((r) => r.owner_id);

const conversationRow = z.object({
  id: col.text,
  kind: col.text,
  store_id: col.text,
  store_name: col.textOrNull,
  customer_id: col.text,
  customer_name: col.text,
  phone: col.textOrNull,
  advisor_id: col.textOrNull,
  advisor_name: col.textOrNull,
  owner_unread: col.number,
  staff_unread: col.number,
  last_text: col.textOrNull,
  last_at: col.instantOrNull,
  waiting_since: col.instantOrNull,
  auto_replied_at: col.instantOrNull,
});
export type ConversationRow = z.infer<typeof conversationRow>;

const conversationSelect = `
  SELECT cv.id, cv.kind, cv.store_id::text AS store_id, st.name AS store_name, cv.customer_id::text AS customer_id,
         c.name AS customer_name,
         (SELECT p.phone FROM customer_phones p WHERE p.tenant_id = $1 AND p.tenant_id = c.tenant_id
             AND p.customer_id = c.id ORDER BY p.is_primary DESC, p.phone LIMIT 1) AS phone,
         a.id::text AS advisor_id, a.name AS advisor_name, cv.owner_unread, cv.staff_unread, cv.last_text, cv.last_at,
         cv.waiting_since, cv.auto_replied_at
    FROM chat_conversations cv
    JOIN customers c ON c.tenant_id = $1 AND c.tenant_id = cv.tenant_id AND c.id = cv.customer_id
    JOIN stores st ON st.tenant_id = $1 AND st.tenant_id = cv.tenant_id AND st.id = cv.store_id
    LEFT JOIN staff a ON a.tenant_id = $1 AND a.tenant_id = c.tenant_id AND a.id = ${advisorColumn} AND a.status = 'active'`;

export const conversationById = async (sql: SqlExecutor, tenantId: string, id: string) =>
  parseRows(
    conversationRow,
    await sql.executeSql(`${conversationSelect} WHERE cv.tenant_id = $1 AND cv.id = $2`, [tenantId, id]),
  )[0] ?? null;

export const conversationsOfCustomer = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  parseRows(
    conversationRow,
    await sql.executeSql(`${conversationSelect} WHERE cv.tenant_id = $1 AND cv.customer_id = $2`, [
      tenantId,
      customerId,
    ]),
  );

/** The customer's assigned advisors by role (active staff only), for the owner's list before a conversation exists. */
export const advisorsOfCustomer = async (sql: SqlExecutor, tenantId: string, customerId: string) => {
  const rows = parseRows(
    z.object({ kind: col.text, name: col.text }),
    await sql.executeSql(
      `SELECT k.kind, a.name
         FROM customers c
         CROSS JOIN (VALUES ('sales'), ('service'), ('insurance')) AS k(kind)
         JOIN staff a ON a.tenant_id = $1 AND a.tenant_id = c.tenant_id AND a.status = 'active'
          AND a.id = CASE WHEN k.kind = 'sales' THEN c.sales_consultant_id WHEN k.kind = 'service' THEN c.service_advisor_id
                          ELSE c.insurance_advisor_id END
        WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, customerId],
    ),
  );
  return new Map(rows.map((r) => [r.kind, r.name]));
};

export const storeName = async (sql: SqlExecutor, tenantId: string, storeId: string) =>
  parseRows(
    z.object({ name: col.text }),
    await sql.executeSql('SELECT name FROM stores WHERE tenant_id = $1 AND id = $2', [tenantId, storeId]),
  )[0]?.name ?? null;

/**
 * The inbox of a staff member: `storeId` narrows to a store (store-scoped roles), `own` to the conversations
 * whose advisor they are, or of their store's pool of `poolKind` (no advisor assigned, or one who left).
 */
export const staffConversations = async (
  sql: SqlExecutor,
  tenantId: string,
  o: { storeId: string | null; own: string | null; poolStoreId: string | null; poolKind: AdvisorRole | null },
) =>
  parseRows(
    conversationRow,
    await sql.executeSql(
      `${conversationSelect}
        WHERE cv.tenant_id = $1 AND cv.kind <> 'assistant' AND cv.last_at IS NOT NULL
          AND ($2::uuid IS NULL OR cv.store_id = $2::uuid)
          AND ($3::uuid IS NULL OR a.id = $3::uuid OR (a.id IS NULL AND cv.store_id = $4::uuid AND cv.kind = $5::text))
        ORDER BY (cv.staff_unread > 0) DESC, cv.last_at DESC, cv.id LIMIT 200`,
      [tenantId, o.storeId, o.own, o.poolStoreId, o.poolKind],
      { name: 'chat_staff_conversations' },
    ),
  );

/** Opens the customer's conversation of a kind (once: the unique key) and answers its id. */
export const ensureConversation = async (
  sql: SqlExecutor,
  tenantId: string,
  v: { id: string; storeId: string; customerId: string; kind: ChatKind; now: Date },
) => {
  await sql.executeSql(
    `INSERT INTO chat_conversations (tenant_id, id, store_id, customer_id, kind, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, customer_id, kind) DO NOTHING`,
    [tenantId, v.id, v.storeId, v.customerId, v.kind, v.now],
  );
  return oneRow(
    z.object({ id: col.text }),
    await sql.executeSql('SELECT id FROM chat_conversations WHERE tenant_id = $1 AND customer_id = $2 AND kind = $3', [
      tenantId,
      v.customerId,
      v.kind,
    ]),
  ).id;
};

export type NewMessage = {
  id: string;
  conversationId: string;
  sender: ChatSender;
  ownerId?: string | null;
  staffId?: string | null;
  body: string;
  photo?: string | null;
  source?: ChatSource | null;
  outcome?: string | null;
  questionId?: string | null;
  handoverTo?: AdvisorRole | null;
  attachment?: unknown;
  responseMs?: number | null;
  businessMs?: number | null;
  at: Date;
};

export const insertMessage = async (sql: SqlExecutor, tenantId: string, m: NewMessage) => {
  await sql.executeSql(
    `INSERT INTO chat_messages (tenant_id, id, conversation_id, sender, owner_id, staff_id, body, photo, source, outcome,
       question_id, handover_to, attachment, response_ms, business_ms, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13::jsonb, $14, $15, $16)`,
    [
      tenantId,
      m.id,
      m.conversationId,
      m.sender,
      m.ownerId ?? null,
      m.staffId ?? null,
      m.body,
      m.photo ?? null,
      m.source ? JSON.stringify(m.source) : null,
      m.outcome ?? null,
      m.questionId ?? null,
      m.handoverTo ?? null,
      m.attachment ? JSON.stringify(m.attachment) : null,
      m.responseMs ?? null,
      m.businessMs ?? null,
      m.at,
    ],
  );
};

/** After a message: its preview, and who now has it unread; `waiting` starts or ends the owner's wait. */
export const touchConversation = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  o: {
    text: string;
    at: Date;
    unread: 'owner' | 'staff' | 'none';
    waiting: 'start' | 'end' | 'keep';
    autoReplied?: boolean;
  },
) => {
  await sql.executeSql(
    `UPDATE chat_conversations SET last_text = $3, last_at = $4,
            owner_unread = CASE WHEN $5::text = 'owner' THEN owner_unread + 1 ELSE owner_unread END,
            staff_unread = CASE WHEN $5::text = 'staff' THEN staff_unread + 1 WHEN $6::text = 'end' THEN 0 ELSE staff_unread END,
            waiting_since = CASE WHEN $6::text = 'start' THEN COALESCE(waiting_since, $4)
                                 WHEN $6::text = 'end' THEN NULL ELSE waiting_since END,
            auto_replied_at = CASE WHEN $7::boolean THEN $4 ELSE auto_replied_at END
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, o.text, o.at, o.unread, o.waiting, o.autoReplied ?? false],
  );
};

export const markRead = async (sql: SqlExecutor, tenantId: string, id: string, side: 'owner' | 'staff') => {
  await sql.executeSql(
    side === 'owner'
      ? 'UPDATE chat_conversations SET owner_unread = 0 WHERE tenant_id = $1 AND id = $2'
      : 'UPDATE chat_conversations SET staff_unread = 0 WHERE tenant_id = $1 AND id = $2',
    [tenantId, id],
  );
};

const messageRow = z.object({
  id: col.text,
  conversation_id: col.text,
  sender: col.text,
  sender_name: col.textOrNull,
  body: col.text,
  has_photo: col.bool,
  source: z.unknown(),
  outcome: col.textOrNull,
  question_id: col.textOrNull,
  handover_to: col.textOrNull,
  attachment: z.unknown(),
  created_at: col.instant,
});
export type MessageRow = z.infer<typeof messageRow>;

const messageSelect = `
  SELECT m.id, m.conversation_id::text AS conversation_id, m.sender, s.name AS sender_name, m.body,
         (m.photo IS NOT NULL) AS has_photo, m.source, m.outcome, m.question_id::text AS question_id, m.handover_to,
         m.attachment, m.created_at
    FROM chat_messages m
    LEFT JOIN staff s ON s.tenant_id = $1 AND s.tenant_id = m.tenant_id AND s.id = m.staff_id`;

/** The newest `limit` messages of a conversation, oldest first. */
export const messagesOf = async (sql: SqlExecutor, tenantId: string, conversationId: string, limit = 100) =>
  parseRows(
    messageRow,
    await sql.executeSql(
      `SELECT * FROM (${messageSelect} WHERE m.tenant_id = $1 AND m.conversation_id = $2
        ORDER BY m.created_at DESC, m.id DESC LIMIT $3) x ORDER BY created_at, id`,
      [tenantId, conversationId, limit],
      { name: 'chat_messages_of' },
    ),
  );

export const messageById = async (sql: SqlExecutor, tenantId: string, id: string) =>
  parseRows(
    messageRow,
    await sql.executeSql(`${messageSelect} WHERE m.tenant_id = $1 AND m.id = $2`, [tenantId, id]),
  )[0] ?? null;

export const photoOf = async (sql: SqlExecutor, tenantId: string, id: string) =>
  parseRows(
    z.object({ conversation_id: col.text, photo: col.textOrNull }),
    await sql.executeSql(
      'SELECT conversation_id::text AS conversation_id, photo FROM chat_messages WHERE tenant_id = $1 AND id = $2',
      [tenantId, id],
    ),
  )[0] ?? null;

export const setOutcome = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  outcome: string,
  handoverTo: string | null,
) => {
  await sql.executeSql(
    'UPDATE chat_messages SET outcome = $3, handover_to = COALESCE($4, handover_to) WHERE tenant_id = $1 AND id = $2',
    [tenantId, id, outcome, handoverTo],
  );
};

export const storeIdsOf = async (sql: SqlExecutor, tenantId: string) =>
  parseRows(
    z.object({ id: col.text }),
    await sql.executeSql('SELECT id::text AS id FROM stores WHERE tenant_id = $1', [tenantId]),
  ).map((r) => r.id);
