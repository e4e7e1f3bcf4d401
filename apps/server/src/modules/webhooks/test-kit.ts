import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import { testApp, testClock, type Agent, type TestTenant } from '../../../test/harness.ts';
import type { Ctx } from '../../platform/context.ts';
import { webhookDeliveries, webhookEndpoints } from '../../platform/db/schema/index.ts';
import { runDelivery, type DeliverOptions } from '../../platform/webhooks/deliver.ts';
import { systemResolver } from '../../platform/webhooks/address.ts';

export type Received = { headers: IncomingHttpHeaders; body: string; json: WebhookJson };
/** The parts of a delivery's body the tests read (the receiver parses what arrives). */
type WebhookJson = {
  id: string;
  type: string;
  tenantId: string;
  resource: { type: string; id: string };
  // What arrives is whatever the server sent: the tests walk it freely and assert on its values.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: { customer?: { name: string; phones: string[] } } & Record<string, any>;
};

/**
 * A real HTTP receiver on 127.0.0.1 (a random port): it keeps what arrives and answers what `answer` says
 * (200 by default). This is the outside world of a webhook, so it is a real server, not a mock.
 */
export const startReceiver = async () => {
  const received: Received[] = [];
  let answer: (r: Received) => { status: number; body?: string } = () => ({ status: 200, body: 'ok' });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const r: Received = { headers: req.headers, body, json: JSON.parse(body) as WebhookJson };
      received.push(r);
      const out = answer(r);
      res.writeHead(out.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(out.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answer: (fn: typeof answer) => {
      answer = fn;
    },
    /** Waits until `n` requests matching `filter` have arrived. */
    waitFor: async (n: number, filter: (r: Received) => boolean = () => true, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hits = received.filter(filter);
        if (hits.length >= n) return hits;
        if (Date.now() > deadline) throw new Error(`only ${hits.length} of ${n} deliveries arrived`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** What a receiver does with x-m4s-signature: recompute each v1 and compare. */
export const verifySignature = (secret: string, r: Received) => {
  const ts = String(r.headers['x-m4s-timestamp']);
  const expected = createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex');
  return String(r.headers['x-m4s-signature'])
    .split(',')
    .some((part) => part === `v1=${expected}`);
};

export const register = async (admin: Agent, url: string, events: string[]) => {
  const res = await admin.send('POST', '/api/webhooks/endpoints', { url, events, description: '测试接收' });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ endpoint: { id: string }; secret: string }>();
};

/** Runs `fn` in the tenant's transaction with the app's real job queue and the test clock. */
export const inTenant = async <T>(slug: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> => {
  const { app } = await testApp();
  const req = { id: 'webhook-test', ip: '127.0.0.1', headers: {}, log: app.log } as unknown as FastifyRequest;
  return app.ctx.anonymous(req, slug, fn);
};

/** The delivery job's work for one delivery, run by hand now (the test decides when "later" is). */
export const runByHand = (
  t: TestTenant,
  deliveryId: string,
  options: Partial<DeliverOptions> & { manual?: boolean } = {},
) =>
  runDelivery(
    (fn) => inTenant(t.slug, fn),
    { deliveryId, manual: options.manual ?? false },
    {
      production: false,
      resolve: systemResolver,
      timeoutMs: 10_000,
      ...options,
    },
  );

export type DeliveryState = {
  id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | null;
  event_type: string;
};

export const deliveriesOf = async (t: TestTenant, endpointId: string): Promise<DeliveryState[]> => {
  const { db } = await testApp();
  const { rows } = await db.owner.executeSql(
    'SELECT id, status, attempts, next_attempt_at, event_type FROM webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2 ORDER BY seq',
    [t.id, endpointId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    status: String(r.status),
    attempts: Number(r.attempts),
    next_attempt_at: r.next_attempt_at ? new Date(r.next_attempt_at as string) : null,
    event_type: String(r.event_type),
  }));
};

/** Waits until the delivery has had `n` attempts logged (the job runs a moment after the commit). */
export const attemptsLogged = async (t: TestTenant, deliveryId: string, n: number, timeoutMs = 20_000) => {
  const { db } = await testApp();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.owner.executeSql(
      'SELECT number, status_code, duration_ms, response_body, error, manual FROM webhook_attempts WHERE tenant_id = $1 AND delivery_id = $2 ORDER BY number',
      [t.id, deliveryId],
    );
    if (rows.length >= n) return rows;
    if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${n} attempts logged`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

export const advance = (ms: number) => testClock.advance(ms);

/** An endpoint and one delivery of tenant B, written directly: rows for the cross-tenant suite. */
export const webhookRowsFor = async (t: TestTenant) => {
  const { db } = await testApp();
  return db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const now = new Date();
    const [e] = await tx
      .insert(webhookEndpoints)
      .values({
        tenantId: t.id,
        url: 'https://hooks.example.com/b',
        events: ['customer.created'],
        secret: 'whsec_tenant-b',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: webhookEndpoints.id });
    if (!e) throw new Error('no endpoint');
    const [d] = await tx
      .insert(webhookDeliveries)
      .values({
        tenantId: t.id,
        endpointId: e.id,
        eventId: crypto.randomUUID(),
        eventType: 'customer.created',
        resourceType: 'customer',
        resourceId: t.customerId,
        orderKey: `customer:${t.customerId}`,
        body: '{}',
        status: 'failed',
        createdAt: now,
      })
      .returning({ id: webhookDeliveries.id });
    if (!d) throw new Error('no delivery');
    return { endpointId: e.id, deliveryId: d.id };
  });
};
