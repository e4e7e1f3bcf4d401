import { eventAudience, eventKinds, eventStatuses, signupStatuses } from '@m4s/contracts';
import { z } from 'zod';
import { col, maybeRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

// Events and clubs (docs/events.md). Every statement names its tenant ($1) on every table it reads, and
// joins on (tenant_id, id): one shard on Citus.

const eventRow = z.object({
  id: col.text,
  title: col.text,
  kind: z.enum(eventKinds),
  description: col.text,
  store_id: col.textOrNull,
  store_name: col.textOrNull,
  starts_at: col.instant,
  ends_at: col.instant,
  place: col.text,
  capacity: col.number,
  signup_deadline: col.instant,
  audience: eventAudience,
  cost_fen: col.number,
  status: z.enum(eventStatuses),
  cancel_reason: col.textOrNull,
  created_at: col.instant,
  published_at: col.instantOrNull,
  confirmed: col.number,
  waiting: col.number,
  checked_in: col.number,
  invited: col.number,
  timezone: col.text,
});
export type EventRow = z.output<typeof eventRow>;

const counted = (status: string) =>
  `(SELECT count(*) FROM event_signups g WHERE g.tenant_id = $1 AND g.event_id = e.id AND ${status})`;

const selectEvents = `SELECT e.id, e.title, e.kind, e.description, e.store_id, s.name AS store_name, e.starts_at,
    e.ends_at, e.place, e.capacity, e.signup_deadline, e.audience, e.cost_fen, e.status, e.cancel_reason,
    e.created_at, e.published_at,
    ${counted(`g.status = 'confirmed'`)} AS confirmed,
    ${counted(`g.status = 'waiting'`)} AS waiting,
    ${counted(`g.checked_in_at IS NOT NULL`)} AS checked_in,
    (SELECT count(*) FROM event_invitations i WHERE i.tenant_id = $1 AND i.event_id = e.id
      AND i.decision IN ('sent', 'deferred')) AS invited,
    (SELECT t.timezone FROM tenants t WHERE t.id = $1) AS timezone
  FROM events e
  LEFT JOIN stores s ON s.tenant_id = $1 AND s.tenant_id = e.tenant_id AND s.id = e.store_id
  WHERE e.tenant_id = $1`;

export const listEvents = async (sql: SqlExecutor, tenantId: string, status: string | null) =>
  parseRows(
    eventRow,
    await sql.executeSql(`${selectEvents} AND ($2::text IS NULL OR e.status = $2) ORDER BY e.starts_at DESC, e.id`, [
      tenantId,
      status,
    ]),
    'events',
  );

/** Published events that have not ended (the owner app's list). */
export const upcomingEvents = async (sql: SqlExecutor, tenantId: string, now: Date) =>
  parseRows(
    eventRow,
    await sql.executeSql(`${selectEvents} AND e.status = 'published' AND e.ends_at > $2 ORDER BY e.starts_at, e.id`, [
      tenantId,
      now,
    ]),
    'upcoming events',
  );

/** Published events running within the hours around now (check-in opens a few hours before the start). */
export const checkInEvents = async (sql: SqlExecutor, tenantId: string, from: Date, to: Date) =>
  parseRows(
    eventRow,
    await sql.executeSql(
      `${selectEvents} AND e.status = 'published' AND e.starts_at < $3 AND e.ends_at > $2 ORDER BY e.starts_at, e.id`,
      [tenantId, from, to],
    ),
    'check-in events',
  );

export const eventById = async (sql: SqlExecutor, tenantId: string, id: string) =>
  maybeRow(eventRow, await sql.executeSql(`${selectEvents} AND e.id = $2`, [tenantId, id]), 'event');

/** Locks the event's row for the transaction (sign-ups and cancellations queue on it: seats are counted under it). */
export const lockEvent = async (sql: SqlExecutor, tenantId: string, id: string) =>
  maybeRow(
    z.object({ id: col.text, status: z.enum(eventStatuses) }),
    await sql.executeSql(`SELECT id, status FROM events WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]),
    'lock event',
  );

export type EventValues = {
  title: string;
  kind: string;
  description: string;
  storeId: string | null;
  startsAt: string;
  endsAt: string;
  place: string;
  capacity: number;
  signupDeadline: string;
  audience: unknown;
  costFen: number;
};

/** $1–$13 of both statements: the tenant, the id and the event's values in column order. */
const eventParams = (tenantId: string, id: string, v: EventValues) => [
  tenantId,
  id,
  v.title,
  v.kind,
  v.description,
  v.storeId,
  v.startsAt,
  v.endsAt,
  v.place,
  v.capacity,
  v.signupDeadline,
  JSON.stringify(v.audience),
  v.costFen,
];

export const insertEvent = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  v: EventValues,
  meta: { at: Date; by: string | null },
) => {
  await sql.executeSql(
    `INSERT INTO events (tenant_id, id, title, kind, description, store_id, starts_at, ends_at, place, capacity,
       signup_deadline, audience, cost_fen, status, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, 'draft', $14, $15)`,
    [...eventParams(tenantId, id, v), meta.at, meta.by],
  );
};

export const updateEvent = async (sql: SqlExecutor, tenantId: string, id: string, v: EventValues) => {
  await sql.executeSql(
    `UPDATE events SET title = $3, kind = $4, description = $5, store_id = $6, starts_at = $7, ends_at = $8, place = $9,
       capacity = $10, signup_deadline = $11, audience = $12::jsonb, cost_fen = $13
     WHERE tenant_id = $1 AND id = $2`,
    eventParams(tenantId, id, v),
  );
};

/** Moves the event from one of `from` to `to`; false when it was in none of them (a concurrent change). */
export const setStatus = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  from: readonly string[],
  to: string,
  at: Date,
  reason: string | null = null,
) =>
  (
    await sql.executeSql(
      `UPDATE events SET status = $4,
         published_at = CASE WHEN $4 = 'published' THEN $5 ELSE published_at END,
         closed_at = CASE WHEN $4 IN ('closed', 'cancelled') THEN $5 ELSE closed_at END,
         cancel_reason = CASE WHEN $4 = 'cancelled' THEN $6 ELSE cancel_reason END
       WHERE tenant_id = $1 AND id = $2 AND status = ANY($3::text[]) RETURNING id`,
      [tenantId, id, from, to, at, reason],
    )
  ).rows.length > 0;

/** Published events whose end has passed (the night closes them). */
export const endedEvents = async (sql: SqlExecutor, tenantId: string, now: Date) =>
  parseRows(
    z.object({ id: col.text }),
    await sql.executeSql(
      `SELECT id FROM events WHERE tenant_id = $1 AND status = 'published' AND ends_at <= $2 ORDER BY ends_at, id`,
      [tenantId, now],
    ),
    'ended events',
  ).map((r) => r.id);

// ── Sign-ups ────────────────────────────────────────────────────────────────────────────────────────

const signupRow = z.object({
  id: col.text,
  event_id: col.text,
  customer_id: col.text,
  owner_id: col.textOrNull,
  status: z.enum(signupStatuses),
  waiting_since: col.instantOrNull,
  ticket_code: col.text,
  signed_up_at: col.instant,
  checked_in_at: col.instantOrNull,
  survey_response_id: col.textOrNull,
  position: col.numberOrNull,
});
export type SignupRow = z.output<typeof signupRow>;

// The place on the waiting list: how many wait since earlier (or as early, with a smaller id), plus one.
const selectSignups = `SELECT g.id, g.event_id, g.customer_id, g.owner_id, g.status, g.waiting_since, g.ticket_code,
    g.signed_up_at, g.checked_in_at, g.survey_response_id,
    CASE WHEN g.status = 'waiting' THEN (SELECT count(*) + 1 FROM event_signups w WHERE w.tenant_id = $1
      AND w.event_id = g.event_id AND w.status = 'waiting'
      AND (w.waiting_since < g.waiting_since OR (w.waiting_since = g.waiting_since AND w.id < g.id))) END AS position
  FROM event_signups g WHERE g.tenant_id = $1`;

export const signupOf = async (sql: SqlExecutor, tenantId: string, eventId: string, customerId: string) =>
  maybeRow(
    signupRow,
    await sql.executeSql(`${selectSignups} AND g.event_id = $2 AND g.customer_id = $3`, [
      tenantId,
      eventId,
      customerId,
    ]),
    'signup',
  );

export const signupsOfCustomer = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  parseRows(
    signupRow,
    await sql.executeSql(`${selectSignups} AND g.customer_id = $2 ORDER BY g.signed_up_at`, [tenantId, customerId]),
    'signups of customer',
  );

export const signupByCode = async (sql: SqlExecutor, tenantId: string, code: string) =>
  maybeRow(signupRow, await sql.executeSql(`${selectSignups} AND g.ticket_code = $2`, [tenantId, code]), 'ticket');

/** The event's sign-ups with the customer's name and primary phone, seats first, then the waiting list in order. */
export const signupsOfEvent = async (sql: SqlExecutor, tenantId: string, eventId: string) =>
  parseRows(
    signupRow.extend({ name: col.text, phone: col.textOrNull, invited: col.bool }),
    await sql.executeSql(
      `SELECT x.*, c.name,
         (SELECT p.phone FROM customer_phones p WHERE p.tenant_id = $1 AND p.customer_id = x.customer_id
           ORDER BY p.is_primary DESC, p.phone LIMIT 1) AS phone,
         EXISTS (SELECT 1 FROM event_invitations i WHERE i.tenant_id = $1 AND i.event_id = x.event_id
           AND i.customer_id = x.customer_id AND i.decision IN ('sent', 'deferred')) AS invited
       FROM (${selectSignups} AND g.event_id = $2) x
       JOIN customers c ON c.tenant_id = $1 AND c.id = x.customer_id
       ORDER BY CASE WHEN x.status = 'confirmed' THEN 0 WHEN x.status = 'waiting' THEN 1 ELSE 2 END,
         x.position NULLS FIRST, x.signed_up_at, x.id`,
      [tenantId, eventId],
    ),
    'signups of event',
  );

export const confirmedCount = async (sql: SqlExecutor, tenantId: string, eventId: string) =>
  maybeRow(
    z.object({ n: col.number }),
    await sql.executeSql(
      `SELECT count(*) AS n FROM event_signups WHERE tenant_id = $1 AND event_id = $2 AND status = 'confirmed'`,
      [tenantId, eventId],
    ),
  )?.n ?? 0;

export const insertSignup = async (
  sql: SqlExecutor,
  tenantId: string,
  s: {
    id: string;
    eventId: string;
    customerId: string;
    ownerId: string | null;
    status: string;
    code: string;
    at: Date;
  },
) => {
  await sql.executeSql(
    `INSERT INTO event_signups (tenant_id, id, event_id, customer_id, owner_id, status, waiting_since, ticket_code,
       signed_up_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 = 'waiting' THEN $8::timestamptz END, $7, $8)`,
    [tenantId, s.id, s.eventId, s.customerId, s.ownerId, s.status, s.code, s.at],
  );
};

/** A cancelled sign-up taken up again: a seat or the end of the waiting list, as new. */
export const reviveSignup = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  s: { ownerId: string | null; status: string; at: Date },
) => {
  await sql.executeSql(
    `UPDATE event_signups SET status = $3, owner_id = coalesce($4, owner_id),
       waiting_since = CASE WHEN $3 = 'waiting' THEN $5::timestamptz END, signed_up_at = $5, cancelled_at = NULL
     WHERE tenant_id = $1 AND id = $2 AND status = 'cancelled'`,
    [tenantId, id, s.status, s.ownerId, s.at],
  );
};

export const cancelSignup = async (sql: SqlExecutor, tenantId: string, id: string, at: Date) =>
  maybeRow(
    z.object({ was: z.enum(signupStatuses) }),
    await sql.executeSql(
      `UPDATE event_signups g SET status = 'cancelled', cancelled_at = $3, waiting_since = NULL
       FROM (SELECT id, status AS was FROM event_signups WHERE tenant_id = $1 AND id = $2) o
       WHERE g.tenant_id = $1 AND g.id = o.id AND g.status <> 'cancelled' AND g.checked_in_at IS NULL
       RETURNING o.was`,
      [tenantId, id, at],
    ),
  )?.was ?? null;

/** The first `n` of the waiting list get seats (in order); their rows are answered. */
export const promoteWaiting = async (sql: SqlExecutor, tenantId: string, eventId: string, n: number) =>
  n <= 0
    ? []
    : parseRows(
        z.object({ id: col.text, customer_id: col.text, owner_id: col.textOrNull }),
        await sql.executeSql(
          `UPDATE event_signups g SET status = 'confirmed', waiting_since = NULL
           FROM (SELECT id FROM event_signups WHERE tenant_id = $1 AND event_id = $2 AND status = 'waiting'
                 ORDER BY waiting_since, id LIMIT $3) w
           WHERE g.tenant_id = $1 AND g.id = w.id RETURNING g.id, g.customer_id, g.owner_id`,
          [tenantId, eventId, n],
        ),
        'promote waiting',
      );

/** Writes the check-in once: false when the ticket was checked in already (or is no longer a seat). */
export const markCheckedIn = async (sql: SqlExecutor, tenantId: string, id: string, at: Date, by: string | null) =>
  (
    await sql.executeSql(
      `UPDATE event_signups SET checked_in_at = $3, checked_in_by = $4
       WHERE tenant_id = $1 AND id = $2 AND status = 'confirmed' AND checked_in_at IS NULL RETURNING id`,
      [tenantId, id, at, by],
    )
  ).rows.length > 0;

/** The sign-ups (seats and waiting) the event's cancellation must reach. */
export const activeSignups = async (sql: SqlExecutor, tenantId: string, eventId: string) =>
  parseRows(
    z.object({ id: col.text, customer_id: col.text, owner_id: col.textOrNull }),
    await sql.executeSql(
      `SELECT id, customer_id, owner_id FROM event_signups
       WHERE tenant_id = $1 AND event_id = $2 AND status IN ('confirmed', 'waiting') ORDER BY id`,
      [tenantId, eventId],
    ),
    'active signups',
  );

/** Attendees with an app account and no questionnaire offered yet. */
export const attendeesToSurvey = async (sql: SqlExecutor, tenantId: string, eventId: string) =>
  parseRows(
    z.object({ id: col.text, customer_id: col.text, owner_id: col.text }),
    await sql.executeSql(
      `SELECT id, customer_id, owner_id FROM event_signups WHERE tenant_id = $1 AND event_id = $2
         AND checked_in_at IS NOT NULL AND owner_id IS NOT NULL AND survey_response_id IS NULL ORDER BY id`,
      [tenantId, eventId],
    ),
    'attendees to survey',
  );

export const setSurveyResponse = async (sql: SqlExecutor, tenantId: string, id: string, responseId: string) => {
  await sql.executeSql(`UPDATE event_signups SET survey_response_id = $3 WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
    responseId,
  ]);
};

// Who (the owner's customer, the audience), invitations, the KPI figures and personal data.
export * from './audience.queries.ts';
