import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signInOwner, testApp } from '../../../test/harness.ts';
import { line, plate, visitWorld } from '../visits/test-kit.ts';

const buyerPhone = '15900002222';

/**
 * Issue 13, finding 1: a sold car's previous owner kept their app binding and with it the buyer's
 * visits, notices and estimate. A transfer ends the old owner's binding (audited, and they are told);
 * the buyer binds in their turn and sees their own.
 */
describe('a transfer ends the previous owner’s app binding', () => {
  test('the seller loses the car, its visits and the estimate; the buyer sees them', async () => {
    const w = await visitWorld();
    const { db } = await testApp();
    const seller = w.owner;

    const buyer = (
      await w.admin.send('POST', '/api/customers', { name: '买家', phones: [buyerPhone], source: 'referral' })
    ).json();
    const moved = await w.admin.send('POST', `/api/vehicles/${w.t.vehicleId}/transfer`, {
      customerId: buyer.id,
      date: new Date().toISOString().slice(0, 10),
    });
    assert.equal(moved.statusCode, 200, moved.body);

    // The seller's binding is ended, kept as history, on the record, and they were told.
    const bindings = await db.owner.executeSql(
      'SELECT id, status, ended_at FROM vehicle_bindings WHERE tenant_id = $1 AND owner_id = $2',
      [w.t.id, w.ownerId],
    );
    assert.equal(bindings.rows.length, 1);
    const ended = bindings.rows[0] as { id: string; status: string; ended_at: Date | null };
    assert.equal(ended.status, 'ended');
    assert.ok(ended.ended_at);
    const audited = await db.owner.executeSql(
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'vehicle_binding.ended' AND target_id = $2`,
      [w.t.id, ended.id],
    );
    assert.equal(audited.rows.length, 1);
    assert.deepEqual((audited.rows[0] as { details: Record<string, unknown> }).details, {
      ownerId: w.ownerId,
      vehicleId: w.t.vehicleId,
      reason: 'vehicle_transferred',
    });
    const inbox = (await seller.get('/api/owner/inbox')).json();
    const notice = inbox.items.find((m: { topic: string }) => m.topic === 'vehicle_binding_ended');
    assert.ok(notice, JSON.stringify(inbox));
    assert.match(notice.body, new RegExp(plate));
    assert.equal((await seller.get('/api/owner/vehicles')).json().vehicles.length, 0);
    assert.equal((await seller.get(`/api/owner/vehicles/${w.t.vehicleId}/history`)).statusCode, 404);

    // The buyer binds the car and the store confirms it.
    const owner2 = await signInOwner(w.t.slug, buyerPhone);
    const bind = await owner2.send('POST', '/api/owner/vehicles/bind', { vinLast6: '000001', plate });
    assert.equal(bind.statusCode, 201, bind.body);
    const decided = await w.admin.send('POST', `/api/vehicle-bindings/${bind.json().id}/decision`, {
      decision: 'confirmed',
    });
    assert.equal(decided.statusCode, 200, decided.body);

    // The buyer brings the car in; the estimate goes out.
    const visit = await w.advisor.send('POST', '/api/visits', {
      customerId: buyer.id,
      vehicleId: w.t.vehicleId,
      storeId: w.t.storeId,
      mileageKm: 12_500,
      concerns: '买家：刹车异响',
    });
    assert.equal(visit.statusCode, 201, visit.body);
    const visitId = visit.json().id as string;
    const drafted = await w.advisor.send('PUT', `/api/visits/${visitId}/estimate`, { lines: [line('刹车片', 40_000)] });
    assert.equal(drafted.statusCode, 200, drafted.body);
    const lineId = drafted.json().lines[0].id as string;
    assert.equal((await w.advisor.send('POST', `/api/visits/${visitId}/estimate/send`)).statusCode, 200);

    // The seller sees nothing of it and cannot decide.
    assert.deepEqual((await seller.get('/api/owner/visits')).json().items, []);
    assert.equal((await seller.get(`/api/owner/visits/${visitId}`)).statusCode, 404);
    const decide = await seller.send('POST', `/api/owner/visits/${visitId}/lines/${lineId}/decision`, {
      decision: 'approved',
    });
    assert.equal(decide.statusCode, 404);
    const sellerInbox = (await seller.get('/api/owner/inbox')).json();
    assert.ok(
      !sellerInbox.items.some((m: { link: string | null }) => m.link === `/visits/${visitId}`),
      'the buyer’s notices do not reach the seller',
    );
    assert.equal((await w.advisor.get(`/api/visits/${visitId}`)).json().lines[0].status, 'proposed');

    // The buyer sees and decides.
    const mine = await owner2.get(`/api/owner/visits/${visitId}`);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal(mine.json().lines.length, 1);
    const ok = await owner2.send('POST', `/api/owner/visits/${visitId}/lines/${lineId}/decision`, {
      decision: 'approved',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.ok(
      (await owner2.get('/api/owner/inbox'))
        .json()
        .items.some((m: { link: string | null }) => m.link === `/visits/${visitId}`),
    );
  });

  test('a binding left confirmed from before the sale shows nothing of the new owner (defence in depth)', async () => {
    const w = await visitWorld({ confirmed: false });
    const { db } = await testApp();
    // The store confirms the seller's claim: the binding follows the ownership it was confirmed under.
    const [claim] = (await w.admin.get('/api/vehicle-bindings?status=pending')).json().items;
    const confirmed = await w.admin.send('POST', `/api/vehicle-bindings/${claim.id}/decision`, {
      decision: 'confirmed',
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal((await w.owner.get('/api/owner/vehicles')).json().vehicles.length, 1);
    const buyer = (
      await w.admin.send('POST', '/api/customers', { name: '买家', phones: [buyerPhone], source: 'referral' })
    ).json();
    assert.equal(
      (
        await w.admin.send('POST', `/api/vehicles/${w.t.vehicleId}/transfer`, {
          customerId: buyer.id,
          date: new Date().toISOString().slice(0, 10),
        })
      ).statusCode,
      200,
    );
    // As if the transfer had left it (an older release, a direct write): the binding says confirmed.
    await db.owner.executeSql(
      `UPDATE vehicle_bindings SET status = 'confirmed', ended_at = NULL WHERE tenant_id = $1 AND owner_id = $2`,
      [w.t.id, w.ownerId],
    );
    const visit = await w.advisor.send('POST', '/api/visits', {
      customerId: buyer.id,
      vehicleId: w.t.vehicleId,
      storeId: w.t.storeId,
      mileageKm: 12_500,
      concerns: '买家：刹车异响',
    });
    assert.equal(visit.statusCode, 201, visit.body);
    const visitId = visit.json().id as string;
    assert.deepEqual((await w.owner.get('/api/owner/visits')).json().items, []);
    assert.equal((await w.owner.get(`/api/owner/visits/${visitId}`)).statusCode, 404);
    assert.equal((await w.owner.get('/api/owner/vehicles')).json().vehicles.length, 0);
    assert.equal((await w.owner.get(`/api/owner/vehicles/${w.t.vehicleId}/history`)).statusCode, 404);
  });
});
