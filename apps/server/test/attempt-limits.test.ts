import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, randomIp, testApp, testPassword, waitForCode } from './harness.ts';
import { createTestOperator, operatorSignIn } from './operator-kit.ts';

/**
 * The attempt limits hold under concurrent guesses (issue 13, finding 2). Every guess comes from its own
 * address, so the per-IP rate limit stays out of the way and only the per-code and per-account counters
 * decide. On PostgreSQL the requests overlap (each in its own transaction); PGlite runs them one after
 * another, and the outcome must be the same.
 */

const post = async (url: string, payload: object) => {
  const { app } = await testApp();
  return app.inject({ method: 'POST', url, payload, remoteAddress: randomIp() });
};

const tally = (codes: string[]) =>
  codes.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});

describe('attempt limits under concurrent guesses', () => {
  test('20 concurrent wrong codes spend the code after 5 counted tries; the right one is then refused', async () => {
    const t = await createTestTenant();
    const phone = `137${String(Date.now() % 1e8).padStart(8, '0')}`;
    const since = Date.now();
    assert.equal((await post('/api/auth/owner/otp', { tenant: t.slug, phone })).statusCode, 200);
    const code = await waitForCode(phone, since);
    const wrong = (i: number) => {
      const guess = String((Number(code) + 1 + i) % 1e6).padStart(6, '0');
      return guess === code ? '999999' : guess;
    };

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post('/api/auth/owner/sign-in', { tenant: t.slug, phone, code: wrong(i) })),
    );
    assert.ok(
      answers.every((a) => a.statusCode === 401 || a.statusCode === 410),
      answers.map((a) => a.statusCode).join(),
    );
    const codes = answers.map((a) => a.json<{ code: string }>().code);
    // Exactly 5 tries were counted: 4 told how many remain (each a different number), the 5th and every
    // guess after it found the code spent.
    assert.deepEqual(tally(codes), { OTP_INVALID: 4, OTP_EXPIRED: 16 });
    const remaining = answers
      .filter((a) => a.json<{ code: string }>().code === 'OTP_INVALID')
      .map((a) => a.json<{ details: { remainingAttempts: number } }>().details.remainingAttempts)
      .sort();
    assert.deepEqual(remaining, [1, 2, 3, 4]);

    const right = await post('/api/auth/owner/sign-in', { tenant: t.slug, phone, code });
    assert.equal(right.statusCode, 410, 'a code spent by concurrent guesses stays spent even when right');
    assert.equal(right.json().code, 'OTP_EXPIRED');

    const { db } = await testApp();
    const stored = await db.owner.executeSql(
      `SELECT attempts, consumed_at FROM owner_otps WHERE tenant_id = $1 AND phone = $2`,
      [t.id, phone],
    );
    assert.equal(stored.rows.length, 1);
    assert.equal(Number(stored.rows[0]?.attempts), 5, 'the counter holds every counted try');
    assert.equal(stored.rows[0]?.consumed_at, null);
    const failed = await db.owner.executeSql(
      `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'auth.owner.sign_in_failed'`,
      [t.id],
    );
    assert.ok(Number(failed.rows[0]?.n) >= 5);
  });

  test('30 concurrent wrong passwords lock the account; the right password is refused while locked', async () => {
    const t = await createTestTenant();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post('/api/auth/staff/sign-in', { tenant: t.slug, login: 'group.admin', password: `wrong-${i}` }),
      ),
    );
    const codes = answers.map((a) => a.json<{ code: string }>().code);
    // The 5th counted failure locks; every failure is counted, so the other 25 find the account locked.
    assert.deepEqual(tally(codes), { INVALID_CREDENTIALS: 4, ACCOUNT_LOCKED: 26 });
    assert.ok(answers.filter((a) => a.statusCode === 423).every((a) => Number(a.headers['retry-after']) > 0));

    const right = await post('/api/auth/staff/sign-in', {
      tenant: t.slug,
      login: 'group.admin',
      password: testPassword,
    });
    assert.equal(right.statusCode, 423);
    assert.equal(right.json().code, 'ACCOUNT_LOCKED');

    const { db } = await testApp();
    const row = await db.owner.executeSql(
      `SELECT locked_until > now() AS locked FROM staff WHERE tenant_id = $1 AND login = 'group.admin'`,
      [t.id],
    );
    assert.equal(row.rows[0]?.locked, true);
    const locks = await db.owner.executeSql(
      `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'auth.staff.locked'`,
      [t.id],
    );
    assert.equal(Number(locks.rows[0]?.n), 1, 'the account is locked once, by the 5th failure');
  });

  test('30 concurrent wrong passwords lock a platform operator too', async () => {
    const login = await createTestOperator();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => operatorSignIn(login, `wrong-${i}`)));
    const codes = answers.map((a) => a.json<{ code: string }>().code);
    assert.deepEqual(tally(codes), { INVALID_CREDENTIALS: 4, ACCOUNT_LOCKED: 26 });
    const right = await operatorSignIn(login);
    assert.equal(right.statusCode, 423);
    assert.equal(right.json().code, 'ACCOUNT_LOCKED');
  });
});
