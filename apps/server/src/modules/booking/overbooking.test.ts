import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/harness.ts';
import { at, bookableStore, book, ownersWithCars, targetDay } from './test-kit.ts';

describe('a slot is never overbooked', () => {
  test('200 owners book the same slot of 10 places at once: exactly 10 succeed, the rest get SLOT_FULL', async () => {
    const { db } = await testApp();
    // Ten advisors, ten bays, no walk-in share, all of it online: ten places for the app.
    const { t, serviceTypeId } = await bookableStore({ bays: 10, walkInSharePct: 0, onlineSharePct: 100 }, 10);
    const owners = await ownersWithCars(t, 200);
    const startsAt = at(targetDay(), '10:00');
    const results = await Promise.all(
      owners.map((o) => book(o.agent, { vehicleId: o.vehicleId, storeId: t.storeId, serviceTypeId, startsAt })),
    );
    const byStatus = new Map<number, number>();
    for (const r of results) byStatus.set(r.statusCode, (byStatus.get(r.statusCode) ?? 0) + 1);
    assert.deepEqual(
      Object.fromEntries(byStatus),
      { 201: 10, 409: 190 },
      results.find((r) => r.statusCode >= 500)?.body,
    );
    for (const r of results.filter((x) => x.statusCode === 409)) {
      assert.equal(r.json().code, 'SLOT_FULL');
      assert.equal(r.json().message, '该时段已约满，请选择其他时段');
    }
    const { rows } = await db.owner.executeSql(
      `SELECT (SELECT total FROM booking_slots WHERE tenant_id = $1 AND store_id = $2 AND starts_at = $3) AS total,
              (SELECT online FROM booking_slots WHERE tenant_id = $1 AND store_id = $2 AND starts_at = $3) AS online,
              (SELECT count(*)::int FROM bookings WHERE tenant_id = $1 AND starts_at = $3) AS bookings`,
      [t.id, t.storeId, startsAt],
    );
    assert.deepEqual(rows[0], { total: 10, online: 10, bookings: 10 });
  });
});
