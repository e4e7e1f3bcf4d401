// Issue 14, What 6 and 8 through the real path: the expectation-versus-experience gap (ch5-7 §1.1) of a tenant's
// own questionnaire that asks expectations, per store and per advisor; the follow-up KPIs by week, per store and
// per advisor (the car's repair order's advisor).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Figures, Kpis, QuestionnaireDetail } from '@m4s/contracts';
import { createTestTenant, signInStaff, testClock, type Agent } from '../../../test/harness.ts';
import { addDays, dayIn } from '../../platform/time/zone.ts';
import { addCall } from '../calls/test-kit.ts';
import { visitWorld } from '../visits/test-kit.ts';
import { deliverVisit } from '../surveys/test-kit.ts';

const today = () => dayIn(testClock.now(), 'Asia/Shanghai');
const range = () => `from=${addDays(today(), -20)}&to=${addDays(today(), 1)}`;

const scale = (key: string, text: string, factor: string) => ({ key, text, type: 'scale_0_10', factor });

/** A questionnaire of the tenant's own asking each factor's expectation before its experience, published. */
const publishExpectations = async (admin: Agent) => {
  const made = await admin.send('POST', '/api/questionnaires', {
    purpose: 'custom',
    name: '期望与体验',
    definition: {
      sections: [
        {
          key: 'body',
          kind: 'body',
          questions: [
            scale('E1', '来店之前，您对维修质量的期望是几分？', 'quality_expect'),
            scale('X1', '这次维修的质量，您打几分？', 'quality'),
            scale('E2', '来店之前，您对服务顾问的期望是几分？', 'advisor_expect'),
            scale('X2', '这次服务顾问的接待，您打几分？', 'advisor'),
          ],
        },
      ],
    },
  });
  assert.equal(made.statusCode, 201, made.body);
  const published = await admin.send('POST', `/api/questionnaires/${made.json<QuestionnaireDetail>().id}/publish`);
  assert.equal(published.statusCode, 200, published.body);
  return published.json<QuestionnaireDetail>().versions.find((v) => v.status === 'published')!.id;
};

describe('the expectation-versus-experience gap', () => {
  test('experience − expectation per factor, averaged: per store and per the visit’s advisor', async () => {
    const w = await visitWorld();
    const visitId = await deliverVisit(w);
    const versionId = await publishExpectations(w.admin);
    // Quality: expected 9, found 7 (−200); advisor: expected 7, found 8 (+100) → gap −50, dissatisfied.
    const recorded = await w.advisor.send('POST', '/api/survey-responses', {
      versionId,
      customerId: w.t.customerId,
      vehicleId: w.t.vehicleId,
      visitId,
      answers: { E1: { score: 9 }, X1: { score: 7 }, E2: { score: 7 }, X2: { score: 8 } },
    });
    assert.equal(recorded.statusCode, 201, recorded.body);

    const store = await w.admin.get(`/api/indices/figures?${range()}&period=month&by=store&storeId=${w.t.storeId}`);
    assert.equal(store.statusCode, 200, store.body);
    const s = store.json<Figures>().rows;
    assert.equal(s.length, 1, JSON.stringify(s));
    assert.deepEqual(
      [s[0]!.key, s[0]!.gap, s[0]!.factors],
      [w.t.storeId, -50, { quality: 700, quality_expect: 900, advisor: 800, advisor_expect: 700 }],
    );
    // The expectations are not factors of the index: CSI is over quality and advisor (35 + 15 of the preset).
    assert.equal(s[0]!.csi, Math.round((700 * 35 + 800 * 15) / 50));

    const byAdvisor = (await w.admin.get(`/api/indices/figures?${range()}&period=week&by=advisor`)).json<Figures>()
      .rows;
    assert.deepEqual(
      byAdvisor.map((r) => [r.key, r.responses, r.gap]),
      [[w.t.staffIds['service_advisor'], 1, -50]],
    );
    assert.ok(byAdvisor[0]!.label, 'the advisor is named');
  });
});

describe('follow-up KPIs by week', () => {
  test('per store and per the car’s advisor: each row one week, starting on a Monday', async () => {
    const t = await createTestTenant(['group_admin', 'cs_specialist', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const cs = await signInStaff(t.slug, 'cs.specialist');
    const advisorId = t.staffIds['service_advisor']!;
    const now = testClock.now();
    const ro = await admin.send('POST', '/api/repair-orders', {
      number: `KPI-${t.slug}`,
      vehicleId: t.vehicleId,
      storeId: t.storeId,
      type: 'maintenance',
      dateIn: new Date(now.getTime() - 10 * 86_400_000).toISOString(),
      mileageKm: 12_000,
      advisorId,
      lines: [{ kind: 'labour', description: '常规保养工时', amountFen: 0 }],
    });
    assert.equal(ro.statusCode, 201, ro.body);
    const dueAt = new Date(now.getTime() - 3600_000);
    const calls = await Promise.all([1, 2].map(() => addCall(t, { dueAt, assigneeId: t.staffIds['cs_specialist']! })));
    const outcome = (id: string, o: string) => cs.send('POST', `/api/calls/${id}/outcome`, { outcome: o, attempts: 0 });
    assert.equal((await outcome(calls[0]!, 'completed')).statusCode, 200);
    assert.equal((await outcome(calls[1]!, 'no_answer')).statusCode, 200);

    // The week the calls fell due in, in the tenant's zone: its Monday.
    const day = dayIn(dueAt, 'Asia/Shanghai');
    const monday = addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
    for (const [by, key] of [
      ['store', t.storeId],
      ['advisor', advisorId],
    ] as const) {
      const res = await admin.get(`/api/indices/kpis?${range()}&by=${by}&period=week`);
      assert.equal(res.statusCode, 200, res.body);
      const rows = res.json<Kpis>().rows;
      assert.deepEqual(
        rows.map((r) => [r.period, r.key, r.callsDue, r.callsCompleted, r.followUpRate, r.attempts, r.connected]),
        [[monday, key, 2, 1, 50, 2, 1]],
        by,
      );
      assert.ok(rows[0]!.label, `${by} is named`);
    }
  });
});
