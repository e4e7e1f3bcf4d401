import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestTenant, signInStaff, testApp, testPassword } from '../../../test/harness.ts';
import { createDevProvider } from '../../platform/notify/providers.ts';
import { checkWebhookUrl, isRefusedAddress, type Resolver } from '../../platform/webhooks/address.ts';
import { emitWebhook } from '../../platform/webhooks/emit.ts';
import {
  attemptsLogged,
  deliveriesOf,
  inTenant,
  register,
  runByHand,
  startReceiver,
  type Receiver,
} from './test-kit.ts';

const fixed =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));

const issue = (res: { json: () => { details?: { issues?: { message: string }[] } } }) =>
  res.json().details?.issues?.[0]?.message;

describe('webhook URLs: https, and no private address in production', () => {
  let rx: Receiver;
  before(async () => {
    rx = await startReceiver();
  });
  after(() => rx.close());

  test('the address rules: private, loopback, link-local, unique-local and mapped forms are refused', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0'])
      assert.ok(isRefusedAddress(a), a);
    for (const a of ['::1', '::', 'fd12:3456::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', 'ff02::1'])
      assert.ok(isRefusedAddress(a), a);
    for (const a of ['8.8.8.8', '114.114.114.114', '2400:3200::1']) assert.ok(!isRefusedAddress(a), a);
  });

  test('outside production: https anywhere, http only to this machine; bad shapes refused in the user’s language', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    const post = (url: string, events = ['booking.created']) =>
      admin.send('POST', '/api/webhooks/endpoints', { url, events });
    assert.equal((await post(rx.url)).statusCode, 201);
    assert.equal((await post(`http://localhost:${rx.port}/hook`)).statusCode, 201);
    const http = await post('http://hooks.example.com/m4s');
    assert.equal(http.statusCode, 400);
    assert.equal(issue(http), '网址必须以 https:// 开头（仅开发环境可用 http://localhost）');
    assert.equal(
      issue(await post('ftp://hooks.example.com/')),
      '网址必须以 https:// 开头（仅开发环境可用 http://localhost）',
    );
    assert.equal(issue(await post('不是网址')), '请输入完整的网址，例如 https://example.com/m4s/webhook');
    assert.equal(issue(await post('https://user:pw@hooks.example.com/')), '网址中不能包含用户名或密码');
    const none = await post(rx.url, []);
    assert.equal(none.statusCode, 400);
    const unknown = await post(rx.url, ['booking.exploded']);
    assert.equal(unknown.statusCode, 400);
    const en = await admin.inject({
      method: 'POST',
      url: '/api/webhooks/endpoints',
      payload: { url: 'http://hooks.example.com/', events: ['booking.created'] },
      headers: { 'x-csrf-token': admin.csrf, 'accept-language': 'en' },
    });
    assert.match(issue(en) ?? '', /must start with https:\/\//);
    const list = (await admin.get('/api/webhooks/endpoints')).json().items;
    assert.equal(list.length, 2, 'nothing written by a refused request');
  });

  test('in production: http refused, and hosts resolving to private or loopback addresses refused', async () => {
    const { db } = await testApp();
    const t = await createTestTenant(['group_admin']);
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', JOBS: 'off' });
    const prod = await buildApp(config, { db, sms: createDevProvider() });
    try {
      const signIn = await prod.inject({
        method: 'POST',
        url: '/api/auth/staff/sign-in',
        remoteAddress: '10.9.9.9',
        payload: { tenant: t.slug, login: 'group.admin', password: testPassword },
      });
      assert.equal(signIn.statusCode, 200, signIn.body);
      const cookie = [signIn.headers['set-cookie']]
        .flat()
        .map((c) => String(c).split(';')[0])
        .join('; ');
      const csrf = signIn.json<{ csrfToken: string }>().csrfToken;
      const post = (url: string) =>
        prod.inject({
          method: 'POST',
          url: '/api/webhooks/endpoints',
          payload: { url, events: ['customer.created'] },
          headers: { cookie, 'x-csrf-token': csrf },
        });
      const local = await post(`http://localhost:${rx.port}/hook`);
      assert.equal(local.statusCode, 400);
      assert.match(issue(local) ?? '', /https/);
      for (const url of [
        'https://127.0.0.1/hook',
        'https://localhost/hook',
        'https://10.0.0.5/hook',
        'https://192.168.1.20:8443/hook',
        'https://169.254.169.254/latest/meta-data',
        'https://[::1]/hook',
        'https://[fd12:3456::1]/hook',
        'https://[::ffff:172.16.0.1]/hook',
      ]) {
        const res = await post(url);
        assert.equal(res.statusCode, 400, url);
        assert.equal(issue(res), '该网址指向内网、本机或保留地址，不能接收推送', url);
      }
    } finally {
      await prod.close();
    }
    // Every address of the host is checked: one private among public ones is enough to refuse.
    const production = { production: true };
    assert.equal(
      await checkWebhookUrl('https://hooks.example.cn/m4s', { ...production, resolve: fixed('114.114.114.114') }),
      'https://hooks.example.cn/m4s',
    );
    await assert.rejects(
      checkWebhookUrl('https://hooks.example.cn/m4s', { ...production, resolve: fixed('114.114.114.114', '10.0.0.1') }),
      /VALIDATION_FAILED/,
    );
  });

  test('at delivery time the host is resolved again and checked (DNS rebinding), and the request goes to the checked address', async () => {
    const t = await createTestTenant(['group_admin']);
    const admin = await signInStaff(t.slug, 'group.admin');
    // Registered while the name pointed somewhere public; by delivery time it points at this machine.
    const url = `https://hooks.rebind.example:${rx.port}/hook`;
    assert.equal(await checkWebhookUrl(url, { production: true, resolve: fixed('114.114.114.114') }), url);
    const { endpoint } = await register(admin, url, ['customer.created']);
    const emit = () =>
      inTenant(t.slug, (ctx) =>
        emitWebhook(ctx, 'customer.created', t.customerId, {
          customer: { id: t.customerId, name: '测试客户', phones: [], source: 'walk_in', homeStoreId: null },
        }),
      );
    await emit();
    const [d] = await deliveriesOf(t, endpoint.id);
    assert.ok(d);
    await attemptsLogged(t, d.id, 1); // the job's own attempt (the name does not resolve here): logged, retried
    const before = rx.received.length;
    const out = await runByHand(t, d.id, { manual: false, production: true, resolve: fixed('127.0.0.1') });
    // Not due yet (the job's failure scheduled a retry): make it due, then the rebinding answer is refused.
    assert.deepEqual(out, { attempted: false });
    await inTenant(t.slug, (ctx) =>
      ctx.sql.executeSql(
        "UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 day' WHERE tenant_id = $1",
        [t.id],
      ),
    );
    const refused = await runByHand(t, d.id, { production: true, resolve: fixed('127.0.0.1') });
    assert.equal(refused.attempted, true);
    const log = await attemptsLogged(t, d.id, 2);
    assert.equal(log[1]?.error, 'address refused (private network)');
    assert.equal(log[1]?.status_code, null);
    assert.equal(rx.received.length, before, 'nothing was sent');

    // Outside production the same name, "resolved" to our receiver, reaches it: the connection goes to
    // the address the check returned (this name exists in no DNS), with the URL's host in the Host header.
    await inTenant(t.slug, (ctx) =>
      ctx.sql.executeSql(
        "UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 day' WHERE tenant_id = $1",
        [t.id],
      ),
    );
    // https to a plain-HTTP receiver cannot succeed; the pinning is shown over http with the same name.
    await inTenant(t.slug, (ctx) =>
      ctx.sql.executeSql('UPDATE webhook_endpoints SET url = $2 WHERE tenant_id = $1', [
        t.id,
        `http://hooks.rebind.example:${rx.port}/hook`,
      ]),
    );
    const pinned = await runByHand(t, d.id, { production: false, resolve: fixed('127.0.0.1') });
    assert.equal(pinned.attempted, true);
    const [hit] = rx.received.slice(before);
    assert.equal(hit?.headers.host, `hooks.rebind.example:${rx.port}`);
  });
});
