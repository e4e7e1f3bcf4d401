import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { balanceOf, grant, ledgerSum, loyaltyWorld, sqlOwner, type LoyaltyWorld } from './test-kit.ts';

const newCustomer = async (w: LoyaltyWorld, name: string, phone: string) => {
  const res = await w.admin.send('POST', '/api/customers', { name, phones: [phone], source: 'walk_in' });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string }>().id;
};

const entries = (tenantId: string, customerId: string) =>
  sqlOwner(
    `SELECT kind, points, source, note FROM points_ledger WHERE tenant_id = $1 AND customer_id = $2 ORDER BY at, id`,
    [tenantId, customerId],
  );

describe('membership: personal data (docs/loyalty.md)', () => {
  test('erasure keeps the ledger’s amounts and drops what staff wrote about the person', async () => {
    const w = await loyaltyWorld();
    const id = await newCustomer(w, '周八', '13955554441');
    await grant(w.admin, id, 700);
    const erased = await w.admin.send('POST', `/api/customers/${id}/erase`, { reason: '客户要求删除个人信息' });
    assert.equal(erased.statusCode, 200, erased.body);
    assert.deepEqual(await entries(w.t.id, id), [{ kind: 'adjust', points: 700, source: 'manual', note: null }]);
    assert.equal(await balanceOf(w.t.id, id), 700);
    const [c] = await sqlOwner('SELECT name FROM customers WHERE id = $1', [id]);
    assert.notEqual(c?.name, '周八');
  });

  test('a merge adds the duplicate’s balance to the kept member and moves its ledger', async () => {
    const w = await loyaltyWorld();
    const kept = await newCustomer(w, '吴九', '13955554442');
    const dup = await newCustomer(w, '吴九', '13955554443');
    await grant(w.admin, kept, 300);
    await grant(w.admin, dup, 200);
    const merged = await w.admin.send('POST', `/api/customers/${kept}/merge`, { fromId: dup });
    assert.equal(merged.statusCode, 200, merged.body);
    assert.equal(await balanceOf(w.t.id, kept), 500);
    assert.equal(await ledgerSum(w.t.id, kept), 500);
    assert.equal((await entries(w.t.id, kept)).length, 2);
    const [gone] = await sqlOwner(
      'SELECT count(*)::int AS n FROM loyalty_members WHERE tenant_id = $1 AND customer_id = $2',
      [w.t.id, dup],
    );
    assert.equal(gone?.n, 0);
    const wallet = (await w.admin.get(`/api/loyalty/members/${kept}`)).json<{ balance: number }>();
    assert.equal(wallet.balance, 500);
  });
});
