// The follow-up KPIs' SQL (seed 001 ch3-4 §5, docs/indices.md) over the call centre's calls and attempts and
// the answers recorded on calls. $1 is always the tenant; every table and subquery names it (Citus).
import { z } from 'zod';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';
import { factorItemsSql, repairOrderOfSql, satisfactionLevelSql, answerScoreSql } from './figures.queries.ts';

export type KpiInput = {
  tenantId: string;
  from: Date;
  to: Date;
  zone: string;
  period: 'week' | 'month';
  by: 'store' | 'agent' | 'advisor';
  storeId: string | null;
};

const periodOf = (at: string) => `to_char(date_trunc($5, ${at} AT TIME ZONE $4), 'YYYY-MM-DD')`;
const params = (i: KpiInput) => [i.tenantId, i.from, i.to, i.zone, i.period, i.storeId];
const advisorKey = (visitAlias: string | null) =>
  `COALESCE(${visitAlias ? `${visitAlias}.advisor_id::text, ` : ''}ro.advisor_id::text, 'name:' || ro.advisor_name)`;

/** Connected: someone answered (even to say not now); a bad number: wrong, disconnected or empty. */
const connected = `'non_owner', 'not_convenient', 'refused', 'completed'`;
const badNumber = `'wrong_number', 'disconnected', 'empty_number'`;

const dueRow = z.object({ period: col.text, gkey: col.textOrNull, due: col.number, completed: col.number });
/** Calls (kind call) that first fell due in the range, and how many of them were completed. */
export const callsDue = async (sql: SqlExecutor, i: KpiInput) => {
  const key = {
    store: 'k.store_id::text',
    agent: 'COALESCE(k.done_by, k.assignee_id)::text',
    advisor: advisorKey(null),
  }[i.by];
  const first = 'COALESCE(k.first_due_at, k.due_at)';
  const result = await sql.executeSql(
    `SELECT ${periodOf(first)} AS period, ${key} AS gkey, count(*) AS due,
            count(*) FILTER (WHERE k.call_state = 'completed') AS completed
       FROM care_tasks k
       ${i.by === 'advisor' ? repairOrderOfSql('k.vehicle_id', first, 'k.tenant_id') : ''}
      WHERE k.tenant_id = $1 AND k.kind = 'call' AND ${first} >= $2 AND ${first} < $3
        AND ($6::uuid IS NULL OR k.store_id = $6::uuid)
      GROUP BY 1, 2`,
    params(i),
  );
  return parseRows(dueRow, result, 'indices.callsDue');
};

const attemptRow = z.object({
  period: col.text,
  gkey: col.textOrNull,
  attempts: col.number,
  connected: col.number,
  bad: col.number,
  completed: col.number,
  agent_days: col.number,
});
/** Attempts in the range: connected, bad numbers found, completed, and the agent-days that made them. */
export const attemptCounts = async (sql: SqlExecutor, i: KpiInput) => {
  const key = { store: 'k.store_id::text', agent: 'a.agent_id::text', advisor: advisorKey(null) }[i.by];
  const result = await sql.executeSql(
    `SELECT ${periodOf('a.at')} AS period, ${key} AS gkey, count(*) AS attempts,
            count(*) FILTER (WHERE a.outcome IN (${connected})) AS connected,
            count(*) FILTER (WHERE a.outcome IN (${badNumber})) AS bad,
            count(*) FILTER (WHERE a.outcome = 'completed') AS completed,
            count(DISTINCT a.agent_id::text || ' ' || to_char(a.at AT TIME ZONE $4, 'YYYY-MM-DD')) AS agent_days
       FROM call_attempts a
       JOIN care_tasks k ON k.tenant_id = $1 AND k.tenant_id = a.tenant_id AND k.id = a.task_id
       ${i.by === 'advisor' ? repairOrderOfSql('k.vehicle_id', 'a.at', 'k.tenant_id') : ''}
      WHERE a.tenant_id = $1 AND a.at >= $2 AND a.at < $3 AND ($6::uuid IS NULL OR k.store_id = $6::uuid)
      GROUP BY 1, 2`,
    params(i),
  );
  return parseRows(attemptRow, result, 'indices.attemptCounts');
};

