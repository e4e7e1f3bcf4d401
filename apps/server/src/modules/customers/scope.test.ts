import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff } from '../../../test/harness.ts';

describe("the tenant's customer scope", () => {
  test("with 'own', a consultant reads and finds only the customers assigned to them; managers are unaffected", async () => {
    const t = await createTestTenant(['group_admin', 'sales_consultant', 'service_advisor', 'store_manager']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const consultant = await signInStaff(t.slug, 'sales.consultant');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const manager = await signInStaff(t.slug, 'store.manager');
    const mine = await admin.send('POST', '/api/customers', {
      name: '范围甲',
      phones: ['13912340001'],
      source: 'walk_in',
      salesConsultantId: t.staffIds.sales_consultant,
    });
    assert.equal(mine.statusCode, 201, mine.body);
    const theirs = await admin.send('POST', '/api/customers', {
      name: '范围乙',
      phones: ['13912340002'],
      source: 'walk_in',
    });
    assert.equal(theirs.statusCode, 201, theirs.body);
    const mineId = mine.json<{ id: string }>().id;
    const theirsId = theirs.json<{ id: string }>().id;
    const names = async (who: typeof admin) =>
      (await who.get(`/api/customers?q=${encodeURIComponent('范围')}`))
        .json<{ items: { name: string }[] }>()
        .items.map((c) => c.name)
        .sort();

    // The default: the whole group sees every customer.
    assert.deepEqual(await admin.get('/api/tenant/settings').then((r) => r.json()), { customerScope: 'group' });
    assert.equal((await consultant.get(`/api/customers/${theirsId}`)).statusCode, 200);
    assert.deepEqual(await names(consultant), ['范围乙', '范围甲'].sort());

    assert.equal((await manager.send('PUT', '/api/tenant/settings', { customerScope: 'own' })).statusCode, 403);
    const set = await admin.send('PUT', '/api/tenant/settings', { customerScope: 'own' });
    assert.equal(set.statusCode, 200, set.body);

    assert.equal((await consultant.get(`/api/customers/${mineId}`)).statusCode, 200);
    assert.equal((await consultant.get(`/api/customers/${theirsId}`)).statusCode, 403);
    assert.equal((await consultant.get(`/api/customers/${t.customerId}/overview`)).statusCode, 403);
    assert.equal((await consultant.get(`/api/vehicles/${t.vehicleId}`)).statusCode, 403);
    assert.deepEqual(await names(consultant), ['范围甲']);
    assert.deepEqual(await names(advisor), []);
    assert.equal((await advisor.get(`/api/customers/${mineId}`)).statusCode, 403);
    // Managers keep the whole view.
    assert.deepEqual(await names(manager), ['范围乙', '范围甲'].sort());
    assert.equal((await manager.get(`/api/vehicles/${t.vehicleId}`)).statusCode, 200);

    const audit = (await admin.get('/api/audit?action=tenant.settings_updated')).json<{ items: unknown[] }>().items;
    assert.equal(audit.length, 1);
  });
});
