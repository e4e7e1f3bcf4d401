import {
  interactionInput,
  repairOrderInput,
  salesOrderInput,
  type RepairOrder,
  type RepairOrderInput,
} from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantZone } from '../../platform/time/tenant-zone.ts';
import { dayIn } from '../../platform/time/zone.ts';
import {
  consentsOf,
  getCustomer,
  getCustomerRow,
  insertInteraction,
  interactionsOf,
} from '../customers/customers.service.ts';
import { getVehicle, listCustomerVehicles, mileageProblem } from '../vehicles/vehicles.service.ts';
import * as q from './history.queries.ts';

/** What other modules may use of this module's SQL: they go through the service (lint rule m4s/no-foreign-queries). */
export { insertRepairOrder } from './history.queries.ts';

export type RepairOrderLineRow = Awaited<ReturnType<typeof q.linesOfOrders>>[number];

/** Repair orders read their own way (a garage's visits, an import's existing orders) with their lines attached. */
export const withLines = async <O>(
  db: Tx,
  tenantId: string,
  orders: O[],
  idOf: (o: O) => string,
): Promise<(O & { lines: RepairOrderLineRow[] })[]> => {
  const lines = await q.linesOfOrders(db, tenantId, orders.map(idOf));
  return orders.map((o) => ({ ...o, lines: lines.filter((l) => l.repairOrderId === idOf(o)) }));
};

type OrderRow = Awaited<ReturnType<typeof q.repairOrdersOfCustomer>>[number];

const toRepairOrder = (o: OrderRow): RepairOrder => ({
  ...o,
  dateIn: o.dateIn.toISOString(),
  dateOut: o.dateOut?.toISOString() ?? null,
  lines: o.lines.map(({ kind, description, partNo, quantity, labourHours, amountFen, costFen, work }) => ({
    kind,
    work,
    description,
    partNo,
    quantity,
    labourHours,
    amountFen,
    costFen,
  })),
});

/** Totals come from the lines: labour and parts amounts, and what the parts cost the dealer. */
export const totalsOf = (lines: { kind: 'labour' | 'part'; amountFen: number; costFen: number }[]) => {
  const labourFen = lines.filter((l) => l.kind === 'labour').reduce((s, l) => s + l.amountFen, 0);
  const partsFen = lines.filter((l) => l.kind === 'part').reduce((s, l) => s + l.amountFen, 0);
  const partsCostFen = lines.filter((l) => l.kind === 'part').reduce((s, l) => s + l.costFen, 0);
  return { labourFen, partsFen, totalFen: labourFen + partsFen, partsCostFen };
};

/** A past repair order: its customer is the car's owner at the time of entry. The number is unique in the tenant. */
export const recordRepairOrder = async (ctx: StaffCtx, input: RepairOrderInput): Promise<RepairOrder> => {
  authorize(ctx.actor, 'customer.write');
  const data = repairOrderInput.parse(input);
  const car = await getVehicle(ctx, data.vehicleId).catch(() =>
    Promise.reject(AppError.field('vehicleId', 'vehicle_unknown')),
  );
  if (!car.ownerId) throw AppError.field('vehicleId', 'vehicle_without_owner');
  if (await q.repairOrderIdByNumber(ctx.db, ctx.tenantId, data.number))
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'number', message: 'ro_number_taken' }] });
  const { lines, ...order } = data;
  // The one mileage check (modules/vehicles): an odometer contradicting the car's series is refused (400).
  if (order.mileageKm !== null) {
    const problem = await mileageProblem(ctx.db, ctx.tenantId, data.vehicleId, {
      at: new Date(order.dateIn),
      km: order.mileageKm,
    });
    if (problem) throw AppError.field('mileageKm', problem);
  }
  const id = await q.insertRepairOrder(
    ctx.db,
    {
      ...order,
      tenantId: ctx.tenantId,
      customerId: car.ownerId,
      dateIn: new Date(order.dateIn),
      dateOut: order.dateOut ? new Date(order.dateOut) : null,
      ...totalsOf(lines),
      createdAt: ctx.clock.now(),
    },
    // An explicit work kind wins; none: the database classifies the description (app_work_kind).
    lines.map(({ work, ...l }, position) => ({ ...l, position, ...(work ? { work } : {}) })),
  );
  await audit(ctx, { action: 'repair_order.recorded', target: { type: 'repair_order', id } });
  const all = await q.repairOrdersOfCustomer(ctx.db, ctx.tenantId, car.ownerId);
  const created = all.find((o) => o.id === id);
  if (!created) throw new AppError('NOT_FOUND');
  return toRepairOrder(created);
};

