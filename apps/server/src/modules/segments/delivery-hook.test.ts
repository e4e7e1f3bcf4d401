import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testClock } from '../../../test/harness.ts';
import { checkInBooked, line, move, visitWorld } from '../visits/test-kit.ts';
import { dayIn } from '../../platform/time/zone.ts';
import { segmentsOf } from './test-kit.ts';

test('a delivered visit reclassifies its customer (segments.classify for that customer, today)', async () => {
  const w = await visitWorld();
  const visitId = await checkInBooked(w);
  const drafted = await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, {
    lines: [line('常规保养工时', 18_000)],
  });
  assert.equal(drafted.statusCode, 200, drafted.body);
  const sent = await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
  const [service] = sent.json<{ lines: { id: string }[] }>().lines;
  const ok = await w.owner.send('POST', `/api/owner/visits/${visitId}/lines/${service?.id}/decision`, {
    decision: 'approved',
  });
  assert.equal(ok.statusCode, 200, ok.body);
  for (const status of ['in_bay', 'quality_check', 'ready']) await move(w.advisor, visitId, status);
  assert.equal((await segmentsOf(w.t.id)).customers.has(w.t.customerId), false);
  const delivered = await w.cashier.send('POST', `/api/visits/${visitId}/deliver`, {
    payment: { method: 'wechat', amountFen: 18_000 },
  });
  assert.equal(delivered.statusCode, 200, delivered.body);

  const deadline = Date.now() + 20_000;
  while (!(await segmentsOf(w.t.id)).customers.has(w.t.customerId)) {
    assert.ok(Date.now() < deadline, 'the classification did not run');
    await new Promise((r) => setTimeout(r, 200));
  }
  const row = (await segmentsOf(w.t.id)).customers.get(w.t.customerId);
  const today = dayIn(testClock.now(), 'Asia/Shanghai');
  assert.equal(row?.computedOn, today);
  assert.equal(row?.lastVisitOn, today);
  // The old maintenance 200 days ago and today's: two visits in 12 months.
  assert.equal(row?.frequency, 'swing');
  assert.equal((await segmentsOf(w.t.id)).vehicles.get(w.t.vehicleId)?.stage, 'warranty');
});
