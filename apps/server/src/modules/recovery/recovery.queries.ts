import { z } from 'zod';
import { recoveryFollowUpAnswers, recoveryReactions, recoveryStatuses, type RecoveryAlert } from '@m4s/contracts';
import { col, maybeRow, oneRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/**
 * Service recovery's SQL. Every table and subquery names the tenant (`tenant_id = $1`) and joins on
 * (tenant_id, id): each statement stays on one shard under Citus (docs/scaling.md §4).
 */

const alertColumns = `a.id, a.response_id, a.customer_id, c.name AS customer_name,
  (SELECT p.phone FROM customer_phones p WHERE p.tenant_id = $1 AND p.customer_id = a.customer_id
    ORDER BY p.is_primary DESC, p.created_at, p.phone LIMIT 1) AS phone,
  a.vehicle_id, v.plate, a.visit_id, a.store_id, st.name AS store_name, a.assignee_id, s1.name AS assignee_name,
  a.score, a.triggers, a.strong, a.status, a.opened_at, a.due_at, a.escalated_at, a.escalated_to,
  s2.name AS escalated_name, a.closed_at, a.closed_by, s3.name AS closed_name, a.action, a.reaction,
  a.reaction_code, a.follow_up_task_id, k.due_at AS follow_up_due_at, a.follow_up_answer, a.complaint_id,
  qn.name AS questionnaire_name`;

const alertJoins = `FROM recovery_alerts a
  JOIN customers c ON c.tenant_id = a.tenant_id AND c.id = a.customer_id
  JOIN survey_responses r ON r.tenant_id = a.tenant_id AND r.id = a.response_id
  JOIN questionnaires qn ON qn.tenant_id = r.tenant_id AND qn.id = r.questionnaire_id
  LEFT JOIN vehicles v ON v.tenant_id = a.tenant_id AND v.id = a.vehicle_id
  LEFT JOIN stores st ON st.tenant_id = a.tenant_id AND st.id = a.store_id
  LEFT JOIN staff s1 ON s1.tenant_id = a.tenant_id AND s1.id = a.assignee_id
  LEFT JOIN staff s2 ON s2.tenant_id = a.tenant_id AND s2.id = a.escalated_to
  LEFT JOIN staff s3 ON s3.tenant_id = a.tenant_id AND s3.id = a.closed_by
  LEFT JOIN care_tasks k ON k.tenant_id = a.tenant_id AND k.id = a.follow_up_task_id`;

const alertRow = z.object({
  id: col.text,
  response_id: col.text,
  customer_id: col.text,
  customer_name: col.text,
  phone: col.textOrNull,
  vehicle_id: col.textOrNull,
  plate: col.textOrNull,
  visit_id: col.textOrNull,
  store_id: col.textOrNull,
  store_name: col.textOrNull,
  assignee_id: col.textOrNull,
  assignee_name: col.textOrNull,
  score: col.numberOrNull,
  triggers: z.array(z.string()),
  strong: col.bool,
  status: z.enum(recoveryStatuses),
  opened_at: col.instant,
  due_at: col.instant,
  escalated_at: col.instantOrNull,
  escalated_to: col.textOrNull,
  escalated_name: col.textOrNull,
  closed_at: col.instantOrNull,
  closed_by: col.textOrNull,
  closed_name: col.textOrNull,
  action: col.textOrNull,
  reaction: col.textOrNull,
  reaction_code: z.enum(recoveryReactions).nullable(),
  follow_up_task_id: col.textOrNull,
  follow_up_due_at: col.instantOrNull,
  follow_up_answer: z.enum(recoveryFollowUpAnswers).nullable(),
  complaint_id: col.textOrNull,
  questionnaire_name: col.text,
});
type AlertRow = z.infer<typeof alertRow>;

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

const toAlert = (r: AlertRow, now: Date): RecoveryAlert => ({
  id: r.id,
  responseId: r.response_id,
  customerId: r.customer_id,
  customerName: r.customer_name,
  phone: r.phone,
  vehicleId: r.vehicle_id,
  plate: r.plate,
  visitId: r.visit_id,
  storeId: r.store_id,
  storeName: r.store_name,
  assignee: ref(r.assignee_id, r.assignee_name),
  score: r.score,
  triggers: r.triggers,
  questionnaireName: r.questionnaire_name,
  strong: r.strong,
  status: r.status,
  openedAt: r.opened_at.toISOString(),
  dueAt: r.due_at.toISOString(),
  late: r.status === 'open' && r.due_at.getTime() < now.getTime(),
  escalatedAt: r.escalated_at?.toISOString() ?? null,
  escalatedTo: ref(r.escalated_to, r.escalated_name),
  closedAt: r.closed_at?.toISOString() ?? null,
  closedBy: ref(r.closed_by, r.closed_name),
  action: r.action,
  reaction: r.reaction,
  reactionCode: r.reaction_code,
  onTime: r.closed_at ? r.closed_at.getTime() <= r.due_at.getTime() : null,
  followUpTaskId: r.follow_up_task_id,
  followUpDueAt: r.follow_up_due_at?.toISOString() ?? null,
  followUpAnswer: r.follow_up_answer,
  complaintId: r.complaint_id,
});

export const alertById = async (sql: SqlExecutor, tenantId: string, id: string, now: Date) => {
  const row = maybeRow(
    alertRow,
    await sql.executeSql(`SELECT ${alertColumns} ${alertJoins} WHERE a.tenant_id = $1 AND a.id = $2`, [tenantId, id]),
    'recovery alert',
  );
  return row ? toAlert(row, now) : null;
};

export type AlertFilter = {
  /** Assigned or escalated to this staff member. */
  staffId: string | null;
  /** In this store (null: every store — a group role). */
  storeId: string | null;
  status: 'open' | 'closed' | 'all';
  limit: number;
  offset: number;
};

/** A page of alerts: open ones first by due time (the most urgent on top), then the closed, latest first. */
export const alertPage = async (sql: SqlExecutor, tenantId: string, f: AlertFilter, now: Date) => {
  const where = `a.tenant_id = $1
    AND ($2::uuid IS NULL OR a.assignee_id = $2 OR a.escalated_to = $2)
    AND ($3::uuid IS NULL OR a.store_id = $3)
    AND ($4::text = 'all' OR a.status = $4)`;
  const params = [tenantId, f.staffId, f.storeId, f.status];
  const rows = parseRows(
    alertRow,
    await sql.executeSql(
      `SELECT ${alertColumns} ${alertJoins} WHERE ${where}
        ORDER BY (a.status = 'open') DESC,
                 CASE WHEN a.status = 'open' THEN a.due_at END ASC,
                 a.closed_at DESC, a.id
        LIMIT $5 OFFSET $6`,
      [...params, f.limit, f.offset],
    ),
    'recovery alert page',
  );
  const total = oneRow(
    z.object({ n: col.number }),
    await sql.executeSql(`SELECT count(*) AS n FROM recovery_alerts a WHERE ${where}`, params),
    'recovery alert count',
  ).n;
  return { items: rows.map((r) => toAlert(r, now)), total };
};

/** What opening an alert needs to know about a response: its visit's advisor, the customer's, the stores. */
export const responseFacts = async (sql: SqlExecutor, tenantId: string, responseId: string) =>
  maybeRow(
    z.object({
      id: col.text,
      customer_id: col.text,
      vehicle_id: col.textOrNull,
      visit_id: col.textOrNull,
      store_id: col.textOrNull,
      task_id: col.textOrNull,
      visit_advisor_id: col.textOrNull,
      visit_store_id: col.textOrNull,
      customer_advisor_id: col.textOrNull,
      home_store_id: col.textOrNull,
    }),
    await sql.executeSql(
      `SELECT r.id, r.customer_id, r.vehicle_id, r.visit_id, r.store_id, r.task_id,
              vi.advisor_id AS visit_advisor_id, vi.store_id AS visit_store_id,
              (SELECT s.id FROM staff s WHERE s.tenant_id = $1 AND s.id = c.service_advisor_id AND s.status = 'active')
                AS customer_advisor_id,
              c.home_store_id
         FROM survey_responses r
         JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id
         LEFT JOIN visits vi ON vi.tenant_id = r.tenant_id AND vi.id = r.visit_id
        WHERE r.tenant_id = $1 AND r.id = $2`,
      [tenantId, responseId],
    ),
    'recovery response facts',
  );

/** The store's service manager (the longest-serving active one); null when it has none. */
export const serviceManagerOf = async (sql: SqlExecutor, tenantId: string, storeId: string | null, not?: string) =>
  storeId === null
    ? null
    : (maybeRow(
        z.object({ id: col.text }),
        await sql.executeSql(
          `SELECT s.id FROM staff s
            WHERE s.tenant_id = $1 AND s.store_id = $2 AND s.status = 'active'
              AND s.role IN ('service_manager', 'store_manager') AND ($3::uuid IS NULL OR s.id <> $3)
            ORDER BY (s.role = 'service_manager') DESC, s.created_at, s.id LIMIT 1`,
          [tenantId, storeId, not ?? null],
        ),
        'service manager',
      )?.id ?? null);

export type NewAlert = {
  responseId: string;
  customerId: string;
  vehicleId: string | null;
  visitId: string | null;
  storeId: string | null;
  assigneeId: string | null;
  score: number | null;
  triggers: string[];
  strong: boolean;
  openedAt: Date;
  dueAt: Date;
};

/** Opens the alert once per response: a second call finds it and returns null. */
export const insertAlert = async (sql: SqlExecutor, tenantId: string, a: NewAlert): Promise<string | null> =>
  maybeRow(
    z.object({ id: col.text }),
    await sql.executeSql(
      `INSERT INTO recovery_alerts (tenant_id, response_id, customer_id, vehicle_id, visit_id, store_id, assignee_id,
          score, triggers, strong, opened_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)
       ON CONFLICT (tenant_id, response_id) DO NOTHING RETURNING id`,
      [
        tenantId,
        a.responseId,
        a.customerId,
        a.vehicleId,
        a.visitId,
        a.storeId,
        a.assigneeId,
        a.score,
        JSON.stringify(a.triggers),
        a.strong,
        a.openedAt,
        a.dueAt,
      ],
    ),
    'new recovery alert',
  )?.id ?? null;

/** Escalates an open, late, not yet escalated alert: true when this call did it (idempotent). */
export const escalate = async (sql: SqlExecutor, tenantId: string, id: string, to: string | null, now: Date) =>
  (
    await sql.executeSql(
      `UPDATE recovery_alerts SET escalated_at = $3, escalated_to = $4
        WHERE tenant_id = $1 AND id = $2 AND status = 'open' AND escalated_at IS NULL AND due_at <= $3
        RETURNING id`,
      [tenantId, id, now, to],
    )
  ).rows.length > 0;

export const alertFacts = async (sql: SqlExecutor, tenantId: string, id: string) =>
  maybeRow(
    z.object({
      id: col.text,
      customer_id: col.text,
      vehicle_id: col.textOrNull,
      store_id: col.textOrNull,
      assignee_id: col.textOrNull,
      escalated_to: col.textOrNull,
      status: z.enum(recoveryStatuses),
      strong: col.bool,
      complaint_id: col.textOrNull,
      follow_up_task_id: col.textOrNull,
      due_at: col.instant,
    }),
    await sql.executeSql(
      `SELECT id, customer_id, vehicle_id, store_id, assignee_id, escalated_to, status, strong, complaint_id,
              follow_up_task_id, due_at
         FROM recovery_alerts WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    ),
    'recovery alert facts',
  );

/** Closes an open alert (a concurrent close finds it closed: false). */
export const closeAlert = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  c: { at: Date; by: string; action: string; reaction: string; reactionCode: string; strong: boolean },
) =>
  (
    await sql.executeSql(
      `UPDATE recovery_alerts SET status = 'closed', closed_at = $3, closed_by = $4, action = $5, reaction = $6,
              reaction_code = $7, strong = strong OR $8
        WHERE tenant_id = $1 AND id = $2 AND status = 'open' RETURNING id`,
      [tenantId, id, c.at, c.by, c.action, c.reaction, c.reactionCode, c.strong],
    )
  ).rows.length > 0;

export const setFollowUpTask = (sql: SqlExecutor, tenantId: string, id: string, taskId: string) =>
  sql.executeSql(`UPDATE recovery_alerts SET follow_up_task_id = $3 WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
    taskId,
  ]);

export const setComplaint = (sql: SqlExecutor, tenantId: string, id: string, complaintId: string) =>
  sql.executeSql(`UPDATE recovery_alerts SET complaint_id = $3, strong = true WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
    complaintId,
  ]);

/** The alert whose follow-up call this task is (null: the task is no recovery follow-up). */
export const alertOfFollowUp = async (sql: SqlExecutor, tenantId: string, taskId: string) =>
  maybeRow(
    z.object({ id: col.text }),
    await sql.executeSql(`SELECT id FROM recovery_alerts WHERE tenant_id = $1 AND follow_up_task_id = $2`, [
      tenantId,
      taskId,
    ]),
    'alert of follow-up',
  )?.id ?? null;

export const setFollowUpAnswer = (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  a: { answer: string; strong: boolean },
) =>
  sql.executeSql(
    `UPDATE recovery_alerts SET follow_up_answer = $3, strong = strong OR $4 WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, a.answer, a.strong],
  );

