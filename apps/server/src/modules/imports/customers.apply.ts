import { newRowId } from '../../platform/db/ids.ts';
import type { Ctx } from '../../platform/context.ts';
import {
  customerPhones,
  customers,
  mileageReadings,
  vehicleOwnerships,
  vehicles,
} from '../../platform/db/schema/index.ts';
import { checkReading } from '../vehicles/mileage.ts';
import { changeOwnerByImport } from '../vehicles/vehicles.service.ts';
import type { CustomerRecord } from './customers.rows.ts';
import * as m from './merge.queries.ts';
import { fillEmpty, mergeCar } from './merge-fields.ts';
import { bump, emptyResult, noteUnlisted, type BatchResult } from './rows.ts';
import { dataFixTasks, type DataFix } from './data-fix.ts';
import { keysOf, writeKeys, type NewKey } from './source-keys.ts';
import { staffKey, staffText, type StaffNames } from './staff-names.ts';

/** customerInput allows five phones; a sixth from a file is reported, not added. */
const maxPhones = 5;

type Fields = Partial<m.CustomerRow>;
type CustomerState = { id: string; isNew: boolean; values: Fields; patch: Fields; phones: string[] };
type VehicleState = { id: string; isNew: boolean; values: Partial<m.VehicleRow>; patch: Partial<m.VehicleRow> };

const customerFields = (rec: CustomerRecord): Fields => ({
  gender: rec.customer.gender,
  birthday: rec.customer.birthday,
  idNumber: rec.customer.idNumber,
  occupation: rec.customer.occupation,
  addresses: rec.customer.address ? [{ kind: 'home', text: rec.customer.address }] : [],
  homeStoreId: rec.customer.homeStoreId,
});

/** Each staff field: the id, and the name kept as text when no one staff member has it (migration 0036). */
const staffFields = [
  ['salesConsultant', 'salesConsultantId', 'salesConsultantName'],
  ['serviceAdvisor', 'serviceAdvisorId', 'serviceAdvisorName'],
] as const;

/**
 * The customer's consultant and advisor filled from a row: the id and its name as text are one field — filled
 * only where the customer has neither, never overwritten. A name kept as text gives way to the person once a
 * file names someone of that name who is now on the staff. Answers whether anything was filled.
 */
const fillStaff = (current: Fields, target: Fields, rec: CustomerRecord) => {
  let changed = false;
  for (const [field, idKey, textKey] of staffFields) {
    const name = rec.staffNames[field];
    const id = rec.customer[idKey];
    const text = rec.customer[textKey];
    const has = { id: target[idKey] ?? current[idKey] ?? null, text: target[textKey] ?? current[textKey] ?? null };
    if (has.id || (!id && !text)) continue;
    if (has.text === null) {
      if (id) target[idKey] = id;
      else target[textKey] = text;
      changed = true;
    } else if (id && name && staffKey(has.text) === staffKey(name)) {
      target[idKey] = id;
      target[textKey] = null;
      changed = true;
    }
  }
  return changed;
};

/**
 * Applies one batch of customer rows in the caller's transaction. A customer is found by any of its
 * phones, a car by its VIN; what is found is merged (empty fields filled, a new phone added, nothing
 * overwritten) and what is not is created. Applying the same rows twice changes nothing.
 */
