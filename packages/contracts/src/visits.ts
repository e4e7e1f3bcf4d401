/**
 * The service visit (issue 4): check-in, photos, the line-by-line estimate, stages, delivery, rating, the
 * owner's view, the message centre (消息中心) and the live events. Vocabulary (stages, transitions) is in
 * service.ts. Money in fen; times are ISO strings with offset.
 */
import { z } from 'zod';
import { checkoutLoyalty } from './loyalty.ts';
import { isoDay, uuid } from './common.ts';
import { bookingRow } from './booking.ts';
import { repairLineInput, workKinds } from './history.ts';
import { decisionVias, estimateLineStatuses, paymentMethods, visitStatuses } from './service.ts';

const fen = z.number().int().min(0).max(1e12);
const note = (max: number) => z.string().trim().max(max).nullable().default(null);

export const visitStatus = z.enum(visitStatuses);
export const estimateLineStatus = z.enum(estimateLineStatuses);

/** Largest photo accepted, counted on the data URL itself (the advisor app compresses to ≤ 1280 px JPEG). */
export const visitPhotoMaxChars = 1_500_000;
export const visitPhotoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

// ── Params and queries ──────────────────────────────────────────────────────────────────────────────

export const visitPhotoParams = z.strictObject({ id: uuid, photoId: uuid });
export const visitLineParams = z.strictObject({ id: uuid, lineId: uuid });
/** One store's board; `date` defaults to today in the tenant's zone, `storeId` to the staff's store (group roles: the first store by code). */
export const visitBoardQuery = z.strictObject({ storeId: uuid.optional(), date: isoDay.optional() });

// ── Staff requests ──────────────────────────────────────────────────────────────────────────────────
/**
 * Check-in (接车): either of a booking (`bookingId`; the booking becomes arrived) or a walk-in
 * (`customerId`, `vehicleId`, `storeId`). The mileage reading feeds the car's mileage series.
 */
