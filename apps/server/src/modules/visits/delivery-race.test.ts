import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInBooked, line, move, visitWorld } from './test-kit.ts';

// Two cashiers delivering two cars of one tenant at the same moment: each gets the day's next repair-order
// number. The number was read, then written; both read the same last one and the second was refused by the
// unique number (a 409 at the till). It is now taken under a lock held until the order commits.
test('two deliveries at the same moment get consecutive repair-order numbers, both 200', async () => {
  const w = await visitWorld();
  const first = await checkInBooked(w);
  const car = await w.admin.send('POST', '/api/vehicles', {
    vin: 'LFV2A21KXJ3000002',
    plate: '沪AK2737',
    ownerId: w.t.customerId,
  });
  assert.equal(car.statusCode, 201, car.body);
  const walkIn = await w.advisor.send('POST', '/api/visits', {
    customerId: w.t.customerId,
    vehicleId: car.json<{ id: string }>().id,
    storeId: w.t.storeId,
    mileageKm: 8_000,
  });
  assert.equal(walkIn.statusCode, 201, walkIn.body);
  const second = walkIn.json<{ id: string }>().id;
  for (const visitId of [first, second]) {
    await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, { lines: [line('常规保养工时', 18_000)] });
    const sent = await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
    const [labour] = sent.json<{ lines: { id: string }[] }>().lines;
    const ok = await w.advisor.send('POST', `/api/visits/${visitId}/lines/${labour?.id}/decision`, {
      decision: 'approved',
      via: 'in_person',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    for (const status of ['in_bay', 'quality_check', 'ready']) await move(w.advisor, visitId, status);
  }

  const [a, b] = await Promise.all(
    [first, second].map((visitId) =>
      w.cashier.send('POST', `/api/visits/${visitId}/deliver`, { payment: { method: 'cash', amountFen: 18_000 } }),
    ),
  );
  assert.equal(a?.statusCode, 200, a?.body);
  assert.equal(b?.statusCode, 200, b?.body);
  const numbers = [a, b].map((r) => r?.json<{ repairOrderNumber: string }>().repairOrderNumber).sort();
  assert.match(numbers[0] ?? '', /^RO\d{8}001$/);
  assert.equal(numbers[1], (numbers[0] ?? '').replace(/001$/, '002'));
});
