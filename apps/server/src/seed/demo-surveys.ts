import type { Database } from '../platform/db/types.ts';

/** How far back the demo's repair follow-up calls reach, and the share of repair orders called (1 in N). */
export const demoSurveyDays = 60;
export const demoSurveyEvery = 3;

/**
 * The demo's answered surveys (docs/surveys.md): the templates are installed by provisioning; here the CS
 * specialist (杨芳) has made the repair follow-up call for one in `demoSurveyEvery` repair orders of the last
 * `demoSurveyDays` days (set-based; scores spread as a dealer's are — most 9–10, one in ten under 8 with their
 * reasons: each opens a hot alert, docs/recovery.md), and the visit the demo delivered and rated in the app (13800000002's) has its survey answered in
 * the app, the rating its first answer. Every answer set is on the path the published version gives it (the
 * seed's test checks each with the survey engine).
 */
export const seedDemoSurveys = async (db: Database, input: { tenantId: string; now: Date }) => {
  const { tenantId, now } = input;
  return db.transaction({ tenantId }, async ({ sql }) => {
    const version = `(SELECT v.id FROM questionnaire_versions v JOIN questionnaires q ON q.tenant_id = v.tenant_id
                        AND q.id = v.questionnaire_id AND q.template_key = 'repair_followup'
                      WHERE v.tenant_id = $1 AND v.status = 'published')`;
    const questionnaire = `(SELECT q.id FROM questionnaires q WHERE q.tenant_id = $1 AND q.template_key = 'repair_followup')`;
    // h: a stable pseudo-random number per repair order (divisible by the sampling step: the other picks divide it
    // first); the score follows it (0–10, mostly high), the reasons another part of it.
    const calls = await sql.executeSql(
      `WITH picked AS (
         SELECT r.*, abs(hashtext(r.id::text)) AS h FROM repair_orders r
          WHERE r.tenant_id = $1 AND r.date_out >= $2::timestamptz - make_interval(days => $3) AND r.date_out < $2
            AND abs(hashtext(r.id::text)) % $4 = 0
       ), scored AS (
         SELECT p.*, (ARRAY[10,10,10,10,10,10,9,9,9,9,9,9,10,8,8,9,10,7,10,4])[1 + (p.h / $4) % 20] AS score FROM picked p
       ), answered AS (
         SELECT s.*, jsonb_build_object('R1', jsonb_build_object('score', s.score),
                  'R2', jsonb_build_object('choice', CASE WHEN s.score >= 6 THEN 'fixed' WHEN (s.h / 89) % 2 = 0 THEN 'not_fixed' ELSE 'no_fault' END),
                  'R3', jsonb_build_object('choice', CASE WHEN s.score >= 7 THEN 'satisfied' ELSE 'dissatisfied' END),
                  'R5', CASE WHEN s.score >= 7 THEN jsonb_build_object('choice', 'yes')
                             ELSE jsonb_build_object('choice', 'no', 'text', (ARRAY['等候时间太长','价格偏高','问题没有一次修好'])[1 + (s.h / 97) % 3]) END)
                || CASE WHEN s.score >= 7 THEN '{}'::jsonb
                        ELSE jsonb_build_object('R4', jsonb_build_object('choices',
                               (ARRAY['["repair_time"]','["repair_price"]','["repair_quality","attitude"]'])[1 + (s.h / 97) % 3]::jsonb)) END AS answers
           FROM scored s
       )
       INSERT INTO survey_responses (tenant_id, questionnaire_id, version_id, channel, status, customer_id, vehicle_id,
                                     store_id, answers, recorded_by, answered_at, created_at)
       SELECT $1, ${questionnaire}, ${version}, 'call', 'complete', a.customer_id, a.vehicle_id, a.store_id, a.answers,
              (SELECT id FROM staff WHERE tenant_id = $1 AND login = 'cs'),
              a.date_out + interval '3 days' - (a.h % 300) * interval '1 minute',
              a.date_out + interval '3 days' - (a.h % 300) * interval '1 minute'
         FROM answered a
         JOIN customers c ON c.tenant_id = $1 AND c.id = a.customer_id AND c.erased_at IS NULL
        WHERE a.date_out + interval '3 days' <= $2
       RETURNING 1`,
      [tenantId, now, demoSurveyDays, demoSurveyEvery],
    );
    const app = await sql.executeSql(
      `INSERT INTO survey_responses (tenant_id, questionnaire_id, version_id, channel, status, customer_id, vehicle_id,
                                     visit_id, store_id, owner_id, answers, invited_at, answered_at, created_at)
       SELECT $1, ${questionnaire}, ${version}, 'app', 'complete', v.customer_id, v.vehicle_id, v.id, v.store_id,
              (SELECT b.owner_id FROM vehicle_bindings b JOIN owners o ON o.tenant_id = b.tenant_id AND o.id = b.owner_id
                WHERE b.tenant_id = $1 AND b.vehicle_id = v.vehicle_id AND b.status = 'confirmed'
                ORDER BY o.created_at, o.id LIMIT 1),
              jsonb_build_object('R1', jsonb_build_object('score', v.rating_score),
                                 'R2', jsonb_build_object('choice', 'fixed'),
                                 'R3', jsonb_build_object('choice', 'satisfied'),
                                 'R5', jsonb_build_object('choice', 'yes'),
                                 'R6', jsonb_build_object('text', '服务顾问讲解很细致，下次还来')),
              v.delivered_at, v.rated_at, v.delivered_at
         FROM visits v
        WHERE v.tenant_id = $1 AND v.status = 'delivered' AND v.rating_score IS NOT NULL
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [tenantId],
    );
    return { calls: calls.rows.length, app: app.rows.length };
  });
};
