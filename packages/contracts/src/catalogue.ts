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
