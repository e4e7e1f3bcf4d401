import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { createTestTenant, signInStaff, testApp } from '../../../test/harness.ts';

/**
 * Random digits: a phone built from the clock made two customers created within 10 ms share the digits
 * the search test looks for, and it found both.
 */
const phone = () => `158${String(randomInt(1e8)).padStart(8, '0')}`;

const input = (over: Record<string, unknown> = {}) => ({
  name: '张三丰',
  gender: 'male',
  phones: [phone()],
  source: 'walk_in',
  birthday: '1985-06-01',
  idNumber: '310101198506010011',
  tags: ['首保客户'],
  ...over,
});

describe('customers', () => {
  test('create, read as the 360 record, edit; phones are unique in the tenant', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const data = input();
    const created = await admin.send('POST', '/api/customers', data);
    assert.equal(created.statusCode, 201, created.body);
    const c = created.json();
    assert.equal(c.phones[0].phone, data.phones[0]);
    assert.equal(c.phones[0].masked, false);
    assert.deepEqual(c.preferencesContact.channels, ['app', 'sms', 'phone']);
    const dup = await admin.send('POST', '/api/customers', input({ name: '李四', phones: data.phones }));
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().details.issues[0].path, 'phones.0');
    assert.equal(dup.json().details.customerId, c.id);
    const edited = await admin.send('PUT', `/api/customers/${c.id}`, {
      ...data,
      name: '张三',
      phones: [...data.phones, phone()],
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().phones.length, 2);
    assert.equal(edited.json().phones[0].primary, true);
  });

  test('bad input is refused field by field: phone, date, ID number, unknown source', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const res = await admin.send(
      'POST',
      '/api/customers',
      input({ phones: ['12345'], birthday: '1985-13-40', idNumber: 'abc', source: 'carrier-pigeon' }),
    );
    assert.equal(res.statusCode, 400);
    const paths = res
      .json()
      .details.issues.map((i: { path: string }) => i.path)
      .sort();
    assert.deepEqual(paths, ['birthday', 'idNumber', 'phones.0', 'source']);
  });

  test('a cashier sees masked phones and ID numbers; the customer’s own advisor sees them in full, and that view is audited', async () => {
    const t = await createTestTenant(['group_admin', 'cashier', 'service_advisor']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const p = phone();
    const data = input({ serviceAdvisorId: t.staffIds.service_advisor, phones: [p] });
    const c = (await admin.send('POST', '/api/customers', data)).json();
    const cashier = await signInStaff(t.slug, 'cashier');
    const masked = (await cashier.get(`/api/customers/${c.id}`)).json();
    assert.equal(masked.phones[0].phone, `${p.slice(0, 3)}****${p.slice(-4)}`);
    assert.equal(masked.phones[0].masked, true);
    assert.equal(masked.idNumber, '310***********0011');
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const full = (await advisor.get(`/api/customers/${c.id}`)).json();
    assert.equal(full.phones[0].phone, p);
    const views = (await admin.get('/api/audit?action=customer.contact_viewed')).json().items;
    assert.ok(
      views.some(
        (v: { actorId: string; targetId: string }) => v.actorId === t.staffIds.service_advisor && v.targetId === c.id,
      ),
    );
    assert.ok(
      !views.some((v: { actorId: string }) => v.actorId === t.staffIds.cashier),
      'a masked view is not an unmasked view',
    );
    assert.equal((await cashier.send('PUT', `/api/customers/${c.id}`, data)).statusCode, 403);
  });

  test('search by partial Chinese name and by any 4+ digits of a phone; results are masked', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const p = phone();
    await admin.send('POST', '/api/customers', input({ name: '欧阳娜娜', phones: [p] }));
    await admin.send('POST', '/api/customers', input({ name: '王小明' }));
    const byName = (await admin.get(`/api/customers?q=${encodeURIComponent('阳娜')}`)).json().items;
    assert.deepEqual(
      byName.map((c: { name: string }) => c.name),
      ['欧阳娜娜'],
    );
    const byDigits = (await admin.get(`/api/customers?q=${p.slice(3, 8)}`)).json().items;
    assert.equal(byDigits.length, 1);
    assert.equal(byDigits[0].primaryPhone, `${p.slice(0, 3)}****${p.slice(-4)}`);
    const short = await admin.get('/api/customers?q=');
    assert.equal(short.statusCode, 400);
  });

  test('contact preferences change is recorded as consent', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const c = (await admin.send('POST', '/api/customers', input())).json();
    const prefs = {
      channels: ['app'],
      quietStart: '21:00',
      quietEnd: '08:00',
      topicsOptedOut: ['birthday'],
      marketingOptOut: true,
    };
    const res = await admin.send('PUT', `/api/customers/${c.id}/contact-preferences`, prefs);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().preferencesContact, prefs);
    const rows = await db.owner.executeSql(
      'SELECT subject, granted, via FROM consents WHERE tenant_id = $1 AND customer_id = $2',
      [t.id, c.id],
    );
    assert.deepEqual(rows.rows, [{ subject: 'marketing', granted: false, via: 'staff' }]);
  });
});
