import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import {
  bookings,
  estimateLines,
  inboxMessages,
  owners,
  serviceTypes,
  vehicleBindings,
  visitPhotos,
  visits,
} from '../../platform/db/schema/index.ts';
import {
  createTestTenant,
  signInOwner,
  signInStaff,
  testApp,
  testClock,
  type Agent,
  type TestTenant,
} from '../../../test/harness.ts';

/** A tiny real JPEG (8×8, blue) as the advisor app sends it: the server decodes and re-encodes every photo. */
export const jpegDataUrl =
  'data:image/jpeg;base64,/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCXAUUYf//Z';

export const ownerPhone = '13000000000';
export const plate = '沪AK2736';

export type VisitWorld = {
  t: TestTenant;
  admin: Agent;
  advisor: Agent;
  cashier: Agent;
  owner: Agent;
  ownerId: string;
  serviceTypeId: string;
  bookingId: string;
};

/**
 * A tenant whose test car (plate 沪AK2736, bought ~400 days ago, serviced once at 9,800 km) is bound
 * in the app by 13000000000, with a 常规保养 booking at the Pudong-like store starting now.
 */
export const visitWorld = async (opts: { confirmed?: boolean } = {}): Promise<VisitWorld> => {
  const { db } = await testApp();
  const t = await createTestTenant(['group_admin', 'service_advisor', 'cashier']);
  const admin = await signInStaff(t.slug, 'group.admin');
  const purchase = new Date(testClock.now().getTime() - 400 * 86_400_000).toISOString().slice(0, 10);
  const car = await admin.send('PUT', `/api/vehicles/${t.vehicleId}`, {
    vin: 'LFV2A21K8J3000001',
    plate,
    brandId: 'volkswagen',
    seriesId: 'volkswagen-passat',
    modelId: 'volkswagen-passat-2022-1',
    purchaseDate: purchase,
  });
  assert.equal(car.statusCode, 200, car.body);
  const ro = await admin.send('POST', '/api/repair-orders', {
    number: `OLD-${t.slug}`,
    vehicleId: t.vehicleId,
    storeId: t.storeId,
    type: 'maintenance',
    dateIn: new Date(testClock.now().getTime() - 200 * 86_400_000).toISOString(),
    mileageKm: 9800,
    lines: [{ kind: 'labour', description: '首次保养工时', amountFen: 0 }],
  });
  assert.equal(ro.statusCode, 201, ro.body);
  const now = testClock.now();
  const ids = await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const [owner] = await tx.insert(owners).values({ tenantId: t.id, phone: ownerPhone, name: '测试车主' }).returning();
    if (!owner) throw new Error('no owner');
    await tx.insert(vehicleBindings).values({
      tenantId: t.id,
      ownerId: owner.id,
      vehicleId: t.vehicleId,
      status: opts.confirmed === false ? 'pending' : 'confirmed',
      decidedAt: now,
    });
    const [type] = await tx
      .insert(serviceTypes)
      .values({ tenantId: t.id, code: 'MAINT', name: '常规保养', category: 'maintenance', durationMinutes: 90 })
      .returning();
    if (!type) throw new Error('no service type');
    const [booking] = await tx
      .insert(bookings)
      .values({
        tenantId: t.id,
        storeId: t.storeId,
        customerId: t.customerId,
        vehicleId: t.vehicleId,
        ownerId: owner.id,
        serviceTypeId: type.id,
        advisorId: t.staffIds.service_advisor ?? null,
        startsAt: now,
        endsAt: new Date(now.getTime() + 30 * 60_000),
        channel: 'app',
        concerns: '左前轮有异响',
      })
      .returning();
    if (!booking) throw new Error('no booking');
    return { ownerId: owner.id, serviceTypeId: type.id, bookingId: booking.id };
  });
  return {
    t,
    admin,
    advisor: await signInStaff(t.slug, 'service.advisor'),
    cashier: await signInStaff(t.slug, 'cashier'),
    owner: await signInOwner(t.slug, ownerPhone),
    ...ids,
  };
};

