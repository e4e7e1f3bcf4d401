import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { agentFrom, createTestTenant, randomIp, signInStaff, testApp, testPassword } from './harness.ts';

/**
 * An admin unlocks a staff member and resets a forgotten password (issue 13, finding 4): the temporary
 * password is answered once and must be replaced at the next sign-in; everything is audited.
 */

const signIn = async (tenant: string, login: string, password: string, ip = randomIp()) => {
  const { app } = await testApp();
  return app.inject({
    method: 'POST',
    url: '/api/auth/staff/sign-in',
    remoteAddress: ip,
    payload: { tenant, login, password },
  });
};

const auditCount = async (tenantId: string, action: string, targetId: string) => {
  const { db } = await testApp();
  const r = await db.owner.executeSql(
    `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = $2 AND target_id = $3`,
    [tenantId, action, targetId],
  );
  return Number(r.rows[0]?.n);
};

describe('staff unlock and password reset by an admin', () => {
  test('an admin unlocks a locked member and clears every address’s wait; audited', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const advisorId = t.staffIds.service_advisor ?? '';
    const desk = randomIp();
    assert.equal((await signIn(t.slug, 'service.advisor', testPassword, desk)).statusCode, 200);
    for (let i = 0; i < 5; i++) await signIn(t.slug, 'service.advisor', `wrong-${i}`);
    for (let i = 0; i < 5; i++) await signIn(t.slug, 'service.advisor', `typo-${i}`, desk);
    assert.equal((await signIn(t.slug, 'service.advisor', testPassword)).json().code, 'ACCOUNT_LOCKED');
    assert.equal((await signIn(t.slug, 'service.advisor', testPassword, desk)).json().code, 'SIGN_IN_DELAYED');

    const listed = (await admin.get(`/api/staff/${advisorId}`)).json<{ lockedUntil: string | null }>();
    assert.ok(listed.lockedUntil && Date.parse(listed.lockedUntil) > Date.now(), 'the admin sees the lock');

    const res = await admin.send('POST', `/api/staff/${advisorId}/unlock`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().lockedUntil, null);
    assert.equal((await signIn(t.slug, 'service.advisor', testPassword)).statusCode, 200);
    assert.equal((await signIn(t.slug, 'service.advisor', testPassword, desk)).statusCode, 200);
    assert.equal(await auditCount(t.id, 'staff.unlocked', advisorId), 1);
  });

  test('a reset answers a temporary password once; the member must change it before anything else', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const advisorId = t.staffIds.service_advisor ?? '';
    const before = await signInStaff(t.slug, 'service.advisor');
    for (let i = 0; i < 5; i++) await signIn(t.slug, 'service.advisor', `wrong-${i}`);

    const res = await admin.send('POST', `/api/staff/${advisorId}/password-reset`);
    assert.equal(res.statusCode, 200, res.body);
    const temporary = res.json<{ temporaryPassword: string }>().temporaryPassword;
    assert.match(temporary, /^[a-zA-Z2-9]{12}$/);
    assert.equal((await before.get('/api/auth/staff/me')).statusCode, 401, 'signed out everywhere');
    assert.equal((await signIn(t.slug, 'service.advisor', testPassword)).json().code, 'INVALID_CREDENTIALS');
    const { db } = await testApp();
    const stored = await db.owner.executeSql(
      `SELECT password_hash, must_change_password FROM staff WHERE tenant_id = $1 AND id = $2`,
      [t.id, advisorId],
    );
    assert.ok(!String(stored.rows[0]?.password_hash).includes(temporary));
    assert.equal(stored.rows[0]?.must_change_password, true);
    const listed = (await admin.get(`/api/staff/${advisorId}`)).json<{ mustChangePassword: boolean }>();
    assert.equal(listed.mustChangePassword, true);

    // The reset unlocked the account: the temporary password signs in, and says it must be changed.
    const ip = randomIp();
    const first = await signIn(t.slug, 'service.advisor', temporary, ip);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().staff.mustChangePassword, true);
    const { app } = await testApp();
    const cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
    const advisor = agentFrom(app, cookie, first.json<{ csrfToken: string }>().csrfToken, ip);
    const blocked = await advisor.get('/api/stores');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().code, 'PASSWORD_CHANGE_REQUIRED');
    assert.equal((await advisor.get('/api/auth/staff/me')).json().staff.mustChangePassword, true);

    const changed = await advisor.send('POST', '/api/auth/staff/password', {
      currentPassword: temporary,
      newPassword: 'my-own-secret-1',
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await advisor.get('/api/stores')).statusCode, 200);
    assert.equal((await advisor.get('/api/auth/staff/me')).json().staff.mustChangePassword, false);
    assert.equal((await signIn(t.slug, 'service.advisor', 'my-own-secret-1')).statusCode, 200);
    assert.equal((await signIn(t.slug, 'service.advisor', temporary)).statusCode, 401);

    assert.equal(await auditCount(t.id, 'staff.password_reset', advisorId), 1);
    assert.equal(await auditCount(t.id, 'auth.staff.password_changed', advisorId), 1);
  });

  test('a temporary password expires 72 hours after the reset; the member’s own password does not', async () => {
    const t = await createTestTenant(['group_admin', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const advisorId = t.staffIds.service_advisor ?? '';
    const temporary = (await admin.send('POST', `/api/staff/${advisorId}/password-reset`)).json<{
      temporaryPassword: string;
    }>().temporaryPassword;
    const { db } = await testApp();
    const resetAgo = (hours: number) =>
      db.owner.executeSql(
        `UPDATE staff SET password_changed_at = now() - make_interval(hours => $3) WHERE tenant_id = $1 AND id = $2`,
        [t.id, advisorId, hours],
      );
    await resetAgo(71);
    assert.equal((await signIn(t.slug, 'service.advisor', temporary)).statusCode, 200, 'still valid after 71 hours');
    await resetAgo(73);
    const late = await signIn(t.slug, 'service.advisor', temporary);
    assert.equal(late.statusCode, 403);
    assert.equal(late.json().code, 'TEMPORARY_PASSWORD_EXPIRED');
    assert.match(late.json().message, /临时密码已过期/);
    const failed = await db.owner.executeSql(
      `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'auth.staff.sign_in_failed'
          AND target_id = $2 AND details->>'reason' = 'temporary_password_expired'`,
      [t.id, advisorId],
    );
    assert.equal(failed.rows[0]?.n, 1);
    // Reset again: a fresh temporary password signs in; an old own password (no reset pending) never expires.
    const again = (await admin.send('POST', `/api/staff/${advisorId}/password-reset`)).json<{
      temporaryPassword: string;
    }>().temporaryPassword;
    assert.equal((await signIn(t.slug, 'service.advisor', again)).statusCode, 200);
    await db.owner.executeSql(
      `UPDATE staff SET must_change_password = false, password_changed_at = now() - interval '400 days'
        WHERE tenant_id = $1 AND id = $2`,
      [t.id, advisorId],
    );
    assert.equal((await signIn(t.slug, 'service.advisor', again)).statusCode, 200);
  });

  test('who may reset: not oneself, not without staff.write, not a group account from a store', async () => {
    const t = await createTestTenant(['group_admin', 'store_manager', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const manager = await signInStaff(t.slug, 'store.manager');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const ids = t.staffIds;
    assert.equal((await admin.send('POST', `/api/staff/${ids.group_admin}/password-reset`)).statusCode, 403);
    assert.equal((await advisor.send('POST', `/api/staff/${ids.store_manager}/password-reset`)).statusCode, 403);
    assert.equal((await advisor.send('POST', `/api/staff/${ids.store_manager}/unlock`)).statusCode, 403);
    const upward = await manager.send('POST', `/api/staff/${ids.group_admin}/password-reset`);
    assert.ok([403, 404].includes(upward.statusCode), upward.body);
    assert.equal((await manager.send('POST', `/api/staff/${ids.group_admin}/unlock`)).statusCode, upward.statusCode);
    // A store manager manages their own store's staff.
    const own = await manager.send('POST', `/api/staff/${ids.service_advisor}/password-reset`);
    assert.equal(own.statusCode, 200, own.body);
    // Nothing was changed by the refusals.
    assert.equal((await signIn(t.slug, 'group.admin', testPassword)).statusCode, 200);
    assert.equal((await signIn(t.slug, 'store.manager', testPassword)).statusCode, 200);
  });
});
