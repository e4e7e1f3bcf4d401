import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestTenant,
  signInOwner,
  signInStaff,
  testApp,
  testClock,
  type Agent,
  type TestTenant,
} from '../../../test/harness.ts';
import { bindRules } from './garage.service.ts';

// The harness's car: VIN LFV2A21K8J3000001; its customer's phone is 13000000000.
const vinLast6 = '000001';
const plate = '沪A8K627';

/** Gives the test car a plate, a Passat's catalogue entry and dates, and three past workshop visits. */
const carWithHistory = async (t: TestTenant, admin: Agent) => {
  const car = await admin.send('PUT', `/api/vehicles/${t.vehicleId}`, {
    vin: 'LFV2A21K8J3000001',
    plate,
    brandId: 'volkswagen',
    seriesId: 'volkswagen-passat',
    modelId: 'volkswagen-passat-2022-1',
    modelYear: 2022,
    purchaseDate: '2024-01-10',
    insurer: '中国人保',
    insuranceExpiry: '2026-01-09',
    inspectionDue: '2030-01-10',
  });
  assert.equal(car.statusCode, 200, car.body);
  const visits = [
    ['RO-1', 'maintenance', '2024-04-12T02:00:00Z', 5020, '首保工时'],
    ['RO-2', 'maintenance', '2024-10-20T02:00:00Z', 11_300, '常规保养工时'],
    ['RO-3', 'general_repair', '2025-02-03T03:00:00Z', 14_800, '更换前刹车片工时'],
  ] as const;
  for (const [number, type, dateIn, mileageKm, labour] of visits) {
    const ro = await admin.send('POST', '/api/repair-orders', {
      number: `${number}-${t.slug}`,
      vehicleId: t.vehicleId,
      storeId: t.storeId,
      type,
      dateIn,
      mileageKm,
      lines: [
        { kind: 'labour', description: labour, labourHours: 1, amountFen: 18_000 },
        {
          kind: 'part',
          description: '机油滤清器',
          partNo: 'OF-1',
          quantity: 1,
          amountFen: 8500,
          costFen: 5200,
          // The next service follows the work done (repair_order_lines.work): on the brake job the part is
          // given as repair work explicitly (an explicit kind wins over the words, which say maintenance).
          ...(type === 'maintenance' ? {} : { work: 'repair' as const }),
        },
      ],
    });
    assert.equal(ro.statusCode, 201, ro.body);
  }
};

const setUp = async () => {
  const t = await createTestTenant(['group_admin', 'service_advisor', 'cashier']);
  const admin = await signInStaff(t.slug, 'group.admin');
  await carWithHistory(t, admin);
  return { t, admin };
};

const pendingOf = async (staff: Agent) => (await staff.get('/api/vehicle-bindings?status=pending')).json().items;

