import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, testApp } from './harness.ts';

/** A tiny real PNG (8×8): the server decodes and re-encodes every logo. */
const png =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVR4nGM4IWfzHx9mGBkKAC3CiEEiqWH5AAAAAElFTkSuQmCC';

describe('tenant branding and the per-tenant owner app', () => {
  test('the admin sets branding; the public tenant endpoint, manifest, icons and logo follow it', async () => {
    const { app } = await testApp();
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const branding = {
      name: '申城汽车集团',
      shortName: '申城汽车',
      primaryColor: '#c41d7f',
      accentColor: '#13c2c2',
      dealerHotline: '400-800-1234',
      oemHotline: '400-820-0000',
      logo: png,
    };
    const saved = await admin.send('PUT', '/api/tenant/branding', branding);
    assert.equal(saved.statusCode, 200, saved.body);
    const pub = (await app.inject({ method: 'GET', url: `/api/public/tenants/${t.slug}` })).json();
    assert.equal(pub.name, '申城汽车集团');
    assert.equal(pub.primaryColor, '#c41d7f');
    assert.equal(pub.hasLogo, true);
    const audit = (await admin.get('/api/audit?action=tenant.branding_updated')).json().items;
    assert.equal(audit.length, 1);
  });

  test('a bad colour, hotline or logo is refused field by field', async () => {
    const t = await createTestTenant();
    const admin = await signInStaff(t.slug, 'group.admin');
    const res = await admin.send('PUT', '/api/tenant/branding', {
      name: '集团',
      shortName: '集团',
      primaryColor: 'red',
      accentColor: '#13c2c2',
      dealerHotline: 'call me',
      oemHotline: null,
      logo: 'data:text/html;base64,PHNjcmlwdD4=',
    });
    assert.equal(res.statusCode, 400);
    const paths = res
      .json()
      .details.issues.map((i: { path: string }) => i.path)
      .sort();
    assert.deepEqual(paths, ['dealerHotline', 'logo', 'primaryColor']);
  });

  test('an unknown tenant slug is a 404 with a message', async () => {
    const { app } = await testApp();
    const res = await app.inject({ method: 'GET', url: '/api/public/tenants/no-such-group' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'TENANT_NOT_FOUND');
  });
});
