import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestTenant, signInOwner, signInStaff, testApp } from './harness.ts';
import fc from 'fast-check';
import type { z } from 'zod';
import { allRoutes } from './fuzz/requests.ts';
import { arbitraryOf } from './fuzz/arbitraries.ts';
import { idsOf, plant, withRows } from './fuzz/world.ts';
import { cases, listRoutes } from './cross-tenant-cases.ts';

const ownerPhoneA = '13600000009';

const fill = (url: string, id: string) => url.replace(/:[a-zA-Z]+/g, id);

/** A value the schema accepts, drawn from it (ids from `ids`), or undefined when 50 draws found none. */
const validSample = (schema: z.ZodType | undefined, ids: string[]): unknown => {
  if (!schema) return undefined;
  const draws = fc.sample(arbitraryOf(schema, { ids: fc.constantFrom(...ids) }, 'valid'), { seed: 13, numRuns: 50 });
  return draws.find((v) => schema.safeParse(v).success);
};

const queryOf = (value: unknown) =>
  value && typeof value === 'object'
    ? `?${new URLSearchParams(Object.entries(value).map(([k, v]): [string, string] => [k, String(v)])).toString()}`.replace(
        /\?$/,
        '',
      )
    : '';

/** Every route of the contracts, operator routes aside (test/operator-isolation.test.ts walks those). */
const tenantRoutes = () =>
  allRoutes().filter(({ key, def }) => def.auth !== 'operator' && !key.includes(' /api/operator/'));

