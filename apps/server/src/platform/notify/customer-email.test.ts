import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff } from '../../../test/harness.ts';

/** The address e-mail notices go to: customers.email, entered on the admin customer form. */
describe('a customer’s e-mail address', () => {
  test('is validated, stored lower-case, cleared with null, and masked for roles that see no full contacts', async () => {
    const t = await createTestTenant(['group_admin', 'cashier']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const body = { name: '王五', phones: ['13912345678'], source: 'walk_in' };

    const bad = await admin.send('POST', '/api/customers', { ...body, email: 'wang.wu@' });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(bad.json().details.issues, [{ path: 'email', message: '请输入有效的电子邮箱地址' }]);

    const created = await admin.send('POST', '/api/customers', { ...body, email: ' Wang.Wu@Example.CN ' });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    assert.equal(created.json().email, 'wang.wu@example.cn');

    const cashier = await signInStaff(t.slug, 'cashier');
    const seen = await cashier.get(`/api/customers/${id}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.equal(seen.json().email, 'wa***@example.cn');

    const cleared = await admin.send('PUT', `/api/customers/${id}`, { ...body, email: null });
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.equal(cleared.json().email, null);
  });
});
