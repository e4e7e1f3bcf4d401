import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signInOwner, testApp } from '../../../test/harness.ts';
import { checkInBooked, jpegDataUrl, line, move, visitWorld } from './test-kit.ts';

type Line = { id: string; description: string; status: string; decidedAt: string | null; decidedVia: string | null };

describe('the service visit, through the API', () => {
  test('booking → check-in with photo and mileage → estimate → owner decides → stages → delivery → rating', async () => {
    const w = await visitWorld();
    const { db } = await testApp();

    // The board shows the booking before the car arrives.
    const before = (await w.advisor.get(`/api/visits/board?storeId=${w.t.storeId}`)).json();
    assert.deepEqual(
      before.booked.map((b: { id: string }) => b.id),
      [w.bookingId],
    );
    assert.equal(before.booked[0].customer.phoneMasked, true);

    const visitId = await checkInBooked(w);
    const photo = await w.advisor.send('POST', `/api/visits/${visitId}/photos`, {
      dataUrl: jpegDataUrl,
      caption: '右后门',
    });
    assert.equal(photo.statusCode, 201, photo.body);
    const photoId = photo.json().id as string;
    const bytes = await w.advisor.get(`/api/visits/${visitId}/photos/${photoId}`);
    assert.equal(bytes.statusCode, 200);
    assert.equal(bytes.headers['content-type'], 'image/jpeg');
    assert.equal(bytes.rawPayload[0], 0xff);
    const ownerBytes = await w.owner.get(`/api/owner/visits/${visitId}/photos/${photoId}`);
    assert.equal(ownerBytes.statusCode, 200);
    assert.equal(ownerBytes.headers['content-type'], 'image/jpeg');

    // The reading joined the car's mileage series; the booking arrived and left the 已预约 column.
    const car = (await w.admin.get(`/api/vehicles/${w.t.vehicleId}`)).json();
    assert.equal(car.mileage.latestKm, 12_345);
    const board = (await w.advisor.get(`/api/visits/board?storeId=${w.t.storeId}`)).json();
    assert.equal(board.booked.length, 0);
    assert.equal(board.checkedIn[0].id, visitId);
    const booking = await db.owner.executeSql('SELECT status FROM bookings WHERE id = $1', [w.bookingId]);
    assert.equal(booking.rows[0]?.status, 'arrived');

    // Estimate: three drafts, one edited away, two sent.
    const drafted = await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, {
      lines: [line('常规保养工时', 18_000), line('机油滤清器', 8500, 'part'), line('更换雨刮片', 12_000, 'part')],
    });
    assert.equal(drafted.statusCode, 200, drafted.body);
    const drafts = drafted.json().lines as Line[];
    const edited = await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, {
      lines: [
        { ...line('常规保养工时（含检查）', 20_000), id: drafts[0]?.id },
        { ...line('更换雨刮片', 12_000, 'part'), id: drafts[2]?.id },
      ],
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().lines.length, 2);
    assert.equal(edited.json().totals.draftFen, 32_000);
    assert.equal(
      (await w.owner.get(`/api/owner/visits/${visitId}`)).json().lines.length,
      0,
      'drafts stay with the store',
    );

    const sent = await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
    assert.equal(sent.statusCode, 200, sent.body);
    const [service, wipers] = sent.json().lines as Line[];
    assert.ok(service && wipers);
    assert.equal(service.status, 'proposed');
    assert.equal((await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`)).statusCode, 409);

    // The owner sees the estimate without the dealer's cost, approves one line and declines one.
    const mine = (await w.owner.get(`/api/owner/visits/${visitId}`)).json();
    assert.equal(mine.lines.length, 2);
    assert.ok(!('costFen' in mine.lines[0]));
    assert.ok(!JSON.stringify(mine).includes('右后门轻微划痕'), 'inspection notes stay internal');
    const ok = await w.owner.send('POST', `/api/owner/visits/${visitId}/lines/${service.id}/decision`, {
      decision: 'approved',
    });
    assert.equal(ok.statusCode, 200, ok.body);

    await move(w.advisor, visitId, 'in_bay');
    await move(w.advisor, visitId, 'quality_check');
    const undecided = await w.advisor.send('POST', `/api/visits/${visitId}/status`, { status: 'ready' });
    assert.equal(undecided.statusCode, 409);
    assert.equal(undecided.json().details.issues[0].message.includes('未确认'), true);

    const no = await w.owner.send('POST', `/api/owner/visits/${visitId}/lines/${wipers.id}/decision`, {
      decision: 'declined',
    });
    assert.equal(no.statusCode, 200, no.body);
    const twice = await w.owner.send('POST', `/api/owner/visits/${visitId}/lines/${wipers.id}/decision`, {
      decision: 'approved',
    });
    assert.equal(twice.statusCode, 409);
    await move(w.advisor, visitId, 'ready');

    const early = await w.owner.send('POST', `/api/owner/visits/${visitId}/rating`, { score: 9 });
    assert.equal(early.statusCode, 409);

    const delivered = await w.cashier.send('POST', `/api/visits/${visitId}/deliver`, {
      payment: { method: 'wechat', amountFen: 20_000 },
    });
    assert.equal(delivered.statusCode, 200, delivered.body);
    const v = delivered.json();
    assert.equal(v.status, 'delivered');
    assert.match(v.repairOrderNumber, /^RO\d{8}001$/);
    assert.equal(v.payments[0].amountFen, 20_000);
    assert.equal(v.payments[0].cashierName, 'cashier');
    assert.equal(v.nextServiceKm, 12_345 + 5000);
    assert.ok(v.nextServiceDate > new Date().toISOString().slice(0, 10));
    assert.deepEqual(
      v.events.map((e: { status: string }) => e.status),
      ['checked_in', 'in_bay', 'quality_check', 'ready', 'delivered'],
    );

    // The repair order holds only the approved line, with its totals; the declined line is kept, dated.
    const overview = (await w.admin.get(`/api/customers/${w.t.customerId}/overview`)).json();
    const order = overview.repairOrders.find((o: { id: string }) => o.id === v.repairOrderId);
    assert.equal(order.type, 'maintenance');
    assert.equal(order.mileageKm, 12_345);
    assert.deepEqual(
      order.lines.map((l: { description: string }) => l.description),
      ['常规保养工时（含检查）'],
    );
    assert.equal(order.totalFen, 20_000);
    assert.equal(order.labourFen, 20_000);
    assert.equal(order.partsFen, 0);
    const declined = (v.lines as Line[]).find((l) => l.id === wipers.id);
    assert.equal(declined?.status, 'declined');
    assert.equal(declined?.decidedVia, 'app');
    assert.ok(declined?.decidedAt);
    const done = await db.owner.executeSql('SELECT status FROM bookings WHERE id = $1', [w.bookingId]);
    assert.equal(done.rows[0]?.status, 'completed');

    // The owner sees the 保养提示贴 and rates once.
    const seen = (await w.owner.get(`/api/owner/visits/${visitId}`)).json();
    assert.equal(seen.nextServiceKm, 17_345);
    assert.equal(seen.canRate, true);
    const rated = await w.owner.send('POST', `/api/owner/visits/${visitId}/rating`, { score: 9, comment: '很专业' });
    assert.equal(rated.statusCode, 200, rated.body);
    assert.deepEqual([rated.json().rating.score, rated.json().canRate], [9, false]);
    const again = await w.owner.send('POST', `/api/owner/visits/${visitId}/rating`, { score: 1 });
    assert.equal(again.statusCode, 409);
    const outOfRange = await w.owner.send('POST', `/api/owner/visits/${visitId}/rating`, { score: 11 });
    assert.equal(outOfRange.statusCode, 400);

    const list = (await w.owner.get('/api/owner/visits')).json();
    assert.equal(list.items[0].id, visitId);
    assert.equal(list.items[0].rated, true);
  });

  test('stages move only along the allowed transitions', async () => {
    const w = await visitWorld();
    const visitId = await checkInBooked(w);
    const early = await w.advisor.send('POST', `/api/visits/${visitId}/deliver`, {
      payment: { method: 'cash', amountFen: 100 },
    });
    assert.equal(early.statusCode, 409, 'deliver before the quality check');
    assert.equal(early.json().code, 'CONFLICT');
    assert.match(early.json().message, /顺序/);
    for (const status of ['quality_check', 'ready', 'waiting_parts', 'delivered', 'checked_in']) {
      const res = await w.advisor.send('POST', `/api/visits/${visitId}/status`, { status });
      assert.equal(res.statusCode, 409, `checked_in → ${status}`);
    }
    await move(w.advisor, visitId, 'in_bay');
    await move(w.advisor, visitId, 'waiting_parts');
    await move(w.advisor, visitId, 'in_bay');
    await move(w.advisor, visitId, 'quality_check');
    await move(w.advisor, visitId, 'in_bay');
    await move(w.advisor, visitId, 'quality_check');
    const ready = await move(w.advisor, visitId, 'ready');
    assert.equal(ready.status, 'ready');
    const viaStatus = await w.advisor.send('POST', `/api/visits/${visitId}/status`, { status: 'delivered' });
    assert.equal(viaStatus.statusCode, 409);
    const nothing = await w.advisor.send('POST', `/api/visits/${visitId}/deliver`, {
      payment: { method: 'cash', amountFen: 0 },
    });
    assert.equal(nothing.statusCode, 409, 'no approved line, nothing to invoice');
  });

  test('check-in refusals: mileage below the last reading, a car already in, a booking used twice, bad photos', async () => {
    const w = await visitWorld();
    const low = await w.advisor.send('POST', '/api/visits', { bookingId: w.bookingId, mileageKm: 9000 });
    assert.equal(low.statusCode, 400, low.body);
    assert.equal(low.json().details.issues[0].path, 'mileageKm');
    const visitId = await checkInBooked(w);
    const again = await w.advisor.send('POST', '/api/visits', { bookingId: w.bookingId, mileageKm: 12_400 });
    assert.equal(again.statusCode, 409);
    const walkIn = await w.advisor.send('POST', '/api/visits', {
      customerId: w.t.customerId,
      vehicleId: w.t.vehicleId,
      storeId: w.t.storeId,
      mileageKm: 12_400,
    });
    assert.equal(walkIn.statusCode, 409, 'the car is already in the workshop');
    const incomplete = await w.advisor.send('POST', '/api/visits', { customerId: w.t.customerId, mileageKm: 1 });
    assert.equal(incomplete.statusCode, 400);

    const gif = await w.advisor.send('POST', `/api/visits/${visitId}/photos`, {
      dataUrl: 'data:image/gif;base64,R0lGOD',
    });
    assert.equal(gif.statusCode, 400);
    const liar = await w.advisor.send('POST', `/api/visits/${visitId}/photos`, {
      dataUrl: `data:image/png;base64,${Buffer.from('not a png at all').toString('base64')}`,
    });
    assert.equal(liar.statusCode, 400);
    assert.equal(liar.json().details.issues[0].path, 'dataUrl');
    const huge = await w.advisor.send('POST', `/api/visits/${visitId}/photos`, {
      dataUrl: `data:image/jpeg;base64,${'A'.repeat(1_600_000)}`,
    });
    assert.ok([400, 413].includes(huge.statusCode), `huge photo: ${huge.statusCode}`);
  });

  test('a walk-in is checked in without a booking and becomes a general repair', async () => {
    const w = await visitWorld();
    const res = await w.advisor.send('POST', '/api/visits', {
      customerId: w.t.customerId,
      vehicleId: w.t.vehicleId,
      storeId: w.t.storeId,
      mileageKm: 12_500,
      concerns: '空调不制冷',
    });
    assert.equal(res.statusCode, 201, res.body);
    const visit = res.json();
    assert.equal(visit.bookingId, null);
    assert.equal(visit.advisor.name, 'service_advisor');
    assert.deepEqual(visit.nextStatuses, ['in_bay']);
    await move(w.advisor, visit.id, 'in_bay');
    const added = await w.advisor.send('PUT', `/api/visits/${visit.id}/estimate`, {
      lines: [line('空调检修', 30_000)],
    });
    assert.equal(added.json().lines[0].addedDuringRepair, true);
    await w.advisor.send('POST', `/api/visits/${visit.id}/estimate/send`);
    const lineId = added.json().lines[0].id as string;
    const phone = await w.advisor.send('POST', `/api/visits/${visit.id}/lines/${lineId}/decision`, {
      decision: 'approved',
      via: 'phone',
    });
    assert.equal(phone.statusCode, 200, phone.body);
    const decided = phone.json().lines[0];
    assert.deepEqual(
      [decided.status, decided.decidedVia, decided.recordedByName],
      ['approved', 'phone', 'service_advisor'],
    );
    await move(w.advisor, visit.id, 'quality_check');
    await move(w.advisor, visit.id, 'ready');
    const out = await w.advisor.send('POST', `/api/visits/${visit.id}/deliver`, {
      payment: { method: 'card', amountFen: 30_000 },
    });
    assert.equal(out.statusCode, 200, out.body);
    const order = (await w.admin.get(`/api/customers/${w.t.customerId}/overview`)).json().repairOrders[0];
    assert.equal(order.type, 'general_repair');
    // The next visit's reading cannot be below this one's (the vehicles module's rule, on the check-in field).
    const back = await w.advisor.send('POST', '/api/visits', {
      customerId: w.t.customerId,
      vehicleId: w.t.vehicleId,
      storeId: w.t.storeId,
      mileageKm: 12_450,
    });
    assert.equal(back.statusCode, 400, back.body);
    assert.deepEqual(back.json().details.issues[0].path, 'mileageKm');
  });

  test('another owner can neither see nor decide on the visit', async () => {
    const w = await visitWorld();
    const visitId = await checkInBooked(w);
    const drafted = await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, {
      lines: [line('四轮定位', 26_000)],
    });
    const lineId = drafted.json().lines[0].id as string;
    await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
    const photo = await w.advisor.send('POST', `/api/visits/${visitId}/photos`, { dataUrl: jpegDataUrl });
    const stranger = await signInOwner(w.t.slug, '13000000099');
    for (const url of [`/api/owner/visits/${visitId}`, `/api/owner/visits/${visitId}/photos/${photo.json().id}`])
      assert.equal((await stranger.get(url)).statusCode, 404, url);
    const decide = await stranger.send('POST', `/api/owner/visits/${visitId}/lines/${lineId}/decision`, {
      decision: 'approved',
    });
    assert.equal(decide.statusCode, 404);
    assert.deepEqual((await stranger.get('/api/owner/visits')).json().items, []);
    const line0 = (await w.advisor.get(`/api/visits/${visitId}`)).json().lines[0];
    assert.equal(line0.status, 'proposed', 'nothing was decided');
  });

  test('an owner whose binding is still pending does not see the visit', async () => {
    const w = await visitWorld({ confirmed: false });
    const visitId = await checkInBooked(w);
    assert.equal((await w.owner.get(`/api/owner/visits/${visitId}`)).statusCode, 404);
    assert.equal((await w.owner.get('/api/owner/inbox')).json().unread, 0);
  });
});
