import { z } from 'zod';
import { col, maybeRow, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** The published version of the tenant's shipped questionnaire `key` (e.g. 'activity'), with its definition. */
export const publishedTemplateVersion = async (sql: SqlExecutor, tenantId: string, key: string) =>
  maybeRow(
    z.object({ questionnaire_id: col.text, version_id: col.text, definition: z.unknown() }),
    await sql.executeSql(
      `SELECT q.id AS questionnaire_id, v.id AS version_id, v.definition
         FROM questionnaires q
         JOIN questionnaire_versions v ON v.tenant_id = q.tenant_id AND v.questionnaire_id = q.id AND v.status = 'published'
        WHERE q.tenant_id = $1 AND v.tenant_id = $1 AND q.template_key = $2`,
      [tenantId, key],
    ),
    'published template version',
  );

/** Responses by id: status and answers (the events' satisfaction KPI reads them). */
export const responsesByIds = async (sql: SqlExecutor, tenantId: string, ids: readonly string[]) =>
  ids.length === 0
    ? []
    : parseRows(
        z.object({ id: col.text, status: col.text, answers: z.record(z.string(), z.unknown()), version_id: col.text }),
        await sql.executeSql(
          `SELECT id, status, answers, version_id FROM survey_responses WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
          [tenantId, ids],
        ),
        'responses by id',
      );

/** A version's definition (to score answers by its options). */
export const versionDefinition = async (sql: SqlExecutor, tenantId: string, versionId: string) =>
  maybeRow(
    z.object({ definition: z.unknown() }),
    await sql.executeSql(`SELECT definition FROM questionnaire_versions WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      versionId,
    ]),
    'version definition',
  )?.definition ?? null;