export const applyCustomerBatch = async (
  ctx: Ctx,
  records: CustomerRecord[],
  defaults: {
    homeStoreId: string | null;
    today: string;
    header: (field: string) => string | null;
    source: { id: string; name: string };
    staff: StaffNames;
  },
): Promise<BatchResult> => {
  const { db, tenantId } = ctx;
  const now = ctx.clock.now();
  const result = emptyResult();
  const { counts, issues } = result;
  const source = defaults.source;
  // The old system's customer numbers of this source: found by key first, then by phone.
  const keyed = await keysOf(
    db,
    tenantId,
    source.id,
    'customer',
    records.flatMap((r) => (r.ref ? [r.ref] : [])),
  );
  const newKeys: NewKey[] = [];
  const fixes: DataFix[] = [];
  // Staff the rows name: within the customer's store first, then the tenant (staff-names.ts). A name no one
  // person has is reported once per import and kept as text on every row naming it.
  for (const rec of records) {
    const storeId = rec.customer.homeStoreId ?? defaults.homeStoreId;
    for (const [field, idKey, textKey] of staffFields) {
      const name = rec.staffNames[field];
      if (!name) continue;
      const found = defaults.staff(name, storeId);
      const { id, text } = staffText(name, found);
      rec.customer[idKey] = id;
      rec.customer[textKey] = text;
      if ('warning' in found)
        rec.warnings.push({ rowNo: rec.rowNo, column: defaults.header(field), value: name, key: found.warning });
    }
  }

  const phoneOwner = new Map(
    (await m.phoneOwners(db, tenantId, [...new Set(records.flatMap((r) => r.phones))])).map((p) => [
      p.phone,
      p.customerId,
    ]),
  );
  const existingCars = await m.vehiclesWithVins(db, tenantId, [
    ...new Set(records.flatMap((r) => (r.vehicle ? [r.vehicle.vin] : []))),
  ]);
  const customerIds = [...new Set([...phoneOwner.values(), ...keyed.values()])];
  const customerRows = await m.customersWithIds(db, tenantId, customerIds);
  const phoneRows = await m.phonesOfCustomers(db, tenantId, customerIds);
  const readingRows = await m.readingsOfVehicles(
    db,
    tenantId,
    existingCars.map((v) => v.id),
  );
  const people = new Map<string, CustomerState>(
    customerRows.map((c) => [
      c.id,
      {
        id: c.id,
        isNew: false,
        values: c,
        patch: {},
        phones: phoneRows.filter((p) => p.customerId === c.id).map((p) => p.phone),
      },
    ]),
  );
  const cars = new Map<string, VehicleState>(
    existingCars.map((v) => [v.vin, { id: v.id, isNew: false, values: v, patch: {} }]),
  );
  const readings = new Map<string, { km: number; readAt: Date; flag: string | null }[]>();
  for (const r of readingRows) readings.set(r.vehicleId, [...(readings.get(r.vehicleId) ?? []), r]);

  const newPhones: (typeof customerPhones.$inferInsert)[] = [];
  const newOwnerships: (typeof vehicleOwnerships.$inferInsert)[] = [];
  const adopted: { vehicleId: string; customerId: string; date: string }[] = [];
  const newReadings: (typeof mileageReadings.$inferInsert)[] = [];

  for (const rec of records) {
    result.rows += 1;
    const report = (field: string, key: string, value: string) =>
      issues.push({ rowNo: rec.rowNo, column: defaults.header(field), value, key });
    const fail = (field: string, key: string, value: string) => {
      report(field, key, value);
      result.failed += 1;
    };
    // A key whose customer is gone (merged away, erased) counts as none: it is pointed anew below.
    const keyedTo = rec.ref ? keyed.get(rec.ref) : undefined;
    const byKey = keyedTo && people.has(keyedTo) ? keyedTo : undefined;
    const owners = [...new Set([...(byKey ? [byKey] : []), ...rec.phones.flatMap((p) => phoneOwner.get(p) ?? [])])];
    if (owners.length > 1) {
      if (byKey) fail('customerRef', 'import_ref_phone_other', rec.ref ?? '');
      else fail('phone', 'import_phones_split', rec.phones.join(' / '));
      continue;
    }
    let person = owners[0] ? people.get(owners[0]) : undefined;
    const found = person !== undefined;
    const car = rec.vehicle ? cars.get(rec.vehicle.vin) : undefined;
    if (car?.values.ownerId && car.values.ownerId !== person?.id) {
      fail('vin', 'import_vin_other_owner', rec.vehicle?.vin ?? '');
      continue;
    }
    for (const w of rec.warnings) issues.push(w);
    bump(counts, 'warnings', rec.warnings.length);

    // The customer: found by a phone and merged, or created.
    let changed = false;
    if (!person) {
      const values: Fields = {
        tenantId,
        id: newRowId(),
        name: rec.customer.name,
        source: 'import',
        preferences: rec.customer.preferences,
        ...customerFields(rec),
        salesConsultantId: rec.customer.salesConsultantId,
        serviceAdvisorId: rec.customer.serviceAdvisorId,
        salesConsultantName: rec.customer.salesConsultantName,
        serviceAdvisorName: rec.customer.serviceAdvisorName,
        homeStoreId: rec.customer.homeStoreId ?? defaults.homeStoreId,
        createdAt: now,
        updatedAt: now,
      };
      person = { id: values.id as string, isNew: true, values, patch: {}, phones: [] };
      people.set(person.id, person);
      bump(counts, 'customersCreated');
    } else {
      const target = person.isNew ? person.values : person.patch;
      changed = fillEmpty(person.values, target, customerFields(rec));
      changed = fillStaff(person.values, target, rec) || changed;
      const prefs = { ...(person.values.preferences ?? {}), ...(person.patch.preferences ?? {}) };
      const newPrefs = Object.entries(rec.customer.preferences).filter(([k]) => !(k in prefs));
      if (newPrefs.length > 0) target.preferences = { ...prefs, ...Object.fromEntries(newPrefs) };
      changed ||= newPrefs.length > 0;
    }
    for (const phone of rec.phones) {
      if (person.phones.includes(phone)) continue;
      if (person.phones.length >= maxPhones) {
        report('phone', 'import_phone_limit', phone);
        bump(counts, 'warnings');
        continue;
      }
      newPhones.push({ tenantId, customerId: person.id, phone, isPrimary: person.phones.length === 0, createdAt: now });
      person.phones.push(phone);
      phoneOwner.set(phone, person.id);
      if (found) {
        bump(counts, 'phonesAdded');
        changed = true;
      }
    }
    if (found) bump(counts, changed ? 'customersMerged' : 'customersUnchanged');
    if (rec.ref && !byKey) {
      keyed.set(rec.ref, person.id);
      newKeys.push({ entity: 'customer', number: rec.ref, entityId: person.id });
    }
    // Kept without a usable phone: flagged for a person to fix (once per customer).
    if (rec.unusablePhone !== null && person.phones.length === 0)
      fixes.push({
        customerId: person.id,
        storeId: person.values.homeStoreId ?? null,
        phone: rec.unusablePhone,
        ref: rec.ref,
        source: source.name,
        name: rec.customer.name,
      });

    // The car: found by its VIN and merged (same owner, or none yet), or created.
    if (!rec.vehicle) continue;
    const { vin, ...carFields } = rec.vehicle;
    let vehicle = car;
    if (!vehicle) {
      const id = newRowId();
      vehicle = {
        id,
        isNew: true,
        values: { tenantId, id, vin, ...carFields, ownerId: person.id, createdAt: now, updatedAt: now },
        patch: {},
      };
      cars.set(vin, vehicle);
      newOwnerships.push({
        tenantId,
        vehicleId: vehicle.id,
        customerId: person.id,
        fromDate: carFields.purchaseDate ?? defaults.today,
      });
      bump(counts, 'vehiclesCreated');
    } else {
      let changed = mergeCar(vehicle.values, vehicle.isNew ? vehicle.values : vehicle.patch, carFields);
      if (!vehicle.isNew && !vehicle.values.ownerId && !adopted.some((a) => a.vehicleId === vehicle?.id)) {
        adopted.push({ vehicleId: vehicle.id, customerId: person.id, date: carFields.purchaseDate ?? defaults.today });
        vehicle.values = { ...vehicle.values, ownerId: person.id };
        changed = true;
      }
      bump(counts, changed ? 'vehiclesMerged' : 'vehiclesUnchanged');
    }

    noteUnlisted(result, rec.unlisted);

    // The odometer: one reading per value; one dated in the future is reported, not stored; one that
    // contradicts the car's trusted series (vehicles/mileage.ts) is stored flagged, for a person to fix.
    if (rec.mileage) {
      const known = readings.get(vehicle.id) ?? [];
      const { km, readAt } = rec.mileage;
      const problem = checkReading(
        known.filter((r) => r.flag === null).map((r) => ({ at: r.readAt, km: r.km })),
        { at: readAt, km },
      );
      if (known.some((r) => r.km === km)) bump(counts, 'mileageUnchanged');
      else if (readAt > now) {
        report('mileageKm', 'import_mileage_skipped', String(km));
        bump(counts, 'warnings');
      } else if (problem) {
        report('mileageKm', `import_${problem}`, String(km));
        bump(counts, 'warnings');
        known.push({ km, readAt, flag: problem });
        readings.set(vehicle.id, known);
        newReadings.push({
          tenantId,
          vehicleId: vehicle.id,
          km,
          readAt,
          source: 'import',
          flag: problem,
          createdAt: now,
        });
      } else {
        known.push({ km, readAt, flag: null });
        readings.set(vehicle.id, known);
        newReadings.push({ tenantId, vehicleId: vehicle.id, km, readAt, source: 'import', createdAt: now });
        bump(counts, 'mileageAdded');
      }
    }
  }

  // Writes, parents first: customers, phones, cars, ownerships, readings.
  const states = [...people.values()];
  await m.insertMany(
    ctx.sql,
    ctx.tenantId,
    customers,
    states.filter((s) => s.isNew).map((s) => s.values),
  );
  for (const s of states)
    if (!s.isNew && Object.keys(s.patch).length > 0)
      await m.patchCustomer(db, tenantId, s.id, { ...s.patch, updatedAt: now });
  await m.insertMany(ctx.sql, ctx.tenantId, customerPhones, newPhones);
  const carStates = [...cars.values()];
  await m.insertMany(
    ctx.sql,
    ctx.tenantId,
    vehicles,
    carStates.filter((c) => c.isNew).map((c) => c.values),
  );
  for (const c of carStates)
    if (!c.isNew && Object.keys(c.patch).length > 0)
      await m.patchVehicle(db, tenantId, c.id, { ...c.patch, updatedAt: now });
  // A car given its owner here: its app bindings end as on a transfer (audited, the accounts told).
  for (const a of adopted) await changeOwnerByImport(ctx, a);
  await m.insertMany(ctx.sql, ctx.tenantId, vehicleOwnerships, newOwnerships);
  await m.insertMany(ctx.sql, ctx.tenantId, mileageReadings, newReadings);
  await writeKeys(ctx, source.id, newKeys);
  bump(counts, 'dataFixTasks', await dataFixTasks(ctx, fixes));
  return result;
};
