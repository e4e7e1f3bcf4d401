import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { operatorLockout } from '../src/modules/operator/operator-auth.service.ts';
import { createTestTenant, randomIp, signInOwner, signInStaff, testApp, testClock, testPassword } from './harness.ts';
import { createTestOperator, operatorAgent, operatorSignIn, tenantBody } from './operator-kit.ts';

type Audit = {
  items: { action: string; actorName: string | null; tenantId: string | null; details: Record<string, unknown> }[];
};

describe('platform operator: sign-in, lockout and audit', () => {
  test('a wrong password counts, five lock the account, the right one is refused while locked, then works', async () => {
    const { app } = await testApp();
    const login = await createTestOperator();
    const ip = randomIp();
    const wrong = await operatorSignIn(login, 'not-the-password', ip);
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json<{ code: string }>().code, 'INVALID_CREDENTIALS');
    for (let i = 1; i < operatorLockout.failures; i++) await operatorSignIn(login, 'still-wrong', ip);
    const locked = await operatorSignIn(login, undefined, ip);
    assert.equal(locked.statusCode, 423, locked.body);
    assert.equal(locked.json<{ code: string }>().code, 'ACCOUNT_LOCKED');

    testClock.advance((operatorLockout.minutes + 1) * 60_000);
    try {
      const ok = await operatorSignIn(login, undefined, ip);
      assert.equal(ok.statusCode, 200, ok.body);
      const cookie = [ok.headers['set-cookie']].flat().join(';');
      assert.match(cookie, /m4s_operator=/);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /Path=\/api\/operator/);
      const agent = await operatorAgent(login);
      const me = await agent.get('/api/operator/me');
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json<{ operator: { login: string } }>().operator.login, login);

      const audit = await agent.get('/api/operator/audit?limit=50');
      const mine = audit.json<Audit>().items.filter((e) => e.actorName === login);
      const actions = mine.map((e) => e.action);
      assert.ok(actions.includes('operator.sign_in_failed'), actions.join());
      assert.ok(actions.includes('operator.locked'), actions.join());
      assert.ok(actions.includes('operator.signed_in'), actions.join());

      const out = await agent.send('POST', '/api/operator/sign-out');
      assert.equal(out.statusCode, 204, out.body);
      const after = await agent.get('/api/operator/me');
      assert.equal(after.statusCode, 401);
    } finally {
      testClock.advance(-(operatorLockout.minutes + 1) * 60_000);
    }
    // A write without the CSRF header is refused.
    const agent = await operatorAgent(login);
    const noCsrf = await agent.inject({ method: 'POST', url: '/api/operator/tenants', payload: tenantBody() });
    assert.equal(noCsrf.statusCode, 403);
    assert.ok(app);
  });

  test('an unknown login is refused like a wrong password', async () => {
    const res = await operatorSignIn('nobody-here', 'whatever-pass');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json<{ code: string }>().code, 'INVALID_CREDENTIALS');
  });
});

describe('platform operator: provisioning a dealer group', () => {
  test('creates the tenant, its stores and its group admin (generated password shown once), audited', async () => {
    const op = await operatorAgent();
    const body = tenantBody();
    const res = await op.send('POST', '/api/operator/tenants', body);
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<{
      tenant: { id: string; slug: string; status: string; brands: string[]; timezone: string };
      admin: { login: string; initialPassword: string | null };
    }>();
    assert.equal(created.tenant.slug, body.slug);
    assert.equal(created.tenant.status, 'active');
    assert.deepEqual(created.tenant.brands, ['大众', '奥迪']);
    assert.ok(created.admin.initialPassword && created.admin.initialPassword.length >= 12);

    const admin = await signInStaff(body.slug, 'boss', created.admin.initialPassword);
    const stores = await admin.get('/api/stores');
    assert.equal(stores.statusCode, 200, stores.body);
    assert.deepEqual(
      stores
        .json<{ items: { code: string; brand: string }[] }>()
        .items.map((s) => `${s.code}:${s.brand}`)
        .sort(),
      ['BJ-01:大众', 'BJ-02:奥迪'],
    );
    const me = await admin.get('/api/auth/staff/me');
    assert.equal(me.json<{ staff: { role: string } }>().staff.role, 'group_admin');

    const list = await op.get('/api/operator/tenants');
    assert.ok(list.json<{ items: { slug: string }[] }>().items.some((t) => t.slug === body.slug));
    const audit = await op.get(`/api/operator/audit?tenantId=${created.tenant.id}`);
    assert.deepEqual(
      audit.json<Audit>().items.map((e) => e.action),
      ['tenant.created'],
    );
    // The generated password is not in the audit log.
    assert.ok(!audit.body.includes(created.admin.initialPassword));
  });

  test('a given admin password is used and not echoed', async () => {
    const op = await operatorAgent();
    const body = tenantBody({
      admin: { login: 'chief', name: '总经理', phone: '13911112222', password: 'chosen-pass-1' },
    });
    const res = await op.send('POST', '/api/operator/tenants', body);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json<{ admin: { initialPassword: null } }>().admin.initialPassword, null);
    await signInStaff(body.slug, 'chief', 'chosen-pass-1');
  });

  test('a taken slug is a 409, a bad time zone or brand a 400 — and nothing is written', async () => {
    const { db } = await testApp();
    const op = await operatorAgent();
    const taken = await createTestTenant();
    const dup = await op.send('POST', '/api/operator/tenants', tenantBody({ slug: taken.slug }));
    assert.equal(dup.statusCode, 409, dup.body);
    assert.equal(dup.json<{ code: string }>().code, 'SLUG_TAKEN');
    assert.deepEqual(dup.json<{ details: { issues: { path: string }[] } }>().details.issues[0]?.path, 'slug');

    const zone = tenantBody({ timezone: 'Mars/Olympus_Mons' });
    const badZone = await op.send('POST', '/api/operator/tenants', zone);
    assert.equal(badZone.statusCode, 400, badZone.body);
    const issues = badZone.json<{ details: { issues: { path: string; message: string }[] } }>().details.issues;
    assert.equal(issues[0]?.path, 'timezone');
    assert.match(issues[0]?.message ?? '', /时区/);
    const en = await op.inject({
      method: 'POST',
      url: '/api/operator/tenants',
      payload: tenantBody({ timezone: 'Nowhere' }),
      headers: { 'x-csrf-token': op.csrf, 'accept-language': 'en' },
    });
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /time zone/);

    const base = tenantBody();
    const wrongBrand = await op.send('POST', '/api/operator/tenants', {
      ...base,
      stores: [{ ...base.stores[0], brand: '宝马' }],
    });
    assert.equal(wrongBrand.statusCode, 400, wrongBrand.body);
    const sameCodes = await op.send('POST', '/api/operator/tenants', {
      ...base,
      stores: [base.stores[0], base.stores[0]],
    });
    assert.equal(sameCodes.statusCode, 400, sameCodes.body);
    const { rows } = await db.owner.executeSql('SELECT count(*)::int AS n FROM tenants WHERE slug IN ($1, $2)', [
      zone.slug,
      base.slug,
    ]);
    assert.equal(rows[0]?.n, 0);
  });
});

