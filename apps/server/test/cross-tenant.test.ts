import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { owners, vehicleBindings } from '../src/platform/db/schema/index.ts';
import { createTestTenant, signInOwner, signInStaff, storeInput, testApp, type TestTenant } from './harness.ts';
import { bookingRowsFor, type BookingRows } from '../src/modules/booking/test-kit.ts';
import { visitRowsFor, type VisitRows } from '../src/modules/visits/test-kit.ts';
import { complaintFor } from '../src/modules/complaints/test-kit.ts';
import { calendarDayFor } from '../src/modules/calendar/test-kit.ts';
import { webhookRowsFor } from '../src/modules/webhooks/test-kit.ts';
import { telematicsRowsFor } from '../src/modules/telematics/test-kit.ts';
import { importSourceFor } from '../src/modules/imports/test-kit.ts';

/** Tenant B as the cases see it: its test rows, and an owner-app account confirmed for its car. */
type TenantB = TestTenant & {
  bindingId: string;
  booking: BookingRows;
  visit: VisitRows;
  complaintId: string;
  calendarDay: string;
  webhook: { endpointId: string; deliveryId: string };
  telematics: { integrationId: string };
  importSourceId: string;
};
/** `as: 'owner'`: an owner-app route, called by an owner signed in to tenant A instead of A's admin. */
type Case = { id: (b: TenantB) => string; body?: (b: TenantB) => object; as?: 'owner' };

const ownerPhoneA = '13600000009';

/** Gives a tenant an owner-app account bound to its test car (rows written as the platform would). */
const withBinding = async (t: TestTenant, status: 'pending' | 'confirmed' = 'confirmed'): Promise<TenantB> => {
  const { db } = await testApp();
  const bound = await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const [owner] = await tx.insert(owners).values({ tenantId: t.id, phone: '13000000000' }).returning();
    if (!owner) throw new Error('owner insert returned nothing');
    const [binding] = await tx
      .insert(vehicleBindings)
      .values({ tenantId: t.id, ownerId: owner.id, vehicleId: t.vehicleId, status })
      .returning();
    if (!binding) throw new Error('binding insert returned nothing');
    return { ...t, bindingId: binding.id };
  });
  return {
    ...bound,
    booking: await bookingRowsFor(t),
    visit: await visitRowsFor(t),
    complaintId: await complaintFor(t),
    calendarDay: await calendarDayFor(t),
    webhook: await webhookRowsFor(t),
    telematics: await telematicsRowsFor(t),
    importSourceId: await importSourceFor(t),
  };
};

/**
 * Every API route with a path parameter, and how to name tenant B's row for it. A route that is not
 * listed fails the suite: a new module's routes join it by adding a line here.
 */
