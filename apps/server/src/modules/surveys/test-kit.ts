/** Helpers of the survey tests and the cross-tenant suite. */
import assert from 'node:assert/strict';
import type { TestTenant } from '../../../test/harness.ts';
import { asJob } from '../booking/test-kit.ts';
import { checkInBooked, line, move, type VisitWorld } from '../visits/test-kit.ts';
import { installTemplates } from './surveys.service.ts';
import { inviteAfterDelivery } from './owner-survey.service.ts';

/** The shipped templates in a test tenant (made by direct inserts, not provisioning). */
export const installFor = (tenantId: string) => asJob(tenantId, (ctx) => installTemplates(ctx));

/** The visit world's booked car checked in, one line approved, delivered; returns the visit id. */
export const deliverVisit = async (w: VisitWorld): Promise<string> => {
  const visitId = await checkInBooked(w);
  const put = await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, { lines: [line('常规保养工时', 18_000)] });
  assert.equal(put.statusCode, 200, put.body);
  const sent = await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
  assert.equal(sent.statusCode, 200, sent.body);
  const lineId = sent.json<{ lines: { id: string }[] }>().lines[0]?.id ?? '';
  const ok = await w.owner.send('POST', `/api/owner/visits/${visitId}/lines/${lineId}/decision`, {
    decision: 'approved',
  });
  assert.equal(ok.statusCode, 200, ok.body);
  await move(w.advisor, visitId, 'in_bay');
  await move(w.advisor, visitId, 'quality_check');
  await move(w.advisor, visitId, 'ready');
  const done = await w.cashier.send('POST', `/api/visits/${visitId}/deliver`, {
    payment: { method: 'cash', amountFen: 18_000 },
  });
  assert.equal(done.statusCode, 200, done.body);
  return visitId;
};

export type SurveyRows = { questionnaireId: string; versionId: string; responseId: string };

/**
 * Rows for the cross-tenant suite: the templates, and an app invitation for the tenant's visit (its first
 * confirmed account invited), written as the platform would.
 */
export const surveyRowsFor = async (t: TestTenant, visitId: string): Promise<SurveyRows> => {
  await installFor(t.id);
  return asJob(t.id, async (ctx) => {
    await ctx.sql.executeSql(
      `UPDATE visits SET status = 'delivered', delivered_at = now() WHERE tenant_id = $1 AND id = $2`,
      [t.id, visitId],
    );
    const { rows } = await ctx.sql.executeSql(
      `SELECT v.questionnaire_id, v.id FROM questionnaire_versions v WHERE v.tenant_id = $1 ORDER BY v.id LIMIT 1`,
      [t.id],
    );
    const row = rows[0];
    assert.ok(row, 'templates installed');
    // No confirmed app account (a binding still pending): an answer recorded by staff stands in.
    const responseId =
      (await inviteAfterDelivery(ctx, visitId)) ??
      String(
        (
          await ctx.sql.executeSql(
            `INSERT INTO survey_responses (tenant_id, questionnaire_id, version_id, channel, status, customer_id, created_at)
             VALUES ($1, $2, $3, 'call', 'complete', $4, now()) RETURNING id`,
            [t.id, row.questionnaire_id, row.id, t.customerId],
          )
        ).rows[0]?.id,
      );
    return { questionnaireId: String(row.questionnaire_id), versionId: String(row.id), responseId };
  });
};
