import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BookingRow, CareTask, VisitBoard } from '@m4s/contracts';
import { createTestTenant, signInStaff, testClock, type Agent, type TestTenant } from '../../../test/harness.ts';
import { addVehicle } from '../care/test-kit.ts';
import { sqlIn } from '../contact/test-kit.ts';

/**
 * Issue 13, finding 6: with "own customers only", every list that names a customer honours the scope the
 * customer list does (customers.scope.ts) — bookings, the workshop board, a visit, care tasks — not only
 * GET /api/customers. A consultant or advisor sees their customers' rows and the rows assigned to them
 * (the booking or visit they advise, the task given to them); managers keep the whole view.
 */

const one = async (t: TestTenant, text: string, values: unknown[]) => String((await sqlIn(t.id, text, values))[0]?.id);

/** A customer of the first store, assigned to the given consultant (or no one), with a phone and a car. */
const customerWithCar = async (t: TestTenant, name: string, plate: string, consultantId: string | null) => {
  const id = await one(
    t,
    `INSERT INTO customers (tenant_id, name, source, home_store_id, sales_consultant_id)
     VALUES ($1, $2, 'walk_in', $3, $4) RETURNING id`,
    [t.id, name, t.storeId, consultantId],
  );
  await sqlIn(
    t.id,
    `INSERT INTO customer_phones (tenant_id, customer_id, phone, is_primary) VALUES ($1, $2, $3, true)`,
    [t.id, id, `1391234${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`],
  );
  return { id, vehicleId: await addVehicle(t, id, { plate }) };
};

