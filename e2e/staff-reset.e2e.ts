// A forgotten staff password (docs/staff-sign-in.md): the group admin resets it on 员工管理 and reads the
// temporary password once; the member signs in with it and must choose their own before anything else,
// on the advisor app (the phone) and on the admin console alike.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness, type Page } from './harness.ts';

let h: Harness;
let admin: Page;
let temporary = '';

before(async () => {
  h = await startHarness();
  admin = await h.newPage();
});

after(async () => {
  await h?.close();
});

const resetPassword = async (login: string) => {
  await admin.getByTestId(`staff-reset-${login}`).click();
  await admin.getByRole('button', { name: /确\s*定/ }).click();
  const shown = admin.getByTestId('staff-temporary-password');
  await shown.waitFor();
  const password = ((await shown.textContent()) ?? '').trim();
  assert.match(password, /^[a-zA-Z2-9]{12}$/);
  return password;
};

void test('the group admin resets an advisor’s password and sees the temporary one once', async () => {
  await admin.goto(`${h.baseUrl}/admin/`);
  await admin.getByTestId('login').fill('admin');
  await admin.getByTestId('password').fill('m4s-demo');
  await admin.getByTestId('sign-in').click();
  await admin.getByTestId('nav-staff').click();
  await admin.getByTestId('staff-table').waitFor();
  temporary = await resetPassword('advisor');
  await h.shot(admin, 'admin-staff-temporary-password');
  await admin.getByTestId('staff-reset-done').click();
  const row = admin.getByTestId('staff-table').locator('tr', { hasText: 'advisor' }).first();
  await row.getByText('待改密码').waitFor();
});

void test('the advisor signs in with it on the phone and must choose a new password first', async () => {
  const phone = await h.newPage({ mobile: true, isolated: true });
  await phone.goto(`${h.baseUrl}/advisor/`);
  await phone.getByTestId('tenant').fill('demo');
  await phone.getByTestId('login').fill('advisor');
  await phone.getByTestId('password').fill('m4s-demo');
  await phone.getByTestId('sign-in').click();
  await phone.getByText('账号或密码不正确').waitFor();
  await phone.getByTestId('password').fill(temporary);
  await phone.getByTestId('sign-in').click();
  await phone.getByTestId('new-password').waitFor();
  await h.shot(phone, 'advisor-new-password');
  await phone.getByTestId('current-password').fill(temporary);
  await phone.getByTestId('new-password').fill('advisor-own-1');
  await phone.getByTestId('confirm-password').fill('advisor-own-1');
  await phone.getByTestId('sign-in').click();
  await phone.getByTestId('new-password').waitFor({ state: 'detached' });
  const me = await phone.evaluate(async () => (await fetch('/api/auth/staff/me')).json());
  assert.equal(me.staff.mustChangePassword, false);
  await phone.close();
});

void test('the admin console asks for a new password too, and cannot be used until it is set', async () => {
  temporary = await resetPassword('cs');
  await admin.getByTestId('staff-reset-done').click();
  const other = await h.newPage({ isolated: true });
  await other.goto(`${h.baseUrl}/admin/`);
  await other.getByTestId('tenant').fill('demo');
  await other.getByTestId('login').fill('cs');
  await other.getByTestId('password').fill(temporary);
  await other.getByTestId('sign-in').click();
  await other.getByText('请设置新密码').waitFor();
  await other.getByTestId('current-password').fill(temporary);
  await other.getByTestId('new-password').fill('cs-own-pass-1');
  await other.getByTestId('confirm-password').fill('cs-own-pass-1');
  await other.getByRole('button', { name: /保\s*存/ }).click();
  await other.getByText('请设置新密码').waitFor({ state: 'detached' });
  const me = await other.evaluate(async () => (await fetch('/api/auth/staff/me')).json());
  assert.equal(me.staff.mustChangePassword, false);
  await other.close();
});
