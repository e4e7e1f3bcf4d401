import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QuestionnaireSummary, VisitLoyalty } from '@m4s/contracts';
import { signInStaff } from '../../../test/harness.ts';
import { installFor } from '../surveys/test-kit.ts';
import {
  balanceOf,
  createTemplate,
  deliver,
  grant,
  ledgerSum,
  loyaltyWorld,
  readyVisit,
  sqlOwner,
} from './test-kit.ts';

/** Where other modules post to the ledger: a payment taken back, a questionnaire completed (docs/loyalty.md). */
describe('membership: the ledger’s callers', () => {
  test('a voided payment reverses the points its visit earned, once', async () => {
    const w = await loyaltyWorld();
    const visitId = await readyVisit(w, 90_000);
    assert.equal((await deliver(w.cashier, visitId, 90_000)).statusCode, 200);
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 900);

    const short = await w.cashier.send('POST', `/api/visits/${visitId}/payment/void`, { reason: '' });
    assert.equal(short.statusCode, 400);
    const voided = await w.cashier.send('POST', `/api/visits/${visitId}/payment/void`, { reason: '客户退款' });
    assert.equal(voided.statusCode, 200, voided.body);
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 0);
    const [pay] = await sqlOwner('SELECT void_reason, voided_by FROM payments WHERE visit_id = $1', [visitId]);
    assert.deepEqual(pay, { void_reason: '客户退款', voided_by: w.t.staffIds.cashier });
    const entries = await sqlOwner(
      `SELECT kind, points, source FROM points_ledger WHERE tenant_id = $1 ORDER BY at, kind`,
      [w.t.id],
    );
    assert.deepEqual(entries, [
      { kind: 'earn', points: 900, source: 'repair_order' },
      { kind: 'reverse', points: -900, source: 'repair_order' },
    ]);
    const twice = await w.cashier.send('POST', `/api/visits/${visitId}/payment/void`, { reason: '客户退款' });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().details.issues[0].message, '这笔收款已作废');
    const open = await w.cashier.send('POST', `/api/visits/${await readyVisit(w, 1000)}/payment/void`, {
      reason: '误操作',
    });
    assert.equal(open.statusCode, 409);
    assert.equal(open.json().details.issues[0].message, '该工单没有可作废的收款');
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 0);
  });

  test('a voided payment gives back the points spent on its bill (a reverse entry), once', async () => {
    const w = await loyaltyWorld();
    await grant(w.admin, w.t.customerId, 1000);
    const visitId = await readyVisit(w, 8000);
    // ¥80: 400 points (¥40) off, ¥40 paid, which earns 40.
    assert.equal((await deliver(w.cashier, visitId, 4000, { points: 400 })).statusCode, 200);
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 640);
    const voided = await w.cashier.send('POST', `/api/visits/${visitId}/payment/void`, { reason: '客户退款' });
    assert.equal(voided.statusCode, 200, voided.body);
    // The 400 spent come back, the 40 earned go: 1,000 again.
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 1000);
    assert.equal(await ledgerSum(w.t.id, w.t.customerId), 1000);
    const entries = await sqlOwner(
      `SELECT kind, points, source, source_id FROM points_ledger WHERE tenant_id = $1 AND source <> 'manual'
       ORDER BY kind, points`,
      [w.t.id],
    );
    const [order] = await sqlOwner('SELECT repair_order_id FROM visits WHERE id = $1', [visitId]);
    assert.deepEqual(entries, [
      { kind: 'earn', points: 40, source: 'repair_order', source_id: order?.repair_order_id },
      { kind: 'redeem', points: -400, source: 'checkout', source_id: visitId },
      { kind: 'reverse', points: -40, source: 'repair_order', source_id: order?.repair_order_id },
      { kind: 'reverse', points: 400, source: 'checkout', source_id: visitId },
    ]);
    // Once: a second void is refused and gives nothing more back.
    const twice = await w.cashier.send('POST', `/api/visits/${visitId}/payment/void`, { reason: '客户退款' });
    assert.equal(twice.statusCode, 409);
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 1000);
    const [audit] = await sqlOwner(
      `SELECT details->>'pointsRefunded' AS refunded FROM audit_log WHERE tenant_id = $1 AND action = 'visit.payment_voided'`,
      [w.t.id],
    );
    assert.equal(audit?.refunded, 'true');
  });

  test('the checkout offers the coupon the visit was booked with as chosen, while it is usable', async () => {
    const w = await loyaltyWorld();
    const templateId = await createTemplate(w.admin);
    const known = new Set<string>();
    const issue = async () => {
      const res = await w.admin.send('POST', '/api/loyalty/coupons', { templateId, customerIds: [w.t.customerId] });
      assert.equal(res.statusCode, 201, res.body);
      const rows = await sqlOwner('SELECT id FROM coupons WHERE tenant_id = $1 AND customer_id = $2', [
        w.t.id,
        w.t.customerId,
      ]);
      const id = rows.map((r) => String(r.id)).find((i) => !known.has(i)) ?? '';
      known.add(id);
      return id;
    };
    const other = await issue();
    const booked = await issue();
    assert.notEqual(other, booked);
    await sqlOwner('UPDATE bookings SET coupon_id = $2 WHERE id = $1', [w.bookingId, booked]);
    const visitId = await readyVisit(w, 30_000);
    const offers = async () => (await w.cashier.get(`/api/loyalty/visits/${visitId}`)).json<VisitLoyalty>();
    assert.equal((await offers()).bookedCouponId, null, 'a walk-in visit has no booked coupon');
    await sqlOwner('UPDATE visits SET booking_id = $2 WHERE id = $1', [visitId, w.bookingId]);
    const withBooking = await offers();
    assert.equal(withBooking.bookedCouponId, booked);
    assert.equal(withBooking.coupons.length, 2);
    // Used elsewhere in the meantime: no longer offered as chosen.
    await sqlOwner(`UPDATE coupons SET status = 'void' WHERE id = $1`, [booked]);
    assert.equal((await offers()).bookedCouponId, null);
  });

  test('a questionnaire completed by an agent earns the survey points once per response', async () => {
    const w = await loyaltyWorld();
    await installFor(w.t.id);
    const admin = await signInStaff(w.t.slug, 'group.admin');
    const items = (await admin.get('/api/questionnaires')).json<{ items: QuestionnaireSummary[] }>().items;
    const repair = items.find((q) => q.templateKey === 'repair_followup');
    assert.ok(repair?.published);
    const answers = { R1: { score: 9 }, R2: { choice: 'fixed' }, R3: { choice: 'satisfied' }, R5: { choice: 'yes' } };
    const base = { versionId: repair.published.id, customerId: w.t.customerId, vehicleId: w.t.vehicleId };
    const one = await admin.send('POST', '/api/survey-responses', { ...base, answers });
    assert.equal(one.statusCode, 201, one.body);
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 50);
    const two = await admin.send('POST', '/api/survey-responses', { ...base, answers });
    assert.equal(two.statusCode, 201, two.body);
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 100, 'another response, another completion');
    const sources = await sqlOwner(`SELECT source_id FROM points_ledger WHERE tenant_id = $1 AND source = 'survey'`, [
      w.t.id,
    ]);
    assert.deepEqual(new Set(sources.map((s) => s.source_id)), new Set([one.json().id, two.json().id]));
  });
});
