import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInBooked, line, move, visitWorld } from './test-kit.ts';

// Issue 11 point 1: a ¥60 wiper job on a 常规保养 booking is not maintenance — the next service still
// counts from the last maintenance, and the 保养提示贴 does not say 本次保养 (workDone).
test('a wiper job on a 常规保养 booking does not move the next service; the sticker says what was done', async () => {
  const w = await visitWorld();
  const visitId = await checkInBooked(w);
  const drafted = await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, {
    lines: [line('更换雨刮片', 6000, 'part')],
  });
  assert.equal(drafted.statusCode, 200, drafted.body);
  assert.equal(drafted.json().lines[0].work, 'repair');
  const sent = await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
  const [wiper] = sent.json().lines as { id: string }[];
  const ok = await w.owner.send('POST', `/api/owner/visits/${visitId}/lines/${wiper?.id}/decision`, {
    decision: 'approved',
  });
  assert.equal(ok.statusCode, 200, ok.body);
  for (const status of ['in_bay', 'quality_check', 'ready']) await move(w.advisor, visitId, status);
  const delivered = await w.cashier.send('POST', `/api/visits/${visitId}/deliver`, {
    payment: { method: 'wechat', amountFen: 6000 },
  });
  assert.equal(delivered.statusCode, 200, delivered.body);
  // Still from the last maintenance (9,800 km, 200 days ago): 6 months / 5,000 km, not from today at 12,345.
  assert.equal(delivered.json().nextServiceKm, 9800 + 5000);
  const mine = (await w.owner.get(`/api/owner/visits/${visitId}`)).json();
  assert.equal(mine.workDone, 'repair');

  // The same booking with an oil change is maintenance: it moves the next service and reads 本次保养.
  const again = await visitWorld();
  const second = await checkInBooked(again);
  await again.advisor.send('PUT', `/api/visits/${second}/estimate`, {
    lines: [line('常规保养工时', 18_000), line('更换雨刮片', 6000, 'part')],
  });
  const lines = (await again.advisor.send('POST', `/api/visits/${second}/estimate/send`)).json().lines as {
    id: string;
  }[];
  for (const l of lines)
    await again.owner.send('POST', `/api/owner/visits/${second}/lines/${l.id}/decision`, { decision: 'approved' });
  for (const status of ['in_bay', 'quality_check', 'ready']) await move(again.advisor, second, status);
  const done = await again.cashier.send('POST', `/api/visits/${second}/deliver`, {
    payment: { method: 'wechat', amountFen: 24_000 },
  });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().nextServiceKm, 12_345 + 5000);
  assert.equal((await again.owner.get(`/api/owner/visits/${second}`)).json().workDone, 'maintenance');
});