/**
 * Recovery on time per store and advisor over the alerts closed in [from, to): closed, closed by their due
 * time; a row per advisor and one per store (advisor null). Grouped on the tenant's rows only.
 */
export const onTimeRows = async (
  sql: SqlExecutor,
  tenantId: string,
  span: { from: Date; to: Date; storeId: string | null },
) =>
  parseRows(
    z.object({
      store_id: col.textOrNull,
      store_name: col.textOrNull,
      advisor_id: col.textOrNull,
      advisor_name: col.textOrNull,
      per_advisor: col.bool,
      closed: col.number,
      on_time: col.number,
    }),
    await sql.executeSql(
      `SELECT g.store_id, st.name AS store_name, g.advisor_id, s.name AS advisor_name, g.per_advisor, g.closed, g.on_time
         FROM (SELECT a.tenant_id, a.store_id, a.assignee_id AS advisor_id, (GROUPING(a.assignee_id) = 0) AS per_advisor,
                      count(*) AS closed,
                      count(*) FILTER (WHERE a.closed_at <= a.due_at) AS on_time
                 FROM recovery_alerts a
                WHERE a.tenant_id = $1 AND a.status = 'closed' AND a.closed_at >= $2 AND a.closed_at < $3
                  AND ($4::uuid IS NULL OR a.store_id = $4)
                GROUP BY GROUPING SETS ((a.tenant_id, a.store_id, a.assignee_id), (a.tenant_id, a.store_id))) g
         LEFT JOIN stores st ON st.tenant_id = g.tenant_id AND st.id = g.store_id
         LEFT JOIN staff s ON s.tenant_id = g.tenant_id AND s.id = g.advisor_id
        ORDER BY st.name NULLS LAST, g.store_id, g.per_advisor, s.name NULLS FIRST, g.advisor_id`,
      [tenantId, span.from, span.to, span.storeId],
    ),
    'recovery on time',
  );

