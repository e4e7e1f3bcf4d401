import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, randomIp, signInStaff, testApp, testPassword } from './harness.ts';

/**
 * A staff login and a phone can never name two people (issue 13, finding 6): sign-in reads a mobile-shaped
 * name as a phone and anything else as a login; a login of that shape must be the member's own phone
 * (a checked rule with a clear 400, and the constraint staff_login_not_phone_check under it).
 */

const signIn = async (tenant: string, login: string, password = testPassword) => {
  const { app } = await testApp();
  return app.inject({
    method: 'POST',
    url: '/api/auth/staff/sign-in',
    remoteAddress: randomIp(),
    payload: { tenant, login, password },
  });
};

const member = (login: string, phone: string | null, storeId: string) => ({
  login,
  name: `员工${login.slice(-4)}`,
  phone,
  role: 'service_advisor',
  storeId,
  password: testPassword,
});

describe('staff login and phone namespaces', () => {
  test('a login shaped like a mobile number is refused unless it is the member’s own phone', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const owner = await admin.send('POST', '/api/staff', member('li.hua', '13911112222', t.storeId));
    assert.equal(owner.statusCode, 201, owner.body);

    // Another person's phone as a login: the collision the probe found.
    const taken = await admin.send('POST', '/api/staff', member('13911112222', null, t.storeId));
    assert.equal(taken.statusCode, 400, taken.body);
    assert.deepEqual(taken.json().details.issues[0], {
      path: 'login',
      message: '登录名不能是手机号，除非是该员工本人的手机号',
    });
    // Any phone-shaped login that is not one's own phone.
    const stray = await admin.send('POST', '/api/staff', member('13700001111', '13700002222', t.storeId));
    assert.equal(stray.statusCode, 400);
    // One's own phone as login is fine.
    const own = await admin.send('POST', '/api/staff', member('13755556666', '13755556666', t.storeId));
    assert.equal(own.statusCode, 201, own.body);

    const { db } = await testApp();
    const count = await db.owner.executeSql(`SELECT count(*)::int AS n FROM staff WHERE tenant_id = $1`, [t.id]);
    assert.equal(Number(count.rows[0]?.n), 3, 'nothing half-written by the refusals');
  });

  test('a phone already used as someone’s login is refused, and one who signs in by phone keeps it', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const own = await admin.send('POST', '/api/staff', member('13755556666', '13755556666', t.storeId));
    assert.equal(own.statusCode, 201);
    const other = await admin.send('POST', '/api/staff', member('wang.wu', '13755556666', t.storeId));
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().details.issues[0].path, 'phone');
    const changed = await admin.send('PATCH', `/api/staff/${own.json().id}`, { phone: '13755557777' });
    assert.equal(changed.statusCode, 400, changed.body);
    assert.equal(changed.json().details.issues[0].path, 'phone');
    // Editing anything else keeps working.
    assert.equal((await admin.send('PATCH', `/api/staff/${own.json().id}`, { name: '改名' })).statusCode, 200);
  });

  test('the database refuses a colliding login however it is written', async () => {
    const t = await createTestTenant();
    const { db } = await testApp();
    await assert.rejects(
      db.owner.executeSql(
        `INSERT INTO staff (tenant_id, login, name, role, password_hash, phone)
         VALUES ($1, '13600001111', 'x', 'service_advisor', 'x', NULL)`,
        [t.id],
      ),
      /staff_login_not_phone_check/,
    );
  });

  test('sign-in is deterministic: a mobile-shaped name is a phone, anything else a login', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const zhang = await admin.send('POST', '/api/staff', member('zhang.san', '13811112222', t.storeId));
    const selfPhone = await admin.send('POST', '/api/staff', member('13833334444', '13833334444', t.storeId));
    assert.equal(zhang.statusCode, 201);
    assert.equal(selfPhone.statusCode, 201);
    for (let i = 0; i < 3; i++) {
      assert.equal((await signIn(t.slug, '13811112222')).json().staff.id, zhang.json().id);
      assert.equal((await signIn(t.slug, 'ZHANG.SAN')).json().staff.id, zhang.json().id);
      assert.equal((await signIn(t.slug, ' 13833334444 ')).json().staff.id, selfPhone.json().id);
    }
  });
});
