/** Helpers of the recovery tests and the cross-tenant suite. */
import assert from 'node:assert/strict';
import type { SurveyAnswers, SurveyDefinition } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { TestTenant } from '../../../test/harness.ts';
import { inTenant, sqlIn } from '../contact/test-kit.ts';
import { installFor } from '../surveys/test-kit.ts';
import { openAlertFor } from './recovery.service.ts';

export type Sent = { name: string; data: unknown; startAfter?: Date | undefined };

/** The published version of a shipped template (installed first). */
export const templateVersion = async (t: TestTenant, key: string) => {
  await installFor(t.id);
  const [row] = await sqlIn(
    t.id,
    `SELECT v.id, v.questionnaire_id, v.definition FROM questionnaire_versions v
       JOIN questionnaires q ON q.tenant_id = v.tenant_id AND q.id = v.questionnaire_id
      WHERE v.tenant_id = $1 AND q.template_key = $2 AND v.status = 'published'`,
    [t.id, key],
  );
  assert.ok(row, `template ${key}`);
  return {
    versionId: String(row.id),
    questionnaireId: String(row.questionnaire_id),
    definition: row.definition as SurveyDefinition,
  };
};

/** A response row as an agent's call would store it (no visit unless given). */
export const addResponse = async (
  t: TestTenant,
  key: string,
  answers: SurveyAnswers,
  o: { visitId?: string | null; storeId?: string | null } = {},
) => {
  const v = await templateVersion(t, key);
  const [row] = await sqlIn(
    t.id,
    `INSERT INTO survey_responses (tenant_id, questionnaire_id, version_id, channel, status, customer_id, vehicle_id,
        visit_id, store_id, answers, answered_at, created_at)
     VALUES ($1, $2, $3, 'call', 'complete', $4, $5, $6, $7, $8::jsonb, now(), now()) RETURNING id`,
    [
      t.id,
      v.questionnaireId,
      v.versionId,
      t.customerId,
      t.vehicleId,
      o.visitId ?? null,
      o.storeId === undefined ? t.storeId : o.storeId,
      JSON.stringify(answers),
    ],
  );
  return { responseId: String(row?.id), definition: v.definition, answers };
};

/** Opens the alert as the system would at `at` (a fixed clock); returns its id (null: none opened) and the jobs. */
export const openAt = async (
  t: TestTenant,
  at: Date,
  r: { responseId: string; definition: SurveyDefinition; answers: SurveyAnswers },
) =>
  inTenant(t.id, async (ctx, sent) => {
    const fixed: Ctx = { ...ctx, clock: { now: () => at } };
    const id = await openAlertFor(fixed, { ...r, taskId: null });
    return { id, sent: [...sent] as Sent[] };
  });

export const alertRow = async (t: TestTenant, id: string) => {
  const [row] = await sqlIn(t.id, `SELECT * FROM recovery_alerts WHERE tenant_id = $1 AND id = $2`, [t.id, id]);
  assert.ok(row, `alert ${id}`);
  return row;
};

/** The repair follow-up's answers with an overall score (R1) and the after-sales item (R3) as given. */
export const repairAnswers = (score: number, r3: 'satisfied' | 'dissatisfied' = 'satisfied'): SurveyAnswers => ({
  R1: { score },
  R2: { choice: 'no_fault' },
  R3: { choice: r3 },
  ...(r3 === 'dissatisfied' ? { R4: { choices: ['repair_time'] } } : {}),
  R5: { choice: 'yes' },
});

export type RecoveryRows = { alertId: string; followUpTaskId: string };

/**
 * Rows for the cross-tenant suite: a hot alert on the tenant's response (given to the tenant's admin) and its
 * follow-up call, written as the platform would.
 */
export const recoveryRowsFor = async (t: TestTenant, responseId: string): Promise<RecoveryRows> => {
  const [task] = await sqlIn(
    t.id,
    `INSERT INTO care_tasks (tenant_id, kind, customer_id, store_id, role, title, script, due_at)
     VALUES ($1, 'recovery_followup', $2, $3, 'cs_specialist', '服务补救回访', '您好', now()) RETURNING id`,
    [t.id, t.customerId, t.storeId],
  );
  const followUpTaskId = String(task?.id);
  const [alert] = await sqlIn(
    t.id,
    `INSERT INTO recovery_alerts (tenant_id, response_id, customer_id, store_id, assignee_id, score, triggers,
        opened_at, due_at, follow_up_task_id)
     VALUES ($1, $2, $3, $4, $5, 6, '["R1"]'::jsonb, now(), now() + interval '1 hour', $6) RETURNING id`,
    [t.id, responseId, t.customerId, t.storeId, t.staffIds.group_admin ?? null, followUpTaskId],
  );
  return { alertId: String(alert?.id), followUpTaskId };
};
