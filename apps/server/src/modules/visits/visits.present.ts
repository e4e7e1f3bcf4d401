import {
  visitTransitions,
  type BookingRow,
  type EstimateLine,
  type EstimateTotals,
  type OwnerVisitDetail,
  type OwnerVisitSummary,
  type Visit,
  type VisitRow,
} from '@m4s/contracts';
import type { StaffActor } from '../../platform/context.ts';
import { maskPhone, seesFullContact } from '../customers/customers.mask.ts';
import type * as cq from './checkin.queries.ts';
import { lineChangeable } from './line-change.ts';
import type * as q from './visits.queries.ts';

type Events = Awaited<ReturnType<typeof q.eventsOf>>;
type Photos = Awaited<ReturnType<typeof q.photosOf>>;
type Payments = Awaited<ReturnType<typeof q.paymentsOf>>;
type StageEvents = Events[number]['e'][];
type BoardBooking = Awaited<ReturnType<typeof cq.boardBookings>>[number];
export type VisitParts = { events: Events; photos: Photos; lines: q.LineRow[]; payments: Payments };

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const totalsOf = (lines: q.LineRow[]): EstimateTotals => {
  const sum = (status: string) => lines.filter(({ l }) => l.status === status).reduce((s, { l }) => s + l.amountFen, 0);
  return {
    draftFen: sum('draft'),
    proposedFen: sum('proposed'),
    approvedFen: sum('approved'),
    declinedFen: sum('declined'),
  };
};

/** The work and money of an estimate line, as staff see it and as the repair order takes it over. */
export const lineWork = (l: q.LineRow['l']) => ({
  kind: l.kind,
  description: l.description,
  partNo: l.partNo,
  quantity: l.quantity,
  labourHours: l.labourHours,
  amountFen: l.amountFen,
  costFen: l.costFen,
});

const stageEvents = (parts: VisitParts) => parts.events.map(({ e }) => e);

const toLine = ({ l, recordedByName }: q.LineRow, status: Visit['status'], events: StageEvents): EstimateLine => ({
  id: l.id,
  position: l.position,
  ...lineWork(l),
  status: l.status,
  addedDuringRepair: l.addedDuringRepair,
  proposedAt: iso(l.proposedAt),
  decidedAt: iso(l.decidedAt),
  decidedVia: l.decidedVia,
  recordedByName,
  changeable: lineChangeable(l, status, events),
});

const ratingOf = ({ v }: q.VisitHeader) =>
  v.ratingScore !== null && v.ratedAt
    ? { score: v.ratingScore, comment: v.ratingComment, at: v.ratedAt.toISOString() }
    : null;

/** The phone follows the customer rules: full for contact roles and the customer's own staff, else masked. */
const phoneFor = (actor: StaffActor, h: Pick<q.VisitHeader, 'phone' | 'salesConsultantId' | 'serviceAdvisorId'>) => {
  const full = seesFullContact(actor, h);
  return { phone: h.phone && (full ? h.phone : maskPhone(h.phone)), phoneMasked: Boolean(h.phone) && !full };
};

export const toVisit = (actor: StaffActor, h: q.VisitHeader, parts: VisitParts): Visit => {
  const { v } = h;
  return {
    id: v.id,
    status: v.status,
    storeId: v.storeId,
    storeName: h.storeName,
    bookingId: v.bookingId,
    serviceTypeName: h.serviceTypeName,
    checkedInAt: v.checkedInAt.toISOString(),
    promisedAt: iso(v.promisedAt),
    mileageKm: v.mileageKm,
    concerns: v.concerns,
    inspectionNotes: v.inspectionNotes,
    customer: { id: v.customerId, name: h.customerName, ...phoneFor(actor, h) },
    vehicle: {
      id: v.vehicleId,
      vin: h.vin,
      plate: h.plate,
      brandName: h.brandName,
      seriesName: h.seriesName,
      modelName: h.modelName,
    },
    advisor: v.advisorId && h.advisorName ? { id: v.advisorId, name: h.advisorName } : null,
    events: parts.events.map(({ e, staffName }) => ({
      status: e.status,
      at: e.at.toISOString(),
      staffName,
      note: e.note,
    })),
    photos: parts.photos.map((p) => ({ id: p.id, caption: p.caption, createdAt: p.createdAt.toISOString() })),
    lines: parts.lines.map((line) => toLine(line, v.status, stageEvents(parts))),
    totals: totalsOf(parts.lines),
    payments: parts.payments.map(({ p, cashierName }) => ({
      id: p.id,
      method: p.method,
      amountFen: p.amountFen,
      cashierName,
      paidAt: p.paidAt.toISOString(),
    })),
    repairOrderId: v.repairOrderId,
    repairOrderNumber: h.repairOrderNumber,
    nextServiceDate: v.nextServiceDate,
    nextServiceKm: v.nextServiceKm,
    deliveredAt: iso(v.deliveredAt),
    rating: ratingOf(h),
    // Delivery has its own request (payment, repair order): it is not a plain stage move.
    nextStatuses: visitTransitions[v.status].filter((s) => s !== 'delivered'),
  };
};

