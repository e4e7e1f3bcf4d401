// The satisfaction figures' SQL (docs/indices.md): survey answers (staff-recorded and the owner's) turned
// into factor scores on 0–1000 by the question's `factor` and type, grouped by period and a dimension.
// $1 is always the tenant; every table and subquery names it (Citus: one shard).
import { z } from 'zod';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/**
 * Every question of a given (not draft) version that feeds a factor, with what each option is worth: the
 * option's `score` (0–100), or for an unscored yes / no, yes 100 and no 0.
 */
export const factorItemsSql = `
  SELECT v.tenant_id, v.id AS version_id, q.value->>'key' AS qkey, q.value->>'factor' AS factor,
         q.value->>'type' AS qtype,
         (SELECT jsonb_object_agg(o.value->>'key', COALESCE(o.value->'score',
                   CASE WHEN o.value->>'key' = 'yes' THEN to_jsonb(100) WHEN o.value->>'key' = 'no' THEN to_jsonb(0) END))
            FROM jsonb_array_elements(COALESCE(q.value->'options', '[]'::jsonb)) o) AS option_scores
    FROM questionnaire_versions v
   CROSS JOIN LATERAL jsonb_array_elements(v.definition->'sections') s
   CROSS JOIN LATERAL jsonb_array_elements(s.value->'questions') q
   WHERE v.tenant_id = $1 AND v.status <> 'draft' AND q.value->>'factor' IS NOT NULL`;

/** An answer's worth on 0–1000: 0–10 × 100, 1–5 from 0 to 1000, a choice's score × 10. */
export const answerScoreSql = (a: string, i: string) => `CASE
      WHEN ${i}.qtype = 'scale_0_10' THEN (${a}.answers->${i}.qkey->>'score')::numeric * 100
      WHEN ${i}.qtype = 'scale_1_5' THEN ((${a}.answers->${i}.qkey->>'score')::numeric - 1) * 250
      ELSE (${i}.option_scores->>(${a}.answers->${i}.qkey->>'choice'))::numeric * 10
    END`;

/**
 * How satisfied the answer to an `overall` question says the customer is: 2 very satisfied (9–10, 5 of 5,
 * 非常满意), 1 satisfied (8 — under 8 opens a recovery —, 4 of 5, 满意), 0 not; null when not an overall answer or unscored (很难说).
 */
export const satisfactionLevelSql = (s: string) => `CASE
      WHEN ${s}.factor <> 'overall' THEN NULL
      WHEN ${s}.qtype = 'scale_0_10' THEN CASE WHEN ${s}.score >= 900 THEN 2 WHEN ${s}.score >= 800 THEN 1 ELSE 0 END
      WHEN ${s}.qtype = 'scale_1_5' THEN CASE WHEN ${s}.score >= 1000 THEN 2 WHEN ${s}.score >= 750 THEN 1 ELSE 0 END
      WHEN ${s}.choice = 'very_satisfied' THEN 2
      WHEN ${s}.choice = 'satisfied' THEN 1
      WHEN ${s}.score IS NULL THEN NULL
      ELSE 0 END`;

/**
 * The repair order an answer (or a call) is about, for its advisor and service type: the car's last repair
 * order opened before `at` (a delivered visit's own order is its last).
 */
export const repairOrderOfSql = (vehicle: string, at: string, tenant: string) => `LEFT JOIN LATERAL (
      SELECT o.advisor_id, o.advisor_name, o.type FROM repair_orders o
       WHERE o.tenant_id = $1 AND o.tenant_id = ${tenant} AND o.vehicle_id = ${vehicle} AND o.date_in <= ${at}
       ORDER BY o.date_in DESC, o.id DESC LIMIT 1) ro ON true`;

/** The group key of a dimension (whitelisted: never user text). */
export const dimensionKeys = {
  store: (a: string) => `${a}.store_id::text`,
  advisor: (a: string) => `COALESCE(${a}_v.advisor_id::text, ro.advisor_id::text, 'name:' || ro.advisor_name)`,
  service_type: () => `ro.type`,
  agent: (a: string) => `${a}.agent_id::text`,
} as const;

export type FigureInput = {
  tenantId: string;
  from: Date;
  to: Date;
  zone: string;
  period: 'week' | 'month';
  by: 'store' | 'advisor' | 'service_type';
  storeId: string | null;
};

