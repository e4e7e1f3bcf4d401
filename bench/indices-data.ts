// The indices benchmark's data (bench/scale-indices.mjs): on the demo group made by bench/scale-data.ts, a year
// of follow-up answers and the stores' open call queues, written afresh on each run (its own rows removed first).
// Set-based and Citus-safe as the generator is: INSERT … SELECT taking tenant_id from the source tenant row,
// ids from the nonce and the source id (nonceUuidSql) (no volatile function), every table filtered by the tenant.
// Run as `node --import tsx bench/indices-data.ts`; prints one JSON line { responses, calls, ms }.
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/platform/db/open.ts';
import { nonceUuidSql } from '../apps/server/src/platform/db/ids.ts';

/** The generator's fixed "now" (bench/scale-data.ts): a year of answers before it. */
const now = new Date('2026-11-01T00:00:00Z');
const nonce = 'bench-indices-2';

const db = await openDatabase(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
try {
  const t0 = performance.now();
  const { rows } = await db.owner.executeSql(`SELECT id FROM tenants WHERE slug = 'demo'`);
  const tenantId = String(rows[0]?.id);
  const result = await db.transaction({ tenantId }, async ({ sql }) => {
    // Written afresh each run: the answers no one recorded (this script's; the demo's have their CS specialist)
    // and its unworked calls.
    await sql.executeSql(
      `DELETE FROM survey_responses WHERE tenant_id = $1 AND channel = 'call' AND recorded_by IS NULL`,
      [tenantId],
    );
    await sql.executeSql(
      `DELETE FROM care_tasks k WHERE k.tenant_id = $1 AND k.rule_key = 'follow_up_7d' AND k.attempts = 0
          AND k.title = '新车7日回访' AND k.script = '您好，我是客服专员。'`,
      [tenantId],
    );
    const version = `(SELECT v.id FROM questionnaire_versions v JOIN questionnaires q ON q.tenant_id = v.tenant_id
                        AND q.id = v.questionnaire_id AND q.template_key = 'repair_followup'
                      WHERE v.tenant_id = $1 AND v.status = 'published')`;
    const questionnaire = `(SELECT q.id FROM questionnaires q WHERE q.tenant_id = $1 AND q.template_key = 'repair_followup')`;
    // One in three repair orders of the year is called three days after it left (the demo's spread of scores).
    const answers = await sql.executeSql(
      `WITH picked AS (
         SELECT r.tenant_id, r.id, r.customer_id, r.vehicle_id, r.store_id, r.date_out, abs(hashtext(r.id::text)) AS h
           FROM repair_orders r
          WHERE r.tenant_id = $1 AND r.date_out >= $2::timestamptz - interval '365 days' AND r.date_out < $2
            AND abs(hashtext(r.id::text)) % 3 = 0
       ), scored AS (
         SELECT p.*, (ARRAY[10,10,10,9,9,9,9,8,8,8,7,7,6,5,3,10,9,8,10,2])[1 + (p.h / 3) % 20] AS score FROM picked p
       )
       INSERT INTO survey_responses (tenant_id, id, questionnaire_id, version_id, channel, status, customer_id,
                                     vehicle_id, store_id, answers, answered_at, created_at)
       SELECT s.tenant_id, ${nonceUuidSql('$3', 's.id::text')}, ${questionnaire}, ${version}, 'call', 'complete', s.customer_id,
              s.vehicle_id, s.store_id,
              jsonb_build_object('R1', jsonb_build_object('score', s.score),
                'R2', jsonb_build_object('choice', CASE WHEN s.score >= 6 THEN 'fixed' ELSE 'not_fixed' END),
                'R3', jsonb_build_object('choice', CASE WHEN s.score >= 7 THEN 'satisfied' ELSE 'dissatisfied' END),
                'R5', jsonb_build_object('choice', CASE WHEN s.score >= 7 THEN 'yes' ELSE 'no' END))
              || CASE WHEN s.score >= 7 THEN '{}'::jsonb
                      ELSE jsonb_build_object('R4', jsonb_build_object('choices', '["repair_time"]'::jsonb)) END,
              s.date_out + interval '3 days', s.date_out + interval '3 days'
         FROM scored s
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [tenantId, now, nonce],
    );
    // Open follow-up calls: one customer in 20, due over the fortnight around the real now (the server's start
    // night expires calls first due more than 15 days ago), for the home store's CS specialists.
    const calls = await sql.executeSql(
      `INSERT INTO care_tasks (tenant_id, id, customer_id, store_id, rule_key, role, title, script, due_at, first_due_at,
                               created_at, updated_at)
       SELECT c.tenant_id, ${nonceUuidSql('$3', "'call' || c.id::text")}, c.id, c.home_store_id, 'follow_up_7d', 'cs_specialist',
              '新车7日回访', '您好，我是客服专员。',
              $2::timestamptz + (abs(hashtext(c.id::text)) % 1344 - 672) * interval '15 minutes',
              $2::timestamptz + (abs(hashtext(c.id::text)) % 1344 - 672) * interval '15 minutes', $2, $2
         FROM customers c
        WHERE c.tenant_id = $1 AND c.home_store_id IS NOT NULL AND abs(hashtext(c.id::text)) % 20 = 0
       ON CONFLICT (tenant_id, id) DO UPDATE SET due_at = EXCLUDED.due_at, first_due_at = EXCLUDED.first_due_at,
         status = 'open', call_state = 'scheduled', close_reason = NULL
       RETURNING 1`,
      [tenantId, new Date(), nonce],
    );
    return { responses: answers.rows.length, calls: calls.rows.length };
  });
  await db.owner.executeSql('ANALYZE survey_responses');
  await db.owner.executeSql('ANALYZE care_tasks');
  const { rows: counts } = await db.owner.executeSql(
    `SELECT (SELECT count(*) FROM survey_responses)::bigint AS responses,
            (SELECT count(*) FROM care_tasks WHERE status = 'open')::bigint AS "openCalls"`,
  );
  console.log(
    JSON.stringify({
      added: result,
      responses: Number(counts[0]?.responses),
      openCalls: Number(counts[0]?.openCalls),
      ms: Math.round(performance.now() - t0),
    }),
  );
} finally {
  await db.close();
}
