import { eventAudience, type AudienceDimension } from '@m4s/contracts';
import { z } from 'zod';
import { currentBindingSql } from '../../platform/db/current-binding.ts';
import { insertValues } from '../../platform/db/insert-values.ts';
import { col, maybeRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

// Events and clubs (docs/events.md): every statement names its tenant ($1) on every table it reads.

// ── Who: the owner's customer, the audience, invitations ─────────────────────────────────────────────

/**
 * The customer behind an app account: the owner of the car its newest current binding confirms, else the
 * customer with the account's phone.
 */
export const customerOfOwner = async (sql: SqlExecutor, tenantId: string, ownerId: string) =>
  maybeRow(
    z.object({ customer_id: col.textOrNull }),
    await sql.executeSql(
      `SELECT COALESCE(
         (SELECT v.owner_id::text FROM vehicle_bindings b
            JOIN vehicles v ON v.tenant_id = $1 AND v.tenant_id = b.tenant_id AND v.id = b.vehicle_id
           WHERE b.tenant_id = $1 AND b.owner_id = $2 AND ${currentBindingSql('$1')} AND v.owner_id IS NOT NULL
           ORDER BY b.decided_at DESC NULLS LAST, b.id LIMIT 1),
         (SELECT p.customer_id::text FROM owners o
            JOIN customer_phones p ON p.tenant_id = $1 AND p.tenant_id = o.tenant_id AND p.phone = o.phone
           WHERE o.tenant_id = $1 AND o.id = $2 ORDER BY p.is_primary DESC, p.customer_id LIMIT 1)) AS customer_id`,
      [tenantId, ownerId],
    ),
  )?.customer_id ?? null;

const segmentColumns: Record<AudienceDimension, string> = {
  frequency: 'frequency',
  rfm: 'rfm',
  loyalty: 'loyalty',
  value: 'value_quadrant',
};

/** What an audience is matched on: the customer's tier and segment classes. */
export const customerTraits = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  maybeRow(
    z.object({
      tier: col.textOrNull,
      frequency: col.textOrNull,
      rfm: col.textOrNull,
      loyalty: col.textOrNull,
      value: col.textOrNull,
    }),
    await sql.executeSql(
      `SELECT m.tier, s.frequency, s.rfm, s.loyalty, s.value_quadrant AS value
       FROM customers c
       LEFT JOIN loyalty_members m ON m.tenant_id = $1 AND m.tenant_id = c.tenant_id AND m.customer_id = c.id
       LEFT JOIN customer_segments s ON s.tenant_id = $1 AND s.tenant_id = c.tenant_id AND s.customer_id = c.id
       WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, customerId],
    ),
  );

/**
 * The customers an invitation goes to: the audience (or the ids given, those that are this tenant's), a store
 * event's to that store's customers, none erased, none invited to the event already.
 */
export const inviteeIds = async (
  sql: SqlExecutor,
  tenantId: string,
  eventId: string,
  target: { audience: z.output<typeof eventAudience>; storeId: string | null } | { customerIds: readonly string[] },
) => {
  const params: unknown[] = [tenantId, eventId];
  let where: string;
  if ('customerIds' in target) {
    params.push(target.customerIds);
    where = `c.id = ANY($3::uuid[])`;
  } else {
    const a = target.audience;
    params.push(target.storeId);
    where = `($3::uuid IS NULL OR c.home_store_id = $3)`;
    if (a.kind === 'tiers') {
      params.push(a.tiers);
      where += ` AND EXISTS (SELECT 1 FROM loyalty_members m WHERE m.tenant_id = $1 AND m.customer_id = c.id
        AND m.tier = ANY($4::text[]))`;
    } else if (a.kind === 'segment') {
      params.push(a.value);
      where += ` AND EXISTS (SELECT 1 FROM customer_segments s WHERE s.tenant_id = $1 AND s.customer_id = c.id
        AND s.${segmentColumns[a.dimension]} = $4)`;
    }
  }
  const rows = parseRows(
    z.object({ id: col.text, invited: col.bool }),
    await sql.executeSql(
      `SELECT c.id, EXISTS (SELECT 1 FROM event_invitations i WHERE i.tenant_id = $1 AND i.event_id = $2
           AND i.customer_id = c.id) AS invited
       FROM customers c WHERE c.tenant_id = $1 AND c.erased_at IS NULL AND ${where} ORDER BY c.id`,
      params,
    ),
    'invitees',
  );
  return { fresh: rows.filter((r) => !r.invited).map((r) => r.id), already: rows.filter((r) => r.invited).length };
};

export const recordInvitations = async (
  sql: SqlExecutor,
  tenantId: string,
  rows: readonly (readonly unknown[])[],
  shared: { event_id: string; channel: string; invited_at: Date; invited_by: string | null },
) => {
  await insertValues(sql, {
    into: 'event_invitations',
    tenantId,
    shared,
    columns: ['id', 'customer_id', 'decision', 'reason'],
    rows,
    then: 'ON CONFLICT (tenant_id, event_id, customer_id) DO NOTHING',
  });
};

/** The KPI figures: invited (reached), attended, invited among the attended, attendees' revenue in the window. */
export const kpiFigures = async (sql: SqlExecutor, tenantId: string, eventId: string, from: Date, to: Date) =>
  maybeRow(
    z.object({
      invited: col.number,
      attended: col.number,
      invited_attended: col.number,
      revenue_fen: col.number,
      revenue_customers: col.number,
    }),
    await sql.executeSql(
      `WITH att AS (
         SELECT g.customer_id,
           EXISTS (SELECT 1 FROM event_invitations i WHERE i.tenant_id = $1 AND i.event_id = g.event_id
             AND i.customer_id = g.customer_id AND i.decision IN ('sent', 'deferred')) AS invited
         FROM event_signups g WHERE g.tenant_id = $1 AND g.event_id = $2 AND g.checked_in_at IS NOT NULL),
       rev AS (
         SELECT r.customer_id, sum(r.total_fen) AS fen FROM repair_orders r
         WHERE r.tenant_id = $1 AND r.date_in >= $3 AND r.date_in < $4
           AND r.type NOT IN ('warranty_claim', 'campaign')
           AND r.customer_id IN (SELECT customer_id FROM event_signups a WHERE a.tenant_id = $1 AND a.event_id = $2
             AND a.checked_in_at IS NOT NULL)
         GROUP BY r.customer_id)
       SELECT
         (SELECT count(*) FROM event_invitations i WHERE i.tenant_id = $1 AND i.event_id = $2
           AND i.decision IN ('sent', 'deferred')) AS invited,
         (SELECT count(*) FROM att) AS attended,
         (SELECT count(*) FROM att WHERE invited) AS invited_attended,
         (SELECT coalesce(sum(fen), 0) FROM rev) AS revenue_fen,
         (SELECT count(*) FROM rev) AS revenue_customers`,
      [tenantId, eventId, from, to],
    ),
  );

export const surveyResponseIds = async (sql: SqlExecutor, tenantId: string, eventId: string) =>
  parseRows(
    z.object({ survey_response_id: col.text }),
    await sql.executeSql(
      `SELECT survey_response_id FROM event_signups WHERE tenant_id = $1 AND event_id = $2
         AND survey_response_id IS NOT NULL`,
      [tenantId, eventId],
    ),
  ).map((r) => r.survey_response_id);

// ── Personal data ─────────────────────────────────────────────────────────────────────────────────────

/** Before a merge: the duplicate's rows for events the kept customer has one for already go (one per event). */
export const dropMergeClashes = async (sql: SqlExecutor, tenantId: string, intoId: string, fromId: string) => {
  for (const table of ['event_signups', 'event_invitations'])
    await sql.executeSql(
      `DELETE FROM ${table} d WHERE d.tenant_id = $1 AND d.customer_id = $3
         AND EXISTS (SELECT 1 FROM ${table} k WHERE k.tenant_id = $1 AND k.customer_id = $2 AND k.event_id = d.event_id)`,
      [tenantId, intoId, fromId],
    );
};

/** Erasure: the sign-ups stay (attendance is the dealer's record), the link to the person's app accounts goes. */
export const unlinkOwners = async (sql: SqlExecutor, tenantId: string, customerId: string, ownerIds: string[]) => {
  await sql.executeSql(
    `UPDATE event_signups SET owner_id = NULL WHERE tenant_id = $1 AND (customer_id = $2 OR owner_id = ANY($3::uuid[]))`,
    [tenantId, customerId, ownerIds],
  );
};

export const invitationsOfCustomer = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  parseRows(
    z.object({ event_id: col.text, channel: col.text, decision: col.text, invited_at: col.instant }),
    await sql.executeSql(
      `SELECT event_id, channel, decision, invited_at FROM event_invitations WHERE tenant_id = $1 AND customer_id = $2
       ORDER BY invited_at`,
      [tenantId, customerId],
    ),
  );
