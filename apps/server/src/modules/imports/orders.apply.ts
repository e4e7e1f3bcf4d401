import { newRowId } from '../../platform/db/ids.ts';
import type { Ctx } from '../../platform/context.ts';
import { repairOrderLines, repairOrders } from '../../platform/db/schema/index.ts';
import { totalsOf, withLines } from '../history/history.service.ts';
import { checkReading } from '../vehicles/mileage.ts';
import * as m from './merge.queries.ts';
import { mergeHeads, refuseOrder, type OrderGroup, type OrderHead, type OrderLine } from './orders.rows.ts';
import { bump, emptyResult, type BatchResult, type Issue } from './rows.ts';
import { keyedIds, keysOf, writeKeys, type NewKey } from './source-keys.ts';
import { staffText, type StaffNames } from './staff-names.ts';

type Header = (field: string) => string | null;

/** What an order run needs besides its rows: the source its numbers belong to and the staff names. */
export type OrderEnv = { header: Header; source: { id: string; name: string }; staff: StaffNames };

type Totals = { labourFen: number; partsFen: number; totalFen: number; partsCostFen: number };

/** The order's totals: as the file gives them (per-order totals), else from its lines. */
export const orderTotals = (head: OrderHead, lines: OrderLine[]): Totals => {
  const fromLines = totalsOf(lines);
  const given = [head.labourFen, head.partsFen, head.partsCostFen, head.totalFen].some((v) => v !== null);
  if (!given) return fromLines;
  const labourFen = head.labourFen ?? fromLines.labourFen;
  const partsFen = head.partsFen ?? fromLines.partsFen;
  return {
    labourFen,
    partsFen,
    partsCostFen: head.partsCostFen ?? fromLines.partsCostFen,
    totalFen: head.totalFen ?? labourFen + partsFen,
  };
};

/** A number taken by another source's order: this source's order is stored under "<source>-<number>". */
export const qualifiedNumber = (sourceName: string, number: string) => `${sourceName}-${number}`;

