import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { bodyTypes, fuelTypes } from '@m4s/contracts';

/*
 * The global vehicle catalogue: reference data shared by every tenant, so no tenant_id and no RLS.
 * Rows come from migrations; the application role may only read them (see the catalogue data migration).
 * Ids are readable slugs ('volkswagen', 'volkswagen-lavida') so that imports and seeds can name them.
 */

export const carBrands = pgTable('car_brands', {
  id: text('id').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** The pinyin initial of the Chinese name: brand pickers in Chinese software are indexed by it. */
  initial: text('initial').notNull(),
  /** How the trade groups brands: 德系, 日系, 美系, 欧系, 自主. */
  origin: text('origin').notNull(),
  /** The new-car warranty; the defaults are the platform's terms for a brand with no override. */
  warrantyYears: integer('warranty_years').notNull().default(2),
  /** NULL means no mileage limit (3 years, unlimited km at several luxury brands). */
  warrantyKm: integer('warranty_km').default(40000),
  /** The brand's typical km per day, the forecast's fallback; NULL: the platform's (vehicles/mileage.ts). */
  typicalKmPerDay: integer('typical_km_per_day'),
});

export const carSeries = pgTable(
  'car_series',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => carBrands.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    bodyType: text('body_type', { enum: bodyTypes }).notNull(),
  },
  (t) => [index('car_series_brand_idx').on(t.brandId)],
);

export const carModels = pgTable(
  'car_models',
  {
    id: text('id').primaryKey(),
    seriesId: text('series_id')
      .notNull()
      .references(() => carSeries.id),
    /** The trim as the maker names it, without the model year: '1.5L 自动舒适版'. */
    nameZh: text('name_zh').notNull(),
    /** The model year (年款), shown as '2023款'. */
    year: integer('year').notNull(),
    fuel: text('fuel', { enum: fuelTypes }).notNull(),
    /** The maker's guide price (厂商指导价) in fen. */
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('car_models_series_trim_key').on(t.seriesId, t.year, t.nameZh)],
);
