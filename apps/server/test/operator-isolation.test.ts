import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import { nightlyJob } from '../src/nightly.ts';
import { suspendTenant, resumeTenant } from '../src/modules/operator/tenants-admin.service.ts';
import { systemCtx } from '../src/platform/context.ts';
import { asPlatform } from '../src/platform/operator-tx.ts';
import type { JobQueue, JobSteps } from '../src/platform/jobs/queue.ts';
import { enqueueNotice } from '../src/platform/notify/outbox.ts';
import { settled } from '../src/platform/notify/test-kit.ts';
import { createTestTenant, signInOwner, signInStaff, testApp, testClock } from './harness.ts';
import { operatorAgent, tenantBody } from './operator-kit.ts';

describe('operator and tenant sessions never cross', () => {
  test('every operator route answers 401 to a staff or owner session, in either cookie', async () => {
    const { app } = await testApp();
    const t = await createTestTenant(['group_admin']);
    const staff = await signInStaff(t.slug, 'group.admin');
    const owner = await signInOwner(t.slug, '13700000031');
    const staffSecret = staff.cookie.split('=')[1] ?? '';
    const routes = app.m4s.routes.filter(
      (r) => r.url.startsWith('/api/operator/') && r.url !== '/api/operator/sign-in',
    );
    assert.ok(routes.length >= 8, routes.map((r) => r.url).join());
    for (const r of routes) {
      const url = r.url.replace(/:[a-zA-Z]+/g, t.id);
      for (const [who, cookie, csrf] of [
        ['staff', staff.cookie, staff.csrf],
        ['owner', owner.cookie, owner.csrf],
        ['staff secret as operator cookie', `m4s_operator=${staffSecret}`, staff.csrf],
      ] as const) {
        const res = await app.inject({
          method: r.method as 'GET',
          url,
          headers: { cookie, 'x-csrf-token': csrf },
          // A valid body: Fastify validates before the handler opens the session.
          ...(r.method === 'GET' ? {} : { payload: r.url === '/api/operator/tenants' ? tenantBody() : {} }),
        });
        assert.equal(res.statusCode, 401, `${r.method} ${r.url} as ${who}: ${res.statusCode} ${res.body}`);
      }
    }
  });

  test('an operator session opens no tenant route, in either cookie', async () => {
    const { app } = await testApp();
    const op = await operatorAgent();
    const secret = op.cookie.split('=')[1] ?? '';
    assert.equal((await op.get('/api/operator/me')).statusCode, 200);
    for (const url of ['/api/auth/staff/me', '/api/auth/owner/me', '/api/staff', '/api/stores', '/api/audit']) {
      for (const cookie of [op.cookie, `m4s_staff=${secret}`, `m4s_owner=${secret}`]) {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        assert.equal(res.statusCode, 401, `${url} with ${cookie.slice(0, 12)}…: ${res.statusCode}`);
      }
    }
  });

  test('the tenant application role cannot read the operator tables', async () => {
    const { db } = await testApp();
    const t = await createTestTenant();
    for (const table of ['operators', 'operator_sessions', 'operator_audit']) {
      await assert.rejects(
        db.transaction({ tenantId: t.id }, ({ sql }) => sql.executeSql(`SELECT 1 FROM ${table} LIMIT 1`, [])),
        /permission denied/,
        table,
      );
    }
  });
});

describe('the operator role inside a tenant (migration 0046)', () => {
  test('reads no tenant table outside inTenant, only the named tenant inside it, and keeps its role', async () => {
    const { db } = await testApp();
    const a = await createTestTenant();
    const b = await createTestTenant();
    const seen = await asPlatform({ db, name: 'test' }, async (ctx) => {
      const stores = async () =>
        (await ctx.sql.executeSql('SELECT DISTINCT tenant_id FROM stores', [])).rows.map((r) => String(r.tenant_id));
      const who = async () => String((await ctx.sql.executeSql('SELECT current_user AS u', [])).rows[0]?.u);
      const outside = await stores();
      const inside = await ctx.inTenant(a.id, async () => ({ stores: await stores(), role: await who() }));
      return { outside, inside, after: await stores(), role: await who() };
    });
    assert.deepEqual(seen, {
      outside: [],
      inside: { stores: [a.id], role: 'm4s_operator' },
      after: [],
      role: 'm4s_operator',
    });
    assert.ok(!seen.inside.stores.includes(b.id));
  });
});