/** The SMS the development provider "sent" to a phone, once the outbox job has run. */
const smsTo = async (phone: string, text: string) => {
  const { app } = await testApp();
  for (let i = 0; i < 150; i += 1) {
    const items = (await app.inject({ method: 'GET', url: '/dev/outbox.json' })).json().items as {
      to: string;
      body: string;
    }[];
    const hit = items.find((m) => m.to === phone && m.body.includes(text));
    if (hit) return hit.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS to ${phone} with ${text}`);
};

describe('owner app: 我的车辆 and 维修档案', () => {
  test('bind by VIN ending and plate → the store confirms → the car and its history are visible', async () => {
    const { t, admin } = await setUp();
    const owner = await signInOwner(t.slug, '13000000000');
    assert.deepEqual((await owner.get('/api/owner/vehicles')).json(), { vehicles: [], requests: [] });

    // Lower case and the middle dot are how people type from the 行驶证.
    const bind = await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6: '000001', plate: '沪a·8k627' });
    assert.equal(bind.statusCode, 201, bind.body);
    assert.equal(bind.json().status, 'pending');
    assert.equal(bind.json().plate, plate);
    const again = await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, bind.json().id);

    assert.equal((await owner.get(`/api/owner/vehicles/${t.vehicleId}/history`)).statusCode, 404);
    const waiting = (await owner.get('/api/owner/vehicles')).json();
    assert.equal(waiting.vehicles.length, 0);
    assert.equal(waiting.requests[0].status, 'pending');
    assert.equal(waiting.requests[0].brandName, '大众');

    const [item] = await pendingOf(admin);
    assert.equal(item.id, bind.json().id);
    assert.equal(item.owner.phone, '13000000000');
    assert.equal(item.phoneMatchesCustomer, true);
    assert.equal(item.customer.name, '测试客户');
    assert.equal(item.vehicle.vin, 'LFV2A21K8J3000001');

    const cashier = await signInStaff(t.slug, 'cashier');
    assert.equal((await cashier.get('/api/vehicle-bindings')).statusCode, 403);

    const decided = await admin.send('POST', `/api/vehicle-bindings/${item.id}/decision`, { decision: 'confirmed' });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal(decided.json().status, 'confirmed');
    assert.equal(decided.json().decidedByName, 'group_admin');
    const twice = await admin.send('POST', `/api/vehicle-bindings/${item.id}/decision`, {
      decision: 'rejected',
      reason: '重复',
    });
    assert.equal(twice.statusCode, 409);
    assert.deepEqual(await pendingOf(admin), []);
    assert.match(await smsTo('13000000000', '已通过门店确认'), /沪A8K627/);

    const garage = (await owner.get('/api/owner/vehicles')).json();
    assert.equal(garage.requests.length, 0);
    const [car] = garage.vehicles;
    assert.equal(car.vinMasked, '***********000001');
    assert.equal(car.seriesName, '帕萨特');
    assert.equal(car.latestKm, 14_800);
    // Volkswagen's own terms, not the platform default.
    assert.deepEqual(car.warranty, { years: 3, km: 100_000, endsOn: '2027-01-10' });
    assert.equal(car.insuranceExpiry, '2026-01-09');
    // Last maintenance 2024-10-20 at 11,300 km; ~32.9 km a day from 14,800 km on 2025-02-03 reaches 16,300 km
    // about 46 days later, before the six months are up.
    assert.deepEqual(car.nextService, {
      dueOn: '2025-03-21',
      dueKm: 16_300,
      dueBy: 'km',
      basis: 'last_maintenance',
      basisOn: '2024-10-20',
      basisKm: 11_300,
    });

    const history = await owner.get(`/api/owner/vehicles/${t.vehicleId}/history`);
    assert.equal(history.statusCode, 200, history.body);
    const { visits } = history.json();
    assert.deepEqual(
      visits.map((v: { type: string }) => v.type),
      ['general_repair', 'maintenance', 'maintenance'],
    );
    assert.equal(visits[0].storeName, '一号店');
    assert.equal(visits[0].totalFen, 26_500);
    assert.equal(visits[0].lines[1].description, '机油滤清器');
    assert.ok(!history.body.includes('costFen') && !history.body.includes('partsCost'), 'dealer cost leaked');
  });

  test('a wrong plate or VIN ending is refused the same way; a turned-down owner may ask again', async () => {
    const { t, admin } = await setUp();
    const owner = await signInOwner(t.slug, '13700000001');
    const wrongVin = await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6: '000002', plate });
    const wrongPlate = await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate: '沪A8K628' });
    for (const res of [wrongVin, wrongPlate]) {
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().details.issues[0].path, 'vehicle');
    }
    assert.equal(wrongVin.json().details.issues[0].message, wrongPlate.json().details.issues[0].message);
    const malformed = await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6: 'ABCDEI', plate: '12' });
    assert.equal(malformed.statusCode, 400);
    assert.deepEqual(
      malformed
        .json()
        .details.issues.map((i: { path: string }) => i.path)
        .sort(),
      ['vinLast6'],
    );
    const badPlate = await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate: 'XX12345' });
    assert.equal(badPlate.json().details.issues[0].path, 'plate');

    const first = (await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate })).json();
    const [item] = await pendingOf(admin);
    assert.equal(item.phoneMatchesCustomer, false, 'this account is not the customer’s phone');
    const noReason = await admin.send('POST', `/api/vehicle-bindings/${first.id}/decision`, { decision: 'rejected' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().details.issues[0].path, 'reason');
    const rejected = await admin.send('POST', `/api/vehicle-bindings/${first.id}/decision`, {
      decision: 'rejected',
      reason: '车主信息与登记不符，请携带行驶证到店办理',
    });
    assert.equal(rejected.json().status, 'rejected');
    await smsTo('13700000001', '未通过门店确认');

    const shown = (await owner.get('/api/owner/vehicles')).json();
    assert.equal(shown.requests[0].status, 'rejected');
    assert.equal(shown.requests[0].reason, '车主信息与登记不符，请携带行驶证到店办理');
    assert.equal((await owner.get(`/api/owner/vehicles/${t.vehicleId}/history`)).statusCode, 404);

    const retry = await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate });
    assert.equal(retry.statusCode, 201, retry.body);
    assert.notEqual(retry.json().id, first.id);
    const after = (await owner.get('/api/owner/vehicles')).json();
    assert.deepEqual(
      after.requests.map((r: { status: string }) => r.status),
      ['pending'],
      'the new request replaces the refusal',
    );
  });

  test('another owner sees nothing of a car they are not confirmed for, and cannot remove someone else’s binding', async () => {
    const { t, admin } = await setUp();
    const owner = await signInOwner(t.slug, '13000000000');
    const other = await signInOwner(t.slug, '13700000002');
    const mine = (await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate })).json();
    await admin.send('POST', `/api/vehicle-bindings/${mine.id}/decision`, { decision: 'confirmed' });

    assert.equal((await owner.get(`/api/owner/vehicles/${t.vehicleId}/history`)).statusCode, 200);
    assert.equal((await other.get(`/api/owner/vehicles/${t.vehicleId}/history`)).statusCode, 404);
    const theirs = await other.get('/api/owner/vehicles');
    assert.deepEqual(theirs.json(), { vehicles: [], requests: [] });
    assert.equal((await other.send('DELETE', `/api/owner/vehicles/${mine.id}`)).statusCode, 404);
    // The other owner's own (pending) request does not open the history either.
    await other.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate });
    assert.equal((await other.get(`/api/owner/vehicles/${t.vehicleId}/history`)).statusCode, 404);

    const unbound = await owner.send('DELETE', `/api/owner/vehicles/${mine.id}`);
    assert.equal(unbound.statusCode, 200, unbound.body);
    assert.equal((await owner.get(`/api/owner/vehicles/${t.vehicleId}/history`)).statusCode, 404);
    const audit = (await admin.get('/api/audit?limit=50')).json().items.map((e: { action: string }) => e.action);
    assert.ok(audit.includes('vehicle_binding.unbound'));
    assert.ok(audit.includes('vehicle_binding.confirmed'));
  });

  test('binding tries are capped per owner and hour', async () => {
    const { t } = await setUp();
    const owner = await signInOwner(t.slug, '13700000003');
    for (let i = 0; i < bindRules.perOwnerPerHour; i += 1) {
      const miss = await owner.send('POST', '/api/owner/vehicles/bind', {
        vinLast6: String(100_000 + i),
        plate,
      });
      assert.equal(miss.statusCode, 404, miss.body);
    }
    const capped = await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate });
    assert.equal(capped.statusCode, 429);
    assert.equal(capped.json().code, 'RATE_LIMITED');
    // Another owner is not affected.
    const other = await signInOwner(t.slug, '13700000004');
    assert.equal((await other.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate })).statusCode, 201);
    testClock.advance(3600_000 + 1000);
    assert.equal((await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate })).statusCode, 201);
  });

  test('staff list: the account’s phone is masked for roles that do not call customers; full views are audited', async () => {
    const { t, admin } = await setUp();
    const owner = await signInOwner(t.slug, '13000000000');
    await owner.send('POST', '/api/owner/vehicles/bind', { vinLast6, plate });
    const advisor = await signInStaff(t.slug, 'service.advisor');
    const [seen] = await pendingOf(advisor);
    assert.equal(seen.owner.phone, '130****0000');
    assert.equal(seen.owner.phoneMasked, true);
    // The hint is computed on the full number, whoever looks.
    assert.equal(seen.phoneMatchesCustomer, true);
    const [full] = await pendingOf(admin);
    assert.equal(full.owner.phone, '13000000000');
    const audit = (await admin.get('/api/audit?limit=50')).json().items.map((e: { action: string }) => e.action);
    assert.ok(audit.includes('vehicle_binding.contacts_viewed'));
    // The customer's own advisor sees the number in full, as in the 360 view.
    const mine = await admin.send('PUT', `/api/customers/${t.customerId}`, {
      name: '测试客户',
      phones: ['13000000000'],
      source: 'walk_in',
      serviceAdvisorId: t.staffIds.service_advisor,
    });
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal((await pendingOf(advisor))[0].owner.phone, '13000000000');
  });
});