const satRow = z.object({
  period: col.text,
  gkey: col.textOrNull,
  answers: col.number,
  very: col.number,
  satisfied: col.number,
});
/** Answers recorded on calls (successful follow-ups) with an overall satisfaction answer, by its level. */
export const callSatisfaction = async (sql: SqlExecutor, i: KpiInput) => {
  const key = { store: 'r.store_id::text', agent: 'r.recorded_by::text', advisor: advisorKey('r_v') }[i.by];
  const result = await sql.executeSql(
    `WITH items AS MATERIALIZED (${factorItemsSql} AND q.value->>'factor' = 'overall'),
     answered AS (
       SELECT r.tenant_id, r.id, r.version_id, r.answers, ${periodOf('r.answered_at')} AS period, ${key} AS gkey
         FROM survey_responses r
         LEFT JOIN visits r_v ON r_v.tenant_id = $1 AND r_v.tenant_id = r.tenant_id AND r_v.id = r.visit_id
         ${i.by === 'advisor' ? repairOrderOfSql('r.vehicle_id', 'r.answered_at', 'r.tenant_id') : ''}
        WHERE r.tenant_id = $1 AND r.channel = 'call' AND r.status = 'complete'
          AND r.answered_at >= $2 AND r.answered_at < $3 AND ($6::uuid IS NULL OR r.store_id = $6::uuid)
     ),
     scored AS (
       SELECT a.id, a.period, a.gkey, i.factor, i.qtype, ${answerScoreSql('a', 'i')} AS score,
              a.answers->i.qkey->>'choice' AS choice
         FROM answered a JOIN items i ON i.tenant_id = a.tenant_id AND i.version_id = a.version_id
        WHERE a.answers->i.qkey IS NOT NULL
     ),
     levels AS (SELECT s.id, s.period, s.gkey, max(${satisfactionLevelSql('s')}) AS sat FROM scored s GROUP BY s.id, s.period, s.gkey)
     SELECT l.period, l.gkey, count(l.sat) AS answers, count(*) FILTER (WHERE l.sat = 2) AS very,
            count(*) FILTER (WHERE l.sat = 1) AS satisfied
       FROM levels l GROUP BY 1, 2`,
    params(i),
  );
  return parseRows(satRow, result, 'indices.callSatisfaction');
};

const reasonRow = z.object({ reason: col.text, label: col.textOrNull, n: col.number });
/**
 * Dissatisfaction reasons, ranked: the options chosen on multiple-choice questions (主要是哪些地方不满意呢？ —
 * the shipped templates ask their reasons so) in the range's answers, both channels.
 */
export const dissatisfactionReasons = async (sql: SqlExecutor, i: KpiInput) => {
  const result = await sql.executeSql(
    `WITH multi AS MATERIALIZED (
       SELECT v.tenant_id, v.id AS version_id, q.value->>'key' AS qkey, q.value->'options' AS options
         FROM questionnaire_versions v
        CROSS JOIN LATERAL jsonb_array_elements(v.definition->'sections') s
        CROSS JOIN LATERAL jsonb_array_elements(s.value->'questions') q
        WHERE v.tenant_id = $1 AND v.status <> 'draft' AND q.value->>'type' = 'multiple'
     )
     SELECT c.value AS reason,
            min((SELECT o.value->>'label' FROM jsonb_array_elements(m.options) o WHERE o.value->>'key' = c.value LIMIT 1)) AS label,
            count(*) AS n
       FROM survey_responses r
       JOIN multi m ON m.tenant_id = r.tenant_id AND m.version_id = r.version_id
      CROSS JOIN LATERAL jsonb_array_elements_text(COALESCE(r.answers->m.qkey->'choices', '[]'::jsonb)) c
      WHERE r.tenant_id = $1 AND r.status IN ('complete', 'partial') AND r.answered_at >= $2 AND r.answered_at < $3
        AND ($4::uuid IS NULL OR r.store_id = $4::uuid)
      GROUP BY c.value
      ORDER BY n DESC, reason`,
    [i.tenantId, i.from, i.to, i.storeId],
  );
  return parseRows(reasonRow, result, 'indices.reasons');
};
