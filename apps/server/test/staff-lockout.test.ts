import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, randomIp, testApp, testClock, testPassword } from './harness.ts';

/**
 * Staff sign-in cannot be used as a weapon (issue 13, finding 4): wrong passwords are counted per login
 * and per (login, address); an address the member has signed in from is held back only by its own,
 * progressive waits, so guesses from elsewhere cannot lock them out of the office; a login that names no
 * one gets exactly the answers a real one gets. docs/staff-sign-in.md.
 */

const signIn = async (tenant: string, login: string, password: string, ip: string) => {
  const { app } = await testApp();
  return app.inject({
    method: 'POST',
    url: '/api/auth/staff/sign-in',
    remoteAddress: ip,
    headers: { 'accept-language': 'en' },
    payload: { tenant, login, password },
  });
};

type Answer = Awaited<ReturnType<typeof signIn>>;
const seen = (a: Answer) => ({
  status: a.statusCode,
  code: a.json<{ code?: string }>().code ?? 'OK',
  message: a.json<{ message?: string }>().message ?? '',
  retryAfter: a.headers['retry-after'] ?? null,
});

/** Runs `fn` with the test clock moved on by `ms`, then puts it back. */
const later = async <T>(ms: number, fn: () => Promise<T>): Promise<T> => {
  testClock.advance(ms);
  try {
    return await fn();
  } finally {
    testClock.advance(-ms);
  }
};

const tally = (codes: string[]) =>
  codes.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});

