import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kpis } from '@m4s/contracts';
import { createTestTenant, signInStaff, testClock } from '../../../test/harness.ts';
import { addDays, dayIn } from '../../platform/time/zone.ts';
import { sqlIn } from '../contact/test-kit.ts';
import { addResponse, recoveryRowsFor, repairAnswers } from '../recovery/test-kit.ts';

// Recovery on time in the follow-up KPIs (ch3-4 §5; docs/indices.md, docs/recovery.md): hot alerts closed
// in the period, those closed by their due time, and the share — per store and per the person who worked them.
const today = () => dayIn(testClock.now(), 'Asia/Shanghai');
const range = () => `from=${addDays(today(), -20)}&to=${addDays(today(), 1)}`;

describe('follow-up KPIs: recovery on time', () => {
  test('two alerts closed, one by its due time: 50% for the store and for the advisor; open ones do not count', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    const advisorId = t.staffIds.service_advisor ?? '';
    const alerts = [];
    for (let i = 0; i < 3; i++) {
      const r = await addResponse(t, 'repair_followup', repairAnswers(6));
      alerts.push((await recoveryRowsFor(t, r.responseId)).alertId);
    }
    const close = (id: string, minutesAfterDue: number) =>
      sqlIn(
        t.id,
        `UPDATE recovery_alerts SET assignee_id = $3, status = 'closed', due_at = now() - interval '2 hours',
            closed_at = now() - interval '2 hours' + make_interval(mins => $4)
          WHERE tenant_id = $1 AND id = $2`,
        [t.id, id, advisorId, minutesAfterDue],
      );
    await close(alerts[0]!, -10);
    await close(alerts[1]!, 30);

    const admin = await signInStaff(t.slug, 'group.admin');
    const byStore = (await admin.get(`/api/indices/kpis?${range()}&by=store`)).json<Kpis>().rows;
    const store = byStore.find((r) => r.key === t.storeId);
    assert.ok(store, JSON.stringify(byStore));
    assert.deepEqual([store.recoveryClosed, store.recoveryOnTime, store.recoveryOnTimeRate], [2, 1, 50]);
    const byAdvisor = (await admin.get(`/api/indices/kpis?${range()}&by=advisor`)).json<Kpis>().rows;
    const advisor = byAdvisor.find((r) => r.key === advisorId);
    assert.ok(advisor, JSON.stringify(byAdvisor));
    assert.deepEqual([advisor.recoveryClosed, advisor.recoveryOnTimeRate], [2, 50]);
  });
});
