import { z } from 'zod';

export const bodyTypes = ['sedan', 'suv', 'mpv', 'hatchback'] as const;
export type BodyType = (typeof bodyTypes)[number];

/** 'hybrid' is a full hybrid that never plugs in; extended-range cars (增程) count as 'phev'. */
export const fuelTypes = ['petrol', 'diesel', 'hybrid', 'phev', 'ev'] as const;
export type FuelType = (typeof fuelTypes)[number];

/** The platform's warranty terms for a brand that has none of its own (2 years or 40,000 km, whichever first). */
export const defaultWarranty = { years: 2, km: 40000 } as const;

/** Catalogue ids are lowercase slugs: 'byd', 'byd-han', 'byd-han-2023-1'. */
export const catalogueId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: 'catalogue_id' });
export const brandParams = z.strictObject({ brandId: catalogueId });
export const seriesParams = z.strictObject({ seriesId: catalogueId });

export const carBrand = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  initial: z.string(),
  origin: z.string(),
  warrantyYears: z.number().int(),
  /** null: no mileage limit. */
  warrantyKm: z.number().int().nullable(),
});
export type CarBrand = z.infer<typeof carBrand>;

export const carSeries = z.object({
  id: z.string(),
  brandId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  bodyType: z.enum(bodyTypes),
});
export type CarSeries = z.infer<typeof carSeries>;

export const carModel = z.object({
  id: z.string(),
  seriesId: z.string(),
  nameZh: z.string(),
  year: z.number().int(),
  fuel: z.enum(fuelTypes),
  priceFen: z.number().int(),
});
export type CarModel = z.infer<typeof carModel>;

export const carBrandList = z.object({ items: z.array(carBrand) });
export const carSeriesList = z.object({ items: z.array(carSeries) });
export const carModelList = z.object({ items: z.array(carModel) });

// ── The tenant's own additions (docs/imports.md: values an import found nowhere in the catalogue) ──────

const catalogueName = z.string().trim().min(1, { message: 'required' }).max(60, { message: 'too_big' });

/** A series the tenant adds under a catalogue brand; the English name defaults to the Chinese one. */
export const newSeriesInput = z.strictObject({
  brandId: catalogueId,
  nameZh: catalogueName,
  nameEn: catalogueName.nullable().default(null),
  bodyType: z.enum(bodyTypes),
});
export type NewSeriesInput = z.input<typeof newSeriesInput>;

/** A model (trim) the tenant adds under a series of the catalogue (global or its own). */
export const newModelInput = z.strictObject({
  seriesId: catalogueId,
  nameZh: catalogueName,
  year: z.number().int().min(1990).max(2100),
  fuel: z.enum(fuelTypes),
  /** The maker's guide price in fen. */
  priceFen: z.number().int().min(1).max(10_000_000_00),
});
export type NewModelInput = z.input<typeof newModelInput>;

export const catalogueFields = ['brand', 'series', 'model'] as const;

/** A value an import's file named that matched nothing in the catalogue, with how many rows used it. */
export const unlistedValue = z.object({
  field: z.enum(catalogueFields),
  text: z.string(),
  rows: z.number().int(),
  /** The brand (and series) most of the cars that carry this text have: a suggestion for adding it. */
  brandId: z.string().nullable(),
  seriesId: z.string().nullable(),
  /** Matched by the catalogue as it is now (the tenant added it): a new import of the file matches it. */
  listed: z.boolean(),
});
export type UnlistedValue = z.infer<typeof unlistedValue>;
export const unlistedList = z.object({ items: z.array(unlistedValue) });
