import { z } from 'zod';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** Distinct unlisted values an import keeps: a file of garbage cannot grow the job row without end. */
export const maxUnlistedValues = 1000;

/**
 * Adds a batch's unlisted counts to the import's (import_jobs.unlisted, 'field\u0001text' → rows), in the
 * batch's transaction. Values already listed always count; new ones join while fewer than the cap are kept.
 */
export const mergeUnlisted = async (
  sql: SqlExecutor,
  tenantId: string,
  importId: string,
  add: Record<string, number>,
) => {
  if (Object.keys(add).length === 0) return;
  await sql.executeSql(
    `UPDATE import_jobs j SET unlisted = (
        SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (
          SELECT k, sum(n)::int AS n FROM (
            SELECT key AS k, value::int AS n, 0 AS fresh FROM jsonb_each_text(j.unlisted)
            UNION ALL
            SELECT key, value::int, 1 FROM jsonb_each_text($3::jsonb)
          ) x GROUP BY k ORDER BY min(fresh), sum(n) DESC, k LIMIT ${maxUnlistedValues}
        ) y)
      WHERE j.tenant_id = $1 AND j.id = $2`,
    [tenantId, importId, JSON.stringify(add)],
  );
};

/** The import's unlisted counts, or null when the tenant has no such import. */
export const unlistedOf = async (sql: SqlExecutor, tenantId: string, importId: string) => {
  const rows = parseRows(
    z.object({ unlisted: z.record(z.string(), z.number().int()) }),
    await sql.executeSql(`SELECT unlisted FROM import_jobs WHERE tenant_id = $1 AND id = $2`, [tenantId, importId]),
    'an import’s unlisted values',
  );
  return rows[0]?.unlisted ?? null;
};

/**
 * The brand (and series) the tenant's cars carry beside each kept text, most cars first: what an unlisted
 * value most likely belongs to. One pass over the cars that keep a text (a partial index, migration 0032).
 */
export const textContexts = async (sql: SqlExecutor, tenantId: string) =>
  parseRows(
    z.object({
      field: z.enum(['brand', 'series', 'model']),
      text: col.text,
      brand_id: col.text.nullable(),
      series_id: col.text.nullable(),
      cars: col.number,
    }),
    await sql.executeSql(
      `SELECT f.field, f.text, v.brand_id, v.series_id, count(*)::int AS cars
         FROM vehicles v
        CROSS JOIN LATERAL (VALUES ('brand', v.brand_text), ('series', v.series_text), ('model', v.model_text)) f(field, text)
        WHERE v.tenant_id = $1 AND (v.brand_text IS NOT NULL OR v.series_text IS NOT NULL OR v.model_text IS NOT NULL)
          AND f.text IS NOT NULL
        GROUP BY f.field, f.text, v.brand_id, v.series_id
        ORDER BY cars DESC`,
      [tenantId],
    ),
    'the contexts of kept catalogue texts',
  );
