import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Referral, ReferralReport } from '@m4s/contracts';
import { loyaltyWorld, sqlOwner } from '../loyalty/test-kit.ts';
import { codeOf, freshPhone, leadInApp } from './test-kit.ts';

/** A sales consultant of the store (copied from the group admin's row, with its password). */
const consultant = async (tenantId: string, storeId: string, login: string, name: string) => {
  const [row] = await sqlOwner(
    `INSERT INTO staff (tenant_id, login, name, role, store_id, password_hash, created_at, updated_at, password_changed_at)
     SELECT tenant_id, $3, $4, 'sales_consultant', $2, password_hash, now(), now(), now()
     FROM staff WHERE tenant_id = $1 AND login = 'group.admin' RETURNING id`,
    [tenantId, storeId, login, name],
  );
  return String(row?.id);
};

describe('referrals: attribution to the store’s consultant (docs/referrals.md)', () => {
  test('leads rotate over the store’s sales consultants; staff may name one of the store, not of another', async () => {
    const w = await loyaltyWorld();
    const jia = await consultant(w.t.id, w.t.storeId, 'sales.jia', '顾问甲');
    const yi = await consultant(w.t.id, w.t.storeId, 'sales.yi', '顾问乙');
    const elsewhere = await consultant(w.t.id, w.t.otherStoreId, 'sales.bing', '顾问丙');
    const code = await codeOf(w.owner);

    const first = (await leadInApp(w.t.slug, freshPhone(), code, '赵一')).referral;
    const second = (await leadInApp(w.t.slug, freshPhone(), code, '赵二')).referral;
    // The fewest referrals first: the two consultants of the store take one each; the other store's none.
    assert.deepEqual(
      [first.consultant?.id, second.consultant?.id].sort(),
      [jia, yi].sort(),
      JSON.stringify([first.consultant, second.consultant]),
    );

    const named = await w.admin.send('POST', '/api/referrals', {
      code,
      name: '赵三',
      phone: freshPhone(),
      storeId: w.t.storeId,
      consultantId: yi,
    });
    assert.equal(named.statusCode, 201, named.body);
    assert.equal(named.json<Referral>().consultant?.id, yi);
    const wrongStore = await w.admin.send('POST', '/api/referrals', {
      code,
      name: '赵四',
      phone: freshPhone(),
      storeId: w.t.storeId,
      consultantId: elsewhere,
    });
    assert.equal(wrongStore.statusCode, 400, wrongStore.body);
    assert.equal(wrongStore.json().details.issues[0].message, '该顾问不在所选门店');
    const [n] = await sqlOwner('SELECT count(*)::int AS n FROM referrals WHERE tenant_id = $1', [w.t.id]);
    assert.equal(n?.n, 3, 'the refused lead wrote nothing');

    // The next lead goes to 顾问甲, who has one against 顾问乙's two.
    const fourth = (await leadInApp(w.t.slug, freshPhone(), code, '赵五')).referral;
    assert.equal(fourth.consultant?.id, jia);

    const report = (await w.admin.get('/api/referrals')).json<ReferralReport>();
    const byName = report.consultants.map((c) => [c.name, c.invited, c.rewarded, c.rate]).sort();
    assert.deepEqual(byName, [
      ['顾问乙', 2, 0, 0],
      ['顾问甲', 2, 0, 0],
    ]);
  });
});