/** Checks the booked car in at 12,345 km with one photo; returns the visit id. */
export const checkInBooked = async (w: VisitWorld) => {
  const res = await w.advisor.send('POST', '/api/visits', {
    bookingId: w.bookingId,
    mileageKm: 12_345,
    inspectionNotes: '右后门轻微划痕',
    promisedAt: null,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string }>().id;
};

export const line = (description: string, amountFen: number, kind: 'labour' | 'part' = 'labour') => ({
  kind,
  description,
  amountFen,
  costFen: kind === 'part' ? Math.round(amountFen * 0.6) : 0,
  ...(kind === 'labour' ? { labourHours: 1 } : { quantity: 1, partNo: 'P-1' }),
});

export const move = async (staff: Agent, visitId: string, status: string) => {
  const res = await staff.send('POST', `/api/visits/${visitId}/status`, { status });
  assert.equal(res.statusCode, 200, `${status}: ${res.body}`);
  return res.json<{ status: string }>();
};

export type VisitRows = { visitId: string; lineId: string; photoId: string; inboxId: string | null };

/**
 * A walk-in visit of the tenant's test car with a proposed line and a photo, and (when the car has an
 * app account bound) a message in that owner's inbox: rows for the cross-tenant suite, written directly.
 */
export const visitRowsFor = async (t: TestTenant): Promise<VisitRows> => {
  const { db } = await testApp();
  return db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const now = new Date();
    const [visit] = await tx
      .insert(visits)
      .values({
        tenantId: t.id,
        storeId: t.storeId,
        customerId: t.customerId,
        vehicleId: t.vehicleId,
        checkedInAt: now,
      })
      .returning({ id: visits.id });
    if (!visit) throw new Error('no visit');
    const [row] = await tx
      .insert(estimateLines)
      .values({
        tenantId: t.id,
        visitId: visit.id,
        position: 0,
        kind: 'labour',
        description: '越界测试',
        amountFen: 100,
        status: 'proposed',
        proposedAt: now,
      })
      .returning({ id: estimateLines.id });
    const [photo] = await tx
      .insert(visitPhotos)
      .values({ tenantId: t.id, visitId: visit.id, dataUrl: jpegDataUrl })
      .returning({ id: visitPhotos.id });
    const [owner] = await tx
      .select({ id: owners.id })
      .from(vehicleBindings)
      .innerJoin(owners, and(eq(owners.tenantId, vehicleBindings.tenantId), eq(owners.id, vehicleBindings.ownerId)))
      .where(and(eq(vehicleBindings.tenantId, t.id), eq(vehicleBindings.vehicleId, t.vehicleId)));
    const [message] = owner
      ? await tx
          .insert(inboxMessages)
          .values({
            tenantId: t.id,
            ownerId: owner.id,
            kind: 'transactional',
            topic: 'test',
            title: '越界',
            body: '越界',
          })
          .returning({ id: inboxMessages.id })
      : [];
    if (!row || !photo) throw new Error('no line or photo');
    return { visitId: visit.id, lineId: row.id, photoId: photo.id, inboxId: message?.id ?? null };
  });
};

/** The shared test app on a real port (light-my-request cannot stream); every test file may ask. */
export const baseUrl = async (app: FastifyInstance) => {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
};

export type Frame = { event: string; data: Record<string, unknown> };

/** An open event stream (an owner's, a store's): frames as they arrive, and a wait for the next one of a kind. */
export const openStream = async (url: string, cookie: string) => {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: abort.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const body = res.body;
  if (!body) throw new Error('no body');
  // Read as an async iterable (typed by the ES library, whatever DOM or Node stream types are in scope).
  const reader = (body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const decoder = new TextDecoder();
  let buffer = '';
  const frames: Frame[] = [];
  const pump = async () => {
    const step = await reader.next();
    if (step.done === true) throw new Error('stream ended');
    const value = step.value;
    buffer += decoder.decode(value, { stream: true });
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event && data) frames.push({ event, data: JSON.parse(data) as Record<string, unknown> });
      if (block.includes(': connected')) frames.push({ event: 'connected', data: {} });
      cut = buffer.indexOf('\n\n');
    }
  };
  const next = async (event: string, timeoutMs = 10_000): Promise<Frame> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = frames.findIndex((f) => f.event === event);
      if (i >= 0) return frames.splice(i, 1)[0] as Frame;
      if (Date.now() > deadline) throw new Error(`no ${event} event`);
      await Promise.race([pump(), new Promise((r) => setTimeout(r, deadline - Date.now()))]);
    }
  };
  return { next, frames, close: () => abort.abort() };
};
