import { defaultWarranty, type OwnerBinding, type OwnerVehicle, type OwnerVisit } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import type { RepairOrderLineRow } from '../history/history.service.ts';
import { dayIn } from '../../platform/time/zone.ts';
import { effectiveWarranty } from '../vehicles/mileage.ts';
import { forecastNextService } from './next-service.ts';
import * as q from './garage.queries.ts';

/** The owner sees the VIN's last six (what they typed from the 行驶证), the rest as stars. */
export const maskVin = (vin: string) => `${'*'.repeat(Math.max(0, vin.length - 6))}${vin.slice(-6)}`;

export const toOwnerBinding = (row: Pick<q.OwnerBindingRow, 'b' | 'v' | 'brandName' | 'seriesName'>): OwnerBinding => ({
  id: row.b.id,
  status: row.b.status,
  plate: row.v.plate,
  vinLast6: row.v.vin.slice(-6),
  brandName: row.brandName,
  seriesName: row.seriesName,
  requestedAt: row.b.requestedAt.toISOString(),
  decidedAt: row.b.decidedAt?.toISOString() ?? null,
  reason: row.b.reason,
});

/** A confirmed car with its dates: latest mileage, warranty, insurance, inspection and the next service. */
export const toOwnerVehicle = async (ctx: Ctx, row: q.OwnerBindingRow): Promise<OwnerVehicle> => {
  const { v } = row;
  const timeZone = await tenantZone(ctx);
  const { latest, next, overdue } = forecastNextService(
    await q.odometerOf(ctx.db, ctx.tenantId, v.id),
    { purchaseDate: v.purchaseDate },
    { timeZone, today: dayIn(ctx.clock.now(), timeZone) },
  );
  return {
    bindingId: row.b.id,
    vehicleId: v.id,
    plate: v.plate,
    vinMasked: maskVin(v.vin),
    brandName: row.brandName,
    seriesName: row.seriesName,
    modelName: row.modelName,
    modelYear: v.modelYear,
    colour: v.colour,
    purchaseDate: v.purchaseDate,
    latestKm: latest?.km ?? null,
    latestKmAt: latest?.at.toISOString() ?? null,
    warranty: effectiveWarranty(
      v,
      { warrantyYears: row.brandWarrantyYears, warrantyKm: row.brandWarrantyKm },
      defaultWarranty,
    ),
    insurer: v.insurer,
    insuranceExpiry: v.insuranceExpiry,
    inspectionDue: v.inspectionDue,
    nextService: next,
    serviceOverdue: overdue,
    confirmedAt: row.b.decidedAt?.toISOString() ?? null,
  };
};

type VisitRow = Awaited<ReturnType<typeof q.visitsOf>>[number] & { lines: RepairOrderLineRow[] };

/** What the owner paid for, line by line; the dealer's parts cost stays with the dealer. */
export const toOwnerVisit = ({ o, storeName, advisorName, lines }: VisitRow): OwnerVisit => ({
  id: o.id,
  number: o.number,
  type: o.type,
  dateIn: o.dateIn.toISOString(),
  dateOut: o.dateOut?.toISOString() ?? null,
  mileageKm: o.mileageKm,
  storeName,
  advisorName,
  labourFen: o.labourFen,
  partsFen: o.partsFen,
  totalFen: o.totalFen,
  lines: lines.map((l) => ({
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    labourHours: l.labourHours,
    amountFen: l.amountFen,
  })),
});
