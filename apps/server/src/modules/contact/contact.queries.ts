import {
  careRuleKeys,
  contactTopics,
  suppressionReasons,
  touchChannels,
  touchDecisions,
  touchKinds,
  touchSources,
  type TouchEntry,
} from '@m4s/contracts';
import { z } from 'zod';
import { currentBindingSql } from '../../platform/db/current-binding.ts';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';
import type { Person } from '../../platform/personal-data.ts';

const touchRow = z
  .object({
    id: col.text,
    source: z.enum(touchSources),
    rule_key: z.enum(careRuleKeys).nullable(),
    topic: z.enum(contactTopics),
    kind: z.enum(touchKinds),
    channel: z.enum(touchChannels),
    decision: z.enum(touchDecisions),
    reason: z.enum(suppressionReasons).nullable(),
    due_at: col.instant,
    send_at: col.instantOrNull,
    subject: col.textOrNull,
    body: col.textOrNull,
    created_at: col.instant,
  })
  .transform((r): TouchEntry => ({
    id: r.id,
    source: r.source,
    ruleKey: r.rule_key,
    topic: r.topic,
    kind: r.kind,
    channel: r.channel,
    decision: r.decision,
    reason: r.reason,
    dueAt: r.due_at.toISOString(),
    sendAt: r.send_at?.toISOString() ?? null,
    subject: r.subject,
    body: r.body,
    createdAt: r.created_at.toISOString(),
  }));

/** The ledger of some customers, newest due first, with the words of what went (or will go). */
export const touchesOf = async (
  sql: SqlExecutor,
  tenantId: string,
  customerIds: readonly string[],
  limit: number,
): Promise<TouchEntry[]> => {
  if (customerIds.length === 0) return [];
  const result = await sql.executeSql(
    `SELECT t.id, t.source, t.rule_key, t.topic, t.kind, t.channel, t.decision, t.reason, t.due_at, t.send_at,
        t.created_at, COALESCE(n.subject, t.held->>'subject') AS subject,
        COALESCE(n.body, ct.title, t.held->>'task_title', t.held->>'body') AS body
      FROM touches t
      LEFT JOIN notifications n ON n.tenant_id = t.tenant_id AND n.id = t.notification_id
      LEFT JOIN care_tasks ct ON ct.tenant_id = t.tenant_id AND ct.id = t.task_id
      WHERE t.tenant_id = $1 AND t.customer_id = ANY($2::uuid[])
      ORDER BY t.due_at DESC, t.created_at DESC, t.id LIMIT $3`,
    [tenantId, customerIds, limit],
  );
  return parseRows(touchRow, result, 'touchesOf');
};

/**
 * The customers an app account speaks for — the gate's inbox rule read backwards: the customer whose
 * phone is the account's, then those owning a car the account has a confirmed binding to.
 */
export const customersOfOwner = async (sql: SqlExecutor, tenantId: string, ownerId: string): Promise<string[]> => {
  const result = await sql.executeSql(
    `SELECT m.id FROM (
        SELECT p.customer_id AS id, 0 AS rank FROM owners o
          JOIN customer_phones p ON p.tenant_id = o.tenant_id AND p.phone = o.phone
          WHERE o.tenant_id = $1 AND o.id = $2
        UNION
        SELECT v.owner_id, 1 FROM vehicle_bindings b
          JOIN vehicles v ON v.tenant_id = b.tenant_id AND v.id = b.vehicle_id AND v.owner_id IS NOT NULL
          WHERE b.tenant_id = $1 AND b.owner_id = $2 AND ${currentBindingSql('$1')}
      ) m JOIN customers c ON c.tenant_id = $1 AND c.id = m.id AND c.erased_at IS NULL
      GROUP BY m.id ORDER BY min(m.rank), m.id`,
    [tenantId, ownerId],
  );
  return parseRows(z.object({ id: col.text }), result, 'customersOfOwner').map((r) => r.id);
};

/** Where the person's messages went: any of their phones, e-mail addresses or app accounts. */
const recipientsOf = (person: Person) => [...person.phones, ...person.emails, ...person.ownerIds];

/**
 * Every message sent (or queued) to the person, oldest first: those written for the customer, and those
 * addressed to one of their phones, addresses or app accounts (sign-in codes, booking notices…).
 */
export const messagesTo = async (sql: SqlExecutor, tenantId: string, person: Person) => {
  const result = await sql.executeSql(
    `SELECT channel, recipient, kind, topic, subject, body, status, created_at, sent_at FROM notifications
      WHERE tenant_id = $1 AND (customer_id = $2 OR recipient = ANY($3::text[]))
      ORDER BY created_at, id`,
    [tenantId, person.customerId, recipientsOf(person)],
  );
  return parseRows(messageRow, result, 'messagesTo');
};

const messageRow = z
  .object({
    channel: col.text,
    recipient: col.text,
    kind: col.text,
    topic: col.text,
    subject: col.textOrNull,
    body: col.text,
    status: col.text,
    created_at: col.instant,
    sent_at: col.instantOrNull,
  })
  .transform((r) => ({
    channel: r.channel,
    to: r.recipient,
    kind: r.kind,
    topic: r.topic,
    subject: r.subject,
    body: r.body,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
  }));

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