describe('staff sign-in: limits that cannot be used as a weapon', () => {
  test('guesses from other addresses lock the login there, never at an address the member signs in from', async () => {
    const t = await createTestTenant();
    const office = randomIp();
    assert.equal((await signIn(t.slug, 'group.admin', testPassword, office)).statusCode, 200);

    const guesses = [];
    for (let i = 0; i < 8; i++) guesses.push(await signIn(t.slug, 'group.admin', `wrong-${i}`, randomIp()));
    assert.deepEqual(
      guesses.map((g) => g.statusCode),
      [401, 401, 401, 401, 423, 423, 423, 423],
    );
    // A new address with the right password is refused while the login is locked…
    assert.equal((await signIn(t.slug, 'group.admin', testPassword, randomIp())).json().code, 'ACCOUNT_LOCKED');
    // …the office, where the admin has signed in before, is not.
    const atOffice = await signIn(t.slug, 'group.admin', testPassword, office);
    assert.equal(atOffice.statusCode, 200, atOffice.body);

    const { db } = await testApp();
    const row = await db.owner.executeSql(
      `SELECT locked_until > now() AS locked FROM staff WHERE tenant_id = $1 AND login = 'group.admin'`,
      [t.id],
    );
    assert.equal(row.rows[0]?.locked, true, 'signing in at the office leaves the lock on the guessers');
  });

  test('each (login, address) pair waits longer after every wrong password, capped; another address is unaffected', async () => {
    const t = await createTestTenant();
    const office = randomIp();
    const home = randomIp();
    for (const ip of [office, home])
      assert.equal((await signIn(t.slug, 'group.admin', testPassword, ip)).statusCode, 200);

    for (let i = 0; i < 4; i++)
      assert.equal((await signIn(t.slug, 'group.admin', `typo-${i}`, office)).statusCode, 401);
    const fifth = seen(await signIn(t.slug, 'group.admin', 'typo-5', office));
    assert.deepEqual([fifth.status, fifth.code, fifth.retryAfter], [429, 'SIGN_IN_DELAYED', '30']);
    // While the pair waits even the right password is not tried.
    const waiting = seen(await signIn(t.slug, 'group.admin', testPassword, office));
    assert.equal(waiting.code, 'SIGN_IN_DELAYED');
    assert.ok(Number(waiting.retryAfter) > 0 && Number(waiting.retryAfter) <= 30);
    // The same member at home signs in meanwhile.
    assert.equal((await signIn(t.slug, 'group.admin', testPassword, home)).statusCode, 200);

    // Every further wrong password doubles the wait: 60 s, 2, 4, 8 minutes, then 15 at most.
    let elapsed = 0;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      elapsed += (waits.at(-1) ?? 30) * 1000 + 1000;
      const answer = await later(elapsed, () => signIn(t.slug, 'group.admin', `again-${i}`, office));
      assert.equal(answer.json().code, 'SIGN_IN_DELAYED');
      waits.push(Number(answer.headers['retry-after']));
    }
    assert.deepEqual(waits, [60, 120, 240, 480, 900, 900]);
    // Once the wait has run out the right password signs in, and the count starts afresh.
    elapsed += 901_000;
    assert.equal((await later(elapsed, () => signIn(t.slug, 'group.admin', testPassword, office))).statusCode, 200);
    assert.equal((await later(elapsed, () => signIn(t.slug, 'group.admin', 'one-more-typo', office))).statusCode, 401);
  });

  test('a login that names no one gets the same answers, waits and locks as a real one', async () => {
    const t = await createTestTenant();
    const run = async (login: string) => {
      const ip = randomIp();
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(seen(await signIn(t.slug, login, `wrong-${i}`, ip)));
      // From another address, during the lock.
      answers.push(seen(await signIn(t.slug, login, 'wrong-elsewhere', randomIp())));
      // After the lock has run out: the address's own count goes on (its 6th wrong password waits a
      // minute, and the try after it is not counted).
      answers.push(seen(await later(16 * 60_000, () => signIn(t.slug, login, 'wrong-later', ip))));
      answers.push(seen(await later(16 * 60_000, () => signIn(t.slug, login, 'wrong-later', ip))));
      // Retry-After counts down from the lock set a moment ago: equal to the second, or one apart.
      return answers.map((a) => ({ ...a, retryAfter: a.retryAfter && Math.round(Number(a.retryAfter) / 10) }));
    };
    const known = await run('group.admin');
    const unknown = await run('no.such.person');
    assert.deepEqual(unknown, known);
    assert.deepEqual(
      known.map((a) => a.code),
      [
        'INVALID_CREDENTIALS',
        'INVALID_CREDENTIALS',
        'INVALID_CREDENTIALS',
        'INVALID_CREDENTIALS',
        'ACCOUNT_LOCKED',
        'ACCOUNT_LOCKED',
        'ACCOUNT_LOCKED',
        'ACCOUNT_LOCKED',
        'SIGN_IN_DELAYED',
        'SIGN_IN_DELAYED',
      ],
    );
    // A mobile-shaped name that is no one's phone answers alike too.
    const phoneShaped = await run('13912345678');
    assert.deepEqual(phoneShaped, known);
  });

  test('an unknown login costs the same password hash as a known one', async () => {
    const t = await createTestTenant();
    const time = async (login: string) => {
      const ms: number[] = [];
      for (let i = 0; i < 4; i++) {
        const start = performance.now();
        await signIn(t.slug, login, `wrong-${i}`, randomIp());
        ms.push(performance.now() - start);
      }
      return ms.sort((a, b) => a - b)[1] ?? 0;
    };
    await time('warm.up');
    const known = await time('group.admin');
    const unknown = await time('nobody.at.all');
    assert.ok(unknown > known * 0.4, `unknown ${unknown.toFixed(1)} ms vs known ${known.toFixed(1)} ms`);
  });

  test('concurrent wrong passwords from one address: the pair waits after exactly 5, and the office still signs in', async () => {
    const t = await createTestTenant();
    const office = randomIp();
    const attacker = randomIp();
    assert.equal((await signIn(t.slug, 'group.admin', testPassword, office)).statusCode, 200);
    assert.equal((await signIn(t.slug, 'group.admin', testPassword, attacker)).statusCode, 200);
    // 15 overlapping guesses from an address that once signed in (a shared office PC, say): it is held
    // back by its own wait only, and the count is exact however the requests interleave.
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => signIn(t.slug, 'group.admin', `wrong-${i}`, attacker)),
    );
    assert.deepEqual(tally(answers.map((a) => a.json<{ code: string }>().code)), {
      INVALID_CREDENTIALS: 4,
      SIGN_IN_DELAYED: 11,
    });
    const { db } = await testApp();
    const pair = await db.owner.executeSql(
      `SELECT failures FROM staff_sign_in_throttles WHERE tenant_id = $1 AND login = 'group.admin' AND ip = $2`,
      [t.id, attacker],
    );
    assert.equal(Number(pair.rows[0]?.failures), 5);
    assert.equal((await signIn(t.slug, 'group.admin', testPassword, office)).statusCode, 200);
  });
});
