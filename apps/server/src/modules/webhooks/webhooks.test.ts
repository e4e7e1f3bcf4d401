import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInStaff, testApp, type Agent, type TestTenant } from '../../../test/harness.ts';
import { emitWebhook } from '../../platform/webhooks/emit.ts';
import {
  advance,
  attemptsLogged,
  deliveriesOf,
  inTenant,
  register,
  runByHand,
  startReceiver,
  verifySignature,
  type Receiver,
  type Received,
  webhookRowsFor,
} from './test-kit.ts';

const minute = 60_000;

describe('webhooks: signed deliveries through the outbox, to a real HTTP receiver', () => {
  let rx: Receiver;
  before(async () => {
    rx = await startReceiver();
  });
  after(() => rx.close());

  const world = async () => {
    const t = await createTestTenant(['group_admin', 'store_manager']);
    return { t, admin: await signInStaff(t.slug, 'group.admin') };
  };
  const mine = (t: TestTenant) => (r: Received) => r.json.tenantId === t.id;

  test('the secret is shown once; a created customer arrives signed with it, the headers name event and delivery', async () => {
    const { db } = await testApp();
    const { t, admin } = await world();
    const { endpoint, secret } = await register(admin, rx.url, ['customer.created']);
    assert.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    const list = await admin.get('/api/webhooks/endpoints');
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(secret), 'the list never shows the secret');
    assert.deepEqual(list.json().items[0].events, ['customer.created']);
    const audit = await db.owner.executeSql('SELECT details::text AS d FROM audit_log WHERE tenant_id = $1', [t.id]);
    assert.ok(
      audit.rows.every((r) => !String(r.d).includes(secret)),
      'nor the audit log',
    );

    const made = await admin.send('POST', '/api/customers', {
      name: '李四',
      phones: ['13900000001'],
      source: 'walk_in',
    });
    assert.equal(made.statusCode, 201, made.body);
    const [hit] = await rx.waitFor(1, mine(t));
    assert.ok(hit);
    assert.ok(verifySignature(secret, hit), 'HMAC-SHA256 of "<timestamp>.<body>" with the secret');
    assert.ok(!verifySignature('whsec_wrong', hit));
    assert.equal(hit.headers['x-m4s-event'], 'customer.created');
    assert.equal(hit.headers['content-type'], 'application/json');
    assert.equal(hit.json.type, 'customer.created');
    assert.deepEqual(hit.json.data.customer?.phones, ['13900000001']);
    assert.equal(hit.json.data.customer?.name, '李四');
    const [d] = await deliveriesOf(t, endpoint.id);
    assert.ok(d);
    assert.equal(hit.headers['x-m4s-delivery'], d.id);
    await attemptsLogged(t, d.id, 1);
    const detail = await admin.get(`/api/webhooks/endpoints/${endpoint.id}/deliveries/${d.id}`);
    assert.equal(detail.json().status, 'succeeded');
    assert.equal(detail.json().log[0].statusCode, 200);
    assert.ok(!detail.body.includes(secret));
    // Not subscribed: nothing recorded for it.
    assert.equal((await deliveriesOf(t, endpoint.id)).length, 1);
  });

  test('a 500 is retried with backoff (1 min, 5 min …) — nothing early — and after the sixth failure given up', async () => {
    const { t, admin } = await world();
    const { endpoint } = await register(admin, rx.url, ['customer.created']);
    rx.answer((r) => (r.json.tenantId === t.id ? { status: 500, body: 'boom' } : { status: 200 }));
    await admin.send('POST', '/api/customers', { name: '王五', phones: ['13900000002'], source: 'walk_in' });
    const [d] = await deliveriesOf(t, endpoint.id);
    assert.ok(d);
    const first = await attemptsLogged(t, d.id, 1);
    assert.equal(first[0]?.status_code, 500);
    assert.equal(first[0]?.response_body, 'boom');
    let state = (await deliveriesOf(t, endpoint.id))[0];
    assert.equal(state?.status, 'pending');
    const delays = [1, 5, 30, 120, 720];
    for (const [i, m] of delays.entries()) {
      // Not yet due: the job does nothing.
      assert.deepEqual(await runByHand(t, d.id), { attempted: false });
      advance(m * minute);
      const out = await runByHand(t, d.id);
      assert.equal(out.attempted, true, `attempt ${i + 2}`);
      state = (await deliveriesOf(t, endpoint.id))[0];
      assert.equal(state?.attempts, i + 2);
    }
    assert.equal(state?.status, 'failed', 'six attempts, then given up');
    assert.equal(state?.next_attempt_at, null);
    const log = await attemptsLogged(t, d.id, 6);
    assert.deepEqual(
      log.map((a) => a.status_code),
      [500, 500, 500, 500, 500, 500],
    );
    assert.ok(log.every((a) => typeof a.duration_ms === 'number' && a.error === 'HTTP 500'));
    // Hours have passed on the test clock: the session has expired (12 idle hours), sign in again.
    const again = await signInStaff(t.slug, 'group.admin');
    const listed = await again.get(`/api/webhooks/endpoints/${endpoint.id}/deliveries?status=failed`);
    assert.equal(listed.statusCode, 200, listed.body);
    assert.equal(listed.json().items.length, 1);
    assert.equal(listed.json().items[0].attempts, 6);
    rx.answer(() => ({ status: 200 }));
  });

  test('order per resource: a later event waits until the earlier one succeeded; another resource does not wait', async () => {
    const { t, admin } = await world();
    const { endpoint } = await register(admin, rx.url, ['customer.created', 'customer.merged']);
    const resource = t.customerId;
    rx.answer((r) =>
      r.json.tenantId === t.id && r.json.data.customer?.name === 'first' ? { status: 500 } : { status: 200 },
    );
    const data = (name: string, id = resource) => ({
      customer: { id, name, phones: [], source: 'walk_in' as const, homeStoreId: null },
    });
    await inTenant(t.slug, (ctx) => emitWebhook(ctx, 'customer.created', resource, data('first')));
    await inTenant(t.slug, (ctx) =>
      emitWebhook(ctx, 'customer.merged', resource, { ...data('second'), mergedId: resource }),
    );
    const other = crypto.randomUUID();
    await inTenant(t.slug, (ctx) => emitWebhook(ctx, 'customer.created', other, data('other', other)));
    await rx.waitFor(1, (r) => mine(t)(r) && r.json.data.customer?.name === 'other');
    const [a, b] = await deliveriesOf(t, endpoint.id);
    assert.ok(a && b);
    await attemptsLogged(t, a.id, 1);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(
      rx.received
        .filter(mine(t))
        .map((r) => r.json.data.customer?.name)
        .filter((n) => n !== 'other'),
      ['first'],
      'the second waits behind the failing first',
    );
    assert.deepEqual(await runByHand(t, b.id), { attempted: false }, 'not its turn');
    rx.answer(() => ({ status: 200 }));
    advance(minute);
    assert.equal((await runByHand(t, a.id)).attempted, true);
    await rx.waitFor(1, (r) => mine(t)(r) && r.json.data.customer?.name === 'second');
    const names = rx.received
      .filter(mine(t))
      .map((r) => `${r.json.type}:${r.json.data.customer?.name}`)
      .filter((n) => !n.endsWith(':other'));
    assert.deepEqual(names, ['customer.created:first', 'customer.created:first', 'customer.merged:second']);
  });

  test('replay: a logged delivery is sent again by hand (same delivery id), and the answer’s body is kept to 2 KB', async () => {
    const { t, admin } = await world();
    const { endpoint, secret } = await register(admin, rx.url, ['customer.created']);
    rx.answer((r) => (mine(t)(r) ? { status: 200, body: '回'.repeat(3000) } : { status: 200 }));
    await admin.send('POST', '/api/customers', { name: '赵六', phones: ['13900000003'], source: 'walk_in' });
    const [d] = await deliveriesOf(t, endpoint.id);
    assert.ok(d);
    const [first] = await attemptsLogged(t, d.id, 1);
    assert.ok(Buffer.byteLength(String(first?.response_body)) <= 2048);
    assert.ok(String(first?.response_body).startsWith('回回回'));
    const replay = await admin.send('POST', `/api/webhooks/endpoints/${endpoint.id}/deliveries/${d.id}/replay`);
    assert.equal(replay.statusCode, 202, replay.body);
    const log = await attemptsLogged(t, d.id, 2);
    assert.equal(log[1]?.manual, true);
    const hits = await rx.waitFor(2, mine(t));
    assert.equal(hits[0]?.headers['x-m4s-delivery'], hits[1]?.headers['x-m4s-delivery']);
    assert.equal(hits[0]?.body, hits[1]?.body, 'the same body');
    assert.ok(verifySignature(secret, hits[1]!));
    const detail = (await admin.get(`/api/webhooks/endpoints/${endpoint.id}/deliveries/${d.id}`)).json();
    assert.equal(detail.log.length, 2);
    rx.answer(() => ({ status: 200 }));
  });

  test('rotation: a new secret shown once; the old one still signs for 24 hours, then only the new one', async () => {
    const { t, admin } = await world();
    const { endpoint, secret: old } = await register(admin, rx.url, ['customer.created']);
    const rotated = await admin.send('POST', `/api/webhooks/endpoints/${endpoint.id}/rotate-secret`);
    assert.equal(rotated.statusCode, 200, rotated.body);
    const fresh = rotated.json().secret as string;
    assert.notEqual(fresh, old);
    assert.ok(rotated.json().endpoint.previousSecretUntil);
    await admin.send('POST', '/api/customers', { name: '钱七', phones: ['13900000004'], source: 'walk_in' });
    const [hit] = await rx.waitFor(1, mine(t));
    assert.ok(hit && verifySignature(fresh, hit) && verifySignature(old, hit));
    advance(25 * 3600_000);
    const again = await signInStaff(t.slug, 'group.admin');
    await again.send('POST', '/api/customers', { name: '孙八', phones: ['13900000005'], source: 'walk_in' });
    const [, later] = await rx.waitFor(2, mine(t));
    assert.ok(later && verifySignature(fresh, later));
    assert.ok(!verifySignature(old, later), 'the grace is over');
  });

  test('disable holds deliveries, enable sends them; delete removes the log; only the group admin may manage', async () => {
    const { t, admin } = await world();
    const { endpoint } = await register(admin, rx.url, ['customer.created']);
    const off = await admin.send('PATCH', `/api/webhooks/endpoints/${endpoint.id}`, { enabled: false });
    assert.equal(off.statusCode, 200, off.body);
    // Deliveries recorded while enabled wait; a disabled endpoint subscribes to nothing new.
    await inTenant(t.slug, async (ctx) => {
      await ctx.sql.executeSql('UPDATE webhook_endpoints SET enabled = true WHERE tenant_id = $1', [t.id]);
      await emitWebhook(ctx, 'customer.created', t.customerId, {
        customer: { id: t.customerId, name: '测试客户', phones: [], source: 'walk_in', homeStoreId: null },
      });
      await ctx.sql.executeSql('UPDATE webhook_endpoints SET enabled = false WHERE tenant_id = $1', [t.id]);
    });
    await admin.send('POST', '/api/customers', { name: '周九', phones: ['13900000006'], source: 'walk_in' });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(rx.received.filter(mine(t)).length, 0);
    const [held] = await deliveriesOf(t, endpoint.id);
    assert.equal(held?.status, 'pending');
    assert.equal((await deliveriesOf(t, endpoint.id)).length, 1);
    const replay = await admin.send('POST', `/api/webhooks/endpoints/${endpoint.id}/deliveries/${held?.id}/replay`);
    assert.equal(replay.statusCode, 400);
    assert.match(replay.json().details.issues[0].message, /已停用/);
    await admin.send('PATCH', `/api/webhooks/endpoints/${endpoint.id}`, { enabled: true });
    await rx.waitFor(1, mine(t));

    const manager: Agent = await signInStaff(t.slug, 'store.manager');
    assert.equal((await manager.get('/api/webhooks/endpoints')).statusCode, 403);
    assert.equal(
      (await manager.send('POST', '/api/webhooks/endpoints', { url: rx.url, events: ['customer.created'] })).statusCode,
      403,
    );

    const gone = await admin.send('DELETE', `/api/webhooks/endpoints/${endpoint.id}`);
    assert.equal(gone.statusCode, 204);
    assert.equal((await deliveriesOf(t, endpoint.id)).length, 0);
    assert.equal((await admin.get(`/api/webhooks/endpoints/${endpoint.id}/deliveries`)).statusCode, 404);
  });

  test('another tenant’s delivery under one’s own endpoint is not found, nor replayed', async () => {
    const { admin } = await world();
    const { endpoint } = await register(admin, rx.url, ['customer.created']);
    const b = await createTestTenant(['group_admin']);
    const rows = await webhookRowsFor(b);
    const base = `/api/webhooks/endpoints/${endpoint.id}/deliveries/${rows.deliveryId}`;
    const read = await admin.get(base);
    assert.equal(read.statusCode, 404);
    assert.ok(!read.body.includes('whsec_'));
    assert.equal((await admin.send('POST', `${base}/replay`)).statusCode, 404);
  });
});
