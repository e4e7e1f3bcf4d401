import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import { mileageReadings, repairOrderLines, repairOrders } from '../../platform/db/schema/index.ts';
import { totalsOf, withLines } from '../history/history.service.ts';
import { checkReading } from '../vehicles/mileage.ts';
import * as m from './merge.queries.ts';
import { mergeHeads, type OrderGroup, type OrderHead, type OrderLine } from './orders.rows.ts';
import { bump, emptyResult, type BatchResult, type Issue } from './rows.ts';

type Header = (field: string) => string | null;

/** What makes two orders "the same": the car, the dates, the type, the mileage and every line. */
const fingerprint = (o: {
  vehicleId: string;
  type: string;
  dateIn: Date;
  dateOut: Date | null;
  mileageKm: number | null;
  lines: Pick<OrderLine, 'kind' | 'description' | 'quantity' | 'labourHours' | 'amountFen' | 'costFen'>[];
}) =>
  JSON.stringify([
    o.vehicleId,
    o.type,
    o.dateIn.getTime(),
    o.dateOut?.getTime() ?? null,
    o.mileageKm,
    o.lines.map((l) => [
      l.kind,
      l.description,
      Number(l.quantity),
      l.labourHours === null ? null : Number(l.labourHours),
      l.amountFen,
      l.costFen,
    ]),
  ]);

/** The order-level problems of a group, reported on its first row; an empty list when it can be stored. */
const groupErrors = (group: OrderGroup, head: OrderHead, header: Header): Issue[] => {
  const first = group.rows[0]?.rowNo ?? 0;
  const at = (field: string, key: string, value: string | null = null): Issue => ({
    rowNo: first,
    column: header(field),
    value,
    key,
  });
  const errors: Issue[] = [];
  if (!head.vin && !group.rows.some((r) => r.errors.some((e) => e.column === header('vin'))))
    errors.push(at('vin', 'import_required'));
  if (!head.dateIn && !group.rows.some((r) => r.errors.some((e) => e.column === header('dateIn'))))
    errors.push(at('dateIn', 'import_required'));
  if (head.dateIn && head.dateOut && head.dateOut < head.dateIn) errors.push(at('dateOut', 'date_order'));
  if (!group.rows.some((r) => r.line) && group.rows.every((r) => r.errors.length === 0))
    errors.push(at('lineName', 'import_order_no_lines', group.number));
  return errors;
};

/**
 * Applies whole repair orders (every row of each order) in the caller's transaction. An order is keyed
 * by its number: an existing order with the same content is left alone, one with different content is
 * reported and never overwritten. An order with any bad line is not stored at all.
 */
