import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { earnForRepairOrder, refundSpend, spend } from './ledger.service.ts';
import { asNight, balanceOf, grant, ledgerSum, loyaltyWorld, sqlOwner } from './test-kit.ts';

/**
 * Every ledger entry is idempotent by its source also when the same source posts at the same moment (a
 * delivery and the night earning one repair order; two voids giving back one checkout's points): each in its
 * own transaction, at once; one entry is written (docs/loyalty.md). On both engines.
 */
describe('membership: the same source at the same moment', () => {
  test('five earnings of one repair order at once: one entry, the points once', async () => {
    const w = await loyaltyWorld();
    const order = { id: randomUUID(), customerId: w.t.customerId, storeId: w.t.storeId, type: 'maintenance' as const };
    const posted = await Promise.all(
      Array.from({ length: 5 }, () => asNight(w.t.id, (ctx) => earnForRepairOrder(ctx, { ...order, paidFen: 50_000 }))),
    );
    assert.equal(posted.filter((p) => p?.written).length, 1, JSON.stringify(posted));
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 500);
    assert.equal(await ledgerSum(w.t.id, w.t.customerId), 500);
    const [n] = await sqlOwner(
      `SELECT count(*)::int AS n FROM points_ledger WHERE tenant_id = $1 AND source = 'repair_order' AND source_id = $2`,
      [w.t.id, order.id],
    );
    assert.equal(n?.n, 1);
  });

  test('a checkout’s points given back twice at once: one reverse entry', async () => {
    const w = await loyaltyWorld();
    await grant(w.admin, w.t.customerId, 1000);
    const visitId = randomUUID();
    await asNight(w.t.id, (ctx) =>
      spend(ctx, { customerId: w.t.customerId, points: 400, source: 'checkout', sourceId: visitId, storeId: null }),
    );
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 600);
    const refunds = await Promise.all(
      Array.from({ length: 3 }, () => asNight(w.t.id, (ctx) => refundSpend(ctx, 'checkout', visitId))),
    );
    assert.equal(refunds.filter((r) => r?.written).length, 1, JSON.stringify(refunds));
    assert.equal(await balanceOf(w.t.id, w.t.customerId), 1000);
    assert.equal(await ledgerSum(w.t.id, w.t.customerId), 1000);
  });
});