describe('cross-tenant suite: tenant B’s ids answer 404 to tenant A’s users', () => {
  test('every parametrized API route of the contracts answers 404 to B’s ids', async () => {
    const { app } = await testApp();
    const a = await createTestTenant(['group_admin', 'service_advisor']);
    const b = await withRows(await createTestTenant(['group_admin', 'service_advisor']));
    const marker = `ZZB${b.id.slice(0, 8)}`;
    await plant(b.id, marker);
    const admin = await signInStaff(a.slug, 'group.admin');
    const owner = await signInOwner(a.slug, ownerPhoneA);
    const contracted = tenantRoutes().filter(({ def }) => def.path.includes('/:'));
    const known = new Set(contracted.map((r) => r.key));
    // What the server registers is what the contracts describe: no route escapes the walk.
    const registered = app.m4s.routes.filter(
      (r) => r.url.startsWith('/api/') && r.url.includes('/:') && !r.url.startsWith('/api/operator/'),
    );
    for (const r of registered)
      assert.ok(known.has(`${r.method} ${r.url}`), `${r.method} ${r.url} is registered outside the route contracts`);
    for (const key of Object.keys(cases)) assert.ok(known.has(key), `${key}: a case for a route that is gone`);
    assert.ok(contracted.length >= 5);
    const ids = idsOf(b);
    for (const { key, def } of contracted) {
      const c = cases[key];
      const asOwner = c ? c.as === 'owner' : def.auth === 'owner' || def.path.startsWith('/owner/');
      const agent = asOwner ? owner : admin;
      const query = c ? '' : queryOf(validSample(def.query, ids));
      const body = c ? undefined : validSample(def.body, ids);
      const attempts = c ? [{ id: c.id(b), body: c.body?.(b) }] : ids.map((id) => ({ id, body }));
      for (const at of attempts) {
        const url = fill(`/api${def.path}`, at.id) + query;
        const res = def.method === 'GET' ? await agent.get(url) : await agent.send(def.method, url, at.body as object);
        assert.equal(
          res.statusCode,
          404,
          `${key} answered ${res.statusCode} to ${url}: ${res.body}` +
            (c
              ? ''
              : ' (a generated request: give the route a case in the cross-tenant suite if it needs another id or body)'),
        );
        assert.ok(
          (!res.body.includes(b.id) && !res.body.includes(at.id)) || key.includes(':slug'),
          `${key} leaked B's data`,
        );
        assert.ok(!res.body.includes(marker), `${key} leaked B's data`);
      }
    }
  });

  test('list routes show nothing of another tenant', async () => {
    const a = await createTestTenant(['group_admin']);
    const b = await withRows(await createTestTenant(['group_admin', 'service_advisor']), 'pending');
    const admin = await signInStaff(a.slug, 'group.admin');
    await signInStaff(b.slug, 'group.admin'); // leaves an audit entry in B
    const marker = `ZZB${b.id.slice(0, 8)}`;
    await plant(b.id, marker);
    const owner = await signInOwner(a.slug, '13600000008');
    const queries = new Map(listRoutes.map((key) => [key.split(/[ ?]/)[1] ?? '', key.slice(key.indexOf(' ') + 1)]));
    const lists = tenantRoutes().filter(
      ({ def }) => def.method === 'GET' && !def.path.includes(':') && def.response !== 'stream',
    );
    for (const key of listRoutes)
      assert.ok(
        lists.some((r) => `GET ${queries.get(`/api${r.def.path}`)}` === key),
        `${key} is no longer walked`,
      );
    for (const { key, def } of lists) {
      const url = queries.get(`/api${def.path}`) ?? `/api${def.path}${queryOf(validSample(def.query, idsOf(b)))}`;
      const res = await (def.auth === 'owner' ? owner : admin).get(url);
      assert.equal(res.statusCode, 200, `${key} (${url}): ${res.body}`);
      for (const secret of [...idsOf(b), marker]) assert.ok(!res.body.includes(secret), `${key} leaked ${secret}`);
    }
    // B's data sources (the import page's picker): neither listed nor renamed from A.
    const sources = await admin.get('/api/import-sources');
    assert.ok(!sources.body.includes(b.importSourceId), 'GET /api/import-sources leaked B’s source');
    // The owner app's list: an owner of tenant A sees none of B's cars or requests.
    const garage = await owner.get('/api/owner/vehicles');
    assert.equal(garage.statusCode, 200, garage.body);
    for (const secret of [b.id, b.vehicleId, b.bindingId]) assert.ok(!garage.body.includes(secret));
    for (const url of ['/api/owner/stores', '/api/owner/service-types', '/api/owner/bookings']) {
      const res = await owner.get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      for (const secret of [b.id, b.storeId, b.otherStoreId, b.booking.serviceTypeId, b.booking.bookingId])
        assert.ok(!res.body.includes(secret), `${url} leaked ${secret}`);
    }
    for (const url of ['/api/owner/visits', '/api/owner/inbox', '/api/owner/touches']) {
      const res = await owner.get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      for (const secret of [b.id, b.vehicleId, b.visit.visitId, b.visit.inboxId ?? b.id])
        assert.ok(!res.body.includes(secret), `${url} leaked ${secret}`);
    }
  });

  test('a session cookie re-labelled with another tenant’s id is not a session there', async () => {
    const { app } = await testApp();
    const a = await createTestTenant(['group_admin']);
    const b = await createTestTenant(['group_admin']);
    const admin = await signInStaff(a.slug, 'group.admin');
    const forged = admin.cookie.replace(a.id, b.id);
    const res = await app.inject({ method: 'GET', url: '/api/stores', headers: { cookie: forged } });
    assert.equal(res.statusCode, 401);
  });

  test('an owner session is not a staff session, and a staff session is not an owner’s', async () => {
    const a = await createTestTenant(['group_admin']);
    const owner = await signInOwner(a.slug, '13600000001');
    assert.equal((await owner.get('/api/stores')).statusCode, 401);
    assert.equal((await owner.get('/api/auth/owner/me')).statusCode, 200);
    const admin = await signInStaff(a.slug, 'group.admin');
    assert.equal((await admin.get('/api/auth/owner/me')).statusCode, 401);
  });
});

