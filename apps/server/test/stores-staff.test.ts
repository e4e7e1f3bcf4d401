import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, storeInput } from './harness.ts';

describe('stores and staff', () => {
  test('the group admin creates and edits a store; the code stays unique; it is audited', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const created = await admin.send('POST', '/api/stores', storeInput('NB-01', '宁波江北4S店'));
    assert.equal(created.statusCode, 201, created.body);
    const store = created.json();
    const dup = await admin.send('POST', '/api/stores', storeInput('NB-01', '重复'));
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().code, 'STORE_CODE_TAKEN');
    assert.equal(dup.json().details.issues[0].path, 'code');
    const evening = {
      ...storeInput('NB-01', '宁波江北4S店'),
      openingHours: { ...store.openingHours, fri: [{ open: '08:30', close: '21:00' }] },
    };
    const edited = await admin.send('PUT', `/api/stores/${store.id}`, evening);
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(edited.json().openingHours.fri, [{ open: '08:30', close: '21:00' }]);
    const actions = (await admin.get('/api/audit')).json().items.map((e: { action: string }) => e.action);
    assert.ok(actions.includes('store.created') && actions.includes('store.updated'));
  });

  test('two admins creating the same store code at once: one wins, the other gets 409, never 500', async () => {
    const t = await createTestTenant();
    const [a, b] = await Promise.all([signInStaff(t.slug, 'group.admin'), signInStaff(t.slug, 'group.admin')]);
    const results = await Promise.all([
      a.send('POST', '/api/stores', storeInput('RACE-1')),
      b.send('POST', '/api/stores', storeInput('RACE-1')),
    ]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
  });

  test('a store manager manages their own store only and cannot open stores or grant group roles', async () => {
    const t = await createTestTenant(['group_admin', 'store_manager', 'service_advisor']);
    const manager = await signInStaff(t.slug, 'store.manager');
    assert.equal((await manager.send('POST', '/api/stores', storeInput('MGR-1'))).statusCode, 403);
    const stores = (await manager.get('/api/stores')).json().items;
    assert.deepEqual(
      stores.map((s: { id: string }) => s.id),
      [t.storeId],
    );
    const mine = await manager.send('POST', '/api/staff', {
      login: 'new.advisor',
      name: '新顾问',
      phone: null,
      role: 'service_advisor',
      storeId: t.storeId,
      password: 'advisor-pass-1',
    });
    assert.equal(mine.statusCode, 201, mine.body);
    const elsewhere = await manager.send('POST', '/api/staff', {
      login: 'other.advisor',
      name: '别店顾问',
      phone: null,
      role: 'service_advisor',
      storeId: t.otherStoreId,
      password: 'advisor-pass-1',
    });
    assert.equal(elsewhere.statusCode, 400);
    const admin = await manager.send('POST', '/api/staff', {
      login: 'new.admin',
      name: '越权',
      phone: null,
      role: 'group_admin',
      storeId: null,
      password: 'advisor-pass-1',
    });
    assert.equal(admin.statusCode, 400);
    assert.equal(admin.json().details.issues[0].path, 'role');
  });

  test('staff rules: store required for store roles, unique login and phone, no self-disable', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const base = {
      login: 'cashier.one',
      name: '收银一',
      phone: '13912345678',
      role: 'cashier',
      storeId: null,
      password: 'cashier-pass-1',
    };
    const noStore = await admin.send('POST', '/api/staff', base);
    assert.equal(noStore.json().details.issues[0].path, 'storeId');
    const ok = await admin.send('POST', '/api/staff', { ...base, storeId: t.storeId });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal((await admin.send('POST', '/api/staff', { ...base, storeId: t.storeId })).json().code, 'LOGIN_TAKEN');
    assert.equal(
      (await admin.send('POST', '/api/staff', { ...base, login: 'cashier.two', storeId: t.storeId })).json().code,
      'PHONE_TAKEN',
    );
    const me = (await admin.get('/api/auth/staff/me')).json();
    assert.equal((await admin.send('PATCH', `/api/staff/${me.staff.id}`, { status: 'disabled' })).statusCode, 403);
  });

  test('disabling a member signs them out at once and keeps them out; changing role and store works', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const id = t.staffIds.service_advisor ?? '';
    const moved = await admin.send('PATCH', `/api/staff/${id}`, { role: 'cs_specialist', storeId: t.otherStoreId });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().storeId, t.otherStoreId);
    assert.equal((await admin.send('PATCH', `/api/staff/${id}`, { status: 'disabled' })).statusCode, 200);
    assert.equal((await advisor.get('/api/auth/staff/me')).statusCode, 401);
    await assert.rejects(signInStaff(t.slug, 'service.advisor'), /403/);
    const list = (await admin.get('/api/staff?q=service')).json().items;
    assert.equal(list[0].status, 'disabled');
  });

  test('read-only and own-scope roles cannot write', async () => {
    const t = await createTestTenant(['group_admin', 'oem_viewer', 'service_advisor']);
    const oem = await signInStaff(t.slug, 'oem.viewer');
    assert.equal((await oem.get('/api/stores')).json().items.length, 2);
    assert.equal((await oem.send('POST', '/api/stores', storeInput('OEM-1'))).statusCode, 403);
    const advisor = await signInStaff(t.slug, 'service.advisor');
    assert.equal(
      (
        await advisor.send('PUT', '/api/tenant/branding', {
          name: 'x',
          shortName: 'x',
          primaryColor: '#000000',
          accentColor: '#000000',
          dealerHotline: null,
          oemHotline: null,
          logo: null,
        })
      ).statusCode,
      403,
    );
    assert.equal((await advisor.get(`/api/stores/${t.otherStoreId}`)).statusCode, 403);
  });
});

describe('opening hours', () => {
  test('overlapping periods on one day are refused with the day named', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const input = storeInput('OVL-1');
    const res = await admin.send('POST', '/api/stores', {
      ...input,
      openingHours: {
        ...input.openingHours,
        sat: [
          { open: '08:30', close: '19:00' },
          { open: '18:00', close: '21:00' },
        ],
      },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().details.issues[0].path, 'openingHours.sat');
    assert.equal(res.json().details.issues[0].message, '与同一天的其他时段重叠');
  });
});