describe('operator export of a dealer group', () => {
  test("holds the tenant's rows of every tenant table and none of another tenant's, without secrets", async () => {
    const a = await createTestTenant(['group_admin', 'service_advisor']);
    const b = await createTestTenant(['group_admin', 'service_advisor']);
    await signInStaff(b.slug, 'group.admin');
    await signInStaff(a.slug, 'group.admin');
    const op = await operatorAgent();
    const res = await op.get(`/api/operator/tenants/${a.id}/export`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.match(String(res.headers['content-disposition']), /attachment; filename="m4s-.*\.json"/);
    const doc = JSON.parse(res.body) as {
      format: string;
      tenant: { id: string };
      omittedColumns: string[];
      tables: Record<string, Record<string, unknown>[]>;
    };
    assert.equal(doc.format, 'm4s.tenant-export');
    assert.equal(doc.tenant.id, a.id);
    for (const table of ['stores', 'staff', 'customers', 'customer_phones', 'vehicles', 'sessions', 'audit_log'])
      assert.ok((doc.tables[table]?.length ?? 0) > 0, `${table} is empty in the export`);
    assert.ok(doc.tables.customers?.some((c) => c.id === a.customerId));
    assert.ok(doc.tables.stores?.some((s) => s.id === a.storeId));
    for (const rows of Object.values(doc.tables)) for (const row of rows) assert.equal(row.tenant_id, a.id);
    for (const id of [b.id, b.customerId, b.storeId, b.vehicleId])
      assert.ok(!res.body.includes(id), `B's ${id} leaked`);
    for (const rows of Object.values(doc.tables))
      for (const row of rows)
        for (const secret of ['password_hash', 'token_hash', 'code_hash']) assert.ok(!(secret in row), secret);
    assert.deepEqual(doc.omittedColumns, ['password_hash', 'token_hash', 'code_hash']);
    assert.ok(!res.body.includes('scrypt$'));
    const { db } = await testApp();
    const tables = await db.owner.executeSql(
      "SELECT count(DISTINCT table_name)::int AS n FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'",
      [],
    );
    assert.equal(Object.keys(doc.tables).length, tables.rows[0]?.n, 'every tenant table is in the export');
  });

  test('pages through a table larger than one page', async () => {
    const { db } = await testApp();
    const a = await createTestTenant(['group_admin']);
    await db.owner.executeSql(
      `INSERT INTO audit_log (tenant_id, actor_kind, action, details, at)
       SELECT $1, 'system', 'test.filler', '{}'::jsonb, now() FROM generate_series(1, 4500)`,
      [a.id],
    );
    const op = await operatorAgent();
    const res = await op.get(`/api/operator/tenants/${a.id}/export`);
    const doc = JSON.parse(res.body) as { tables: Record<string, { id: string; action: string }[]> };
    const fillers = doc.tables.audit_log?.filter((e) => e.action === 'test.filler') ?? [];
    assert.equal(fillers.length, 4500);
    assert.equal(new Set(fillers.map((e) => e.id)).size, 4500);
  });
});

describe("a suspended tenant's jobs stop", () => {
  const fakeReq = (app: Awaited<ReturnType<typeof testApp>>['app']) =>
    ({ id: 'suspend-test', ip: '127.0.0.1', headers: {}, log: app.log, cookies: {} }) as unknown as FastifyRequest;

  test('a queued message is not sent once the tenant is suspended', async () => {
    const { app } = await testApp();
    const t = await createTestTenant();
    const id = await app.ctx.operatorDoor(fakeReq(app), async (ctx) => {
      await suspendTenant(ctx, t.id, { reason: 'test' });
      return ctx.inTenant(t.id, (tctx) =>
        enqueueNotice(tctx, {
          channel: 'sms',
          to: '13700000041',
          kind: 'care',
          topic: 'test',
          body: '【测试】不应发出',
        }),
      );
    });
    const row = await settled(t.id, id);
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /suspended/);
    const outbox = await app.inject({ method: 'GET', url: '/dev/outbox.json' });
    assert.ok(!outbox.body.includes('不应发出'));
  });

  test('the nightly care run skips a suspended tenant but keeps its chain, and runs again once resumed', async () => {
    const { app, db } = await testApp();
    const t = await createTestTenant();
    const sent: string[] = [];
    const queue: JobQueue = {
      send: async (name) => {
        sent.push(name);
      },
      sendMany: async () => undefined,
    };
    const steps: JobSteps = {
      tenantId: t.id,
      jobId: 'test',
      clock: testClock,
      log: app.log,
      step: (fn) =>
        db.transaction({ tenantId: t.id }, (tx) =>
          fn(systemCtx({ tenantId: t.id, tx, jobs: queue, clock: testClock, log: app.log, requestId: 'test' })),
        ),
      analyze: async () => undefined,
    };
    if (!('steps' in nightlyJob)) throw new Error('the nightly job runs in steps');
    const segmentsOn = async () =>
      (await db.owner.executeSql('SELECT segments_on::text AS d FROM tenants WHERE id = $1', [t.id])).rows[0]?.d;

    await app.ctx.operatorDoor(fakeReq(app), (ctx) => suspendTenant(ctx, t.id, {}));
    await nightlyJob.steps(steps, { tenantId: t.id, day: '2026-03-02' });
    assert.equal(await segmentsOn(), null, 'classification ran for a suspended tenant');
    assert.deepEqual(sent, ['nightly'], 'the next night is queued');

    await app.ctx.operatorDoor(fakeReq(app), (ctx) => resumeTenant(ctx, t.id, {}));
    await nightlyJob.steps(steps, { tenantId: t.id, day: '2026-03-02' });
    assert.equal(await segmentsOn(), '2026-03-02');
  });
});