const cases: Record<string, Case> = {
  'GET /api/stores/:id': { id: (b) => b.storeId },
  'PUT /api/stores/:id': { id: (b) => b.storeId, body: () => storeInput('ZZ-1') },
  'GET /api/staff/:id': { id: (b) => b.staffIds.group_admin ?? '' },
  'PATCH /api/staff/:id': { id: (b) => b.staffIds.service_advisor ?? '', body: () => ({ name: '改名' }) },
  'POST /api/staff/:id/unlock': { id: (b) => b.staffIds.service_advisor ?? '' },
  'POST /api/staff/:id/password-reset': { id: (b) => b.staffIds.service_advisor ?? '' },
  'GET /api/public/tenants/:slug': { id: () => 'no-such-tenant-zz' },
  'GET /api/customers/:id': { id: (b) => b.customerId },
  'GET /api/customers/:id/vehicles': { id: (b) => b.customerId },
  'GET /api/customers/:id/overview': { id: (b) => b.customerId },
  'GET /api/customers/:id/export': { id: (b) => b.customerId },
  'GET /api/segments/customers/:id': { id: (b) => b.customerId },
  'POST /api/customers/:id/merge': { id: (b) => b.customerId, body: (b) => ({ fromId: b.customerId }) },
  'POST /api/customers/:id/erase': { id: (b) => b.customerId, body: () => ({ reason: '越界测试' }) },
  'POST /api/customers/:id/interactions': {
    id: (b) => b.customerId,
    body: () => ({ channel: 'phone', summary: '越界' }),
  },
  'POST /api/customers/:id/sales-orders': {
    id: (b) => b.customerId,
    body: () => ({ orderDate: '2025-01-01', priceFen: 1 }),
  },
  'GET /api/vehicles/:id': { id: (b) => b.vehicleId },
  'PUT /api/vehicles/:id': { id: (b) => b.vehicleId, body: () => ({ vin: '1HGCM82633A004352' }) },
  'POST /api/vehicles/:id/mileage': { id: (b) => b.vehicleId, body: () => ({ km: 10, source: 'owner' }) },
  'POST /api/vehicles/:id/mileage/flagged/:flagId': {
    id: (b) => b.vehicleId,
    body: () => ({ kind: 'reading', action: 'discard' }),
  },
  // 保养间隔 (issue 11): an id of B that is no interval of A's.
  'DELETE /api/service-intervals/:id': { id: (b) => b.customerId },
  'POST /api/vehicles/:id/transfer': {
    id: (b) => b.vehicleId,
    body: (b) => ({ customerId: b.customerId, date: '2025-01-01' }),
  },
  'PUT /api/customers/:id': {
    id: (b) => b.customerId,
    body: () => ({ name: '越界', phones: ['13100000000'], source: 'walk_in' }),
  },
  'PUT /api/customers/:id/contact-preferences': {
    id: (b) => b.customerId,
    body: () => ({ channels: [], quietStart: null, quietEnd: null, topicsOptedOut: [], marketingOptOut: true }),
  },
  // The vehicle catalogue is global reference data, not tenant data: an unknown id is the case to cover.
  'GET /api/catalogue/brands/:brandId/series': { id: () => 'no-such-brand-zz' },
  'GET /api/catalogue/series/:seriesId/models': { id: () => 'no-such-series-zz' },
  'POST /api/vehicle-bindings/:id/decision': {
    id: (b) => b.bindingId,
    body: () => ({ decision: 'rejected', reason: '越界测试' }),
  },
  'DELETE /api/owner/vehicles/:bindingId': { id: (b) => b.bindingId, as: 'owner' },
  'GET /api/owner/vehicles/:vehicleId/history': { id: (b) => b.vehicleId, as: 'owner' },
  // Booking (issue 4).
  'PUT /api/service-types/:id': {
    id: (b) => b.booking.serviceTypeId,
    body: () => ({
      code: 'X-A',
      name: '越界',
      category: 'repair',
      durationMinutes: 60,
      priceMinFen: 0,
      priceMaxFen: 0,
    }),
  },
  'GET /api/stores/:id/booking-settings': { id: (b) => b.storeId },
  'PUT /api/stores/:id/booking-settings': {
    id: (b) => b.storeId,
    body: () => ({
      slotMinutes: 30,
      bays: 4,
      walkInSharePct: 20,
      onlineSharePct: 50,
      leadMinutes: 60,
      horizonDays: 30,
    }),
  },
  'GET /api/stores/:id/closures': { id: (b) => b.storeId },
  'POST /api/stores/:id/closures': { id: (b) => b.storeId, body: () => ({ date: '2030-01-01', reason: '越界' }) },
  'DELETE /api/closures/:id': { id: (b) => b.booking.closureId },
  'GET /api/staff/:id/leave': { id: (b) => b.staffIds.service_advisor ?? '' },
  'POST /api/staff/:id/leave': { id: (b) => b.staffIds.service_advisor ?? '', body: () => ({ date: '2030-01-01' }) },
  'DELETE /api/advisor-leave/:id': { id: (b) => b.booking.leaveId },
  'GET /api/stores/:id/availability': { id: (b) => b.storeId },
  'GET /api/owner/stores/:id/availability': { id: (b) => b.storeId, as: 'owner' },
  'GET /api/owner/bookings/:id': { id: (b) => b.booking.bookingId, as: 'owner' },
  'GET /api/owner/bookings/:id/calendar.ics': { id: (b) => b.booking.bookingId, as: 'owner' },
  'POST /api/owner/bookings/:id/cancel': {
    id: (b) => b.booking.bookingId,
    body: () => ({ reason: null }),
    as: 'owner',
  },
  'POST /api/owner/bookings/:id/reschedule': {
    id: (b) => b.booking.bookingId,
    body: () => ({ startsAt: '2030-01-02T02:00:00Z' }),
    as: 'owner',
  },
  'POST /api/bookings/:id/cancel': { id: (b) => b.booking.bookingId, body: () => ({ reason: null }) },
  'POST /api/bookings/:id/reschedule': {
    id: (b) => b.booking.bookingId,
    body: () => ({ startsAt: '2030-01-02T02:00:00Z' }),
  },
  'POST /api/bookings/:id/no-show': { id: (b) => b.booking.bookingId },
  // The service visit and the owner's inbox (issue 4). Each :param of a route is filled with the same id.
  'GET /api/visits/:id': { id: (b) => b.visit.visitId },
  'POST /api/visits/:id/photos': {
    id: (b) => b.visit.visitId,
    body: () => ({ dataUrl: 'data:image/jpeg;base64,/9j/4AAQ', caption: null }),
  },
  'GET /api/visits/:id/photos/:photoId': { id: (b) => b.visit.visitId },
  'PUT /api/visits/:id/estimate': { id: (b) => b.visit.visitId, body: () => ({ lines: [] }) },
  'POST /api/visits/:id/estimate/send': { id: (b) => b.visit.visitId },
  'POST /api/visits/:id/lines/:lineId/decision': {
    id: (b) => b.visit.visitId,
    body: () => ({ decision: 'approved', via: 'phone' }),
  },
  'POST /api/visits/:id/status': { id: (b) => b.visit.visitId, body: () => ({ status: 'in_bay', note: null }) },
  'POST /api/visits/:id/deliver': {
    id: (b) => b.visit.visitId,
    body: () => ({ payment: { method: 'cash', amountFen: 100 } }),
  },
  'GET /api/owner/visits/:id': { id: (b) => b.visit.visitId, as: 'owner' },
  'POST /api/owner/visits/:id/lines/:lineId/decision': {
    id: (b) => b.visit.visitId,
    body: () => ({ decision: 'approved' }),
    as: 'owner',
  },
  'POST /api/owner/visits/:id/rating': { id: (b) => b.visit.visitId, body: () => ({ score: 10 }), as: 'owner' },
  'GET /api/owner/visits/:id/photos/:photoId': { id: (b) => b.visit.visitId, as: 'owner' },
  'POST /api/owner/inbox/:id/read': { id: (b) => b.visit.inboxId ?? '', as: 'owner' },
  // DMS imports: B's own import ids are covered in modules/imports/imports-upload.test.ts; here B's
  // customer id stands in (an id of B that is no import of A's).
  'GET /api/imports/:id': { id: (b) => b.customerId },
  'PUT /api/imports/:id/mapping': { id: (b) => b.customerId, body: () => ({ mapping: { customerName: '姓名' } }) },
  'GET /api/imports/:id/errors': { id: (b) => b.customerId },
  'GET /api/imports/:id/errors.xlsx': { id: (b) => b.customerId },
  'POST /api/imports/:id/preview': { id: (b) => b.customerId, body: () => ({ mapping: { customerName: '姓名' } }) },
  'POST /api/imports/:id/undo': { id: (b) => b.customerId },
  // An import's catalogue values that matched nothing (issue 12).
  'GET /api/imports/:id/unlisted': { id: (b) => b.customerId },
  'GET /api/imports/samples/:kind': { id: () => 'no-such-kind-zz' },
  'PATCH /api/import-sources/:id': { id: (b) => b.importSourceId, body: () => ({ name: '改名的来源' }) },
  // Contact governance (issue 5): a customer's touch ledger.
  'GET /api/customers/:id/touches': { id: (b) => b.customerId },
  // Care rules, templates and tasks (issue 5): B's customer id stands in for a rule/template key (unknown
  // keys are 404) and for a task id (an id of B that is no task of A's).
  'PUT /api/care/rules/:key': {
    id: (b) => b.customerId,
    body: () => ({ enabled: true, timing: { daysBefore: 7 }, channel: 'sms', taskRole: null }),
  },
  'PUT /api/care/templates/:key/:channel': { id: (b) => b.customerId, body: () => ({ subject: null, body: '越界' }) },
  'GET /api/care/templates/:key/:channel/preview': { id: (b) => b.customerId },
  'POST /api/care/tasks/:id/done': { id: (b) => b.customerId, body: () => ({ outcome: '越界' }) },
  'POST /api/care/tasks/:id/snooze': { id: (b) => b.customerId, body: () => ({ until: '2030-01-01T00:00:00Z' }) },
  'POST /api/care/tasks/:id/reassign': {
    id: (b) => b.customerId,
    body: (b) => ({ assigneeId: b.staffIds.group_admin }),
  },
  // Complaints: B's customer's list and new complaint, and B's open complaint.
  'GET /api/customers/:id/complaints': { id: (b) => b.customerId },
  'POST /api/customers/:id/complaints': {
    id: (b) => b.customerId,
    body: () => ({ category: 'repair_time', channel: 'phone', summary: '越界' }),
  },
  'POST /api/complaints/:id/close': { id: (b) => b.complaintId, body: () => ({ resolution: '越界' }) },
  'DELETE /api/tenant/calendar/days/:day': { id: (b) => b.calendarDay },
  // The visit flow (issue 11): a car's booking clashes (staff and owner), a store's live staff stream
  // (404 before any stream is opened: another tenant's store is not a store here).
  'GET /api/vehicles/:id/booking-clashes': { id: (b) => b.vehicleId },
  'GET /api/owner/vehicles/:id/booking-clashes': { id: (b) => b.vehicleId, as: 'owner' },
  'GET /api/stores/:id/events': { id: (b) => b.storeId },
  // Webhooks (issue 10): B's endpoint (every :param of a route is filled with it, so its delivery too).
  'PATCH /api/webhooks/endpoints/:id': { id: (b) => b.webhook.endpointId, body: () => ({ enabled: false }) },
  'DELETE /api/webhooks/endpoints/:id': { id: (b) => b.webhook.endpointId },
  'POST /api/webhooks/endpoints/:id/rotate-secret': { id: (b) => b.webhook.endpointId },
  'GET /api/webhooks/endpoints/:id/deliveries': { id: (b) => b.webhook.endpointId },
  'GET /api/webhooks/endpoints/:id/deliveries/:deliveryId': { id: (b) => b.webhook.endpointId },
  'POST /api/webhooks/endpoints/:id/deliveries/:deliveryId/replay': { id: (b) => b.webhook.endpointId },
  // Connected cars (issue 11): B's integration, and B's car as the owner app names it.
  'POST /api/telematics/integrations/:id/revoke': { id: (b) => b.telematics.integrationId },
  'GET /api/owner/vehicles/:vehicleId/telematics': { id: (b) => b.vehicleId, as: 'owner' },
  'PUT /api/owner/vehicles/:vehicleId/telematics/consent': { id: (b) => b.vehicleId, as: 'owner' },
  'DELETE /api/owner/vehicles/:vehicleId/telematics/consent': { id: (b) => b.vehicleId, as: 'owner' },
};