describe('the customer scope in every list that names a customer (issue 13, finding 6)', () => {
  let t: TestTenant;
  let consultant: Agent;
  let advisor: Agent;
  let manager: Agent;
  const ids: Record<string, string> = {};

  before(async () => {
    t = await createTestTenant(['group_admin', 'sales_consultant', 'service_advisor', 'store_manager']);
    const admin = await signInStaff(t.slug, 'group.admin');
    consultant = await signInStaff(t.slug, 'sales.consultant');
    advisor = await signInStaff(t.slug, 'service.advisor');
    manager = await signInStaff(t.slug, 'store.manager');
    const mine = await customerWithCar(t, '范围甲', '沪S00001', t.staffIds.sales_consultant ?? null);
    const theirs = await customerWithCar(t, '范围乙', '沪S00002', null);
    const advised = await customerWithCar(t, '范围丙', '沪S00003', null);
    const typeId = await one(
      t,
      `INSERT INTO service_types (tenant_id, code, name, category, duration_minutes)
       VALUES ($1, 'SCOPE', '常规保养', 'maintenance', 60) RETURNING id`,
      [t.id],
    );
    const now = testClock.now();
    const book = (c: { id: string; vehicleId: string }, advisorId: string | null, minutes: number) =>
      one(
        t,
        `INSERT INTO bookings (tenant_id, store_id, customer_id, vehicle_id, service_type_id, advisor_id, starts_at, ends_at, channel)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'phone') RETURNING id`,
        [
          t.id,
          t.storeId,
          c.id,
          c.vehicleId,
          typeId,
          advisorId,
          new Date(now.getTime() + minutes * 60_000),
          new Date(now.getTime() + (minutes + 60) * 60_000),
        ],
      );
    ids.mineBooking = await book(mine, null, 1);
    ids.theirsBooking = await book(theirs, null, 2);
    // Someone else's customer, but the booking names the advisor: it is their work.
    ids.advisedBooking = await book(advised, t.staffIds.service_advisor ?? null, 3);
    const visit = (c: { id: string; vehicleId: string }, advisorId: string | null) =>
      one(
        t,
        `INSERT INTO visits (tenant_id, store_id, customer_id, vehicle_id, advisor_id, status, checked_in_at, mileage_km)
         VALUES ($1, $2, $3, $4, $5, 'in_bay', $6, 10000) RETURNING id`,
        [t.id, t.storeId, c.id, c.vehicleId, advisorId, now],
      );
    ids.mineVisit = await visit(mine, null);
    ids.theirsVisit = await visit(theirs, null);
    ids.advisedVisit = await visit(advised, t.staffIds.service_advisor ?? null);
    const task = (c: { id: string; vehicleId: string }, role: string, assigneeId: string | null, title: string) =>
      one(
        t,
        `INSERT INTO care_tasks (tenant_id, customer_id, vehicle_id, store_id, rule_key, role, assignee_id, title, script, due_at)
         VALUES ($1, $2, $3, $4, 'post_repair', $5, $6, $7, '您好……', $8) RETURNING id`,
        [t.id, c.id, c.vehicleId, t.storeId, role, assigneeId, title, now],
      );
    ids.mineTask = await task(mine, 'sales_consultant', null, '回访甲');
    ids.theirsTask = await task(theirs, 'sales_consultant', null, '回访乙');
    ids.givenTask = await task(advised, 'sales_consultant', t.staffIds.sales_consultant ?? null, '回访丙');
    const set = await admin.send('PUT', '/api/tenant/settings', { customerScope: 'own' });
    assert.equal(set.statusCode, 200, set.body);
  });

  const bookingNames = async (who: Agent) => {
    const res = await who.get(`/api/bookings?storeId=${t.storeId}`);
    assert.equal(res.statusCode, 200, res.body);
    return res
      .json<{ items: BookingRow[] }>()
      .items.map((b) => `${b.customer.name} ${b.vehicle.plate}`)
      .sort();
  };

  test('GET /api/bookings lists only the consultant’s customers and the bookings the advisor advises', async () => {
    assert.deepEqual(await bookingNames(consultant), ['范围甲 沪S00001']);
    assert.deepEqual(await bookingNames(advisor), ['范围丙 沪S00003']);
    assert.deepEqual(await bookingNames(manager), ['范围丙 沪S00003', '范围乙 沪S00002', '范围甲 沪S00001']);
  });

  test('the workshop board shows a scoped user only their cars: booked and in the workshop', async () => {
    const board = async (who: Agent) => {
      const res = await who.get(`/api/visits/board?storeId=${t.storeId}`);
      assert.equal(res.statusCode, 200, res.body);
      const b = res.json<VisitBoard>();
      return {
        booked: b.booked.map((r) => r.vehicle.plate).sort(),
        cars: [...b.checkedIn, ...b.inProgress, ...b.ready, ...b.delivered]
          .map((r) => `${r.customerName} ${r.plate}`)
          .sort(),
      };
    };
    assert.deepEqual(await board(consultant), { booked: ['沪S00001'], cars: ['范围甲 沪S00001'] });
    assert.deepEqual(await board(advisor), { booked: ['沪S00003'], cars: ['范围丙 沪S00003'] });
    const all = await board(manager);
    assert.deepEqual(all.booked, ['沪S00001', '沪S00002', '沪S00003']);
    assert.equal(all.cars.length, 3);
  });

  test('a visit or booking outside the scope is 403, to read and to change', async () => {
    assert.equal((await consultant.get(`/api/visits/${ids.mineVisit}`)).statusCode, 200);
    assert.equal((await consultant.get(`/api/visits/${ids.theirsVisit}`)).statusCode, 403);
    assert.equal((await advisor.get(`/api/visits/${ids.advisedVisit}`)).statusCode, 200);
    assert.equal((await advisor.get(`/api/visits/${ids.theirsVisit}`)).statusCode, 403);
    const moved = await consultant.send('POST', `/api/visits/${ids.theirsVisit}/status`, { status: 'quality_check' });
    assert.equal(moved.statusCode, 403, moved.body);
    const cancel = await consultant.send('POST', `/api/bookings/${ids.theirsBooking}/cancel`, { reason: null });
    assert.equal(cancel.statusCode, 403, cancel.body);
    // Nothing was written: the booking is still there for the manager.
    assert.ok((await bookingNames(manager)).includes('范围乙 沪S00002'));
    assert.equal((await manager.get(`/api/visits/${ids.theirsVisit}`)).statusCode, 200);
  });

  test('care tasks: the role’s unassigned tasks of other customers are left out; a task given to me stays', async () => {
    const titles = async (who: Agent, scope: 'mine' | 'store') => {
      const res = await who.get(`/api/care/tasks?scope=${scope}`);
      assert.equal(res.statusCode, 200, res.body);
      return res
        .json<{ items: CareTask[] }>()
        .items.map((k) => k.title)
        .sort();
    };
    assert.deepEqual(await titles(consultant, 'mine'), ['回访丙', '回访甲']);
    assert.deepEqual(await titles(consultant, 'store'), ['回访丙', '回访甲']);
    assert.deepEqual(await titles(manager, 'store'), ['回访丙', '回访乙', '回访甲']);
    const done = await consultant.send('POST', `/api/care/tasks/${ids.theirsTask}/done`, { outcome: '已联系' });
    assert.equal(done.statusCode, 404, done.body);
  });
});