export const visitCheckInBody = z
  .strictObject({
    bookingId: uuid.nullable().default(null),
    customerId: uuid.nullable().default(null),
    vehicleId: uuid.nullable().default(null),
    storeId: uuid.nullable().default(null),
    mileageKm: z.number().int().min(0).max(2_000_000),
    concerns: note(1000),
    inspectionNotes: note(2000),
    promisedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  })
  .superRefine((b, ctx) => {
    if (b.bookingId) return;
    for (const key of ['customerId', 'vehicleId', 'storeId'] as const) {
      if (!b[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required' });
    }
  });
export type VisitCheckInBody = z.input<typeof visitCheckInBody>;

/** An exterior-inspection photo as a data URL (image/jpeg, image/png or image/webp, ≤ 1.5 MB). */
export const visitPhotoBody = z.strictObject({
  dataUrl: z
    .string()
    .max(visitPhotoMaxChars, { message: 'photo_size' })
    .regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+=*$/, { message: 'photo_format' }),
  caption: note(100),
});
export type VisitPhotoBody = z.input<typeof visitPhotoBody>;
export const visitPhotoCreated = z.object({ id: uuid });
/** One line of the estimate as the advisor edits it; `id` keeps an existing draft line, none adds one. */
export const estimateLineInput = repairLineInput.extend({ id: uuid.optional() });
export type EstimateLineInput = z.input<typeof estimateLineInput>;

/** Replaces the draft lines; proposed and decided lines stay as they are. */
export const estimateBody = z.strictObject({ lines: z.array(estimateLineInput).max(100) });
export type EstimateBody = z.input<typeof estimateBody>;

/** The advisor records a decision the owner gave on the phone or at the counter (who and when are kept). */
export const staffLineDecisionBody = z.strictObject({
  decision: z.enum(['approved', 'declined']),
  via: z.enum(['phone', 'in_person']),
  /** Changes a decision made already (after the app's 确认 dialog); refused once work on the line has started. */
  change: z.boolean().default(false),
});
export type StaffLineDecisionBody = z.infer<typeof staffLineDecisionBody>;

/** Moves the visit to the next stage (contracts visitTransitions); `delivered` only through /deliver. */
export const visitStatusBody = z.strictObject({ status: visitStatus, note: note(500) });
export type VisitStatusBody = z.input<typeof visitStatusBody>;

export const visitDeliverBody = z.strictObject({
  payment: z.strictObject({ method: z.enum(paymentMethods), amountFen: fen }),
  /** A coupon of the customer and points to pay with (docs/loyalty.md), validated at delivery. */
  loyalty: checkoutLoyalty.optional(),
});
export type VisitDeliverBody = z.infer<typeof visitDeliverBody>;

/** POST /api/visits/:id/payment/void: why the payment is taken back (audited). */
export const visitVoidPaymentBody = z.strictObject({ reason: z.string().trim().min(2).max(200) });

// ── Staff responses ─────────────────────────────────────────────────────────────────────────────────
export const estimateLine = z.object({
  id: uuid,
  position: z.number(),
  kind: z.enum(['labour', 'part']),
  description: z.string(),
  partNo: z.string().nullable(),
  quantity: z.number(),
  labourHours: z.number().nullable(),
  amountFen: z.number(),
  costFen: z.number(),
  work: z.enum(workKinds),
  status: estimateLineStatus,
  addedDuringRepair: z.boolean(),
  proposedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedVia: z.enum(decisionVias).nullable(),
  /** The staff member who recorded a phone or in-person decision. */
  recordedByName: z.string().nullable(),
  /** A decided line whose decision may still be changed (`change: true`): work on it has not started. */
  changeable: z.boolean(),
});
export type EstimateLine = z.infer<typeof estimateLine>;

/** Sums of line amounts by status (fen). */
export const estimateTotals = z.object({
  draftFen: z.number(),
  proposedFen: z.number(),
  approvedFen: z.number(),
  declinedFen: z.number(),
});
export type EstimateTotals = z.infer<typeof estimateTotals>;

export const visitEvent = z.object({
  status: visitStatus,
  at: z.string(),
  staffName: z.string().nullable(),
  note: z.string().nullable(),
});
export type VisitEvent = z.infer<typeof visitEvent>;

export const visitPayment = z.object({
  id: uuid,
  method: z.enum(paymentMethods),
  amountFen: z.number(),
  cashierName: z.string().nullable(),
  paidAt: z.string(),
});
export type VisitPayment = z.infer<typeof visitPayment>;

export const visitRating = z.object({ score: z.number(), comment: z.string().nullable(), at: z.string() });

/** A car in the workshop as staff see it. */
export const visit = z.object({
  id: uuid,
  status: visitStatus,
  storeId: uuid,
  storeName: z.string(),
  bookingId: uuid.nullable(),
  serviceTypeName: z.string().nullable(),
  checkedInAt: z.string(),
  promisedAt: z.string().nullable(),
  mileageKm: z.number().nullable(),
  concerns: z.string().nullable(),
  inspectionNotes: z.string().nullable(),
  customer: z.object({ id: uuid, name: z.string(), phone: z.string().nullable(), phoneMasked: z.boolean() }),
  vehicle: z.object({
    id: uuid,
    vin: z.string(),
    plate: z.string().nullable(),
    brandName: z.string().nullable(),
    seriesName: z.string().nullable(),
    modelName: z.string().nullable(),
  }),
  advisor: z.object({ id: uuid, name: z.string() }).nullable(),
  events: z.array(visitEvent),
  photos: z.array(z.object({ id: uuid, caption: z.string().nullable(), createdAt: z.string() })),
  lines: z.array(estimateLine),
  totals: estimateTotals,
  payments: z.array(visitPayment),
  repairOrderId: uuid.nullable(),
  repairOrderNumber: z.string().nullable(),
  nextServiceDate: z.string().nullable(),
  nextServiceKm: z.number().nullable(),
  deliveredAt: z.string().nullable(),
  rating: visitRating.nullable(),
  /** The stages this visit may move to now (from visitTransitions; `delivered` goes through /deliver). */
  nextStatuses: z.array(visitStatus),
});
export type Visit = z.infer<typeof visit>;

/** One card on the board. */
export const visitRow = z.object({
  id: uuid,
  status: visitStatus,
  bookingId: uuid.nullable(),
  checkedInAt: z.string(),
  statusAt: z.string(),
  promisedAt: z.string().nullable(),
  customerName: z.string(),
  plate: z.string().nullable(),
  modelName: z.string().nullable(),
  advisorName: z.string().nullable(),
  serviceTypeName: z.string().nullable(),
  /** Proposed lines still waiting for the owner's decision. */
  undecidedLines: z.number(),
});
export type VisitRow = z.infer<typeof visitRow>;

export const visitBoard = z.object({
  storeId: uuid,
  date: z.string(),
  /** The day's bookings not yet checked in (status booked), same rows as GET /api/bookings. */
  booked: z.array(bookingRow),
  checkedIn: z.array(visitRow),
  inProgress: z.array(visitRow),
  ready: z.array(visitRow),
  delivered: z.array(visitRow),
});
export type VisitBoard = z.infer<typeof visitBoard>;

// ── Owner app ───────────────────────────────────────────────────────────────────────────────────────
export const ownerLineDecisionBody = z.strictObject({
  decision: z.enum(['approved', 'declined']),
  /** Changes a decision made already (after the app's 确认 dialog); refused once work on the line has started. */
  change: z.boolean().default(false),
});
export type OwnerLineDecisionBody = z.input<typeof ownerLineDecisionBody>;

export const visitRatingBody = z.strictObject({ score: z.number().int().min(0).max(10), comment: note(500) });
export type VisitRatingBody = z.input<typeof visitRatingBody>;

/** An estimate line as the owner sees it: what they pay, never the dealer's cost or draft lines. */
export const ownerEstimateLine = z.object({
  id: uuid,
  kind: z.enum(['labour', 'part']),
  description: z.string(),
  quantity: z.number(),
  labourHours: z.number().nullable(),
  amountFen: z.number(),
  status: z.enum(['proposed', 'approved', 'declined']),
  addedDuringRepair: z.boolean(),
  proposedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedVia: z.enum(decisionVias).nullable(),
  /** A decided line whose decision may still be changed: work on it has not started. */
  changeable: z.boolean(),
});
export type OwnerEstimateLine = z.infer<typeof ownerEstimateLine>;

/** The owner's live visit page; inspection notes and internal notes stay with the store. */
export const ownerVisitDetail = z.object({
  id: uuid,
  status: visitStatus,
  store: z.object({ name: z.string(), address: z.string().nullable(), phone: z.string().nullable() }),
  vehicle: z.object({ id: uuid, plate: z.string().nullable(), modelName: z.string().nullable() }),
  advisorName: z.string().nullable(),
  serviceTypeName: z.string().nullable(),
  checkedInAt: z.string(),
  promisedAt: z.string().nullable(),
  mileageKm: z.number().nullable(),
  concerns: z.string().nullable(),
  events: z.array(z.object({ status: visitStatus, at: z.string() })),
  photos: z.array(z.object({ id: uuid, caption: z.string().nullable() })),
  lines: z.array(ownerEstimateLine),
  totals: z.object({ proposedFen: z.number(), approvedFen: z.number(), declinedFen: z.number() }),
  payments: z.array(z.object({ method: z.enum(paymentMethods), amountFen: z.number(), paidAt: z.string() })),
  nextServiceDate: z.string().nullable(),
  nextServiceKm: z.number().nullable(),
  /**
   * What the approved work was, for the 保养提示贴's "本次…" line: maintenance when any approved line is of
   * that kind, else the first kind of repair > inspection > accessory > other; null before any approval.
   */
  workDone: z.enum(workKinds).nullable(),
  deliveredAt: z.string().nullable(),
  rating: visitRating.nullable(),
  canRate: z.boolean(),
});
export type OwnerVisitDetail = z.infer<typeof ownerVisitDetail>;

export const ownerVisitSummary = z.object({
  id: uuid,
  status: visitStatus,
  storeName: z.string(),
  plate: z.string().nullable(),
  modelName: z.string().nullable(),
  checkedInAt: z.string(),
  deliveredAt: z.string().nullable(),
  /** Proposed lines waiting for the owner. */
  undecidedLines: z.number(),
  rated: z.boolean(),
});
export type OwnerVisitSummary = z.infer<typeof ownerVisitSummary>;
export const ownerVisitList = z.object({ items: z.array(ownerVisitSummary) });

// ── Message centre (消息中心) ─────────────────────────────────────────────────────────────────────────

export const inboxKinds = ['transactional', 'care', 'marketing'] as const;
export type InboxKind = (typeof inboxKinds)[number];

export const inboxMessage = z.object({
  id: uuid,
  kind: z.enum(inboxKinds),
  topic: z.string(),
  title: z.string(),
  body: z.string(),
  /** Where in the owner app the message leads (router path, e.g. /visits/<id>). */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxMessage = z.infer<typeof inboxMessage>;
export const inboxList = z.object({ items: z.array(inboxMessage), unread: z.number() });
export type InboxList = z.infer<typeof inboxList>;
export const inboxReadResponse = z.object({ ok: z.literal(true), unread: z.number() });

// ── Live events (GET /api/owner/events, text/event-stream) ──────────────────────────────────────────

/** `event: visit` — a stage change. */
export const visitLiveEvent = z.object({ visitId: uuid, status: visitStatus, at: z.string() });
/** `event: estimate` — lines were proposed to the owner or a decision was recorded. */
export const estimateLiveEvent = z.object({ visitId: uuid, at: z.string(), undecidedLines: z.number() });
/** `event: inbox` — a new message (the app refreshes its badge). */
export const inboxLiveEvent = z.object({ id: uuid, title: z.string(), unread: z.number(), at: z.string() });
/** `event: booking` (staff streams) — a booking of the store was made, cancelled or moved (the board's 待到店). */
export const bookingLiveEvent = z.object({
  bookingId: uuid,
  change: z.enum(['created', 'cancelled', 'rescheduled']),
  at: z.string(),
});
export type BookingLiveEvent = z.infer<typeof bookingLiveEvent>;
export type VisitLiveEvent = z.infer<typeof visitLiveEvent>;
export type EstimateLiveEvent = z.infer<typeof estimateLiveEvent>;
export type InboxLiveEvent = z.infer<typeof inboxLiveEvent>;
