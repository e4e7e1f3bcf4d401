/** Helpers of the booking tests: a bookable store, owners with confirmed cars, a job context. */
import assert from 'node:assert/strict';
import { customerInput, type OpeningHours, type Role } from '@m4s/contracts';
import {
  agentFrom,
  createTestTenant,
  randomIp,
  signInStaff,
  storeInput,
  testApp,
  testClock,
  type Agent,
  type TestTenant,
} from '../../../test/harness.ts';
import { createSession, cookieNames } from '../../platform/auth/sessions.ts';
import { systemCtx, type Ctx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import {
  advisorLeave,
  bookings,
  customers,
  owners,
  serviceTypes,
  staff,
  storeClosures,
  vehicleBindings,
  vehicles,
} from '../../platform/db/schema/index.ts';
import { addDays, localOf } from '../../platform/time/zone.ts';

export const tz = 'Asia/Shanghai';

/** Open every day, with a lunch break and an evening period (晚间服务). */
const day = [
  { open: '08:30', close: '12:00' },
  { open: '13:00', close: '18:00' },
  { open: '19:00', close: '21:00' },
];
export const hours: OpeningHours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };

/** The day after tomorrow, tenant time: far enough from now for any lead time the tests set. */
export const targetDay = () => addDays(localOf(testClock.now(), tz).day, 2);

/** An instant given as tenant-local day and clock time (Asia/Shanghai has no DST: +08:00). */
export const at = (dayText: string, time: string) => new Date(`${dayText}T${time}:00+08:00`).toISOString();

export type BookingSetup = {
  t: TestTenant;
  admin: Agent;
  advisorIds: string[];
  serviceTypeId: string;
};

/** A tenant whose first store is open every day (with evenings), `advisors` service advisors and one service type. */
export const bookableStore = async (
  settings: { bays: number; walkInSharePct: number; onlineSharePct: number; leadMinutes?: number },
  advisors = 2,
  roles: Role[] = ['group_admin', 'service_manager'],
): Promise<BookingSetup> => {
  const { db } = await testApp();
  const t = await createTestTenant(roles);
  const admin = await signInStaff(t.slug, 'group.admin');
  const store = await admin.send('PUT', `/api/stores/${t.storeId}`, {
    ...storeInput('S1', '一号店'),
    openingHours: hours,
  });
  assert.equal(store.statusCode, 200, store.body);
  const advisorIds = await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const rows = await tx
      .insert(staff)
      .values(
        Array.from({ length: advisors }, (_, i) => ({
          tenantId: t.id,
          storeId: t.storeId,
          login: `sa.${i}`,
          name: `顾问${i + 1}`,
          role: 'service_advisor' as const,
          passwordHash: 'x',
        })),
      )
      .returning({ id: staff.id });
    return rows.map((r) => r.id);
  });
  const put = await admin.send('PUT', `/api/stores/${t.storeId}/booking-settings`, {
    slotMinutes: 30,
    horizonDays: 30,
    leadMinutes: settings.leadMinutes ?? 60,
    ...settings,
  });
  assert.equal(put.statusCode, 200, put.body);
  const type = await admin.send('POST', '/api/service-types', {
    code: 'MAINT',
    name: '常规保养',
    category: 'maintenance',
    durationMinutes: 90,
    priceMinFen: 48_000,
    priceMaxFen: 98_000,
    bring: '行驶证、保养手册',
  });
  assert.equal(type.statusCode, 201, type.body);
  return { t, admin, advisorIds, serviceTypeId: type.json<{ id: string }>().id };
};

export type OwnerWithCar = { agent: Agent; ownerId: string; vehicleId: string; customerId: string; phone: string };

