import { z } from 'zod';
import { surveyAnswers, surveyDefinition } from '@m4s/contracts';
import { maybeRow } from '../../platform/db/rows.ts';
import type { SqlExecutor } from '../../platform/db/types.ts';

/** The answers that opened an alert, with the definition of the version they were given on (the alert page). */
export const responseOfAlert = async (sql: SqlExecutor, tenantId: string, responseId: string) =>
  maybeRow(
    z.object({ definition: surveyDefinition, answers: surveyAnswers }),
    await sql.executeSql(
      `SELECT v.definition, r.answers
         FROM survey_responses r
         JOIN questionnaire_versions v ON v.tenant_id = r.tenant_id AND v.id = r.version_id
        WHERE r.tenant_id = $1 AND r.id = $2`,
      [tenantId, responseId],
    ),
    'response of alert',
  );