describe('cross-tenant suite: ids of another tenant inside a body are unknown ids', () => {
  test('a repair order, a vehicle owner or a staff member’s store naming tenant B is refused, and nothing is written', async () => {
    const { db } = await testApp();
    const a = await createTestTenant(['group_admin']);
    const b = await createTestTenant(['group_admin']);
    const admin = await signInStaff(a.slug, 'group.admin');
    const ro = await admin.send('POST', '/api/repair-orders', {
      number: 'X-1',
      vehicleId: b.vehicleId,
      type: 'maintenance',
      dateIn: '2025-01-01T00:00:00Z',
      lines: [{ kind: 'labour', description: 'x', amountFen: 1 }],
    });
    assert.equal(ro.statusCode, 400);
    const car = await admin.send('POST', '/api/vehicles', { vin: '1HGCM82633A004352', ownerId: b.customerId });
    assert.equal(car.statusCode, 400);
    const member = await admin.send('POST', '/api/staff', {
      login: 'x.y',
      name: 'x',
      phone: null,
      role: 'cashier',
      storeId: b.storeId,
      password: 'password-1',
    });
    assert.equal(member.statusCode, 400);
    const written = await db.owner.executeSql(
      `SELECT (SELECT count(*)::int FROM repair_orders WHERE number = 'X-1') + (SELECT count(*)::int FROM vehicles WHERE tenant_id = $1 AND vin = '1HGCM82633A004352') + (SELECT count(*)::int FROM staff WHERE tenant_id = $1 AND login = 'x.y') AS n`,
      [a.id],
    );
    assert.equal(written.rows[0]?.n, 0);
  });
});

describe('cross-tenant suite: a tenant’s own catalogue entries (issue 12)', () => {
  test('a series or model tenant B added is unknown to tenant A: not listed, not readable, not usable', async () => {
    const { db } = await testApp();
    const a = await createTestTenant(['group_admin']);
    const b = await createTestTenant(['group_admin']);
    const adminA = await signInStaff(a.slug, 'group.admin');
    const adminB = await signInStaff(b.slug, 'group.admin');
    const series = await adminB.send('POST', '/api/catalogue/series', {
      brandId: 'byd',
      nameZh: '乙的车系',
      bodyType: 'suv',
    });
    assert.equal(series.statusCode, 201, series.body);
    const seriesId = series.json<{ id: string }>().id;
    const model = await adminB.send('POST', '/api/catalogue/models', {
      seriesId,
      nameZh: '乙的车型',
      year: 2025,
      fuel: 'ev',
      priceFen: 10000000,
    });
    assert.equal(model.statusCode, 201, model.body);
    const modelId = model.json<{ id: string }>().id;

    const list = await adminA.get('/api/catalogue/brands/byd/series');
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(seriesId) && !list.body.includes('乙的车系'));
    assert.equal((await adminA.get(`/api/catalogue/series/${seriesId}/models`)).statusCode, 404);
    const under = await adminA.send('POST', '/api/catalogue/models', {
      seriesId,
      nameZh: '甲的车型',
      year: 2025,
      fuel: 'ev',
      priceFen: 1,
    });
    assert.equal(under.statusCode, 400, under.body);
    // A's car cannot name B's series or model, by the API or by SQL under A's tenant.
    const car = await adminA.send('POST', '/api/vehicles', { vin: '1HGCM82633A004352', brandId: 'byd', seriesId });
    assert.equal(car.statusCode, 400, car.body);
    await assert.rejects(
      db.transaction({ tenantId: a.id }, ({ sql }) =>
        sql.executeSql(`UPDATE vehicles SET model_id = $2 WHERE tenant_id = $1`, [a.id, modelId]),
      ),
      /not in the catalogue/,
    );
    // Row-level security: A's transaction reads none of B's rows, even without a tenant filter.
    const seen = await db.transaction({ tenantId: a.id }, async ({ sql }) => ({
      series: (await sql.executeSql(`SELECT count(*)::int AS n FROM tenant_car_series`, [])).rows[0]?.n,
      models: (await sql.executeSql(`SELECT count(*)::int AS n FROM tenant_car_models`, [])).rows[0]?.n,
      view: (await sql.executeSql(`SELECT count(*)::int AS n FROM catalogue_series WHERE id = $1`, [seriesId])).rows[0]
        ?.n,
    }));
    assert.deepEqual(seen, { series: 0, models: 0, view: 0 });
  });
});
