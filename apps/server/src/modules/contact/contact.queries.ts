import type { TouchEntry } from '@m4s/contracts';
import type { SqlExecutor } from '../../platform/db/types.ts';
import type { Person } from '../../platform/personal-data.ts';

const iso = (v: unknown) => new Date(v as string | Date).toISOString();

const entryOf = (r: Record<string, unknown>): TouchEntry => ({
  id: String(r.id),
  source: r.source as TouchEntry['source'],
  ruleKey: (r.rule_key as TouchEntry['ruleKey']) ?? null,
  topic: r.topic as TouchEntry['topic'],
  kind: r.kind as TouchEntry['kind'],
  channel: r.channel as TouchEntry['channel'],
  decision: r.decision as TouchEntry['decision'],
  reason: (r.reason as TouchEntry['reason']) ?? null,
  dueAt: iso(r.due_at),
  sendAt: r.send_at == null ? null : iso(r.send_at),
  subject: (r.subject as string | null) ?? null,
  body: (r.body as string | null) ?? null,
  createdAt: iso(r.created_at),
});

/** The ledger of some customers, newest due first, with the words of what went (or will go). */
export const touchesOf = async (
  sql: SqlExecutor,
  tenantId: string,
  customerIds: readonly string[],
  limit: number,
): Promise<TouchEntry[]> => {
  if (customerIds.length === 0) return [];
  const { rows } = await sql.executeSql(
    `SELECT t.id, t.source, t.rule_key, t.topic, t.kind, t.channel, t.decision, t.reason, t.due_at, t.send_at,
        t.created_at, n.subject, COALESCE(n.body, ct.title) AS body
      FROM touches t
      LEFT JOIN notifications n ON n.tenant_id = t.tenant_id AND n.id = t.notification_id
      LEFT JOIN care_tasks ct ON ct.tenant_id = t.tenant_id AND ct.id = t.task_id
      WHERE t.tenant_id = $1 AND t.customer_id = ANY($2::uuid[])
      ORDER BY t.due_at DESC, t.created_at DESC, t.id LIMIT $3`,
    [tenantId, customerIds, limit],
  );
  return rows.map(entryOf);
};

/**
 * The customers an app account speaks for — the gate's inbox rule read backwards: the customer whose
 * phone is the account's, then those owning a car the account has a confirmed binding to.
 */
export const customersOfOwner = async (sql: SqlExecutor, tenantId: string, ownerId: string): Promise<string[]> => {
  const { rows } = await sql.executeSql(
    `SELECT m.id FROM (
        SELECT p.customer_id AS id, 0 AS rank FROM owners o
          JOIN customer_phones p ON p.tenant_id = o.tenant_id AND p.phone = o.phone
          WHERE o.tenant_id = $1 AND o.id = $2
        UNION
        SELECT v.owner_id, 1 FROM vehicle_bindings b
          JOIN vehicles v ON v.tenant_id = b.tenant_id AND v.id = b.vehicle_id AND v.owner_id IS NOT NULL
          WHERE b.tenant_id = $1 AND b.owner_id = $2 AND b.status = 'confirmed'
      ) m JOIN customers c ON c.tenant_id = $1 AND c.id = m.id AND c.erased_at IS NULL
      GROUP BY m.id ORDER BY min(m.rank), m.id`,
    [tenantId, ownerId],
  );
  return rows.map((r) => String(r.id));
};

/** Where the person's messages went: any of their phones, e-mail addresses or app accounts. */
const recipientsOf = (person: Person) => [...person.phones, ...person.emails, ...person.ownerIds];

/**
 * Every message sent (or queued) to the person, oldest first: those written for the customer, and those
 * addressed to one of their phones, addresses or app accounts (sign-in codes, booking notices…).
 */
export const messagesTo = async (sql: SqlExecutor, tenantId: string, person: Person) => {
  const { rows } = await sql.executeSql(
    `SELECT channel, recipient, kind, topic, subject, body, status, created_at, sent_at FROM notifications
      WHERE tenant_id = $1 AND (customer_id = $2 OR recipient = ANY($3::text[]))
      ORDER BY created_at, id`,
    [tenantId, person.customerId, recipientsOf(person)],
  );
  return rows.map((r) => ({
    channel: String(r.channel),
    to: String(r.recipient),
    kind: String(r.kind),
    topic: String(r.topic),
    subject: (r.subject as string | null) ?? null,
    body: String(r.body),
    status: String(r.status),
    createdAt: iso(r.created_at),
    sentAt: r.sent_at == null ? null : iso(r.sent_at),
  }));
};

/**
 * Erasure: the record of what was sent stays (channel, topic, kind, when, whether it went) without its
 * words or address; a message still queued is not sent any more.
 */
export const blankMessagesTo = async (sql: SqlExecutor, tenantId: string, person: Person) => {
  await sql.executeSql(
    `UPDATE notifications SET recipient = '', subject = NULL, body = '', last_error = NULL,
        status = CASE WHEN status = 'queued' THEN 'failed' ELSE status END
      WHERE tenant_id = $1 AND (customer_id = $2 OR recipient = ANY($3::text[]))`,
    [tenantId, person.customerId, recipientsOf(person)],
  );
};
