import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CarBrand, CarModel, CarSeries, newModelInput, newSeriesInput } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import type { StaffCtx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors.ts';
import * as q from './catalogue.queries.ts';

/**
 * Every staff role may read the catalogue: global reference data, the same for every tenant, plus the
 * tenant's own series and models (added from an import's unlisted values: docs/imports.md).
 */
export const listBrands = (ctx: StaffCtx): Promise<CarBrand[]> => q.listBrands(ctx.db);

/** The same list for a caller that holds only a transaction (the import job's look-ups). */
export const allBrands = (db: Tx): Promise<CarBrand[]> => q.listBrands(db);

/** The whole catalogue as the transaction's tenant sees it (global rows and its own), for matching names. */
export const catalogueOf = async (db: Tx) => ({
  brands: await q.listBrands(db),
  series: await q.allSeries(db),
  models: await q.allModels(db),
});

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

/** A tenant id for an entry of its own: never a global slug (those never start with 't-'). */
const ownId = () => `t-${randomUUID()}`;

/** Adds a series the global catalogue lacks, for this tenant only (service.setup; audited). */
export const addSeries = async (ctx: StaffCtx, input: z.output<typeof newSeriesInput>): Promise<CarSeries> => {
  if (!(await q.findBrand(ctx.db, input.brandId))) throw AppError.field('brandId', 'catalogue_brand_unknown');
  if (await q.seriesNamed(ctx.db, input.brandId, input.nameZh))
    throw AppError.field('nameZh', 'catalogue_series_exists');
  const series: CarSeries = {
    id: ownId(),
    brandId: input.brandId,
    nameZh: input.nameZh,
    nameEn: input.nameEn ?? input.nameZh,
    bodyType: input.bodyType,
  };
  await q.insertSeries(ctx.db, {
    ...series,
    tenantId: ctx.tenantId,
    createdBy: ctx.actor.id,
    createdAt: ctx.clock.now(),
  });
  await audit(ctx, {
    action: 'catalogue.series_added',
    target: { type: 'car_series', id: series.id },
    details: series,
  });
  return series;
};

/** Adds a model (trim) under a series the tenant sees, for this tenant only (service.setup; audited). */
export const addModel = async (ctx: StaffCtx, input: z.output<typeof newModelInput>): Promise<CarModel> => {
  if (!(await q.findSeries(ctx.db, input.seriesId))) throw AppError.field('seriesId', 'catalogue_series_unknown');
  if (await q.modelNamed(ctx.db, input.seriesId, input.year, input.nameZh))
    throw AppError.field('nameZh', 'catalogue_model_exists');
  const model: CarModel = { id: ownId(), ...input };
  await q.insertModel(ctx.db, {
    ...model,
    tenantId: ctx.tenantId,
    createdBy: ctx.actor.id,
    createdAt: ctx.clock.now(),
  });
  await audit(ctx, { action: 'catalogue.model_added', target: { type: 'car_model', id: model.id }, details: model });
  return model;
};
