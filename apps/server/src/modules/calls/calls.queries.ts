// The call centre's SQL over care_tasks (the care module's tasks of kind call / callback): the attempts, the
// outcomes' writes, the nightly expiry (the queues' reads: queue.queries.ts). $1 is always the tenant.
import {
  callOutcomes,
  callStates,
  careTaskKinds,
  followUpSlots,
  type CallAttempt,
  type CallState,
  type CareTaskKind,
} from '@m4s/contracts';
import { z } from 'zod';
import { col, maybeRow, oneRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

const attemptRow = z
  .object({
    seq: col.number,
    outcome: z.enum(callOutcomes),
    state_before: z.enum(callStates),
    state_after: z.enum(callStates),
    agent_id: col.textOrNull,
    agent_name: col.textOrNull,
    at: col.instant,
    callback_at: col.instantOrNull,
    note: col.textOrNull,
  })
  .transform((r): CallAttempt => ({
    seq: r.seq,
    outcome: r.outcome,
    stateBefore: r.state_before,
    stateAfter: r.state_after,
    agentId: r.agent_id,
    agentName: r.agent_name,
    at: r.at.toISOString(),
    callbackAt: r.callback_at?.toISOString() ?? null,
    note: r.note,
  }));

export const attemptsOf = async (sql: SqlExecutor, tenantId: string, taskId: string): Promise<CallAttempt[]> =>
  parseRows(
    attemptRow,
    await sql.executeSql(
      `SELECT a.seq, a.outcome, a.state_before, a.state_after, a.agent_id, s.name AS agent_name, a.at, a.callback_at, a.note
         FROM call_attempts a LEFT JOIN staff s ON s.tenant_id = a.tenant_id AND s.id = a.agent_id
        WHERE a.tenant_id = $1 AND a.task_id = $2 ORDER BY a.seq`,
      [tenantId, taskId],
    ),
    'call attempts',
  );

/** What an outcome needs of the call and its customer. */
const callFactsRow = z.object({
  kind: z.enum(careTaskKinds),
  status: col.text,
  call_state: z.enum(callStates),
  attempts: col.number,
  no_answers: col.number,
  customer_id: col.text,
  vehicle_id: col.textOrNull,
  store_id: col.textOrNull,
  home_store_id: col.textOrNull,
  sales_consultant_id: col.textOrNull,
  service_advisor_id: col.textOrNull,
  preferred_slot: z.enum(followUpSlots).nullable(),
  quiet_start: col.textOrNull,
  quiet_end: col.textOrNull,
  phone: col.textOrNull,
});
export type CallFacts = z.output<typeof callFactsRow>;

export const callFacts = async (sql: SqlExecutor, tenantId: string, id: string): Promise<CallFacts | null> =>
  maybeRow(
    callFactsRow,
    await sql.executeSql(
      `SELECT k.kind, k.status, k.call_state, k.attempts, k.customer_id, k.vehicle_id, k.store_id, c.home_store_id,
          c.sales_consultant_id, c.service_advisor_id, c.preferred_slot, c.quiet_start, c.quiet_end,
          (SELECT count(*) FROM call_attempts a WHERE a.tenant_id = $1 AND a.task_id = k.id AND a.outcome = 'no_answer') AS no_answers,
          (SELECT p.phone FROM customer_phones p WHERE p.tenant_id = $1 AND p.customer_id = k.customer_id
            ORDER BY p.is_primary DESC, p.created_at, p.phone LIMIT 1) AS phone
         FROM care_tasks k JOIN customers c ON c.tenant_id = $1 AND c.id = k.customer_id
        WHERE k.tenant_id = $1 AND k.id = $2`,
      [tenantId, id],
    ),
    'call facts',
  );

/**
 * The attempt's move, only if the call is still as the agent saw it (open, `expected` attempts): the
 * row lock makes a second agent's concurrent outcome wait, then find the count changed — false, a 409.
 */
export const applyTransition = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  m: {
    expected: number;
    to: CallState;
    closed: boolean;
    dueAt: Date | null;
    now: Date;
    by: string;
    note: string | null;
    closeReason: string | null;
  },
): Promise<boolean> => {
  const result = await sql.executeSql(
    `UPDATE care_tasks SET attempts = attempts + 1, call_state = $4, updated_at = $7,
        status = CASE WHEN $5::boolean THEN 'done' ELSE 'open' END, snoozed_until = NULL,
        first_due_at = CASE WHEN $6::timestamptz IS NULL THEN first_due_at ELSE COALESCE(first_due_at, due_at) END,
        due_at = COALESCE($6::timestamptz, due_at),
        done_at = CASE WHEN $5::boolean THEN $7::timestamptz END, done_by = CASE WHEN $5::boolean THEN $8::uuid END,
        outcome = CASE WHEN $5::boolean THEN $9 ELSE outcome END, close_reason = $10
      WHERE tenant_id = $1 AND id = $2 AND attempts = $3 AND status IN ('open', 'snoozed')
      RETURNING id`,
    [tenantId, id, m.expected, m.to, m.closed, m.dueAt, m.now, m.by, m.note, m.closeReason],
  );
  return result.rows.length === 1;
};