/** What makes two orders "the same": the car, the dates, the type, the mileage and every line. */
const fingerprint = (o: {
  vehicleId: string;
  type: string;
  dateIn: Date;
  dateOut: Date | null;
  mileageKm: number | null;
  totals: Totals;
  /** null: an order given by its totals alone (lines a lines file added later do not make it different). */
  lines: Pick<OrderLine, 'kind' | 'description' | 'quantity' | 'labourHours' | 'amountFen' | 'costFen'>[] | null;
}) =>
  JSON.stringify([
    o.vehicleId,
    o.type,
    o.dateIn.getTime(),
    o.dateOut?.getTime() ?? null,
    o.mileageKm,
    [o.totals.labourFen, o.totals.partsFen, o.totals.totalFen, o.totals.partsCostFen],
    o.lines?.map((l) => [
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
  if (!head.vin && !head.vehicleRef && !group.rows.some((r) => r.errors.some((e) => e.column === header('vin'))))
    errors.push(at(header('vin') ? 'vin' : 'vehicleRef', 'import_required'));
  if (!head.dateIn && !group.rows.some((r) => r.errors.some((e) => e.column === header('dateIn'))))
    errors.push(at('dateIn', 'import_required'));
  if (head.dateIn && head.dateOut && head.dateOut < head.dateIn) errors.push(at('dateOut', 'date_order'));
  const totals = [head.labourFen, head.partsFen, head.partsCostFen, head.totalFen].some((v) => v !== null);
  if (!totals && !group.rows.some((r) => r.line) && group.rows.every((r) => r.errors.length === 0))
    errors.push(at('lineName', 'import_order_no_lines', group.number));
  return errors;
};

/**
 * Applies whole repair orders (every row of each order) in the caller's transaction. An order is keyed
 * by its number: an existing order with the same content is left alone, one with different content is
 * reported and never overwritten. An order with any bad line is not stored at all.
 */
export const applyOrderBatch = async (ctx: Ctx, groups: OrderGroup[], env: OrderEnv): Promise<BatchResult> => {
  const { db, tenantId } = ctx;
  const { header, source } = env;
  const now = ctx.clock.now();
  const result = emptyResult();
  const { counts, issues } = result;
  const heads = new Map(groups.map((g) => [g.number, mergeHeads(g.rows)]));
  const vins = [...new Set([...heads.values()].flatMap((h) => (h.vin ? [h.vin] : [])))];
  // The car by VIN, or (no VIN) by the old system's car number in this source.
  const carRefs = await keysOf(
    db,
    tenantId,
    source.id,
    'vehicle',
    [...heads.values()].flatMap((h) => (!h.vin && h.vehicleRef ? [h.vehicleRef] : [])),
  );
  const carRows = [
    ...(await m.vehiclesWithVins(db, tenantId, vins)),
    ...(await m.vehiclesWithIds(db, tenantId, [...new Set(carRefs.values())])),
  ];
  const cars = new Map(carRows.map((v) => [v.vin, v]));
  const carsById = new Map(carRows.map((v) => [v.id, v]));
  // The order by its number in this source first; then an order of that number no source claims.
  const numbers = groups.map((g) => g.number);
  const keyed = await keysOf(db, tenantId, source.id, 'repair_order', numbers);
  const found = await withLines(
    db,
    tenantId,
    [
      ...(await m.ordersWithIds(db, tenantId, [...new Set(keyed.values())])),
      ...(await m.ordersWithNumbers(db, tenantId, numbers)),
    ].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i),
    (o) => o.id,
  );
  const claimed = await keyedIds(
    db,
    tenantId,
    'repair_order',
    found.map((o) => o.id),
  );
  const foundById = new Map(found.map((o) => [o.id, o]));
  const foundByNumber = new Map(found.map((o) => [o.number, o]));
  const newKeys: NewKey[] = [];
  // Each car's odometer so far (readings and orders), growing with the orders of this batch.
  const series = new Map<string, { km: number; readAt: Date; flag: string | null }[]>();
  for (const r of await m.readingsOfVehicles(db, tenantId, [...carsById.keys()]))
    series.set(r.vehicleId, [...(series.get(r.vehicleId) ?? []), r]);

  const orders: (typeof repairOrders.$inferInsert)[] = [];
  const lines: (typeof repairOrderLines.$inferInsert)[] = [];

  for (const group of groups) {
    const head = heads.get(group.number) as OrderHead;
    result.rows += group.rows.length;
    const errors = [...group.rows.flatMap((r) => r.errors), ...groupErrors(group, head, header)];
    const refCar = head.vehicleRef ? carRefs.get(head.vehicleRef) : undefined;
    const car = head.vin ? cars.get(head.vin) : refCar ? carsById.get(refCar) : undefined;
    const first = group.rows[0]?.rowNo ?? 0;
    if (errors.length === 0 && head.vin && !car)
      errors.push({ rowNo: first, column: header('vin'), value: head.vin, key: 'import_order_vehicle_unknown' });
    else if (errors.length === 0 && !head.vin && head.vehicleRef && !car)
      errors.push({
        rowNo: first,
        column: header('vehicleRef'),
        value: head.vehicleRef,
        key: 'import_order_car_not_imported',
      });
    else if (errors.length === 0 && car && !car.ownerId)
      errors.push({ rowNo: first, column: header('vin'), value: head.vin, key: 'vehicle_without_owner' });

    const orderLines = group.rows.flatMap((r) => (r.line ? [r.line] : []));
    const totals = orderTotals(head, orderLines);
    const keyedId = keyed.get(group.number);
    const sameNumber = foundByNumber.get(group.number);
    // An order of that number that another source (or this one, under another number) owns is not this one.
    const before =
      (keyedId ? foundById.get(keyedId) : undefined) ??
      (sameNumber && !claimed.has(sameNumber.id) ? sameNumber : undefined);
    const number = !before && sameNumber ? qualifiedNumber(source.name, group.number) : group.number;
    if (errors.length === 0 && car && head.dateIn && before) {
      const same =
        fingerprint({
          ...before,
          totals: before,
          lines: orderLines.length === 0 ? null : before.lines,
        }) ===
        fingerprint({
          vehicleId: car.id,
          type: head.type ?? 'general_repair',
          dateIn: head.dateIn,
          dateOut: head.dateOut,
          mileageKm: head.mileageKm,
          // Zero totals and no lines: the lines a lines file added since made the totals (see lines.apply.ts).
          totals:
            orderLines.length === 0 && totals.totalFen === 0 && totals.partsCostFen === 0 && before.lines.length > 0
              ? before
              : totals,
          lines: orderLines.length === 0 ? null : orderLines,
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
      refuseOrder(result, group, errors, header);
      continue;
    }
    // An order-level name (advisor, store) repeated on every line is reported once, on its first row.
    const seen = new Set<string>();
    // The advisor by name within the order's store (then the tenant): unknown, the name is reported (once
    // per import) and kept as text on the order (advisor_name).
    const advisor = head.advisor ? env.staff(head.advisor, head.storeId) : null;
    const advisorOf = staffText(head.advisor, advisor);
    const advisorRow = group.rows.find((r) => r.head.advisor)?.rowNo ?? first;
    const warnings = [
      ...group.rows.flatMap((r) => r.warnings),
      ...(advisor && 'warning' in advisor
        ? [{ rowNo: advisorRow, column: header('serviceAdvisor'), value: head.advisor, key: advisor.warning }]
        : []),
    ].sort((a, b) => a.rowNo - b.rowNo);
    for (const w of warnings) {
      const key = `${w.column}\u0001${w.value}\u0001${w.key}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(w);
      bump(counts, 'warnings');
    }
    if (before || !car || !head.dateIn) {
      if (before && before.id !== keyedId)
        newKeys.push({ entity: 'repair_order', number: group.number, entityId: before.id });
      bump(counts, 'ordersUnchanged');
      continue;
    }
    if (number !== group.number)
      issues.push({ rowNo: first, column: header('orderNumber'), value: number, key: 'import_order_number_qualified' });
    if (number !== group.number) bump(counts, 'warnings');
    // The odometer at check-in passes the one check (vehicles/mileage.ts): a value contradicting the car's
    // trusted series is kept on the order, flagged for a person, and never feeds the forecast.
    const km = head.mileageKm;
    const known = series.get(car.id) ?? [];
    series.set(car.id, known);
    const problem =
      km !== null && head.dateIn <= now
        ? checkReading(
            known.filter((r) => r.flag === null).map((r) => ({ at: r.readAt, km: r.km })),
            { at: head.dateIn, km },
          )
        : null;
    const id = newRowId();
    orders.push({
      tenantId,
      id,
      number,
      vehicleId: car.id,
      customerId: car.ownerId as string,
      storeId: head.storeId,
      type: head.type ?? 'general_repair',
      dateIn: head.dateIn,
      dateOut: head.dateOut,
      mileageKm: head.mileageKm,
      mileageFlag: problem,
      advisorId: advisorOf.id,
      advisorName: advisorOf.text,
      technician: head.technician,
      ...totals,
      createdAt: now,
    });
    newKeys.push({ entity: 'repair_order', number: group.number, entityId: id });
    // An explicit work kind wins; none: the database classifies the description (app_work_kind).
    orderLines.forEach(({ rowNo: _row, work, ...line }, position) =>
      lines.push({ ...line, ...(work ? { work } : {}), tenantId, repairOrderId: id, position }),
    );
    bump(counts, 'ordersCreated');
    bump(counts, 'linesCreated', orderLines.length);

    // The odometer at check-in is on the order itself: every reader of a car's series (the forecast, the
    // owner's page, the checks) reads the orders beside the readings, so it is not copied into a reading.
    // `mileageAdded`: the series gained a value it did not have.
    if (km !== null && head.dateIn <= now) {
      if (problem) {
        issues.push({ rowNo: first, column: header('mileageKm'), value: String(km), key: `import_${problem}` });
        bump(counts, 'warnings');
        known.push({ km, readAt: head.dateIn, flag: problem });
        continue;
      }
      if (known.some((r) => r.km === km)) continue;
      known.push({ km, readAt: head.dateIn, flag: null });
      bump(counts, 'mileageAdded');
    }
  }

  await m.insertMany(ctx.sql, ctx.tenantId, repairOrders, orders);
  await m.insertMany(ctx.sql, ctx.tenantId, repairOrderLines, lines);
  await writeKeys(ctx, source.id, newKeys);
  return result;
};