export const applyOrderBatch = async (ctx: Ctx, groups: OrderGroup[], header: Header): Promise<BatchResult> => {
  const { db, tenantId } = ctx;
  const now = ctx.clock.now();
  const result = emptyResult();
  const { counts, issues } = result;
  const heads = new Map(groups.map((g) => [g.number, mergeHeads(g.rows)]));
  const vins = [...new Set([...heads.values()].flatMap((h) => (h.vin ? [h.vin] : [])))];
  const cars = new Map((await m.vehiclesWithVins(db, tenantId, vins)).map((v) => [v.vin, v]));
  const existing = new Map(
    (
      await withLines(
        db,
        tenantId,
        await m.ordersWithNumbers(
          db,
          tenantId,
          groups.map((g) => g.number),
        ),
        (o) => o.id,
      )
    ).map((o) => [o.number, o]),
  );
  const readingRows: { vehicleId: string; km: number; readAt: Date; flag: string | null }[] =
    await m.readingsOfVehicles(
      db,
      tenantId,
      [...cars.values()].map((v) => v.id),
    );

  const orders: (typeof repairOrders.$inferInsert)[] = [];
  const lines: (typeof repairOrderLines.$inferInsert)[] = [];
  const readings: (typeof mileageReadings.$inferInsert)[] = [];

  for (const group of groups) {
    const head = heads.get(group.number) as OrderHead;
    result.rows += group.rows.length;
    const errors = [...group.rows.flatMap((r) => r.errors), ...groupErrors(group, head, header)];
    const car = head.vin ? cars.get(head.vin) : undefined;
    const first = group.rows[0]?.rowNo ?? 0;
    if (errors.length === 0 && head.vin && !car)
      errors.push({ rowNo: first, column: header('vin'), value: head.vin, key: 'import_order_vehicle_unknown' });
    else if (errors.length === 0 && car && !car.ownerId)
      errors.push({ rowNo: first, column: header('vin'), value: head.vin, key: 'vehicle_without_owner' });

    const orderLines = group.rows.flatMap((r) => (r.line ? [r.line] : []));
    const before = existing.get(group.number);
    if (errors.length === 0 && car && head.dateIn && before) {
      const same =
        fingerprint({ ...before, lines: before.lines }) ===
        fingerprint({
          vehicleId: car.id,
          type: head.type ?? 'general_repair',
          dateIn: head.dateIn,
          dateOut: head.dateOut,
          mileageKm: head.mileageKm,
          lines: orderLines,
        });
      if (!same)
        errors.push({
          rowNo: first,
          column: header('orderNumber'),
          value: group.number,
          key: 'import_order_exists_different',
        });
    }
    if (errors.length > 0) {
      // The whole order is refused: every row says why (its own problem, or its order's).
      const withOwn = new Set(errors.map((e) => e.rowNo));
      issues.push(...errors);
      for (const r of group.rows)
        if (!withOwn.has(r.rowNo))
          issues.push({
            rowNo: r.rowNo,
            column: header('orderNumber'),
            value: group.number,
            key: 'import_order_other_rows',
          });
      result.failed += group.rows.length;
      continue;
    }
    // An order-level name (advisor, store) repeated on every line is reported once, on its first row.
    const seen = new Set<string>();
    for (const w of group.rows.flatMap((r) => r.warnings)) {
      const key = `${w.column}\u0001${w.value}\u0001${w.key}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(w);
      bump(counts, 'warnings');
    }
    if (before || !car || !head.dateIn) {
      bump(counts, 'ordersUnchanged');
      continue;
    }
    // The odometer at check-in passes the one check (vehicles/mileage.ts): a value contradicting the car's
    // trusted series is kept on the order, flagged for a person, and never feeds the forecast.
    const km = head.mileageKm;
    const known = readingRows.filter((r) => r.vehicleId === car.id);
    const problem =
      km !== null && head.dateIn <= now
        ? checkReading(
            known.filter((r) => r.flag === null).map((r) => ({ at: r.readAt, km: r.km })),
            { at: head.dateIn, km },
          )
        : null;
    const id = randomUUID();
    orders.push({
      tenantId,
      id,
      number: group.number,
      vehicleId: car.id,
      customerId: car.ownerId as string,
      storeId: head.storeId,
      type: head.type ?? 'general_repair',
      dateIn: head.dateIn,
      dateOut: head.dateOut,
      mileageKm: head.mileageKm,
      mileageFlag: problem,
      advisorId: head.advisorId,
      technician: head.technician,
      ...totalsOf(orderLines),
      createdAt: now,
    });
    // An explicit work kind wins; none: the database classifies the description (app_work_kind).
    orderLines.forEach(({ rowNo: _row, work, ...line }, position) =>
      lines.push({ ...line, ...(work ? { work } : {}), tenantId, repairOrderId: id, position }),
    );
    bump(counts, 'ordersCreated');
    bump(counts, 'linesCreated', orderLines.length);

    // The odometer at check-in joins the readings once per value.
    if (km !== null && head.dateIn <= now) {
      if (problem) {
        issues.push({ rowNo: first, column: header('mileageKm'), value: String(km), key: `import_${problem}` });
        bump(counts, 'warnings');
        readingRows.push({ vehicleId: car.id, km, readAt: head.dateIn, flag: problem });
        continue;
      }
      if (known.some((r) => r.km === km)) continue;
      readingRows.push({ vehicleId: car.id, km, readAt: head.dateIn, flag: null });
      readings.push({ tenantId, vehicleId: car.id, km, readAt: head.dateIn, source: 'import', createdAt: now });
      bump(counts, 'mileageAdded');
    }
  }

  await m.insertMany(ctx.sql, repairOrders, orders);
  await m.insertMany(ctx.sql, repairOrderLines, lines);
  await m.insertMany(ctx.sql, mileageReadings, readings);
  return result;
};
