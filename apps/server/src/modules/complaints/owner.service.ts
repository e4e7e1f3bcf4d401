import type { z } from 'zod';
import {
  complaintInput,
  type OwnerComplaint,
  type OwnerComplaintDetail,
  type ownerComplaintFollowUp,
  type ownerComplaintInfo,
  type ownerComplaintInput,
} from '@m4s/contracts';
import type { Ctx, OwnerCtx, StaffCtx } from '../../platform/context.ts';
import { customers } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { and, eq } from 'drizzle-orm';
import { customersOfOwnerAccount } from '../contact/contact.service.ts';
import { decodePhoto, reencoded } from '../../platform/photos.ts';
import * as cq from './cases.queries.ts';
import { calendarFor } from './complaints.deadlines.ts';
import { scheduleDeadlines } from './complaints.escalation.ts';
import * as q from './complaints.queries.ts';
import { createCase, loadComplaint } from './complaints.service.ts';
import { act, followUpValues } from './cases.service.ts';
import { refuse } from './complaints.rules.ts';

/** Evidence photos per case (the owner's and staff's together). */
export const photosPerCase = 12;

/** Each photo checked by its content and re-encoded (no EXIF: no position), as the visit photos are. */
const savePhotos = async (
  ctx: Ctx,
  complaintId: string,
  dataUrls: readonly string[],
  by: { staffId: string | null; ownerId: string | null },
) => {
  const existing = await cq.photoIdsOf(ctx.db, ctx.tenantId, complaintId);
  if (existing.length + dataUrls.length > photosPerCase) throw AppError.field('photos', 'photo_limit');
  const ids: string[] = [];
  for (const dataUrl of dataUrls) {
    if (!decodePhoto(dataUrl)) throw AppError.field('photos', 'photo_format');
    const clean = await reencoded(dataUrl).catch((error: unknown) => {
      if (error instanceof AppError)
        throw AppError.field('photos', error.details.issues?.[0]?.message ?? 'photo_format');
      throw error;
    });
    ids.push(
      await cq.insertPhoto(ctx.db, {
        tenantId: ctx.tenantId,
        complaintId,
        dataUrl: clean,
        ...by,
        createdAt: ctx.clock.now(),
      }),
    );
  }
  return ids;
};

/** Staff add an evidence photo to the case. */
export const addStaffPhoto = (ctx: StaffCtx, id: string, dataUrl: string) =>
  act(ctx, id, 'note', async ({ event }) => {
    await savePhotos(ctx, id, [dataUrl], { staffId: ctx.actor.id, ownerId: null });
    await event({ kind: 'photo_added' });
  });

export const photoOf = async (ctx: Ctx, complaintId: string, photoId: string) => {
  const dataUrl = await cq.photoData(ctx.db, ctx.tenantId, complaintId, photoId);
  const photo = dataUrl ? decodePhoto(dataUrl) : null;
  if (!photo) throw new AppError('NOT_FOUND');
  return photo;
};

/** The owner's case: only one of the customers the app account speaks for, else 404 (never 403: no probing). */
const ownCase = async (ctx: OwnerCtx, id: string) => {
  const mine = await customersOfOwnerAccount(ctx);
  const row = await q.findComplaint(ctx.db, ctx.tenantId, id);
  if (!row || !mine.includes(row.c.customerId)) throw new AppError('NOT_FOUND');
  return row;
};

const publicKinds = new Set([
  'received',
  'contacted',
  'answered',
  'resolved',
  'followed_up',
  'reopened',
  'evaluated',
  'closed',
  'note',
  'owner_info',
]);

const toOwner = (
  row: q.ComplaintRow,
  last: { at: Date; kind: string; text: string | null } | null,
  photoIds: string[],
): OwnerComplaint => ({
  id: row.c.id,
  kind: row.c.kind,
  category: row.c.category,
  severity: row.c.severity,
  stage: row.c.stage,
  summary: row.c.summary,
  customerRequest: row.c.customerRequest,
  plate: row.plate,
  receivedAt: row.c.receivedAt.toISOString(),
  lastUpdate: last ? { at: last.at.toISOString(), kind: last.kind, text: last.text } : null,
  solution: row.c.solution,
  adopted: row.c.adopted,
  awaitingFollowUp: row.c.status === 'open' && row.c.stage === 'resolved',
  photoIds,
});

