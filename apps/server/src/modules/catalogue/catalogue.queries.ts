import { asc, desc, eq } from 'drizzle-orm';
import type { CarBrand, CarModel, CarSeries } from '@m4s/contracts';
import { carBrands, carModels, carSeries } from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

// The catalogue is global reference data: no tenant filter, by design (see schema/catalogue.ts).

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
  id: carSeries.id,
  brandId: carSeries.brandId,
  nameZh: carSeries.nameZh,
  nameEn: carSeries.nameEn,
  bodyType: carSeries.bodyType,
};

const modelColumns = {
  id: carModels.id,
  seriesId: carModels.seriesId,
  nameZh: carModels.nameZh,
  year: carModels.year,
  fuel: carModels.fuel,
  priceFen: carModels.priceFen,
};

export const listBrands = (db: Tx): Promise<CarBrand[]> =>
  db.select(brandColumns).from(carBrands).orderBy(asc(carBrands.initial), asc(carBrands.nameEn));

export const findBrand = async (db: Tx, brandId: string): Promise<CarBrand | null> => {
  const [row] = await db.select(brandColumns).from(carBrands).where(eq(carBrands.id, brandId));
  return row ?? null;
};

export const listSeries = (db: Tx, brandId: string): Promise<CarSeries[]> =>
  db.select(seriesColumns).from(carSeries).where(eq(carSeries.brandId, brandId)).orderBy(asc(carSeries.nameEn));

export const findSeries = async (db: Tx, seriesId: string): Promise<CarSeries | null> => {
  const [row] = await db.select(seriesColumns).from(carSeries).where(eq(carSeries.id, seriesId));
  return row ?? null;
};

/** Newest model year first, then cheapest trim first — the order a price list reads in. */
export const listModels = (db: Tx, seriesId: string): Promise<CarModel[]> =>
  db
    .select(modelColumns)
    .from(carModels)
    .where(eq(carModels.seriesId, seriesId))
    .orderBy(desc(carModels.year), asc(carModels.priceFen), asc(carModels.id));
