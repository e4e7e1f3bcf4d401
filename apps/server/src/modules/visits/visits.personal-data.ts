import { definePersonalData } from '../../platform/personal-data.ts';
import { blankVisitsOf, eventsOf, linesOf, paymentsOf, photosOf, visitsOfCustomer } from './visits.queries.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Workshop visits are business records: they move with a merge and stay on erasure with their estimate
 * lines, payments and the rating's score, without the person's words and the notes about them.
 */
export const visitsPersonalData = definePersonalData({
  module: 'visits',
  tables: [{ table: 'visits', column: 'customer_id', merge: 'move', erase: 'blank' }],
  export: async (ctx, id) => {
    const rows = await visitsOfCustomer(ctx.db, ctx.tenantId, id);
    const out = [];
    for (const { v, plate, storeName, repairOrderNumber } of rows) {
      const [lines, photos, events, paid] = await Promise.all([
        linesOf(ctx.db, ctx.tenantId, v.id),
        photosOf(ctx.db, ctx.tenantId, v.id),
        eventsOf(ctx.db, ctx.tenantId, v.id),
        paymentsOf(ctx.db, ctx.tenantId, v.id),
      ]);
      out.push({
        id: v.id,
        store: storeName,
        plate,
        status: v.status,
        checkedInAt: iso(v.checkedInAt),
        mileageKm: v.mileageKm,
        concerns: v.concerns,
        inspectionNotes: v.inspectionNotes,
        promisedAt: iso(v.promisedAt),
        deliveredAt: iso(v.deliveredAt),
        repairOrderNumber,
        nextServiceDate: v.nextServiceDate,
        nextServiceKm: v.nextServiceKm,
        rating:
          v.ratingScore === null ? null : { score: v.ratingScore, comment: v.ratingComment, ratedAt: iso(v.ratedAt) },
        estimateLines: lines.map(({ l }) => ({
          kind: l.kind,
          description: l.description,
          partNo: l.partNo,
          quantity: l.quantity,
          labourHours: l.labourHours,
          amountFen: l.amountFen,
          status: l.status,
          addedDuringRepair: l.addedDuringRepair,
          proposedAt: iso(l.proposedAt),
          decidedAt: iso(l.decidedAt),
          decidedVia: l.decidedVia,
        })),
        // The photos' metadata; the images are shown in the app and handed over on request.
        photos: photos.map((p) => ({ id: p.id, caption: p.caption, takenAt: iso(p.createdAt) })),
        stages: events.map(({ e }) => ({ status: e.status, at: iso(e.at), note: e.note })),
        payments: paid.map(({ p }) => ({ method: p.method, amountFen: p.amountFen, paidAt: iso(p.paidAt) })),
      });
    }
    return { visits: out };
  },
  erase: (ctx, id) => blankVisitsOf(ctx.db, ctx.tenantId, id),
});