export const ownerCases = async (ctx: OwnerCtx): Promise<OwnerComplaint[]> => {
  const mine = await customersOfOwnerAccount(ctx);
  const rows = (await Promise.all(mine.map((id) => q.complaintsOfCustomer(ctx.db, ctx.tenantId, id)))).flat();
  rows.sort((a, b) => b.c.receivedAt.getTime() - a.c.receivedAt.getTime());
  const last = await cq.lastPublicEvents(
    ctx.db,
    ctx.tenantId,
    rows.map((r) => r.c.id),
  );
  const out: OwnerComplaint[] = [];
  for (const r of rows)
    out.push(toOwner(r, last.get(r.c.id) ?? null, await cq.photoIdsOf(ctx.db, ctx.tenantId, r.c.id)));
  return out;
};

/** One case with its public updates only: internal notes, transfers, escalations and warnings never show. */
export const ownerCase = async (ctx: OwnerCtx, id: string): Promise<OwnerComplaintDetail> => {
  const row = await ownCase(ctx, id);
  const events = (await cq.eventsOf(ctx.db, ctx.tenantId, id)).filter((e) => e.e.public && publicKinds.has(e.e.kind));
  const last = events.at(-1)?.e ?? null;
  return {
    ...toOwner(row, last, await cq.photoIdsOf(ctx.db, ctx.tenantId, id)),
    updates: events.map((e) => ({
      at: e.e.at.toISOString(),
      kind: e.e.kind,
      text: e.e.text,
      byOwner: e.e.ownerId !== null,
    })),
  };
};

/** The customer the owner files for: the car's owner when a car is named (one of theirs), else their own record. */
const customerFor = async (ctx: OwnerCtx, vehicleId: string | null) => {
  const mine = await customersOfOwnerAccount(ctx);
  if (vehicleId) {
    for (const id of mine) if (await q.customerOwnsVehicle(ctx.db, ctx.tenantId, id, vehicleId)) return id;
    throw AppError.field('vehicleId', 'complaint_vehicle_not_customers');
  }
  const first = mine[0];
  if (!first) throw refuse('complaint_no_customer', 'customer');
  return first;
};

/** A complaint or suggestion filed in the owner app, with its photos; nobody on staff has received it yet. */
export const fileOwnerCase = async (
  ctx: OwnerCtx,
  input: z.output<typeof ownerComplaintInput>,
): Promise<OwnerComplaintDetail> => {
  const customerId = await customerFor(ctx, input.vehicleId);
  const [cust] = await ctx.db
    .select({ storeId: customers.homeStoreId })
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.tenantId), eq(customers.id, customerId)));
  const data = complaintInput.parse({
    kind: input.kind,
    category: input.category,
    channel: 'app',
    summary: input.summary,
    customerRequest: input.customerRequest,
    vehicleId: input.vehicleId,
  });
  const { id } = await createCase(ctx, {
    customerId,
    storeId: cust?.storeId ?? null,
    receivedBy: null,
    ownerId: ctx.actor.id,
    data,
  });
  await savePhotos(ctx, id, input.photos, { staffId: null, ownerId: ctx.actor.id });
  return ownerCase(ctx, id);
};

/** More information from the owner (text, photos), while the case is open. */
export const addOwnerInfo = async (ctx: OwnerCtx, id: string, input: z.output<typeof ownerComplaintInfo>) => {
  const row = await ownCase(ctx, id);
  if (row.c.status === 'closed') throw refuse('complaint_closed');
  await cq.addEvent(ctx.db, {
    tenantId: ctx.tenantId,
    complaintId: id,
    at: ctx.clock.now(),
    kind: 'owner_info',
    ownerId: ctx.actor.id,
    public: true,
    text: input.text,
  });
  await savePhotos(ctx, id, input.photos, { staffId: null, ownerId: ctx.actor.id });
  return ownerCase(ctx, id);
};

/** The owner's own answer to the follow-up: satisfied, or not (the case is reopened and reviewed). */
export const ownerFollowUp = async (ctx: OwnerCtx, id: string, input: z.output<typeof ownerComplaintFollowUp>) => {
  await ownCase(ctx, id);
  await q.lockComplaint(ctx.db, ctx.tenantId, id);
  const { c } = await loadComplaint(ctx, id);
  if (c.status !== 'open' || c.stage !== 'resolved') throw refuse('complaint_owner_not_awaiting');
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, now);
  const values = await followUpValues(
    {
      c,
      cal,
      now,
      event: (e) =>
        cq.addEvent(ctx.db, { tenantId: ctx.tenantId, complaintId: id, at: now, ownerId: ctx.actor.id, ...e }),
    },
    input,
  );
  await q.updateComplaint(ctx.db, ctx.tenantId, id, values);
  await scheduleDeadlines(ctx, { ...c, ...values }, cal);
  return ownerCase(ctx, id);
};
