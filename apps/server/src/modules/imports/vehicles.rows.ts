import {
  normalisePhone,
  parseDate,
  parseKm,
  parseModelYear,
  parsePlate,
  parseText,
  parseVin,
  toInstant,
  type Cell,
} from './cells.ts';
import type { CustomerRecord } from './customers.rows.ts';
import { unlistedTexts, type Lookups, type Unlisted } from './lookups.ts';
import type { FieldReader, Issue } from './rows.ts';

/** One row of a 车辆档案 export: a car naming its owner by the old system's customer number (or phone). */
export type VehicleRecord = {
  rowNo: number;
  customerRef: string | null;
  ownerPhone: string | null;
  vehicleRef: string | null;
  vehicle: NonNullable<CustomerRecord['vehicle']>;
  /** Catalogue values that matched nothing (kept as the car's text columns, listed once in the report). */
  unlisted: Unlisted[];
  mileage: { km: number; readAt: Date } | null;
  warnings: Issue[];
};

const text = (max: number) => (cell: Cell) => parseText(cell, max);

/** Reads one car row; a malformed value (a VIN failing its check digit…) refuses the row. */
export const readVehicleRow = (r: FieldReader, lookups: Lookups, defaultMileageDate: string): VehicleRecord | null => {
  r.required('vin');
  const customerRef = r.parse('customerRef', text(200));
  const ownerPhone = r.parse('ownerPhone', normalisePhone);
  const vehicleRef = r.parse('vehicleRef', text(200));
  const vin = r.parse('vin', parseVin);
  const plate = r.parse('plate', parsePlate);
  const modelYear = r.parse('modelYear', parseModelYear);
  const colour = r.parse('colour', text(20));
  const purchaseDate = r.parse('purchaseDate', parseDate);
  const insurer = r.parse('insurer', text(40));
  const policyNo = r.parse('insurancePolicyNo', text(40));
  const insuranceExpiry = r.parse('insuranceExpiry', parseDate);
  const inspectionDue = r.parse('inspectionDue', parseDate);
  const km = r.parse('mileageKm', parseKm);
  const mileageDate = r.parse('mileageDate', parseDate);
  if (!customerRef && ownerPhone === null && r.text('ownerPhone') === '')
    r.fail('customerRef', 'import_owner_missing', null);
  if (r.errors.length > 0 || !vin) return null;
  const car = lookups.car({
    brand: r.text('brand') || null,
    series: r.text('series') || null,
    model: r.text('model') || null,
    year: modelYear ?? null,
  });
  return {
    rowNo: r.rowNo,
    customerRef: customerRef ?? null,
    ownerPhone: ownerPhone ?? null,
    vehicleRef: vehicleRef ?? null,
    vehicle: {
      vin,
      plate: plate ?? null,
      brandId: car.brandId,
      seriesId: car.seriesId,
      modelId: car.modelId,
      modelYear: car.modelYear,
      colour: colour ?? null,
      purchaseDate: purchaseDate ?? null,
      insurer: insurer ?? null,
      insurancePolicyNo: policyNo ?? null,
      insuranceExpiry: insuranceExpiry ?? null,
      inspectionDue: inspectionDue ?? null,
      ...unlistedTexts(car.unlisted),
    },
    unlisted: car.unlisted,
    mileage:
      km != null
        ? { km, readAt: toInstant({ date: mileageDate ?? defaultMileageDate, time: null }, lookups.timezone) }
        : null,
    warnings: r.warnings,
  };
};
