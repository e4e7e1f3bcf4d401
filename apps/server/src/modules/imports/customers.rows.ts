import { normalisePhone, parseDate, parseGender, parseText, type Cell, type Parsed } from './cells.ts';
import { carOf, mileageOf, parseCarCells, type CarFields } from './car.rows.ts';
import type { Lookups, Unlisted } from './lookups.ts';
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
    /** The name as the file gives it when no one staff member has it (set when applied). */
    salesConsultantName: string | null;
    serviceAdvisorName: string | null;
    homeStoreId: string | null;
  };
  /** 销售顾问 / 服务顾问 as the file names them: matched within the customer's store when applied. */
  staffNames: { salesConsultant: string | null; serviceAdvisor: string | null };
  /** The old system's customer number (客户编号): the customer's source key. */
  ref: string | null;
  /** A phone the file gave that cannot be used (kept under the source key, flagged for fixing). */
  unusablePhone: string | null;
  /** Unique, the primary first; empty for a customer kept under its source key without a usable phone. */
  phones: string[];
  vehicle: CarFields | null;
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

/**
 * Reads and validates one row. Any value that is present but malformed rejects the row (the user fixes
 * the file and imports again: a re-import changes nothing that already went in). Names that match
 * nothing in the tenant or the catalogue are warnings: the row imports without them.
 */
export const readCustomerRow = (
  r: FieldReader,
  lookups: Lookups,
  defaultMileageDate: string,
  keepWithoutPhone = false,
): CustomerRecord | null => {
  r.required('customerName');
  const name = r.parse('customerName', text(60));
  const ref = r.parse('customerRef', text(200));
  // Nothing lost (a customer master file): a customer the old system numbered is kept under that number
  // when the phone is missing or unusable — the phone is reported and the customer flagged for fixing.
  const keep = keepWithoutPhone && !!ref;
  const lost: { phone: string | null } = { phone: null };
  const usable = (field: string) => {
    if (!keep) return r.parse(field, normalisePhone);
    const parsed = normalisePhone(r.cell(field));
    if (parsed === null) return null;
    if (parsed.ok) return parsed.value;
    r.warn(field, 'import_phone_kept_for_fix');
    lost.phone ??= r.text(field);
    return null;
  };
  if (!keep) r.required('phone');
  const phone = usable('phone');
  const second = usable('secondPhone');
  if (keep && !phone && !second && lost.phone === null) {
    r.warn('phone', 'import_phone_kept_for_fix', null);
    lost.phone = '';
  }
  const gender = r.parse('gender', parseGender);
  const birthday = r.parse('birthday', parseDate);
  const idNumber = r.parse('idNumber', idParser);
  const address = r.parse('address', text(200));
  const occupation = r.parse('occupation', text(60));
  const source = r.parse('source', text(200));
  const cells = parseCarCells(r);
  if (address !== undefined && address !== null && address.length < 2) r.fail('address', 'import_too_short');
  if (r.errors.length > 0 || !name || (!phone && !keep)) return null;

  const storeName = r.text('storeCode');
  const store = storeName ? lookups.store(storeName) : null;
  if (store && 'warning' in store) r.warn('storeCode', store.warning);
  const preferences: Record<string, string> = {};
  if (ref) preferences[dmsRefKey] = ref;
  if (source) preferences[dmsSourceKey] = source;

  let vehicle: CustomerRecord['vehicle'] = null;
  let unlisted: Unlisted[] = [];
  if (cells.vin) {
    ({ vehicle, unlisted } = carOf(r, lookups, cells, cells.vin));
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
      salesConsultantId: null,
      serviceAdvisorId: null,
      salesConsultantName: null,
      serviceAdvisorName: null,
      homeStoreId: store && 'id' in store ? store.id : null,
    },
    staffNames: {
      salesConsultant: r.text('salesConsultant') || null,
      serviceAdvisor: r.text('serviceAdvisor') || null,
    },
    ref: ref ?? null,
    unusablePhone: lost.phone,
    phones: [...new Set([...(phone ? [phone] : []), ...(second ? [second] : [])])],
    vehicle,
    unlisted,
    mileage: vehicle ? mileageOf(cells, defaultMileageDate, lookups.timezone) : null,
    warnings: r.warnings,
  };
};
