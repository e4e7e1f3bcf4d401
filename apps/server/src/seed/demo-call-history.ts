import { nonceUuidSql } from '../platform/db/ids.ts';
import type { Database } from '../platform/db/types.ts';
import { demoSurveyDays } from './demo-surveys.ts';

/**
 * The demo's follow-up call history (docs/indices.md), so that 满意度与回访's KPIs have calls to count on day one:
 * each repair follow-up the CS specialist recorded (seed/demo-surveys.ts) becomes the completed call it was —
 * one in four reached on the second try after a no-answer the day before — and, for other repair orders of the
 * same days, the calls that did not get through: an empty number, a refusal, three no-answers (unreachable).
 * Set-based and Citus-safe: tenant_id from the source rows, ids from the nonce and the source id (nonceUuidSql: valid version-4 uuids).
 */
export const seedDemoCallHistory = async (db: Database, input: { tenantId: string; now: Date }) => {
  const { tenantId, now } = input;
  const nonce = 'demo-call-history';
  return db.transaction({ tenantId }, async ({ sql }) => {
    const completed = await sql.executeSql(
      `INSERT INTO care_tasks (tenant_id, id, customer_id, vehicle_id, store_id, rule_key, role, assignee_id, title,
                               script, due_at, status, outcome, done_at, done_by, created_at, updated_at, kind,
                               call_state, attempts, first_due_at)
       SELECT r.tenant_id, ${nonceUuidSql('$2', 'r.id::text')}, r.customer_id, r.vehicle_id, r.store_id, 'post_repair',
              'cs_specialist', r.recorded_by, '维修后3日回访', '您好，我是客服专员，想了解一下您这次维修保养的感受。',
              r.answered_at, 'done', NULL, r.answered_at, r.recorded_by, r.answered_at - interval '2 days',
              r.answered_at, 'call', 'completed',
              CASE WHEN abs(hashtext(r.id::text)) % 4 = 0 THEN 2 ELSE 1 END,
              r.answered_at - CASE WHEN abs(hashtext(r.id::text)) % 4 = 0 THEN interval '1 day' ELSE interval '0' END
         FROM survey_responses r
        WHERE r.tenant_id = $1 AND r.channel = 'call' AND r.task_id IS NULL AND r.recorded_by IS NOT NULL
          AND r.answered_at IS NOT NULL
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [tenantId, nonce],
    );
    await sql.executeSql(
      `UPDATE survey_responses SET task_id = ${nonceUuidSql('$2', 'id::text')}
        WHERE tenant_id = $1 AND channel = 'call' AND task_id IS NULL AND recorded_by IS NOT NULL
          AND answered_at IS NOT NULL`,
      [tenantId, nonce],
    );
    // Calls that did not get through, for repair orders the follow-ups did not reach (one in three of them).
    const failed = await sql.executeSql(
      `WITH picked AS (
         SELECT r.tenant_id, r.id, r.customer_id, r.vehicle_id, r.store_id, r.date_out, s.id AS agent,
                (abs(hashtext(r.id::text)) / 3) % 9 AS k
           FROM repair_orders r
           JOIN staff s ON s.tenant_id = r.tenant_id AND s.login = 'cs'
          WHERE r.tenant_id = $1 AND s.tenant_id = $1 AND r.date_out >= $3::timestamptz - make_interval(days => $4)
            AND r.date_out + interval '4 days' < $3 AND abs(hashtext(r.id::text)) % 3 = 1
            AND (abs(hashtext(r.id::text)) / 3) % 9 < 3
       )
       INSERT INTO care_tasks (tenant_id, id, customer_id, vehicle_id, store_id, rule_key, role, assignee_id, title,
                               script, due_at, status, done_at, done_by, created_at, updated_at, kind, call_state,
                               attempts, first_due_at)
       SELECT p.tenant_id, ${nonceUuidSql('$2', "'failed' || p.id::text")}, p.customer_id, p.vehicle_id, p.store_id,
              'post_repair', 'cs_specialist', p.agent, '维修后3日回访', '您好，我是客服专员，想了解一下您这次维修保养的感受。',
              p.date_out + interval '3 days' + (CASE WHEN p.k = 2 THEN 2 ELSE 0 END) * interval '1 day', 'done',
              p.date_out + interval '3 days' + (CASE WHEN p.k = 2 THEN 2 ELSE 0 END) * interval '1 day', p.agent,
              p.date_out, p.date_out + interval '3 days', 'call',
              CASE WHEN p.k = 0 THEN 'bad_number' WHEN p.k = 1 THEN 'refused' ELSE 'unreachable' END,
              CASE WHEN p.k = 2 THEN 3 ELSE 1 END, p.date_out + interval '3 days'
         FROM picked p
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [tenantId, nonce, now, demoSurveyDays],
    );
    // Every attempt of those calls: the earlier ones a day apart, no answer; the last one the call's outcome.
    const attempts = await sql.executeSql(
      `INSERT INTO call_attempts (tenant_id, id, task_id, customer_id, seq, outcome, state_before, state_after,
                                  agent_id, at, response_id)
       SELECT k.tenant_id, ${nonceUuidSql('$2', 'k.id::text || n.seq::text')}, k.id, k.customer_id, n.seq,
              CASE WHEN n.seq < k.attempts OR k.call_state = 'unreachable' THEN 'no_answer'
                   WHEN k.call_state = 'bad_number' THEN 'empty_number'
                   WHEN k.call_state = 'refused' THEN 'refused' ELSE 'completed' END,
              CASE WHEN n.seq = 1 THEN 'scheduled' ELSE 'retry' END,
              CASE WHEN n.seq < k.attempts THEN 'retry' ELSE k.call_state END,
              k.done_by, k.done_at - (k.attempts - n.seq) * interval '1 day',
              CASE WHEN n.seq = k.attempts AND k.call_state = 'completed' THEN r.id END
         FROM care_tasks k
        CROSS JOIN (VALUES (1), (2), (3)) AS n(seq)
         LEFT JOIN survey_responses r ON r.tenant_id = $1 AND r.tenant_id = k.tenant_id AND r.task_id = k.id
        WHERE k.tenant_id = $1 AND k.kind = 'call' AND k.status = 'done' AND k.rule_key = 'post_repair'
          AND k.done_by IS NOT NULL AND n.seq <= k.attempts
          AND NOT EXISTS (SELECT 1 FROM call_attempts a WHERE a.tenant_id = $1 AND a.tenant_id = k.tenant_id
                            AND a.task_id = k.id)
       RETURNING 1`,
      [tenantId, nonce],
    );
    return { completed: completed.rows.length, failed: failed.rows.length, attempts: attempts.rows.length };
  });
};
