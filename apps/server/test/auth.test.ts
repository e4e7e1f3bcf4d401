import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agentFrom,
  createTestTenant,
  randomIp,
  signInStaff,
  storeInput,
  testApp,
  testClock,
  testPassword,
} from './harness.ts';

const signIn = async (tenant: string, login: string, password: string, ip = randomIp()) => {
  const { app } = await testApp();
  return app.inject({
    method: 'POST',
    url: '/api/auth/staff/sign-in',
    remoteAddress: ip,
    payload: { tenant, login, password },
  });
};

describe('staff sign-in', () => {
  test('signs in by login or phone with the exact API body, and /me tells who and where', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    const res = await signIn(t.slug, 'service.advisor', testPassword);
    assert.equal(res.statusCode, 200, res.body);
    const me = res.json();
    assert.equal(me.staff.role, 'service_advisor');
    assert.equal(me.staff.store.id, t.storeId);
    assert.equal(me.tenant.slug, t.slug);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.ok(!res.body.includes('password'));
  });

  test('a wrong password, an unknown login and an unknown tenant are refused alike or by name', async () => {
    const t = await createTestTenant();
    assert.equal((await signIn(t.slug, 'group.admin', 'nope-nope')).json().code, 'INVALID_CREDENTIALS');
    assert.equal((await signIn(t.slug, 'nobody', 'nope-nope')).json().code, 'INVALID_CREDENTIALS');
    const missing = await signIn('no-such-group', 'group.admin', testPassword);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'TENANT_NOT_FOUND');
  });

  test('five wrong passwords lock the account for 15 minutes, even for the right password', async () => {
    const t = await createTestTenant();
    for (let i = 0; i < 4; i++) assert.equal((await signIn(t.slug, 'group.admin', `wrong-${i}`)).statusCode, 401);
    const fifth = await signIn(t.slug, 'group.admin', 'wrong-5');
    assert.equal(fifth.statusCode, 423);
    assert.ok(Number(fifth.headers['retry-after']) > 0);
    assert.equal((await signIn(t.slug, 'group.admin', testPassword)).json().code, 'ACCOUNT_LOCKED');
    testClock.advance(16 * 60_000);
    try {
      assert.equal((await signIn(t.slug, 'group.admin', testPassword)).statusCode, 200);
    } finally {
      testClock.advance(-16 * 60_000);
    }
  });

  test('per-IP rate limit on sign-in answers 429 with a message', async () => {
    const t = await createTestTenant();
    const ip = randomIp();
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await signIn(t.slug, `ghost${i}`, 'x', ip)).statusCode);
    assert.equal(codes.at(-1), 429);
    const res = await signIn(t.slug, 'ghost', 'x', ip);
    assert.equal(res.json().code, 'RATE_LIMITED');
  });

  test('sign-out revokes the session server-side', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    assert.equal((await admin.send('POST', '/api/auth/staff/sign-out')).statusCode, 200);
    const after = await admin.get('/api/auth/staff/me');
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().code, 'SESSION_EXPIRED');
  });

  test('writes without the CSRF token are refused and change nothing', async () => {
    const { app } = await testApp();
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const forged = agentFrom(app, admin.cookie, 'not-the-token');
    const res = await forged.send('POST', '/api/stores', storeInput('CSRF-1'));
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'CSRF_FAILED');
    const list = await admin.get('/api/stores');
    assert.ok(!list.body.includes('CSRF-1'));
  });

  test('a session expires after 12 idle hours', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    testClock.advance(13 * 3600_000);
    try {
      assert.equal((await admin.get('/api/auth/staff/me')).json().code, 'SESSION_EXPIRED');
    } finally {
      testClock.advance(-13 * 3600_000);
    }
  });

  test('a password change needs the current password and signs out the other sessions', async () => {
    const t = await createTestTenant();
    const laptop = await signInStaff(t.slug, 'group.admin');
    const phone = await signInStaff(t.slug, 'group.admin');
    const wrong = await laptop.send('POST', '/api/auth/staff/password', {
      currentPassword: 'nope',
      newPassword: 'new-password-1',
    });
    assert.equal(wrong.statusCode, 401);
    const short = await laptop.send('POST', '/api/auth/staff/password', {
      currentPassword: testPassword,
      newPassword: 'short',
    });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json().details.issues[0].path, 'newPassword');
    const ok = await laptop.send('POST', '/api/auth/staff/password', {
      currentPassword: testPassword,
      newPassword: 'new-password-1',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await laptop.get('/api/auth/staff/me')).statusCode, 200);
    assert.equal((await phone.get('/api/auth/staff/me')).statusCode, 401);
    assert.equal((await signIn(t.slug, 'group.admin', 'new-password-1')).statusCode, 200);
  });

  test('sign-ins and failures are in the audit log', async () => {
    const t = await createTestTenant();
    await signIn(t.slug, 'group.admin', 'wrong-1');
    const admin = await signInStaff(t.slug, 'group.admin');
    const actions = (await admin.get('/api/audit?limit=20')).json().items.map((e: { action: string }) => e.action);
    assert.ok(actions.includes('auth.staff.signed_in'));
    assert.ok(actions.includes('auth.staff.sign_in_failed'));
  });
});
