import { and, asc, desc, eq } from 'drizzle-orm';
import type { CarBrand, CarModel, CarSeries } from '@m4s/contracts';
import {
  carBrands,
  catalogueModels,
  catalogueSeries,
  tenantCarModels,
  tenantCarSeries,
} from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

// Brands are global reference data (no tenant filter, by design: schema/catalogue.ts); series and models
// are read through the catalogue_* views, which hold the global rows and the transaction tenant's own.

const brandColumns = {
  id: carBrands.id,
  nameZh: carBrands.nameZh,
  nameEn: carBrands.nameEn,
  initial: carBrands.initial,
  origin: carBrands.origin,
  warrantyYears: carBrands.warrantyYears,
  warrantyKm: carBrands.warrantyKm,
};

const seriesColumns = {
  id: catalogueSeries.id,
  brandId: catalogueSeries.brandId,
  nameZh: catalogueSeries.nameZh,
  nameEn: catalogueSeries.nameEn,
  bodyType: catalogueSeries.bodyType,
};

const modelColumns = {
  id: catalogueModels.id,
  seriesId: catalogueModels.seriesId,
  nameZh: catalogueModels.nameZh,
  year: catalogueModels.year,
  fuel: catalogueModels.fuel,
  priceFen: catalogueModels.priceFen,
};

export const listBrands = (db: Tx): Promise<CarBrand[]> =>
  db.select(brandColumns).from(carBrands).orderBy(asc(carBrands.initial), asc(carBrands.nameEn));

export const findBrand = async (db: Tx, brandId: string): Promise<CarBrand | null> => {
  const [row] = await db.select(brandColumns).from(carBrands).where(eq(carBrands.id, brandId));
  return row ?? null;
};

export const listSeries = (db: Tx, brandId: string): Promise<CarSeries[]> =>
  db
    .select(seriesColumns)
    .from(catalogueSeries)
    .where(eq(catalogueSeries.brandId, brandId))
    .orderBy(asc(catalogueSeries.nameEn));

export const findSeries = async (db: Tx, seriesId: string): Promise<CarSeries | null> => {
  const [row] = await db.select(seriesColumns).from(catalogueSeries).where(eq(catalogueSeries.id, seriesId));
  return row ?? null;
};

/** Newest model year first, then cheapest trim first — the order a price list reads in. */
export const listModels = (db: Tx, seriesId: string): Promise<CarModel[]> =>
  db
    .select(modelColumns)
    .from(catalogueModels)
    .where(eq(catalogueModels.seriesId, seriesId))
    .orderBy(desc(catalogueModels.year), asc(catalogueModels.priceFen), asc(catalogueModels.id));

/** Every series and model the transaction's tenant sees (global and its own): a few hundred rows. */
export const allSeries = (db: Tx): Promise<CarSeries[]> => db.select(seriesColumns).from(catalogueSeries);
export const allModels = (db: Tx): Promise<CarModel[]> => db.select(modelColumns).from(catalogueModels);

/** Whether the tenant already sees a series of that name under the brand (global or its own). */
export const seriesNamed = async (db: Tx, brandId: string, nameZh: string) =>
  (
    await db
      .select({ id: catalogueSeries.id })
      .from(catalogueSeries)
      .where(and(eq(catalogueSeries.brandId, brandId), eq(catalogueSeries.nameZh, nameZh)))
  ).length > 0;

export const modelNamed = async (db: Tx, seriesId: string, year: number, nameZh: string) =>
  (
    await db
      .select({ id: catalogueModels.id })
      .from(catalogueModels)
      .where(
        and(eq(catalogueModels.seriesId, seriesId), eq(catalogueModels.year, year), eq(catalogueModels.nameZh, nameZh)),
      )
  ).length > 0;

export const insertSeries = (db: Tx, values: typeof tenantCarSeries.$inferInsert) =>
  db.insert(tenantCarSeries).values(values);

export const insertModel = (db: Tx, values: typeof tenantCarModels.$inferInsert) =>
  db.insert(tenantCarModels).values(values);