/**
 * Recovery on time for the follow-up KPIs (modules/indices): alerts closed in [$2, $3) per period ($5 week or
 * month, in zone $4) and per store or person (the alert's assignee, for an advisor or an agent alike).
 */
export const onTimeByPeriod = async (
  sql: SqlExecutor,
  i: { tenantId: string; from: Date; to: Date; zone: string; period: 'week' | 'month'; storeId: string | null },
  by: 'store' | 'person',
) =>
  parseRows(
    z.object({ period: col.text, gkey: col.textOrNull, closed: col.number, on_time: col.number }),
    await sql.executeSql(
      `SELECT to_char(date_trunc($5, a.closed_at AT TIME ZONE $4), 'YYYY-MM-DD') AS period,
              ${by === 'store' ? 'a.store_id' : 'a.assignee_id'}::text AS gkey,
              count(*) AS closed, count(*) FILTER (WHERE a.closed_at <= a.due_at) AS on_time
         FROM recovery_alerts a
        WHERE a.tenant_id = $1 AND a.status = 'closed' AND a.closed_at >= $2 AND a.closed_at < $3
          AND ($6::uuid IS NULL OR a.store_id = $6::uuid)
        GROUP BY 1, 2`,
      [i.tenantId, i.from, i.to, i.zone, i.period, i.storeId],
    ),
    'recovery on time by period',
  );

/** The customer's alerts (the PIPL export) and their erasure: the record stays, what was said goes. */
export const alertsOfCustomer = async (sql: SqlExecutor, tenantId: string, customerId: string, now: Date) =>
  parseRows(
    alertRow,
    await sql.executeSql(
      `SELECT ${alertColumns} ${alertJoins} WHERE a.tenant_id = $1 AND a.customer_id = $2 ORDER BY a.opened_at`,
      [tenantId, customerId],
    ),
    'alerts of customer',
  ).map((r) => toAlert(r, now));

export const blankAlertsOf = async (sql: SqlExecutor, tenantId: string, customerId: string) => {
  await sql.executeSql(
    `UPDATE recovery_alerts SET action = CASE WHEN action IS NULL THEN NULL ELSE '' END,
            reaction = CASE WHEN reaction IS NULL THEN NULL ELSE '' END
      WHERE tenant_id = $1 AND customer_id = $2`,
    [tenantId, customerId],
  );
};
