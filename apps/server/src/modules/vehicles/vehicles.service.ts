import {
  defaultWarranty,
  vehicleInput,
  type MileageFixInput,
  type MileageInput,
  type Vehicle,
  type VehicleInput,
} from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { maskPhone, roleSeesContacts } from '../customers/customers.mask.ts';
import { ownCustomersOnly } from '../customers/customers.scope.ts';
import { getCustomerRow } from '../customers/customers.service.ts';
import {
  checkReading,
  effectiveWarranty,
  kmPerDay,
  platformKmPerDay,
  type MileageProblem,
  type Reading,
} from './mileage.ts';

export { checkReading } from './mileage.ts';
import { endBindingsOfCar } from './bindings-end.ts';
import * as q from './vehicles.queries.ts';

/** What other modules may use of this module's SQL: they go through the service (lint rule m4s/no-foreign-queries). */
export { findVehicle, insertReadings, openOwnershipOf, readingsOfMany } from './vehicles.queries.ts';

type Row = NonNullable<Awaited<ReturnType<typeof q.findVehicle>>>;

const present = async (ctx: StaffCtx, row: Row): Promise<Vehicle> => {
  const { v } = row;
  const [readings, flagged] = await Promise.all([
    q.readingsOf(ctx.db, ctx.tenantId, v.id),
    q.flaggedReadingsOf(ctx.db, ctx.tenantId, v.id),
  ]);
  const warranty = effectiveWarranty(
    v,
    { warrantyYears: row.brandWarrantyYears, warrantyKm: row.brandWarrantyKm },
    defaultWarranty,
  );
  const latest = readings[0];
  return {
    id: v.id,
    vin: v.vin,
    plate: v.plate,
    brandId: v.brandId,
    brandName: row.brandName,
    seriesId: v.seriesId,
    seriesName: row.seriesName,
    modelId: v.modelId,
    modelName: row.modelName,
    modelYear: v.modelYear,
    colour: v.colour,
    purchaseDate: v.purchaseDate,
    sellingStoreId: v.sellingStoreId,
    insurer: v.insurer,
    insurancePolicyNo: v.insurancePolicyNo,
    insuranceExpiry: v.insuranceExpiry,
    inspectionDue: v.inspectionDue,
    // Drivers' numbers follow the same rule as customers' (the owner's own advisor aside: masked).
    regularDrivers: v.regularDrivers.map((d) => ({
      ...d,
      phone: d.phone && (roleSeesContacts(ctx.actor) ? d.phone : maskPhone(d.phone)),
    })),
    ownerId: v.ownerId,
    warranty,
    mileage: {
      latestKm: latest?.km ?? null,
      latestAt: latest?.at.toISOString() ?? null,
      kmPerDay: kmPerDay(
        readings,
        v.purchaseDate ? new Date(`${v.purchaseDate}T00:00:00Z`) : null,
        row.brandKmPerDay ?? platformKmPerDay,
      ),
      flagged: flagged.map((f) => ({
        id: f.id,
        kind: f.kind,
        at: f.at.toISOString(),
        km: f.km,
        source: f.source,
        reason: f.flag as MileageProblem,
        repairOrderNumber: f.repairOrderNumber,
      })),
    },
  };
};

