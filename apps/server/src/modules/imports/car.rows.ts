import { parseDate, parseKm, parseModelYear, parsePlate, parseText, parseVin, toInstant, type Cell } from './cells.ts';
import { unlistedTexts, type Lookups, type Unlisted } from './lookups.ts';
import type { FieldReader } from './rows.ts';

const text = (max: number) => (cell: Cell) => parseText(cell, max);

/** A car as a row describes it (customers.rows.ts's one-car-per-owner rows, vehicles.rows.ts's car rows). */
export type CarFields = {
  vin: string;
  plate: string | null;
  brandId: string | null;
  seriesId: string | null;
  modelId: string | null;
  modelYear: number | null;
  colour: string | null;
  purchaseDate: string | null;
  insurer: string | null;
  insurancePolicyNo: string | null;
  insuranceExpiry: string | null;
  inspectionDue: string | null;
  /** A name the catalogue lacks, as the file wrote it. */
  brandText: string | null;
  seriesText: string | null;
  modelText: string | null;
};

/** The car's cells of a row, parsed in one order; a malformed value is recorded against the row. */
export const parseCarCells = (r: FieldReader) => ({
  vin: r.parse('vin', parseVin),
  plate: r.parse('plate', parsePlate),
  modelYear: r.parse('modelYear', parseModelYear),
  colour: r.parse('colour', text(20)),
  purchaseDate: r.parse('purchaseDate', parseDate),
  insurer: r.parse('insurer', text(40)),
  policyNo: r.parse('insurancePolicyNo', text(40)),
  insuranceExpiry: r.parse('insuranceExpiry', parseDate),
  inspectionDue: r.parse('inspectionDue', parseDate),
  km: r.parse('mileageKm', parseKm),
  mileageDate: r.parse('mileageDate', parseDate),
});
export type CarCells = ReturnType<typeof parseCarCells>;

/** The car of a row with a valid VIN: its catalogue entries, or the names kept as text (`unlisted`). */
export const carOf = (
  r: FieldReader,
  lookups: Lookups,
  cells: CarCells,
  vin: string,
): { vehicle: CarFields; unlisted: Unlisted[] } => {
  const car = lookups.car({
    brand: r.text('brand') || null,
    series: r.text('series') || null,
    model: r.text('model') || null,
    year: cells.modelYear ?? null,
  });
  return {
    vehicle: {
      vin,
      plate: cells.plate ?? null,
      brandId: car.brandId,
      seriesId: car.seriesId,
      modelId: car.modelId,
      modelYear: car.modelYear,
      colour: cells.colour ?? null,
      purchaseDate: cells.purchaseDate ?? null,
      insurer: cells.insurer ?? null,
      insurancePolicyNo: cells.policyNo ?? null,
      insuranceExpiry: cells.insuranceExpiry ?? null,
      inspectionDue: cells.inspectionDue ?? null,
      ...unlistedTexts(car.unlisted),
    },
    unlisted: car.unlisted,
  };
};

/** The row's odometer reading: dated by its own column, else the upload's day, in the dealer's zone. */
export const mileageOf = (cells: CarCells, defaultDate: string, timezone: string) =>
  cells.km != null
    ? { km: cells.km, readAt: toInstant({ date: cells.mileageDate ?? defaultDate, time: null }, timezone) }
    : null;
