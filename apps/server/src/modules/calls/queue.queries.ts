// The call queues' SQL (docs/calls.md, Queues): a page of a queue, its counts, a call as the queue shows it, and
// the agents' day. $1 is always the tenant; every table and subquery names it (Citus).
import {
  careRuleKeys,
  careTaskKinds,
  callStates,
  followUpSlots,
  phoneFlags,
  type AgentLoad,
  type CallItem,
} from '@m4s/contracts';
import { z } from 'zod';
import { col, maybeRow, oneRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** Open (in a queue): not closed, not a data fix; a snoozed one once its time has come. */
const inQueue = (now: string) =>
  `k.status IN ('open', 'snoozed') AND k.kind <> 'data_fix' AND (k.status = 'open' OR k.snoozed_until <= ${now})`;

/**
 * When a call leaves the queue unworked: `queueDays` after it first fell due — or a day after the time
 * the customer agreed, when that is later (a rescheduled call is never dropped before its time).
 */
export const expiresAtSql = (k: string, days: string) =>
  `GREATEST(COALESCE(${k}.first_due_at, ${k}.due_at) + make_interval(days => ${days}),
    CASE WHEN ${k}.call_state = 'rescheduled' THEN ${k}.due_at + interval '1 day' END)`;

const itemColumns = (
  days: string,
) => `k.id, k.kind, k.customer_id, c.name AS customer_name, p.phone, p.flag AS phone_flag, k.vehicle_id,
  v.plate, k.store_id, k.rule_key, k.role, k.assignee_id, s.name AS assignee_name, k.title, k.script, k.due_at,
  k.call_state, k.attempts, c.preferred_slot, c.quiet_start, c.quiet_end, k.due_at < $2 AS late,
  ${expiresAtSql('k', `${days}::int`)} AS expires_at`;

const itemJoins = `JOIN customers c ON c.tenant_id = $1 AND c.id = k.customer_id
  LEFT JOIN LATERAL (SELECT p.phone, p.flag FROM customer_phones p WHERE p.tenant_id = $1 AND p.customer_id = k.customer_id
    ORDER BY p.is_primary DESC, p.created_at, p.phone LIMIT 1) p ON true
  LEFT JOIN vehicles v ON v.tenant_id = $1 AND v.id = k.vehicle_id
  LEFT JOIN staff s ON s.tenant_id = $1 AND s.id = k.assignee_id`;

const itemRow = z
  .object({
    id: col.text,
    kind: z.enum(careTaskKinds),
    customer_id: col.text,
    customer_name: col.text,
    phone: col.textOrNull,
    phone_flag: z.enum(phoneFlags).nullable(),
    vehicle_id: col.textOrNull,
    plate: col.textOrNull,
    store_id: col.textOrNull,
    rule_key: z.enum(careRuleKeys).nullable(),
    role: col.text,
    assignee_id: col.textOrNull,
    assignee_name: col.textOrNull,
    title: col.text,
    script: col.text,
    due_at: col.instant,
    call_state: z.enum(callStates),
    attempts: col.number,
    preferred_slot: z.enum(followUpSlots).nullable(),
    quiet_start: col.textOrNull,
    quiet_end: col.textOrNull,
    late: z.boolean(),
    expires_at: col.instant,
  })
  .transform((r): CallItem => ({
    id: r.id,
    kind: r.kind,
    customerId: r.customer_id,
    customerName: r.customer_name,
    phone: r.phone,
    phoneFlag: r.phone_flag,
    vehicleId: r.vehicle_id,
    plate: r.plate,
    storeId: r.store_id,
    ruleKey: r.rule_key,
    role: r.role,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    title: r.title,
    script: r.script,
    dueAt: r.due_at.toISOString(),
    state: r.call_state,
    attempts: r.attempts,
    preferredSlot: r.preferred_slot,
    quietStart: r.quiet_start,
    quietEnd: r.quiet_end,
    late: r.late,
    expiresAt: r.expires_at.toISOString(),
  }));

export type QueueFilter = {
  now: Date;
  /** The end of today in the tenant's zone (today's queue), or null (every open call). */
  until: Date | null;
  lateOnly: boolean;
  queueDays: number;
  limit: number;
  offset: number;
};

/** A queue's filter: $1 tenant, $2 now, $3 the end of today (or NULL), $4 late only, then `who`'s own. */
const queueWhere = (
  who: string,
) => `k.tenant_id = $1 AND ${inQueue('$2')} AND ($3::timestamptz IS NULL OR k.due_at < $3)
    AND (NOT $4::boolean OR k.due_at < $2) AND ${who}`;

/**
 * A page of a queue in due order (the due time is already inside the customer's slot and outside their
 * quiet hours: the gate and the outcomes place it so). `who` is the SQL condition on `k` that makes it mine
 * or the store's, over parameters from $5 on (`whoParams`).
 */
export const queueItems = async (
  sql: SqlExecutor,
  tenantId: string,
  f: QueueFilter,
  who: string,
  whoParams: unknown[],
): Promise<CallItem[]> => {
  const where = queueWhere(who);
  const params = [tenantId, f.now, f.until, f.lateOnly, ...whoParams];
  const n = params.length;
  const page = await sql.executeSql(
    `SELECT ${itemColumns(`$${n + 3}`)} FROM (SELECT k.* FROM care_tasks k WHERE ${where}
        ORDER BY k.due_at, k.id LIMIT $${n + 1} OFFSET $${n + 2}) k ${itemJoins}
      ORDER BY k.due_at, k.id`,
    [...params, f.limit, f.offset, f.queueDays],
  );
  return parseRows(itemRow, page, 'call queue');
};

/** A page of a queue and how many calls match (every page). */
export const queuePage = async (
  sql: SqlExecutor,
  tenantId: string,
  f: QueueFilter,
  who: string,
  whoParams: unknown[],
): Promise<{ items: CallItem[]; total: number }> => ({
  items: await queueItems(sql, tenantId, f, who, whoParams),
  total: await queueCount(sql, tenantId, f, who, whoParams),
});

/** How many calls a queue's filter matches (every page). */
export const queueCount = async (
  sql: SqlExecutor,
  tenantId: string,
  f: Pick<QueueFilter, 'now' | 'until' | 'lateOnly'>,
  who: string,
  whoParams: unknown[],
): Promise<number> => {
  const count = await sql.executeSql(`SELECT count(*) AS n FROM care_tasks k WHERE ${queueWhere(who)}`, [
    tenantId,
    f.now,
    f.until,
    f.lateOnly,
    ...whoParams,
  ]);
  return oneRow(z.object({ n: col.number }), count, 'call queue count').n;
};

/**
 * A queue's day in one scan (the agent's own "my day"): its calls due by the end of today (`until`) and of
 * those the late ones (due before now). `who` as for `queuePage`.
 */
export const queueDay = async (
  sql: SqlExecutor,
  tenantId: string,
  p: { now: Date; until: Date },
  who: string,
  whoParams: unknown[],
): Promise<{ dueToday: number; late: number }> => {
  const result = await sql.executeSql(
    `SELECT count(*) AS due_today, count(*) FILTER (WHERE k.due_at < $2) AS late
       FROM care_tasks k WHERE ${queueWhere(who)}`,
    [tenantId, p.now, p.until, false, ...whoParams],
  );
  const row = oneRow(z.object({ due_today: col.number, late: col.number }), result, 'call queue day');
  return { dueToday: row.due_today, late: row.late };
};

/** One call as the queue shows it (whatever its state). */
export const callItemById = async (
  sql: SqlExecutor,
  tenantId: string,
  id: string,
  now: Date,
  queueDays: number,
): Promise<CallItem | null> => {
  const result = await sql.executeSql(
    `SELECT ${itemColumns('$3')} FROM care_tasks k ${itemJoins} WHERE k.tenant_id = $1 AND k.id = $4`,
    [tenantId, now, queueDays, id],
  );
  return maybeRow(itemRow, result, 'call');
};

const loadRow = z
  .object({
    staff_id: col.textOrNull,
    name: col.textOrNull,
    role: col.text,
    due_today: col.number,
    late: col.number,
    attempts_today: col.number,
    completed_today: col.number,
  })
  .transform((r): Omit<AgentLoad, 'target'> => ({
    staffId: r.staff_id,
    name: r.name,
    role: r.role,
    dueToday: r.due_today,
    late: r.late,
    attemptsToday: r.attempts_today,
    completedToday: r.completed_today,
  }));

/**
 * Each agent's day in a store ($2 the store, $3 now, $4 the end of today, $5 its start, $6 the roles that
 * work calls, $7 one staff member or NULL for all): open calls due by tonight, late ones, attempts and
 * completed calls today; then each role's unassigned pool (staff_id NULL). The call service asks it for one
 * agent's own day; the store view counts in one pass instead (`storeQueue`).
 */
export const agentLoads = async (
  sql: SqlExecutor,
  tenantId: string,
  p: { storeId: string | null; now: Date; until: Date; from: Date; roles: readonly string[]; staffId: string | null },
) => {
  const open = `k.tenant_id = $1 AND ${inQueue('$3')} AND k.due_at < $4`;
  // One pass over each agent's open calls (care_tasks_agent_queue_idx, index only) and one over their attempts
  // today (call_attempts_agent_idx); the pools are a range of the store's queue (care_tasks_queue_idx).
  const result = await sql.executeSql(
    `SELECT s.id AS staff_id, s.name, s.role, o.due_today, o.late, a.attempts_today, a.completed_today
       FROM staff s
      CROSS JOIN LATERAL (SELECT count(*) AS due_today, count(*) FILTER (WHERE k.due_at < $3) AS late
           FROM care_tasks k WHERE ${open} AND k.tenant_id = s.tenant_id AND k.assignee_id = s.id) o
      CROSS JOIN LATERAL (SELECT count(*) AS attempts_today, count(*) FILTER (WHERE a.outcome = 'completed') AS completed_today
           FROM call_attempts a
          WHERE a.tenant_id = $1 AND a.tenant_id = s.tenant_id AND a.agent_id = s.id AND a.at >= $5) a
      WHERE s.tenant_id = $1 AND s.status = 'active' AND s.role = ANY($6::text[])
        AND ($7::uuid IS NULL OR s.id = $7) AND ($7::uuid IS NOT NULL OR s.store_id = $2)
     UNION ALL
     SELECT NULL, NULL, k.role, count(*), count(*) FILTER (WHERE k.due_at < $3), 0, 0
       FROM care_tasks k
      WHERE ${open} AND $7::uuid IS NULL AND k.store_id = $2 AND k.assignee_id IS NULL
      GROUP BY k.role
     ORDER BY 3, 2 NULLS FIRST`,
    [tenantId, p.storeId, p.now, p.until, p.from, p.roles, p.staffId],
  );
  return parseRows(loadRow, result, 'agent loads');
};

const storeDayRow = z.object({
  assignee_id: col.textOrNull,
  role: col.text,
  due_today: col.number,
  late: col.number,
  matching: col.number,
});

/**
 * A store's queue counted in one pass of `care_tasks_queue_idx` (read from the index alone: it carries every
 * column tested here), grouped by agent and role: open calls due by the end of today (`dayEnd`), of those the
 * late ones, and those the page's filter matches (`until`, `lateOnly`: the page's total).
 */
export const storeQueueDay = async (
  sql: SqlExecutor,
  tenantId: string,
  p: { storeId: string; now: Date; dayEnd: Date; until: Date | null; lateOnly: boolean },
) =>
  parseRows(
    storeDayRow,
    await sql.executeSql(
      `SELECT k.assignee_id, k.role, count(*) FILTER (WHERE k.due_at < $4) AS due_today,
          count(*) FILTER (WHERE k.due_at < $4 AND k.due_at < $3) AS late,
          count(*) FILTER (WHERE ($5::timestamptz IS NULL OR k.due_at < $5) AND (NOT $6::boolean OR k.due_at < $3)) AS matching
         FROM care_tasks k
        WHERE k.tenant_id = $1 AND ${inQueue('$3')} AND k.store_id = $2
        GROUP BY k.assignee_id, k.role`,
      [tenantId, p.storeId, p.now, p.dayEnd, p.until, p.lateOnly],
    ),
    'store queue day',
  );

/** A store's agents (active, of the roles that work calls), by role and name, with their attempts today. */
export const storeAgents = async (
  sql: SqlExecutor,
  tenantId: string,
  p: { storeId: string; from: Date; roles: readonly string[] },
) =>
  parseRows(
    z.object({
      id: col.text,
      name: col.text,
      role: col.text,
      attempts_today: col.number,
      completed_today: col.number,
    }),
    await sql.executeSql(
      `SELECT s.id, s.name, s.role, a.attempts_today, a.completed_today
         FROM staff s
        CROSS JOIN LATERAL (SELECT count(*) AS attempts_today,
              count(*) FILTER (WHERE a.outcome = 'completed') AS completed_today
             FROM call_attempts a
            WHERE a.tenant_id = $1 AND a.tenant_id = s.tenant_id AND a.agent_id = s.id AND a.at >= $3) a
        WHERE s.tenant_id = $1 AND s.status = 'active' AND s.role = ANY($4::text[]) AND s.store_id = $2
        ORDER BY s.role, s.name`,
      [tenantId, p.storeId, p.from, p.roles],
    ),
    'store agents',
  );

/**
 * The supervisor's view of a store's queue (docs/calls.md): a page, how many match, and the store's day —
 * every agent's open calls of this store due by tonight and late, attempts and completed calls today, then each
 * role's unassigned pool (staff id null) first within its role. Three statements whatever the queue's size:
 * the page (a range of the index), the grouped pass, the agents.
 */
export const storeQueue = async (
  sql: SqlExecutor,
  tenantId: string,
  f: QueueFilter,
  p: { storeId: string; dayEnd: Date; from: Date; roles: readonly string[] },
): Promise<{ items: CallItem[]; total: number; loads: Omit<AgentLoad, 'target'>[] }> => {
  const items = await queueItems(sql, tenantId, f, 'k.store_id = $5', [p.storeId]);
  const groups = await storeQueueDay(sql, tenantId, { ...p, now: f.now, until: f.until, lateOnly: f.lateOnly });
  const agents = await storeAgents(sql, tenantId, p);
  const sum = (rows: typeof groups, pick: (r: (typeof groups)[number]) => number) =>
    rows.reduce((n, r) => n + pick(r), 0);
  const pools = new Map<string, typeof groups>();
  for (const g of groups) if (g.assignee_id === null) pools.set(g.role, [...(pools.get(g.role) ?? []), g]);
  const roles = [...new Set([...agents.map((a) => a.role), ...pools.keys()])].sort();
  const loads = roles.flatMap((role) => {
    const pool = pools.get(role) ?? [];
    const poolRow = sum(pool, (r) => r.due_today) > 0 && {
      staffId: null,
      name: null,
      role,
      dueToday: sum(pool, (r) => r.due_today),
      late: sum(pool, (r) => r.late),
      attemptsToday: 0,
      completedToday: 0,
    };
    const agentRows = agents
      .filter((a) => a.role === role)
      .map((a) => {
        const own = groups.filter((g) => g.assignee_id === a.id);
        return {
          staffId: a.id,
          name: a.name,
          role,
          dueToday: sum(own, (r) => r.due_today),
          late: sum(own, (r) => r.late),
          attemptsToday: a.attempts_today,
          completedToday: a.completed_today,
        };
      });
    return poolRow ? [poolRow, ...agentRows] : agentRows;
  });
  return { items, total: sum(groups, (r) => r.matching), loads };
};
