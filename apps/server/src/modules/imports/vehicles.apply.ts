import { newRowId } from '../../platform/db/ids.ts';
import type { Ctx } from '../../platform/context.ts';
import { mileageReadings, vehicleOwnerships, vehicles } from '../../platform/db/schema/index.ts';
import { checkReading } from '../vehicles/mileage.ts';
import { changeOwnerByImport } from '../vehicles/vehicles.service.ts';
import * as m from './merge.queries.ts';
import { mergeCar } from './merge-fields.ts';
import { bump, emptyResult, noteUnlisted, type BatchResult } from './rows.ts';
import { customersNamed, keysOf, writeKeys, type NewKey } from './source-keys.ts';
import type { VehicleRecord } from './vehicles.rows.ts';

type VehicleState = { id: string; isNew: boolean; values: Partial<m.VehicleRow>; patch: Partial<m.VehicleRow> };

/**
 * Applies one batch of car rows: the owner by the customer number of the same source (or by phone), the
 * car by its number in the source first, then by VIN. Found: empty fields filled, never overwritten, never
 * moved to another owner. Applying the same rows twice changes nothing.
 */
export const applyVehicleBatch = async (
  ctx: Ctx,
  records: VehicleRecord[],
  env: { today: string; header: (field: string) => string | null; source: { id: string } },
): Promise<BatchResult> => {
  const { db, tenantId } = ctx;
  const now = ctx.clock.now();
  const result = emptyResult();
  const { counts, issues } = result;
  const sourceId = env.source.id;

  const { byRef: ownersByRef, byPhone: ownersByPhone } = await customersNamed(
    db,
    tenantId,
    sourceId,
    records.map((r) => ({ ref: r.customerRef, phone: r.ownerPhone })),
  );
  const carsByRef = await keysOf(
    db,
    tenantId,
    sourceId,
    'vehicle',
    records.flatMap((r) => (r.vehicleRef ? [r.vehicleRef] : [])),
  );
  const found = [
    ...(await m.vehiclesWithVins(db, tenantId, [...new Set(records.map((r) => r.vehicle.vin))])),
    ...(await m.vehiclesWithIds(db, tenantId, [...new Set(carsByRef.values())])),
  ];
  const cars = new Map<string, VehicleState>();
  const byId = new Map<string, VehicleState>();
  for (const v of found) {
    if (byId.has(v.id)) continue;
    const state = { id: v.id, isNew: false, values: v, patch: {} };
    cars.set(v.vin, state);
    byId.set(v.id, state);
  }
  const readings = new Map<string, { km: number; readAt: Date; flag: string | null }[]>();
  for (const r of await m.readingsOfVehicles(db, tenantId, [...byId.keys()]))
    readings.set(r.vehicleId, [...(readings.get(r.vehicleId) ?? []), r]);

  const newOwnerships: (typeof vehicleOwnerships.$inferInsert)[] = [];
  const adopted: { vehicleId: string; customerId: string; date: string }[] = [];
  const newReadings: (typeof mileageReadings.$inferInsert)[] = [];
  const newKeys: NewKey[] = [];

  for (const rec of records) {
    result.rows += 1;
    const fail = (field: string, key: string, value: string) => {
      issues.push({ rowNo: rec.rowNo, column: env.header(field), value, key });
      result.failed += 1;
    };
    const report = (field: string, key: string, value: string) => {
      issues.push({ rowNo: rec.rowNo, column: env.header(field), value, key });
      bump(counts, 'warnings');
    };
    const ownerId = rec.customerRef
      ? ownersByRef.get(rec.customerRef)
      : rec.ownerPhone
        ? ownersByPhone.get(rec.ownerPhone)
        : undefined;
    if (!ownerId) {
      if (rec.customerRef) fail('customerRef', 'import_owner_unknown', rec.customerRef);
      else fail('ownerPhone', 'import_owner_unknown', rec.ownerPhone ?? '');
      continue;
    }
    const { vin, ...carFields } = rec.vehicle;
    const keyedId = rec.vehicleRef ? carsByRef.get(rec.vehicleRef) : undefined;
    const keyedCar = keyedId ? byId.get(keyedId) : undefined;
    const vinCar = cars.get(vin);
    if (keyedCar && (keyedCar.values.vin ?? vin) !== vin) {
      fail('vehicleRef', 'import_vehicle_ref_other', rec.vehicleRef ?? '');
      continue;
    }
    let car = keyedCar ?? vinCar;
    const currentOwner = car ? (car.patch.ownerId ?? car.values.ownerId ?? null) : null;
    if (car && currentOwner && currentOwner !== ownerId) {
      fail('vin', 'import_vin_other_owner', vin);
      continue;
    }
    for (const w of rec.warnings) issues.push(w);
    bump(counts, 'warnings', rec.warnings.length);

    if (!car) {
      const id = newRowId();
      car = {
        id,
        isNew: true,
        values: { tenantId, id, vin, ...carFields, ownerId, createdAt: now, updatedAt: now },
        patch: {},
      };
      cars.set(vin, car);
      byId.set(id, car);
      newOwnerships.push({
        tenantId,
        vehicleId: id,
        customerId: ownerId,
        fromDate: carFields.purchaseDate ?? env.today,
      });
      bump(counts, 'vehiclesCreated');
    } else {
      let changed = mergeCar(car.values, car.isNew ? car.values : car.patch, carFields);
      if (!car.isNew && !currentOwner && !adopted.some((a) => a.vehicleId === car?.id)) {
        adopted.push({ vehicleId: car.id, customerId: ownerId, date: carFields.purchaseDate ?? env.today });
        car.values = { ...car.values, ownerId };
        changed = true;
      }
      bump(counts, changed ? 'vehiclesMerged' : 'vehiclesUnchanged');
    }
    noteUnlisted(result, rec.unlisted);
    if (rec.vehicleRef && !keyedCar) {
      carsByRef.set(rec.vehicleRef, car.id);
      newKeys.push({ entity: 'vehicle', number: rec.vehicleRef, entityId: car.id });
    }

    // The odometer, as the customers kind reads it (vehicles/mileage.ts decides what is trusted).
    if (rec.mileage) {
      const known = readings.get(car.id) ?? [];
      const { km, readAt } = rec.mileage;
      const problem = checkReading(
        known.filter((r) => r.flag === null).map((r) => ({ at: r.readAt, km: r.km })),
        { at: readAt, km },
      );
      if (known.some((r) => r.km === km)) bump(counts, 'mileageUnchanged');
      else if (readAt > now) report('mileageKm', 'import_mileage_skipped', String(km));
      else {
        if (problem) report('mileageKm', `import_${problem}`, String(km));
        else bump(counts, 'mileageAdded');
        known.push({ km, readAt, flag: problem });
        readings.set(car.id, known);
        newReadings.push({
          tenantId,
          vehicleId: car.id,
          km,
          readAt,
          source: 'import',
          flag: problem,
          createdAt: now,
        });
      }
    }
  }

  const states = [...byId.values()];
  await m.insertMany(
    ctx.sql,
    ctx.tenantId,
    vehicles,
    states.filter((c) => c.isNew).map((c) => c.values),
  );
  for (const c of states)
    if (!c.isNew && Object.keys(c.patch).length > 0)
      await m.patchVehicle(db, tenantId, c.id, { ...c.patch, updatedAt: now });
  // A car given its owner here: its app bindings end as on a transfer (audited, the accounts told).
  for (const a of adopted) await changeOwnerByImport(ctx, a);
  await m.insertMany(ctx.sql, ctx.tenantId, vehicleOwnerships, newOwnerships);
  await m.insertMany(ctx.sql, ctx.tenantId, mileageReadings, newReadings);
  await writeKeys(ctx, sourceId, newKeys);
  return result;
};
