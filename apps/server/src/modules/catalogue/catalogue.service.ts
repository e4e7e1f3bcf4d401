import type { CarBrand, CarModel, CarSeries } from '@m4s/contracts';
import type { StaffCtx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors.ts';
import * as q from './catalogue.queries.ts';

/** Every staff role may read the catalogue: it is public reference data, the same for every tenant. */
export const listBrands = (ctx: StaffCtx): Promise<CarBrand[]> => q.listBrands(ctx.db);

/** The same list for a caller that holds only a transaction (the import job's look-ups). */
export const allBrands = (db: Tx): Promise<CarBrand[]> => q.listBrands(db);

export const getBrand = async (ctx: StaffCtx, brandId: string): Promise<CarBrand> => {
  const brand = await q.findBrand(ctx.db, brandId);
  if (!brand) throw new AppError('NOT_FOUND');
  return brand;
};

export const getSeries = async (ctx: StaffCtx, seriesId: string): Promise<CarSeries> => {
  const series = await q.findSeries(ctx.db, seriesId);
  if (!series) throw new AppError('NOT_FOUND');
  return series;
};

/** An unknown brand is a 404, not an empty list: a picker should learn its id is stale. */
export const listSeries = async (ctx: StaffCtx, brandId: string): Promise<CarSeries[]> => {
  await getBrand(ctx, brandId);
  return q.listSeries(ctx.db, brandId);
};

export const listModels = async (ctx: StaffCtx, seriesId: string): Promise<CarModel[]> => {
  await getSeries(ctx, seriesId);
  return q.listModels(ctx.db, seriesId);
};
