import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DecisionVia, EstimateLineStatus, VisitStatus } from '@m4s/contracts';
import type { Tx } from '../platform/db/types.ts';
import { dayIn, defaultTimeZone, instantOf } from '../platform/time/zone.ts';
import { bookings, estimateLines, mileageReadings, visitEvents, visits } from '../platform/db/schema/index.ts';

/** The demo visits' rows, written as the workshop would have left them (see demo-visits.ts). */
export type Line = {
  kind: 'labour' | 'part';
  description: string;
  amountFen: number;
  costFen?: number;
  labourHours?: number;
  status: EstimateLineStatus;
  via?: DecisionVia;
  added?: boolean;
};
export const labour = (
  description: string,
  hours: number,
  yuan: number,
  status: EstimateLineStatus,
  via?: DecisionVia,
): Line => ({ kind: 'labour', description, labourHours: hours, amountFen: yuan * 100, status, via });
export const part = (
  description: string,
  yuan: number,
  costYuan: number,
  status: EstimateLineStatus,
  via?: DecisionVia,
): Line => ({ kind: 'part', description, amountFen: yuan * 100, costFen: costYuan * 100, status, via });

export type Car = { vehicleId: string; customerId: string; bookingId: string | null; advisorId: string | null };
/** One visit of the demo: its car, the stages with minutes before now, its estimate. */
export type Plan = {
  car: Car;
  km: number;
  concerns: string | null;
  notes: string | null;
  stages: [VisitStatus, number][];
  lines: Line[];
};

/** The longest story of the demo's day, in minutes before now (the first check-in of the visits). */
const dayStory = 160;

/**
 * `m` minutes before now on the demo's clock. Seeded early in the dealer's day (00:50 in Shanghai), the story is
 * squeezed into the minutes already gone since midnight, in the same order, so every visit is still today's.
 */
export const minutesAgo = (now: Date, m: number) => {
  const sinceMidnight =
    (now.getTime() - instantOf(dayIn(now, defaultTimeZone), '00:00', defaultTimeZone).getTime()) / 60_000;
  return new Date(now.getTime() - m * Math.min(1, sinceMidnight / dayStory) * 60_000);
};

/** Rows of a raw statement (both drivers answer `{ rows }`). */
export const rowsOf = async (tx: Tx, query: SQL): Promise<Record<string, unknown>[]> => {
  const result: unknown = await tx.execute(query);
  return (result as { rows: Record<string, unknown>[] }).rows;
};

/** The car's odometer as far as anything recorded it (readings and repair orders). */
export const latestKm = async (tx: Tx, tenantId: string, vehicleId: string) => {
  const [row] = await rowsOf(
    tx,
    sql`SELECT greatest(
          coalesce((SELECT max(km) FROM mileage_readings WHERE tenant_id = ${tenantId} AND vehicle_id = ${vehicleId}), 0),
          coalesce((SELECT max(mileage_km) FROM repair_orders WHERE tenant_id = ${tenantId} AND vehicle_id = ${vehicleId}), 0)
        ) AS km`,
  );
  return Number(row?.km ?? 0);
};

/** The demo owner's car (bound in the app; `confirmed` only when asked), with its customer and account. */
export const boundCar = async (tx: Tx, tenantId: string, phone: string, confirmedOnly: boolean) => {
  const [row] = await rowsOf(
    tx,
    sql`SELECT v.id AS vehicle_id, v.owner_id AS customer_id, v.plate, v.vin, v.purchase_date::text AS purchase_date,
               o.id AS owner_id
          FROM vehicles v JOIN vehicle_bindings b ON b.tenant_id = v.tenant_id AND b.vehicle_id = v.id
          JOIN owners o ON o.tenant_id = b.tenant_id AND o.id = b.owner_id
         WHERE v.tenant_id = ${tenantId} AND v.owner_id IS NOT NULL AND o.phone = ${phone}
           ${confirmedOnly ? sql`AND b.status = 'confirmed'` : sql``}
         LIMIT 1`,
  );
  return row;
};

export const writeVisit = async (tx: Tx, tenantId: string, storeId: string, now: Date, p: Plan) => {
  const [first] = p.stages;
  const checkedInAt = minutesAgo(now, first?.[1] ?? 0);
  const status = p.stages.at(-1)?.[0] ?? 'checked_in';
  const [visit] = await tx
    .insert(visits)
    .values({
      tenantId,
      storeId,
      bookingId: p.car.bookingId,
      customerId: p.car.customerId,
      vehicleId: p.car.vehicleId,
      advisorId: p.car.advisorId,
      status,
      checkedInAt,
      mileageKm: p.km,
      concerns: p.concerns,
      inspectionNotes: p.notes,
      createdAt: checkedInAt,
      updatedAt: now,
    })
    .returning();
  if (!visit) throw new Error('visit insert returned nothing');
  await tx.insert(visitEvents).values(
    p.stages.map(([s, m]) => ({
      tenantId,
      visitId: visit.id,
      status: s,
      at: minutesAgo(now, m),
      staffId: p.car.advisorId,
    })),
  );
  await tx.insert(mileageReadings).values({
    tenantId,
    vehicleId: p.car.vehicleId,
    readAt: checkedInAt,
    km: p.km,
    source: 'check_in',
    createdAt: checkedInAt,
  });
  const proposedAt = minutesAgo(now, Math.max(0, (first?.[1] ?? 0) - 15));
  if (p.lines.length > 0)
    await tx.insert(estimateLines).values(
      p.lines.map((l, position) => ({
        tenantId,
        visitId: visit.id,
        position,
        kind: l.kind,
        description: l.description,
        labourHours: l.labourHours ?? null,
        amountFen: l.amountFen,
        costFen: l.costFen ?? 0,
        status: l.status,
        addedDuringRepair: l.added ?? false,
        proposedAt: l.status === 'draft' ? null : proposedAt,
        decidedAt: l.status === 'approved' || l.status === 'declined' ? minutesAgo(now, (first?.[1] ?? 0) - 25) : null,
        decidedVia: l.status === 'approved' || l.status === 'declined' ? (l.via ?? 'app') : null,
        recordedBy: l.via && l.via !== 'app' ? p.car.advisorId : null,
        createdAt: checkedInAt,
      })),
    );
  if (p.car.bookingId)
    await tx
      .update(bookings)
      .set({ status: status === 'delivered' ? 'completed' : 'arrived', updatedAt: now })
      .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, p.car.bookingId)));
  return visit;
};