/** `n` app accounts, each with a car confirmed to it, signed in — written directly, for speed. */
export const ownersWithCars = async (t: TestTenant, n: number, phoneBase = 15_000_000_000): Promise<OwnerWithCar[]> => {
  const { app, db } = await testApp();
  const now = new Date();
  const made = await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const phones = Array.from({ length: n }, (_, i) => String(phoneBase + i));
    const base = customerInput.parse({ name: '测', phones: ['13000000000'], source: 'online' });
    const { phones: _p, ...fields } = base;
    const cs = await tx
      .insert(customers)
      .values(phones.map((_, i) => ({ ...fields, tenantId: t.id, name: `车主${i}`, gender: 'male' as const })))
      .returning({ id: customers.id });
    const vs = await tx
      .insert(vehicles)
      .values(
        cs.map((c, i) => ({
          tenantId: t.id,
          vin: `TESTVIN${String(i).padStart(10, '0')}`,
          plate: `沪B${String(10_000 + i)}`,
          ownerId: c.id,
        })),
      )
      .returning({ id: vehicles.id });
    const os = await tx
      .insert(owners)
      .values(phones.map((phone) => ({ tenantId: t.id, phone, name: null })))
      .returning({ id: owners.id });
    await tx.insert(vehicleBindings).values(
      os.map((o, i) => ({
        tenantId: t.id,
        ownerId: o.id,
        vehicleId: vs[i]?.id ?? '',
        status: 'confirmed' as const,
        decidedAt: now,
      })),
    );
    const sessions: Awaited<ReturnType<typeof createSession>>[] = [];
    for (const o of os)
      sessions.push(
        await createSession(tx, {
          tenantId: t.id,
          kind: 'owner',
          subjectId: o.id,
          ip: '10.0.0.1',
          userAgent: null,
          now,
        }),
      );
    return os.map((o, i) => ({
      ownerId: o.id,
      vehicleId: vs[i]?.id ?? '',
      customerId: cs[i]?.id ?? '',
      phone: phones[i] ?? '',
      session: sessions[i],
    }));
  });
  return made.map((m) => ({
    ...m,
    agent: agentFrom(app, `${cookieNames.owner}=${m.session?.cookie}`, m.session?.csrfToken ?? '', randomIp()),
  }));
};

/** A booking request of the owner app, with its Idempotency-Key. */
export const book = (agent: Agent, body: object, key: string = crypto.randomUUID()) =>
  agent.inject({
    method: 'POST',
    url: '/api/owner/bookings',
    payload: body,
    headers: { 'x-csrf-token': agent.csrf, 'idempotency-key': key },
  });

const noJobs: JobQueue = { send: async () => {}, sendMany: async () => {} };

/**
 * Runs `fn` as a job would: the tenant's transaction, the system actor, the test clock. Jobs it queues go
 * to `jobs` (nowhere unless told).
 */
export const asJob = async <T>(tenantId: string, fn: (ctx: Ctx) => Promise<T>, jobs = noJobs): Promise<T> => {
  const { app, db } = await testApp();
  return db.transaction({ tenantId }, (tx) =>
    fn(systemCtx({ tenantId, tx, jobs, clock: testClock, log: app.log, requestId: 'test-job' })),
  );
};

/** Free places of one slot, as a channel sees it (-1: no such slot listed). */
export const freeAt = async (agent: Agent, storeId: string, startsAt: string, query = '') => {
  const dayText = localOf(new Date(startsAt), tz).day;
  const res = await agent.get(`/api/stores/${storeId}/availability?from=${dayText}&days=1${query}`);
  assert.equal(res.statusCode, 200, res.body);
  const days = res.json<{ days: { slots: { startsAt: string; free: number }[] }[] }>().days;
  const slot = days[0]?.slots.find((s) => Date.parse(s.startsAt) === Date.parse(startsAt));
  return slot ? slot.free : -1;
};

export type BookingRows = { serviceTypeId: string; closureId: string; leaveId: string; bookingId: string };

/** A tenant's booking rows (a service type, closure, advisor leave and a booking), for the cross-tenant suite. */
export const bookingRowsFor = async (t: TestTenant): Promise<BookingRows> => {
  const { db } = await testApp();
  const advisorId = t.staffIds.service_advisor ?? null;
  return db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const [type] = await tx
      .insert(serviceTypes)
      .values({ tenantId: t.id, code: 'X-B', name: '越界项目', category: 'maintenance', durationMinutes: 60 })
      .returning({ id: serviceTypes.id });
    const [closure] = await tx
      .insert(storeClosures)
      .values({ tenantId: t.id, storeId: t.storeId, date: '2030-10-01', reason: '国庆节' })
      .returning({ id: storeClosures.id });
    const [leave] = advisorId
      ? await tx
          .insert(advisorLeave)
          .values({ tenantId: t.id, staffId: advisorId, date: '2030-10-02', note: null })
          .returning({ id: advisorLeave.id })
      : [];
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const [booking] = await tx
      .insert(bookings)
      .values({
        tenantId: t.id,
        storeId: t.storeId,
        customerId: t.customerId,
        vehicleId: t.vehicleId,
        serviceTypeId: type?.id ?? '',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3600_000),
        channel: 'phone',
      })
      .returning({ id: bookings.id });
    return {
      serviceTypeId: type?.id ?? '',
      closureId: closure?.id ?? '',
      leaveId: leave?.id ?? '',
      bookingId: booking?.id ?? '',
    };
  });
};
