import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, randomIp, signInOwner, testApp, testClock, waitForCode } from './harness.ts';

let phoneSeq = 0;
const freshPhone = () => `135${String(Date.now() % 1e6).padStart(6, '0')}${String(phoneSeq++ % 100).padStart(2, '0')}`;

const post = async (url: string, payload: object, ip: string) => {
  const { app } = await testApp();
  return app.inject({ method: 'POST', url, payload, remoteAddress: ip });
};

describe('owner sign-in with an SMS code', () => {
  test('the code leaves through the outbox as an SMS and signs the owner in; the account is created once', async () => {
    const t = await createTestTenant();
    const phone = freshPhone();
    const first = await signInOwner(t.slug, phone);
    const me = (await first.get('/api/auth/owner/me')).json();
    assert.equal(me.owner.phoneMasked, `${phone.slice(0, 3)}****${phone.slice(-4)}`);
    testClock.advance(61_000);
    try {
      const again = await signInOwner(t.slug, phone);
      assert.equal((await again.get('/api/auth/owner/me')).json().owner.id, me.owner.id);
    } finally {
      testClock.advance(-61_000);
    }
    const { db } = await testApp();
    const sms = await db.owner.executeSql(
      `SELECT status, kind, channel, body FROM notifications WHERE tenant_id = $1 AND recipient = $2`,
      [t.id, phone],
    );
    assert.equal(sms.rows.length, 2);
    assert.ok(sms.rows.every((r) => r.status === 'sent' && r.kind === 'transactional' && r.channel === 'sms'));
    // Only the hash of a code is stored.
    const stored = await db.owner.executeSql(`SELECT code_hash FROM owner_otps WHERE tenant_id = $1 AND phone = $2`, [
      t.id,
      phone,
    ]);
    for (const r of stored.rows) assert.ok(!sms.rows.some((s) => String(s.body).includes(String(r.code_hash))));
  });

  test('a wrong code is refused and counted; the fifth wrong try spends the code', async () => {
    const t = await createTestTenant();
    const phone = freshPhone();
    const ip = randomIp();
    const since = Date.now();
    assert.equal((await post('/api/auth/owner/otp', { tenant: t.slug, phone }, ip)).statusCode, 200);
    const code = await waitForCode(phone, since);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await post('/api/auth/owner/sign-in', { tenant: t.slug, phone, code: wrong }, ip);
    assert.equal(first.statusCode, 401);
    assert.equal(first.json().code, 'OTP_INVALID');
    assert.equal(first.json().details.remainingAttempts, 4);
    for (let i = 0; i < 3; i++) await post('/api/auth/owner/sign-in', { tenant: t.slug, phone, code: wrong }, ip);
    const fifth = await post('/api/auth/owner/sign-in', { tenant: t.slug, phone, code: wrong }, ip);
    assert.equal(fifth.json().code, 'OTP_EXPIRED');
    const right = await post('/api/auth/owner/sign-in', { tenant: t.slug, phone, code }, ip);
    assert.equal(right.statusCode, 410, 'a spent code stays spent even when right');
  });

  test('codes expire after 5 minutes and cannot be used twice', async () => {
    const t = await createTestTenant();
    const phone = freshPhone();
    const ip = randomIp();
    const since = Date.now();
    await post('/api/auth/owner/otp', { tenant: t.slug, phone }, ip);
    const code = await waitForCode(phone, since);
    testClock.advance(5 * 60_000 + 1000);
    try {
      assert.equal(
        (await post('/api/auth/owner/sign-in', { tenant: t.slug, phone, code }, ip)).json().code,
        'OTP_EXPIRED',
      );
    } finally {
      testClock.advance(-(5 * 60_000 + 1000));
    }
    const phone2 = freshPhone();
    const since2 = Date.now();
    await post('/api/auth/owner/otp', { tenant: t.slug, phone: phone2 }, ip);
    const code2 = await waitForCode(phone2, since2);
    assert.equal(
      (await post('/api/auth/owner/sign-in', { tenant: t.slug, phone: phone2, code: code2 }, ip)).statusCode,
      200,
    );
    assert.equal(
      (await post('/api/auth/owner/sign-in', { tenant: t.slug, phone: phone2, code: code2 }, ip)).json().code,
      'OTP_INVALID',
    );
  });

  test('resend has a 60-second cool-down and each phone at most 5 codes an hour', async () => {
    const t = await createTestTenant();
    const phone = freshPhone();
    const ip = randomIp();
    assert.equal((await post('/api/auth/owner/otp', { tenant: t.slug, phone }, ip)).statusCode, 200);
    const again = await post('/api/auth/owner/otp', { tenant: t.slug, phone }, ip);
    assert.equal(again.statusCode, 429);
    assert.equal(again.json().code, 'OTP_COOLDOWN');
    assert.ok(Number(again.headers['retry-after']) > 0);
    const start = testClock.offsetMs;
    try {
      for (let i = 0; i < 4; i++) {
        testClock.advance(61_000);
        assert.equal((await post('/api/auth/owner/otp', { tenant: t.slug, phone }, randomIp())).statusCode, 200);
      }
      testClock.advance(61_000);
      const sixth = await post('/api/auth/owner/otp', { tenant: t.slug, phone }, randomIp());
      assert.equal(sixth.json().code, 'RATE_LIMITED');
    } finally {
      testClock.offsetMs = start;
    }
  });

  test('an owner signs out and the session is gone', async () => {
    const t = await createTestTenant();
    const owner = await signInOwner(t.slug, freshPhone());
    assert.equal((await owner.send('POST', '/api/auth/owner/sign-out')).statusCode, 200);
    assert.equal((await owner.get('/api/auth/owner/me')).statusCode, 401);
  });
});