/** Routes that take no id: tenant A's answer must not contain anything of tenant B. */
const listRoutes = [
  `GET /api/customers?q=${encodeURIComponent('测试')}`,
  'GET /api/stores',
  'GET /api/staff',
  'GET /api/audit',
  'GET /api/tenant/branding',
  'GET /api/vehicle-bindings?status=pending',
  'GET /api/tenant/settings',
  'GET /api/auth/staff/me',
  'GET /api/service-types',
  'GET /api/bookings',
  'GET /api/booking-stats',
  'GET /api/imports',
  'GET /api/import-sources',
  'GET /api/visits/board',
  'GET /api/contact/policy',
  'GET /api/care/rules',
  'GET /api/care/tasks?scope=store',
  'GET /api/care/dry-run',
  'GET /api/tenant/calendar?year=2026',
  'GET /api/webhooks/endpoints',
  'GET /api/service-intervals',
  'GET /api/telematics/integrations',
  'GET /api/telematics/cars',
  'GET /api/telematics/rules',
];

const fill = (url: string, id: string) => url.replace(/:[a-zA-Z]+/g, id);

describe('cross-tenant suite: tenant B’s ids answer 404 to tenant A’s users', () => {
  test('every parametrized API route is covered and answers 404', async () => {
    const { app } = await testApp();
    const a = await createTestTenant(['group_admin', 'service_advisor']);
    const b = await withBinding(await createTestTenant(['group_admin', 'service_advisor']));
    const admin = await signInStaff(a.slug, 'group.admin');
    const owner = await signInOwner(a.slug, ownerPhoneA);
    // The platform operator's routes take no tenant session at all (401 to these users):
    // test/operator-isolation.test.ts walks every one of them with staff and owner sessions.
    const routes = app.m4s.routes.filter(
      (r) => r.url.startsWith('/api/') && r.url.includes('/:') && !r.url.startsWith('/api/operator/'),
    );
    assert.ok(routes.length >= 5);
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      const c = cases[key];
      assert.ok(c, `${key} is not in the cross-tenant suite`);
      const url = fill(r.url, c.id(b));
      const agent = c.as === 'owner' ? owner : admin;
      const res = r.method === 'GET' ? await agent.get(url) : await agent.send(r.method as 'PUT', url, c.body?.(b));
      assert.equal(res.statusCode, 404, `${key} answered ${res.statusCode}: ${res.body}`);
      assert.ok(
        (!res.body.includes(b.id) && !res.body.includes(c.id(b))) || key.includes(':slug'),
        `${key} leaked B's data`,
      );
    }
  });

  test('list routes show nothing of another tenant', async () => {
    const a = await createTestTenant(['group_admin']);
    const b = await withBinding(await createTestTenant(['group_admin', 'service_advisor']), 'pending');
    const admin = await signInStaff(a.slug, 'group.admin');
    await signInStaff(b.slug, 'group.admin'); // leaves an audit entry in B
    for (const key of listRoutes) {
      const res = await admin.get(key.split(' ')[1] ?? '');
      assert.equal(res.statusCode, 200, `${key}: ${res.body}`);
      for (const secret of [b.id, b.storeId, b.otherStoreId, b.customerId, b.vehicleId, ...Object.values(b.staffIds)])
        assert.ok(!res.body.includes(secret), `${key} leaked ${secret}`);
    }
    // B's data sources (the import page's picker): neither listed nor renamed from A.
    const sources = await admin.get('/api/import-sources');
    assert.ok(!sources.body.includes(b.importSourceId), 'GET /api/import-sources leaked B’s source');
    // The owner app's list: an owner of tenant A sees none of B's cars or requests.
    const owner = await signInOwner(a.slug, '13600000008');
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
