import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { at, book, bookableStore, freeAt, ownersWithCars, targetDay } from '../booking/test-kit.ts';
import { defaultLoyaltySettings } from '@m4s/contracts';
import { sqlOwner } from './test-kit.ts';

describe('membership: the priority lane (docs/loyalty.md)', () => {
  test('the top tiers’ share of a slot stays for them: others see and book the rest, a 钻石 member the whole', async () => {
    // 4 places a slot; 钻石 holds 25% of it (金卡 10%): 1 place.
    const s = await bookableStore({ bays: 4, walkInSharePct: 0, onlineSharePct: 100 }, 4);
    const settings = defaultLoyaltySettings();
    settings.tiers[2]!.benefits.reservedShare = 0.1;
    settings.tiers[4]!.benefits.reservedShare = 0.25;
    assert.equal((await s.admin.send('PUT', '/api/loyalty/settings', settings)).statusCode, 200);
    const [a, b, c, d, e] = await ownersWithCars(s.t, 5);
    assert.ok(a && b && c && d && e);
    await sqlOwner(
      `INSERT INTO loyalty_members (tenant_id, customer_id, balance, tier) VALUES ($1, $2, 0, 'diamond')`,
      [s.t.id, d.customerId],
    );
    const startsAt = at(targetDay(), '10:00');
    assert.equal(await freeAt(a.agent, s.t.storeId, startsAt), 3);
    assert.equal(await freeAt(d.agent, s.t.storeId, startsAt), 4);
    const body = (o: typeof a) => ({
      storeId: s.t.storeId,
      vehicleId: o.vehicleId,
      serviceTypeId: s.serviceTypeId,
      startsAt,
    });
    for (const o of [a, b, c]) assert.equal((await book(o.agent, body(o))).statusCode, 201);
    assert.equal(await freeAt(a.agent, s.t.storeId, startsAt), 0);
    assert.equal(await freeAt(d.agent, s.t.storeId, startsAt), 1);
    const refused = await book(e.agent, body(e));
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal((await book(d.agent, body(d))).statusCode, 201);
  });
});
