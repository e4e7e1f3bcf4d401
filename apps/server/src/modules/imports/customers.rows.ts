import {
  normalisePhone,
  parseDate,
  parseGender,
  parseKm,
  parseModelYear,
  parsePlate,
  parseText,
  parseVin,
  toInstant,
  type Cell,
  type Parsed,
} from './cells.ts';
import { unlistedTexts, type Lookups, type Unlisted } from './lookups.ts';
import type { FieldReader, Issue } from './rows.ts';

/** Where the DMS's own customer number and source channel are kept (customers.preferences). */
export const dmsRefKey = '原系统客户编号';
export const dmsSourceKey = '原系统来源';

/** One row of a 客户车辆档案 export: a customer, their phones, maybe a car and a mileage reading. */
export type CustomerRecord = {
  rowNo: number;
  customer: {
    name: string;
    gender: 'male' | 'female' | null;
    birthday: string | null;
    idNumber: string | null;
    address: string | null;
    occupation: string | null;
    preferences: Record<string, string>;
    salesConsultantId: string | null;
    serviceAdvisorId: string | null;
    homeStoreId: string | null;
  };
  /** Unique, the primary first. */
  phones: string[];
  vehicle: {
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
    brandText: string | null;
    seriesText: string | null;
    modelText: string | null;
  } | null;
  /** The car's catalogue values that matched nothing (kept as its brandText / seriesText / modelText). */
  unlisted: Unlisted[];
  mileage: { km: number; readAt: Date } | null;
  warnings: Issue[];
};

const idParser = (cell: Cell): Parsed<string> => {
  if (cell === null || String(cell).trim() === '') return null;
  const id = String(cell).trim().toUpperCase();
  return /^[0-9A-Z]{15,18}$/.test(id) ? { ok: true, value: id } : { ok: false, key: 'id_number' };
};

const text = (max: number) => (cell: Cell) => parseText(cell, max);

/** The staff member a column names (by name or login), or a warning; the name is never dropped silently. */
const staffOf = (r: FieldReader, lookups: Lookups, field: string) => {
  const name = r.text(field);
  if (!name) return null;
  const found = lookups.staff(name);
  if (found && 'id' in found) return found.id;
  if (found) r.warn(field, found.warning);
  return null;
};

/**
 * Reads and validates one row. Any value that is present but malformed rejects the row (the user fixes
 * the file and imports again: a re-import changes nothing that already went in). Names that match
 * nothing in the tenant or the catalogue are warnings: the row imports without them.
 */
export const readCustomerRow = (
  r: FieldReader,
  lookups: Lookups,
  defaultMileageDate: string,
): CustomerRecord | null => {
  r.required('customerName');
  r.required('phone');
  const name = r.parse('customerName', text(60));
  const phone = r.parse('phone', normalisePhone);
  const second = r.parse('secondPhone', normalisePhone);
  const gender = r.parse('gender', parseGender);
  const birthday = r.parse('birthday', parseDate);
  const idNumber = r.parse('idNumber', idParser);
  const address = r.parse('address', text(200));
  const occupation = r.parse('occupation', text(60));
  const source = r.parse('source', text(200));
  const ref = r.parse('customerRef', text(200));
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
  if (address !== undefined && address !== null && address.length < 2) r.fail('address', 'import_too_short');
  if (r.errors.length > 0 || !name || !phone) return null;

  const storeName = r.text('storeCode');
  const store = storeName ? lookups.store(storeName) : null;
  if (store && 'warning' in store) r.warn('storeCode', store.warning);
  const preferences: Record<string, string> = {};
  if (ref) preferences[dmsRefKey] = ref;
  if (source) preferences[dmsSourceKey] = source;

  let vehicle: CustomerRecord['vehicle'] = null;
  let unlisted: Unlisted[] = [];
  if (vin) {
    const car = lookups.car({
      brand: r.text('brand') || null,
      series: r.text('series') || null,
      model: r.text('model') || null,
      year: modelYear ?? null,
    });
    unlisted = car.unlisted;
    vehicle = {
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
    };
  } else {
    const carFields = ['plate', 'brand', 'series', 'model', 'purchaseDate', 'insuranceExpiry', 'mileageKm'];
    const lost = carFields.find((f) => r.text(f) !== '');
    if (lost) r.warn('vin', 'import_no_vin', null);
  }

  return {
    rowNo: r.rowNo,
    customer: {
      name,
      gender: gender ?? null,
      birthday: birthday ?? null,
      idNumber: idNumber ?? null,
      address: address ?? null,
      occupation: occupation ?? null,
      preferences,
      salesConsultantId: staffOf(r, lookups, 'salesConsultant'),
      serviceAdvisorId: staffOf(r, lookups, 'serviceAdvisor'),
      homeStoreId: store && 'id' in store ? store.id : null,
    },
    phones: [...new Set([phone, ...(second ? [second] : [])])],
    vehicle,
    unlisted,
    mileage:
      vehicle && km != null
        ? { km, readAt: toInstant({ date: mileageDate ?? defaultMileageDate, time: null }, lookups.timezone) }
        : null,
    warnings: r.warnings,
  };
};
