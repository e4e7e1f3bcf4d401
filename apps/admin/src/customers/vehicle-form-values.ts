import { defaultWarranty, type CarBrand, type Vehicle, type VehicleInput } from '@m4s/contracts';
import { blankToNull } from '../lib/form-errors.ts';

export type DriverRow = { name: string; phone: string; relation: string };

export type VehicleValues = {
  vin: string;
  plate: string;
  brandId: string | null;
  seriesId: string | null;
  modelId: string | null;
  modelYear: number | null;
  colour: string;
  purchaseDate: string;
  sellingStoreId: string | null;
  warrantyYears: number | null;
  warrantyKm: number | null;
  insurer: string;
  insurancePolicyNo: string;
  insuranceExpiry: string;
  inspectionDue: string;
  regularDrivers: DriverRow[];
};

export const vehicleFieldNames = [
  'vin',
  'plate',
  'brandId',
  'seriesId',
  'modelId',
  'modelYear',
  'colour',
  'purchaseDate',
  'sellingStoreId',
  'warrantyYears',
  'warrantyKm',
  'insurer',
  'insurancePolicyNo',
  'insuranceExpiry',
  'inspectionDue',
  'regularDrivers',
];

/** The terms a car gets with no override of its own: its brand's, else the platform's 2 years / 40,000 km. */
export const brandTerms = (brand: CarBrand | undefined) =>
  brand
    ? { years: brand.warrantyYears, km: brand.warrantyKm }
    : { years: defaultWarranty.years, km: defaultWarranty.km };

/**
 * The API returns the effective warranty, not the override. Terms equal to the brand's are taken as "no
 * override", so saving an unrelated edit keeps following the brand; different terms are kept as an override.
 */
const overrideOf = (v: Vehicle, brand: CarBrand | undefined) => {
  const terms = brandTerms(brand);
  const same = v.warranty.years === terms.years && v.warranty.km === terms.km;
  return same
    ? { warrantyYears: null, warrantyKm: null }
    : { warrantyYears: v.warranty.years, warrantyKm: v.warranty.km };
};

export const toVehicleValues = (
  v: Vehicle | null,
  brands: readonly CarBrand[],
  storeId: string | null,
): VehicleValues => ({
  vin: v?.vin ?? '',
  plate: v?.plate ?? '',
  brandId: v?.brandId ?? null,
  seriesId: v?.seriesId ?? null,
  modelId: v?.modelId ?? null,
  modelYear: v?.modelYear ?? null,
  colour: v?.colour ?? '',
  purchaseDate: v?.purchaseDate ?? '',
  sellingStoreId: v ? v.sellingStoreId : storeId,
  ...(v
    ? overrideOf(
        v,
        brands.find((b) => b.id === v.brandId),
      )
    : { warrantyYears: null, warrantyKm: null }),
  insurer: v?.insurer ?? '',
  insurancePolicyNo: v?.insurancePolicyNo ?? '',
  insuranceExpiry: v?.insuranceExpiry ?? '',
  inspectionDue: v?.inspectionDue ?? '',
  regularDrivers: (v?.regularDrivers ?? []).map((d) => ({
    name: d.name,
    phone: d.phone ?? '',
    relation: d.relation ?? '',
  })),
});

export const toVehicleInput = (values: VehicleValues, ownerId: string | null): VehicleInput => ({
  vin: values.vin.trim().toUpperCase(),
  plate: blankToNull(values.plate?.toUpperCase()),
  brandId: values.brandId ?? null,
  seriesId: values.seriesId ?? null,
  modelId: values.modelId ?? null,
  modelYear: values.modelYear ?? null,
  colour: blankToNull(values.colour),
  purchaseDate: blankToNull(values.purchaseDate),
  sellingStoreId: values.sellingStoreId ?? null,
  warrantyYears: values.warrantyYears ?? null,
  warrantyKm: values.warrantyKm ?? null,
  insurer: blankToNull(values.insurer),
  insurancePolicyNo: blankToNull(values.insurancePolicyNo),
  insuranceExpiry: blankToNull(values.insuranceExpiry),
  inspectionDue: blankToNull(values.inspectionDue),
  regularDrivers: (values.regularDrivers ?? [])
    .filter((d) => d.name?.trim())
    .map((d) => ({ name: d.name.trim(), phone: blankToNull(d.phone), relation: blankToNull(d.relation) })),
  ownerId,
});
