import { newRowId } from '../../platform/db/ids.ts';
import type { Ctx } from '../../platform/context.ts';
import { salesOrders } from '../../platform/db/schema/index.ts';
import { changeOwnerByImport } from '../vehicles/vehicles.service.ts';
import * as m from './merge.queries.ts';
import { qualifiedNumber } from './orders.apply.ts';
import { bump, emptyResult, type BatchResult } from './rows.ts';
import type { SaleRecord } from './sales.rows.ts';
import { customersNamed, keyedIds, keysOf, writeKeys, type NewKey } from './source-keys.ts';
import { staffText, type StaffNames } from './staff-names.ts';

/**
 * Applies one batch of sales / deliveries: the car by VIN or by its number in the source, the buyer by the
 * customer number of the source or by phone, the consultant by name within the store. A sale is found by
 * its number in the source (else, without a number, the same car and buyer); found with the same content it
 * is left alone, with other content it is reported and never changed. Written to sales_orders with
 * delivery_date (and delivered_at when the file gives the time), which the care rules' timings count from.
 */
export const applySalesBatch = async (
  ctx: Ctx,
  records: SaleRecord[],
  env: { header: (field: string) => string | null; source: { id: string; name: string }; staff: StaffNames },
): Promise<BatchResult> => {
  const { db, tenantId } = ctx;
  const now = ctx.clock.now();
  const result = emptyResult();
  const { counts, issues } = result;
  const sourceId = env.source.id;

  const { byRef: buyersByRef, byPhone: buyersByPhone } = await customersNamed(
    db,
    tenantId,
    sourceId,
    records.map((r) => ({ ref: r.customerRef, phone: r.buyerPhone })),
  );
  const carRefs = await keysOf(
    db,
    tenantId,
    sourceId,
    'vehicle',
    records.flatMap((r) => (!r.vin && r.vehicleRef ? [r.vehicleRef] : [])),
  );
  const carRows = [
    ...(await m.vehiclesWithVins(db, tenantId, [...new Set(records.flatMap((r) => (r.vin ? [r.vin] : [])))])),
    ...(await m.vehiclesWithIds(db, tenantId, [...new Set(carRefs.values())])),
  ];
  const carsByVin = new Map(carRows.map((v) => [v.vin, v]));
  const carsById = new Map(carRows.map((v) => [v.id, v]));
  const numbers = records.flatMap((r) => (r.orderNumber ? [r.orderNumber] : []));
  const keyed = await keysOf(db, tenantId, sourceId, 'sales_order', numbers);
  const qualified = numbers.map((n) => qualifiedNumber(env.source.name, n));
  const sales: m.SalesOrderRow[] = await m.salesOrdersMatching(db, tenantId, {
    ids: [...new Set(keyed.values())],
    refs: [...new Set([...numbers, ...qualified])],
    vehicleIds: [...carsById.keys()],
  });
  const claimed = await keyedIds(
    db,
    tenantId,
    'sales_order',
    sales.map((s) => s.id),
  );
  const salesById = new Map(sales.map((s) => [s.id, s]));
  const salesByRef = new Map(sales.flatMap((s) => (s.externalRef ? [[s.externalRef, s] as const] : [])));

  const created: (typeof salesOrders.$inferInsert)[] = [];
  const adopted: { vehicleId: string; customerId: string; date: string }[] = [];
  const newKeys: NewKey[] = [];
  for (const rec of records) {
    result.rows += 1;
    const fail = (field: string, key: string, value: string) => {
      issues.push({ rowNo: rec.rowNo, column: env.header(field), value, key });
      result.failed += 1;
    };
    const buyerId = rec.customerRef
      ? buyersByRef.get(rec.customerRef)
      : rec.buyerPhone
        ? buyersByPhone.get(rec.buyerPhone)
        : undefined;
    const refCar = rec.vehicleRef ? carRefs.get(rec.vehicleRef) : undefined;
    const car = rec.vin ? carsByVin.get(rec.vin) : refCar ? carsById.get(refCar) : undefined;
    if (!car) {
      if (rec.vin) fail('vin', 'import_order_vehicle_unknown', rec.vin);
      else fail('vehicleRef', 'import_order_car_not_imported', rec.vehicleRef ?? '');
      continue;
    }
    if (!buyerId) {
      if (rec.customerRef) fail('customerRef', 'import_owner_unknown', rec.customerRef);
      else fail('buyerPhone', 'import_owner_unknown', rec.buyerPhone ?? '');
      continue;
    }
    const keyedId = rec.orderNumber ? keyed.get(rec.orderNumber) : undefined;
    const plain = rec.orderNumber ? salesByRef.get(rec.orderNumber) : undefined;
    const before =
      (keyedId ? salesById.get(keyedId) : undefined) ??
      (rec.orderNumber
        ? plain && !claimed.has(plain.id)
          ? plain
          : undefined
        : sales.find((s) => s.vehicleId === car.id && s.customerId === buyerId));
    if (before) {
      const same =
        before.vehicleId === car.id &&
        before.customerId === buyerId &&
        before.deliveryDate === rec.deliveryDate &&
        before.priceFen === rec.priceFen;
      if (!same) {
        fail('orderNumber', 'import_sale_exists_different', rec.orderNumber ?? rec.vin ?? '');
        continue;
      }
    }
    // The row's warnings (a store or consultant name that matches nothing), on a new sale or an unchanged one.
    for (const w of rec.warnings) issues.push(w);
    bump(counts, 'warnings', rec.warnings.length);
    const consultant = rec.consultant ? env.staff(rec.consultant, rec.storeId) : null;
    // No one staff member of that name: reported (once per import) and kept as text (consultant_name).
    const consultantOf = staffText(rec.consultant, consultant);
    if (consultant && 'warning' in consultant) {
      issues.push({
        rowNo: rec.rowNo,
        column: env.header('consultant'),
        value: rec.consultant,
        key: consultant.warning,
      });
      bump(counts, 'warnings');
    }
    if (before) {
      if (rec.orderNumber && before.id !== keyedId)
        newKeys.push({ entity: 'sales_order', number: rec.orderNumber, entityId: before.id });
      bump(counts, 'salesUnchanged');
      continue;
    }
    const ref = rec.orderNumber ? (plain ? qualifiedNumber(env.source.name, rec.orderNumber) : rec.orderNumber) : null;
    const id = newRowId();
    const sale = {
      tenantId,
      id,
      customerId: buyerId,
      vehicleId: car.id,
      storeId: rec.storeId,
      consultantId: consultantOf.id,
      consultantName: consultantOf.text,
      orderDate: rec.orderDate,
      deliveryDate: rec.deliveryDate,
      deliveredAt: rec.deliveredAt,
      priceFen: rec.priceFen,
      externalRef: ref,
      createdAt: now,
    };
    created.push(sale);
    sales.push({ ...sale });
    salesById.set(id, { ...sale });
    if (ref) salesByRef.set(ref, { ...sale });
    if (rec.orderNumber) {
      keyed.set(rec.orderNumber, id);
      newKeys.push({ entity: 'sales_order', number: rec.orderNumber, entityId: id });
    }
    if (!car.ownerId && !adopted.some((a) => a.vehicleId === car.id)) {
      adopted.push({ vehicleId: car.id, customerId: buyerId, date: rec.deliveryDate });
      car.ownerId = buyerId;
    }
    bump(counts, 'salesCreated');
  }
  await m.insertMany(ctx.sql, ctx.tenantId, salesOrders, created);
  // A car given its owner here: its app bindings end as on a transfer (audited, the accounts told).
  for (const a of adopted) await changeOwnerByImport(ctx, a);
  await writeKeys(ctx, sourceId, newKeys);
  return result;
};