export const toVisitRow = (h: q.VisitHeader): VisitRow => ({
  id: h.v.id,
  status: h.v.status,
  bookingId: h.v.bookingId,
  checkedInAt: h.v.checkedInAt.toISOString(),
  statusAt: h.statusAt.toISOString(),
  promisedAt: iso(h.v.promisedAt),
  customerName: h.customerName,
  plate: h.plate,
  modelName: h.modelName,
  advisorName: h.advisorName,
  serviceTypeName: h.serviceTypeName,
  undecidedLines: h.undecidedLines,
});

export const toBookingRow = (actor: StaffActor, r: BoardBooking): BookingRow => ({
  id: r.b.id,
  storeId: r.b.storeId,
  startsAt: r.b.startsAt.toISOString(),
  endsAt: r.b.endsAt.toISOString(),
  status: r.b.status,
  channel: r.b.channel,
  concerns: r.b.concerns,
  pickup: r.b.pickup ?? null,
  customer: { id: r.b.customerId, name: r.customerName, ...phoneFor(actor, r) },
  vehicle: { id: r.b.vehicleId, plate: r.plate, modelName: r.modelName },
  serviceType: { ...r.serviceType, durationMinutes: r.durationMinutes },
  advisor: r.b.advisorId && r.advisorName ? { id: r.b.advisorId, name: r.advisorName } : null,
  visitId: null,
  openVisitId: r.openVisitId,
});

// ── The owner's view ────────────────────────────────────────────────────────────────────────────────

/**
 * What stays with the store: the dealer's parts cost, part numbers, draft lines not yet sent, the
 * inspection notes, stage notes and who recorded what, the customer's phone and the cashier.
 */
export const toOwnerVisit = (h: q.VisitHeader, parts: VisitParts): OwnerVisitDetail => {
  const { v } = h;
  const sent = parts.lines.filter(({ l }) => l.status !== 'draft');
  const totals = totalsOf(sent);
  return {
    id: v.id,
    status: v.status,
    store: { name: h.storeName, address: h.storeAddress, phone: h.storePhone },
    vehicle: { id: v.vehicleId, plate: h.plate, modelName: h.modelName },
    advisorName: h.advisorName,
    serviceTypeName: h.serviceTypeName,
    checkedInAt: v.checkedInAt.toISOString(),
    promisedAt: iso(v.promisedAt),
    mileageKm: v.mileageKm,
    concerns: v.concerns,
    events: parts.events.map(({ e }) => ({ status: e.status, at: e.at.toISOString() })),
    photos: parts.photos.map((p) => ({ id: p.id, caption: p.caption })),
    lines: sent.map(({ l }) => ({
      id: l.id,
      kind: l.kind,
      description: l.description,
      quantity: l.quantity,
      labourHours: l.labourHours,
      amountFen: l.amountFen,
      status: l.status as 'proposed' | 'approved' | 'declined',
      addedDuringRepair: l.addedDuringRepair,
      proposedAt: iso(l.proposedAt),
      decidedAt: iso(l.decidedAt),
      decidedVia: l.decidedVia,
      changeable: lineChangeable(l, v.status, stageEvents(parts)),
    })),
    totals: { proposedFen: totals.proposedFen, approvedFen: totals.approvedFen, declinedFen: totals.declinedFen },
    payments: parts.payments.map(({ p }) => ({
      method: p.method,
      amountFen: p.amountFen,
      paidAt: p.paidAt.toISOString(),
    })),
    nextServiceDate: v.nextServiceDate,
    nextServiceKm: v.nextServiceKm,
    deliveredAt: iso(v.deliveredAt),
    rating: ratingOf(h),
    canRate: v.status === 'delivered' && v.ratedAt === null,
  };
};

export const toOwnerSummary = (h: q.VisitHeader): OwnerVisitSummary => ({
  id: h.v.id,
  status: h.v.status,
  storeName: h.storeName,
  plate: h.plate,
  modelName: h.modelName,
  checkedInAt: h.v.checkedInAt.toISOString(),
  deliveredAt: iso(h.v.deliveredAt),
  undecidedLines: h.undecidedLines,
  rated: h.v.ratedAt !== null,
});