const load = async (ctx: StaffCtx, id: string) => {
  const row = await q.findVehicle(ctx.db, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  // A restricted consultant reaches a car through its owner.
  if (row.v.ownerId && ownCustomersOnly(ctx.actor)) await getCustomerRow(ctx, row.v.ownerId);
  return row;
};

const vinTaken = () => new AppError('CONFLICT', undefined, { issues: [{ path: 'vin', message: 'vin_taken' }] });

export const getVehicle = async (ctx: StaffCtx, id: string) => present(ctx, await load(ctx, id));

export const listCustomerVehicles = async (ctx: StaffCtx, customerId: string): Promise<Vehicle[]> => {
  await getCustomerRow(ctx, customerId);
  const rows = await q.vehiclesOfOwner(ctx.db, ctx.tenantId, customerId);
  return Promise.all(rows.map((r) => present(ctx, r)));
};

export const createVehicle = async (ctx: StaffCtx, input: VehicleInput): Promise<Vehicle> => {
  authorize(ctx.actor, 'customer.write');
  const data = vehicleInput.parse(input);
  if (await q.vehicleIdByVin(ctx.db, ctx.tenantId, data.vin)) throw vinTaken();
  if (data.ownerId)
    await getCustomerRow(ctx, data.ownerId).catch(() => Promise.reject(AppError.field('ownerId', 'customer_unknown')));
  const id = await q.insertVehicle(ctx.db, ctx.tenantId, data, ctx.clock.now());
  if (data.ownerId)
    await q.changeOwner(ctx.db, {
      tenantId: ctx.tenantId,
      vehicleId: id,
      customerId: data.ownerId,
      date: data.purchaseDate ?? (await tenantToday(ctx)),
    });
  await audit(ctx, { action: 'vehicle.created', target: { type: 'vehicle', id } });
  return getVehicle(ctx, id);
};

/** Edits the car's own facts; a change of owner goes through transferVehicle so the history is kept. */
export const updateVehicle = async (ctx: StaffCtx, id: string, input: VehicleInput): Promise<Vehicle> => {
  authorize(ctx.actor, 'customer.write');
  const before = await load(ctx, id);
  const { ownerId: _owner, ...data } = vehicleInput.parse(input);
  const other = await q.vehicleIdByVin(ctx.db, ctx.tenantId, data.vin);
  if (other && other !== id) throw vinTaken();
  await q.updateVehicle(ctx.db, ctx.tenantId, id, data, ctx.clock.now());
  const changed = (Object.keys(data) as (keyof typeof data)[]).filter(
    (k) => JSON.stringify(before.v[k]) !== JSON.stringify(data[k]),
  );
  await audit(ctx, { action: 'vehicle.updated', target: { type: 'vehicle', id }, details: { changed } });
  return getVehicle(ctx, id);
};

export const transferVehicle = async (ctx: StaffCtx, id: string, input: { customerId: string; date: string }) => {
  authorize(ctx.actor, 'customer.write');
  const row = await load(ctx, id);
  await getCustomerRow(ctx, input.customerId).catch(() =>
    Promise.reject(AppError.field('customerId', 'customer_unknown')),
  );
  if (row.v.ownerId === input.customerId) throw AppError.field('customerId', 'same_owner');
  await q.changeOwner(ctx.db, { tenantId: ctx.tenantId, vehicleId: id, ...input });
  // The app accounts bound to the car follow its ownership: the seller's binding ends (issue 13).
  const bindingsEnded = await endBindingsOfCar(ctx, row.v);
  await audit(ctx, {
    action: 'vehicle.transferred',
    target: { type: 'vehicle', id },
    details: { from: row.v.ownerId, to: input.customerId, bindingsEnded },
  });
  return getVehicle(ctx, id);
};

/**
 * A DMS import gives an ownerless car its owner (imports: customers, cars, sales): the ownership changes as
 * at the desk, and the app accounts bound to the car lose it the same way a transfer ends them — audited,
 * told in their 消息中心 and by SMS (issue 13, finding 1): the new owner binds in their turn.
 */
export const changeOwnerByImport = async (
  ctx: Ctx,
  input: { vehicleId: string; customerId: string; date: string },
): Promise<number> => {
  await q.changeOwner(ctx.db, { tenantId: ctx.tenantId, ...input });
  const car = await q.findVehicle(ctx.db, ctx.tenantId, input.vehicleId);
  return car ? endBindingsOfCar(ctx, car.v, 'owner_imported') : 0;
};

/**
 * The one mileage check (vehicles/mileage.ts checkReading) against the car's trusted series — its readings
 * and its repair orders' odometer, flagged values aside. Null when the value may join the series.
 */
export const mileageProblem = async (db: Tx, tenantId: string, vehicleId: string, reading: Reading) =>
  checkReading(await q.readingsOf(db, tenantId, vehicleId), reading);

/**
 * An odometer never runs backwards: a reading below an earlier one, or above a later one (backdated), is
 * refused with its reason (400, field km).
 */
export const recordMileage = async (ctx: StaffCtx, id: string, input: MileageInput): Promise<Vehicle> => {
  authorize(ctx.actor, 'customer.write');
  await load(ctx, id);
  const readAt = input.readAt ? new Date(input.readAt) : ctx.clock.now();
  if (readAt > new Date(ctx.clock.now().getTime() + 60_000)) throw AppError.field('readAt', 'future');
  const problem = await mileageProblem(ctx.db, ctx.tenantId, id, { at: readAt, km: input.km });
  if (problem) throw AppError.field('km', problem);
  await q.insertReading(ctx.db, {
    tenantId: ctx.tenantId,
    vehicleId: id,
    readAt,
    km: input.km,
    source: input.source,
    createdAt: ctx.clock.now(),
  });
  return getVehicle(ctx, id);
};

/**
 * A person fixes a value kept aside as contradicting the car's series (point 2 of issue 11): accept it as
 * correct, correct it (the new value passes the one mileage check, else 400 with its reason), or discard
 * it. Audited; the owner is marked for reclassification by the tables' triggers (segment_dirty) and the
 * caller (segments) reclassifies the car's owner at once. Answers the car and its owner.
 */
export const resolveFlaggedMileage = async (
  ctx: StaffCtx,
  id: string,
  target: { kind: 'reading' | 'repair_order'; flagId: string },
  input: MileageFixInput,
): Promise<{ vehicle: Vehicle; ownerId: string | null }> => {
  authorize(ctx.actor, 'customer.write');
  const row = await load(ctx, id);
  const flagged = (await q.flaggedReadingsOf(ctx.db, ctx.tenantId, id)).find(
    (f) => f.kind === target.kind && f.id === target.flagId,
  );
  if (!flagged)
    throw new AppError('NOT_FOUND', undefined, { issues: [{ path: 'flagId', message: 'mileage_flag_unknown' }] });
  let action: Parameters<typeof q.resolveFlag>[4];
  if (input.action === 'correct') {
    if (input.km === undefined) throw AppError.field('km', 'mileage_fix_value');
    const problem = await mileageProblem(ctx.db, ctx.tenantId, id, { at: flagged.at, km: input.km });
    if (problem) throw AppError.field('km', problem);
    action = { kind: 'correct', km: input.km };
  } else action = { kind: input.action };
  if (!(await q.resolveFlag(ctx.db, ctx.tenantId, id, { kind: target.kind, id: target.flagId }, action)))
    throw new AppError('NOT_FOUND', undefined, { issues: [{ path: 'flagId', message: 'mileage_flag_unknown' }] });
  await audit(ctx, {
    action: 'vehicle.mileage_resolved',
    target: { type: 'vehicle', id },
    details: {
      kind: target.kind,
      flagId: target.flagId,
      action: input.action,
      reason: flagged.flag,
      from: flagged.km,
      to: input.action === 'correct' ? input.km : input.action === 'accept' ? flagged.km : null,
      repairOrderNumber: flagged.repairOrderNumber,
    },
  });
  return { vehicle: await getVehicle(ctx, id), ownerId: row.v.ownerId };
};