const figureRow = z.object({
  row_kind: z.enum(['factor', 'response']),
  period: col.text,
  gkey: col.textOrNull,
  factor: col.textOrNull,
  score: col.numberOrNull,
  n: col.number,
  nps_answers: col.number,
  promoters: col.number,
  detractors: col.number,
  sat_answers: col.number,
  very: col.number,
  satisfied: col.number,
});
export type FigureSqlRow = z.output<typeof figureRow>;

/** Answered responses in [from, to), their factor scores per group and their NPS / CSAT counts. */
export const figureRows = async (sql: SqlExecutor, input: FigureInput): Promise<FigureSqlRow[]> => {
  const key = dimensionKeys[input.by]('r');
  // By store no join is needed: the figures of a store-month read its answers by survey_responses_store_idx.
  const visitAndOrder = `LEFT JOIN visits r_v ON r_v.tenant_id = $1 AND r_v.tenant_id = r.tenant_id AND r_v.id = r.visit_id
         ${repairOrderOfSql('r.vehicle_id', 'r.answered_at', 'r.tenant_id')}`;
  const result = await sql.executeSql(
    `WITH items AS MATERIALIZED (${factorItemsSql}),
     answered AS (
       SELECT r.tenant_id, r.id, r.version_id, r.answers,
              to_char(date_trunc($5, r.answered_at AT TIME ZONE $4), 'YYYY-MM-DD') AS period, ${key} AS gkey
         FROM survey_responses r
         ${input.by === 'store' ? '' : visitAndOrder}
        WHERE r.tenant_id = $1 AND r.answered_at >= $2 AND r.answered_at < $3
          AND r.status IN ('complete', 'partial') AND ($6::uuid IS NULL OR r.store_id = $6::uuid)
     ),
     scored AS (
       SELECT a.id, a.period, a.gkey, i.factor, i.qtype, ${answerScoreSql('a', 'i')} AS score,
              a.answers->i.qkey->>'choice' AS choice
         FROM answered a
         JOIN items i ON i.tenant_id = a.tenant_id AND i.version_id = a.version_id
        WHERE a.answers->i.qkey IS NOT NULL
     ),
     per_response AS (
       SELECT s.id,
              COALESCE(max(s.score) FILTER (WHERE s.factor = 'nps' AND s.qtype = 'scale_0_10'),
                       max(s.score) FILTER (WHERE s.factor = 'overall' AND s.qtype = 'scale_0_10')) / 100 AS nps10,
              max(${satisfactionLevelSql('s')}) AS sat
         FROM scored s GROUP BY s.id
     )
     SELECT 'factor' AS row_kind, s.period, s.gkey, s.factor, avg(s.score)::float8 AS score, count(*) AS n,
            0 AS nps_answers, 0 AS promoters, 0 AS detractors, 0 AS sat_answers, 0 AS very, 0 AS satisfied
       FROM scored s WHERE s.score IS NOT NULL
      GROUP BY s.period, s.gkey, s.factor
     UNION ALL
     SELECT 'response', a.period, a.gkey, NULL, NULL, count(*),
            count(p.nps10), count(*) FILTER (WHERE p.nps10 >= 9), count(*) FILTER (WHERE p.nps10 <= 6),
            count(p.sat), count(*) FILTER (WHERE p.sat = 2), count(*) FILTER (WHERE p.sat = 1)
       FROM answered a LEFT JOIN per_response p ON p.id = a.id
      GROUP BY a.period, a.gkey
      ORDER BY 2, 3`,
    [input.tenantId, input.from, input.to, input.zone, input.period, input.storeId],
  );
  return parseRows(figureRow, result, 'indices.figureRows');
};

/** Names of staff members (advisors, agents) for the figures' labels. */
export const staffNames = async (sql: SqlExecutor, tenantId: string, ids: string[]) => {
  if (ids.length === 0) return new Map<string, string>();
  const result = await sql.executeSql(
    `SELECT s.id::text AS id, s.name FROM staff s WHERE s.tenant_id = $1 AND s.id = ANY($2::uuid[])`,
    [tenantId, ids],
  );
  return new Map(
    parseRows(z.object({ id: col.text, name: col.text }), result, 'indices.staffNames').map((r) => [r.id, r.name]),
  );
};
