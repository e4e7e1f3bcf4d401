import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/harness.ts';
import { at, bookableStore, targetDay } from '../booking/test-kit.ts';
import { checkInBooked, line, move, visitWorld } from '../visits/test-kit.ts';
import { register, startReceiver, verifySignature, type Receiver, type Received } from './test-kit.ts';

/** The events fire from the services, through the real API flows: booking, visit, customer. */
describe('webhooks from real flows', () => {
  let rx: Receiver;
  before(async () => {
    rx = await startReceiver();
  });
  after(() => rx.close());
  const of = (tenantId: string) => (r: Received) => r.json.tenantId === tenantId;

  test('a booking made, rescheduled and cancelled by the store: created, changed (rescheduled), changed (cancelled), in order', async () => {
    const { t, admin, serviceTypeId } = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 });
    const { secret } = await register(admin, rx.url, ['booking.created', 'booking.changed']);
    const made = await admin.send('POST', '/api/bookings', {
      customerId: t.customerId,
      vehicleId: t.vehicleId,
      storeId: t.storeId,
      serviceTypeId,
      startsAt: at(targetDay(), '10:00'),
      channel: 'phone',
    });
    assert.equal(made.statusCode, 201, made.body);
    const first = made.json<{ id: string }>().id;
    const moved = await admin.send('POST', `/api/bookings/${first}/reschedule`, { startsAt: at(targetDay(), '14:00') });
    assert.equal(moved.statusCode, 200, moved.body);
    const second = moved.json<{ id: string }>().id;
    const cancelled = await admin.send('POST', `/api/bookings/${second}/cancel`, { reason: '客户来电取消' });
    assert.equal(cancelled.statusCode, 200, cancelled.body);

    const hits = await rx.waitFor(3, of(t.id));
    assert.ok(hits.every((h) => verifySignature(secret, h)));
    assert.deepEqual(
      hits.map((h) => [h.json.type, h.json.data.change ?? null, h.json.data.booking.id]),
      [
        ['booking.created', null, first],
        ['booking.changed', 'rescheduled', first],
        ['booking.changed', 'cancelled', second],
      ],
    );
    const [created, rescheduled, cancel] = hits;
    assert.equal(created?.json.data.booking.status, 'booked');
    assert.equal(created?.json.data.booking.channel, 'phone');
    assert.equal(rescheduled?.json.data.booking.status, 'cancelled');
    assert.equal(rescheduled?.json.data.rescheduledTo.id, second);
    assert.equal(rescheduled?.json.data.rescheduledTo.rescheduledFrom, first);
    assert.equal(cancel?.json.data.reason, '客户来电取消');
    assert.deepEqual(created?.json.resource, { type: 'booking', id: first });
  });

  test('a visit checked in, moved through its stages and delivered: each stage, then delivered', async () => {
    const w = await visitWorld();
    await register(w.admin, rx.url, ['visit.stage_changed', 'visit.delivered']);
    const visitId = await checkInBooked(w);
    const drafted = await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, {
      lines: [line('常规保养工时', 18_000)],
    });
    assert.equal(drafted.statusCode, 200, drafted.body);
    const sent = await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`);
    const lineId = sent.json<{ lines: { id: string }[] }>().lines[0]?.id;
    const ok = await w.advisor.send('POST', `/api/visits/${visitId}/lines/${lineId}/decision`, {
      decision: 'approved',
      via: 'phone',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    await move(w.advisor, visitId, 'in_bay');
    await move(w.advisor, visitId, 'quality_check');
    await move(w.advisor, visitId, 'ready');
    const delivered = await w.cashier.send('POST', `/api/visits/${visitId}/deliver`, {
      payment: { method: 'wechat', amountFen: 18_000 },
    });
    assert.equal(delivered.statusCode, 200, delivered.body);

    const hits = await rx.waitFor(6, of(w.t.id));
    assert.deepEqual(
      hits.map((h) => (h.json.type === 'visit.delivered' ? 'delivered' : `${h.json.data.from}→${h.json.data.to}`)),
      [
        'null→checked_in',
        'checked_in→in_bay',
        'in_bay→quality_check',
        'quality_check→ready',
        'ready→delivered',
        'delivered',
      ],
    );
    const done = hits[5]?.json.data;
    assert.equal(done?.visit.id, visitId);
    assert.equal(done?.visit.status, 'delivered');
    assert.equal(done?.visit.bookingId, w.bookingId);
    assert.equal(done?.totalFen, 18_000);
    assert.ok(done?.repairOrderId);
  });

  test('a customer created and another merged into it: customer.created, then customer.merged with the kept record', async () => {
    const { t, admin } = await bookableStore({ bays: 1, walkInSharePct: 0, onlineSharePct: 100 });
    await register(admin, rx.url, ['customer.created', 'customer.merged']);
    const made = await admin.send('POST', '/api/customers', {
      name: '周一',
      phones: ['13900000011'],
      source: 'phone_in',
    });
    assert.equal(made.statusCode, 201, made.body);
    const dupId = made.json<{ id: string }>().id;
    const merged = await admin.send('POST', `/api/customers/${t.customerId}/merge`, { fromId: dupId });
    assert.equal(merged.statusCode, 200, merged.body);
    const hits = await rx.waitFor(2, of(t.id));
    const [created, merge] = hits;
    assert.equal(created?.json.type, 'customer.created');
    assert.equal(created?.json.data.customer?.name, '周一');
    assert.equal(merge?.json.type, 'customer.merged');
    assert.equal(merge?.json.data.mergedId, dupId);
    assert.equal(merge?.json.data.customer?.name, '测试客户');
    assert.deepEqual([...(merge?.json.data.customer?.phones ?? [])].sort(), ['13000000000', '13900000011']);
    // PIPL erasure: the delivery log keeps nothing that names the person.
    const { db } = await testApp();
    const count = async () =>
      Number(
        (
          await db.owner.executeSql(
            'SELECT count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1 AND body LIKE $2',
            [t.id, `%${t.customerId}%`],
          )
        ).rows[0]?.n,
      );
    assert.equal(await count(), 1, 'the merge event names the kept customer');
    const erased = await admin.send('POST', `/api/customers/${t.customerId}/erase`, { reason: '客户要求注销' });
    assert.equal(erased.statusCode, 200, erased.body);
    assert.equal(await count(), 0);
  });
});
