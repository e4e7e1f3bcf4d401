import { normalisePhone, parseText, type Cell } from './cells.ts';
import { carOf, mileageOf, parseCarCells, type CarFields } from './car.rows.ts';
import type { Lookups, Unlisted } from './lookups.ts';
import type { FieldReader, Issue } from './rows.ts';

/** One row of a 车辆档案 export: a car naming its owner by the old system's customer number (or phone). */
export type VehicleRecord = {
  rowNo: number;
  customerRef: string | null;
  ownerPhone: string | null;
  vehicleRef: string | null;
  vehicle: CarFields;
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
  const cells = parseCarCells(r);
  if (!customerRef && ownerPhone === null && r.text('ownerPhone') === '')
    r.fail('customerRef', 'import_owner_missing', null);
  if (r.errors.length > 0 || !cells.vin) return null;
  const { vehicle, unlisted } = carOf(r, lookups, cells, cells.vin);
  return {
    rowNo: r.rowNo,
    customerRef: customerRef ?? null,
    ownerPhone: ownerPhone ?? null,
    vehicleRef: vehicleRef ?? null,
    vehicle,
    unlisted,
    mileage: mileageOf(cells, defaultMileageDate, lookups.timezone),
    warnings: r.warnings,
  };
};