export const recordSalesOrder = async (ctx: StaffCtx, customerId: string, input: z.input<typeof salesOrderInput>) => {
  authorize(ctx.actor, 'customer.write');
  await getCustomerRow(ctx, customerId);
  const data = salesOrderInput.parse(input);
  if (data.vehicleId)
    await getVehicle(ctx, data.vehicleId).catch(() => Promise.reject(AppError.field('vehicleId', 'vehicle_unknown')));
  // The hand-over's moment, when known, says the delivery day (in the tenant's zone); a date that contradicts it is refused.
  const deliveredAt = data.deliveredAt ? new Date(data.deliveredAt) : null;
  const deliveredOn = deliveredAt ? dayIn(deliveredAt, await tenantZone(ctx)) : null;
  if (deliveredOn && data.deliveryDate && data.deliveryDate !== deliveredOn)
    throw AppError.field('deliveryDate', 'delivery_date_mismatch');
  const row = await q.insertSalesOrder(ctx.db, {
    ...data,
    deliveryDate: deliveredOn ?? data.deliveryDate,
    deliveredAt,
    tenantId: ctx.tenantId,
    customerId,
    createdAt: ctx.clock.now(),
  });
  await audit(ctx, { action: 'sales_order.recorded', target: { type: 'sales_order', id: row.id } });
  return toSalesOrder(row);
};

const toSalesOrder = <R extends { deliveredAt: Date | null }>(row: R) => ({
  ...row,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
});

export const addInteraction = async (ctx: StaffCtx, customerId: string, input: z.input<typeof interactionInput>) => {
  authorize(ctx.actor, 'customer.write');
  await getCustomerRow(ctx, customerId);
  const data = interactionInput.parse(input);
  const row = await insertInteraction(ctx.db, {
    tenantId: ctx.tenantId,
    customerId,
    staffId: ctx.actor.id,
    channel: data.channel,
    summary: data.summary,
    promise: data.promise,
    at: data.at ? new Date(data.at) : ctx.clock.now(),
  });
  return { ...row, at: row.at.toISOString() };
};

/** The 360 view: the customer (masked by role), their cars, sales, repair orders, timeline and consents. */
export const customerOverview = async (ctx: StaffCtx, customerId: string) => {
  const customer = await getCustomer(ctx, customerId);
  const [vehicles, sales, repairs, timeline, consents] = await Promise.all([
    listCustomerVehicles(ctx, customerId),
    q.salesOrdersOfCustomer(ctx.db, ctx.tenantId, customerId),
    q.repairOrdersOfCustomer(ctx.db, ctx.tenantId, customerId),
    interactionsOf(ctx.db, ctx.tenantId, customerId),
    consentsOf(ctx.db, ctx.tenantId, customerId),
  ]);
  return {
    customer,
    vehicles,
    salesOrders: sales.map(toSalesOrder),
    repairOrders: repairs.map(toRepairOrder),
    interactions: timeline.map((i) => ({ ...i, at: i.at.toISOString() })),
    consents: consents.map((c) => ({ subject: c.subject, granted: c.granted, via: c.via, at: c.at.toISOString() })),
  };
};