export const insertAttempt = async (
  sql: SqlExecutor,
  tenantId: string,
  a: {
    taskId: string;
    customerId: string;
    seq: number;
    outcome: string;
    from: CallState;
    to: CallState;
    agentId: string;
    at: Date;
    callbackAt: Date | null;
    note: string | null;
    details: Record<string, unknown>;
    /** The questionnaire answered on a completed call (docs/calls.md). */
    responseId?: string | null;
  },
): Promise<void> => {
  await sql.executeSql(
    `INSERT INTO call_attempts (tenant_id, task_id, customer_id, seq, outcome, state_before, state_after, agent_id, at,
        callback_at, note, details, response_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)`,
    [
      tenantId,
      a.taskId,
      a.customerId,
      a.seq,
      a.outcome,
      a.from,
      a.to,
      a.agentId,
      a.at,
      a.callbackAt,
      a.note,
      JSON.stringify(a.details),
      a.responseId ?? null,
    ],
  );
};

/** A task the call made for someone (a data fix, a callback); returns its id. */
export const insertTask = async (
  sql: SqlExecutor,
  tenantId: string,
  t: {
    kind: CareTaskKind;
    customerId: string;
    vehicleId: string | null;
    storeId: string | null;
    ruleKey: string | null;
    role: string;
    assigneeId: string | null;
    title: string;
    script: string;
    dueAt: Date;
    now: Date;
  },
): Promise<string> => {
  const result = await sql.executeSql(
    `INSERT INTO care_tasks (tenant_id, kind, customer_id, vehicle_id, store_id, rule_key, role, assignee_id, title, script,
        due_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
    [
      tenantId,
      t.kind,
      t.customerId,
      t.vehicleId,
      t.storeId,
      t.ruleKey,
      t.role,
      t.assigneeId,
      t.title,
      t.script,
      t.dueAt,
      t.now,
    ],
  );
  return oneRow(z.object({ id: col.text }), result, 'new task').id;
};

/** An open data-fix task of this customer for this role already (one is enough). */
export const openDataFix = async (sql: SqlExecutor, tenantId: string, customerId: string, role: string) =>
  (
    await sql.executeSql(
      `SELECT 1 FROM care_tasks WHERE tenant_id = $1 AND customer_id = $2 AND role = $3 AND kind = 'data_fix'
          AND status IN ('open', 'snoozed') LIMIT 1`,
      [tenantId, customerId, role],
    )
  ).rows.length > 0;

/**
 * The nightly expiry: open calls past their window leave the queue as expired, with the reason (never
 * attempted, or tried and not reached). Returns how many.
 */
export const expireCalls = async (sql: SqlExecutor, tenantId: string, now: Date, queueDays: number) => {
  // expiresAtSql's test with the arithmetic done here: Citus refuses an UPDATE whose WHERE has a COALESCE or
  // CASE over a non-immutable expression (timestamptz + interval).
  const day = 86_400_000;
  const result = await sql.executeSql(
    `WITH x AS (
       UPDATE care_tasks k SET status = 'cancelled', call_state = 'expired', updated_at = $2, snoozed_until = NULL,
           close_reason = CASE WHEN k.attempts = 0 THEN 'never_attempted' ELSE 'not_reached' END
        WHERE k.tenant_id = $1 AND k.status IN ('open', 'snoozed') AND k.kind <> 'data_fix'
          AND COALESCE(k.first_due_at, k.due_at) <= $3
          AND (k.call_state IS DISTINCT FROM 'rescheduled' OR k.due_at <= $4)
       RETURNING k.close_reason)
     SELECT count(*) FILTER (WHERE close_reason = 'never_attempted') AS never,
            count(*) FILTER (WHERE close_reason = 'not_reached') AS tried FROM x`,
    [tenantId, now, new Date(now.getTime() - queueDays * day), new Date(now.getTime() - day)],
  );
  return oneRow(z.object({ never: col.number, tried: col.number }), result, 'expired calls');
};

/** Is the car the customer's (owned now)? */
export const vehicleOfCustomer = async (sql: SqlExecutor, tenantId: string, vehicleId: string, customerId: string) =>
  (
    await sql.executeSql(`SELECT 1 FROM vehicles WHERE tenant_id = $1 AND id = $2 AND owner_id = $3`, [
      tenantId,
      vehicleId,
      customerId,
    ])
  ).rows.length > 0;

/** A customer's call attempts, oldest first: the access request. */
export const attemptsOfCustomer = async (sql: SqlExecutor, tenantId: string, customerId: string) =>
  parseRows(
    z.object({
      task_id: col.text,
      seq: col.number,
      outcome: z.enum(callOutcomes),
      at: col.instant,
      callback_at: col.instantOrNull,
      note: col.textOrNull,
    }),
    await sql.executeSql(
      `SELECT task_id, seq, outcome, at, callback_at, note FROM call_attempts
        WHERE tenant_id = $1 AND customer_id = $2 ORDER BY at, seq`,
      [tenantId, customerId],
    ),
    'call attempts of a customer',
  ).map((a) => ({
    taskId: a.task_id,
    seq: a.seq,
    outcome: a.outcome,
    at: a.at.toISOString(),
    callbackAt: a.callback_at?.toISOString() ?? null,
    note: a.note,
  }));

/** Erasure: the attempts stay as the record of the work, without the agent's words and what they named. */
export const blankAttemptsOf = async (sql: SqlExecutor, tenantId: string, customerId: string) => {
  await sql.executeSql(
    `UPDATE call_attempts SET note = CASE WHEN note IS NULL THEN NULL ELSE '' END, details = '{}'::jsonb
      WHERE tenant_id = $1 AND customer_id = $2`,
    [tenantId, customerId],
  );
};