describe('platform operator: suspending and resuming a dealer group', () => {
  test('suspension ends every session and refuses sign-in (zh-CN and en); resuming restores it', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    const staff = await signInStaff(t.slug, 'group.admin');
    const owner = await signInOwner(t.slug, '13700000021');
    const op = await operatorAgent();

    const suspended = await op.send('POST', `/api/operator/tenants/${t.id}/suspend`, { reason: '合同到期' });
    assert.equal(suspended.statusCode, 200, suspended.body);
    assert.equal(suspended.json<{ status: string }>().status, 'suspended');
    assert.equal((await staff.get('/api/auth/staff/me')).statusCode, 401);
    assert.equal((await owner.get('/api/auth/owner/me')).statusCode, 401);
    const live = await db.owner.executeSql(
      'SELECT count(*)::int AS n FROM sessions WHERE tenant_id = $1 AND revoked_at IS NULL',
      [t.id],
    );
    assert.equal(live.rows[0]?.n, 0);

    const { app } = await testApp();
    const zh = await app.inject({
      method: 'POST',
      url: '/api/auth/staff/sign-in',
      remoteAddress: randomIp(),
      payload: { tenant: t.slug, login: 'group.admin', password: testPassword },
    });
    assert.equal(zh.statusCode, 403, zh.body);
    assert.equal(zh.json<{ code: string }>().code, 'TENANT_SUSPENDED');
    assert.match(zh.json<{ message: string }>().message, /暂停/);
    const en = await app.inject({
      method: 'POST',
      url: '/api/auth/owner/otp',
      remoteAddress: randomIp(),
      headers: { 'accept-language': 'en' },
      payload: { tenant: t.slug, phone: '13700000021' },
    });
    assert.equal(en.statusCode, 403, en.body);
    assert.match(en.json<{ message: string }>().message, /suspended/);

    const again = await op.send('POST', `/api/operator/tenants/${t.id}/suspend`, {});
    assert.equal(again.statusCode, 409, again.body);

    const resumed = await op.send('POST', `/api/operator/tenants/${t.id}/resume`, {});
    assert.equal(resumed.statusCode, 200, resumed.body);
    assert.equal(resumed.json<{ status: string }>().status, 'active');
    const back = await signInStaff(t.slug, 'group.admin');
    assert.equal((await back.get('/api/auth/staff/me')).statusCode, 200);

    const audit = await back.get('/api/audit?limit=50');
    assert.ok(audit.body.includes('tenant.suspended'), audit.body.slice(0, 500));
    const opAudit = await op.get(`/api/operator/audit?tenantId=${t.id}`);
    assert.deepEqual(
      opAudit.json<Audit>().items.map((e) => e.action),
      // Newest first; the refused second suspension rolled back with its entry.
      ['tenant.resumed', 'tenant.suspended'],
    );
    const unknown = await op.send('POST', '/api/operator/tenants/00000000-0000-4000-8000-000000000000/suspend', {});
    assert.equal(unknown.statusCode, 404);
  });
});
