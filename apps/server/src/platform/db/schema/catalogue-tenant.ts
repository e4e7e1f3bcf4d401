import {
  bigint,
  boolean,
  foreignKey,
  integer,
  pgView,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  pgTable,
  primaryKey,
} from 'drizzle-orm/pg-core';
import { bodyTypes, fuelTypes } from '@m4s/contracts';
import { carBrands } from './catalogue.ts';
import { staff } from './people.ts';
import { tenants } from './tenancy.ts';
import { tenantPolicy } from './tenant-table.ts';

/*
 * The tenant's own catalogue entries: a series or model its files name that the global catalogue lacks,
 * added from an import's list of unlisted values (docs/imports.md). Tenant tables under the tenancy rules;
 * ids are 't-<uuid>' so they never meet a global slug. Every read of series and models goes through the
 * catalogue_series / catalogue_models views (migration 0032): the global rows and the tenant's own.
 */

export const tenantCarSeries = pgTable(
  'tenant_car_series',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    brandId: text('brand_id')
      .notNull()
      .references(() => carBrands.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    bodyType: text('body_type', { enum: bodyTypes }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    tenantPolicy('tenant_car_series'),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('tenant_car_series_name_key').on(t.tenantId, t.brandId, t.nameZh),
  ],
).enableRLS();

export const tenantCarModels = pgTable(
  'tenant_car_models',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    /** A global series or one of the tenant's own (checked by a trigger: one of two tables). */
    seriesId: text('series_id').notNull(),
    nameZh: text('name_zh').notNull(),
    year: integer('year').notNull(),
    fuel: text('fuel', { enum: fuelTypes }).notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    tenantPolicy('tenant_car_models'),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('tenant_car_models_trim_key').on(t.tenantId, t.seriesId, t.year, t.nameZh),
  ],
).enableRLS();

/** Series as the current tenant sees them: global and its own (`own`). */
export const catalogueSeries = pgView('catalogue_series', {
  id: text('id').notNull(),
  brandId: text('brand_id').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  bodyType: text('body_type', { enum: bodyTypes }).notNull(),
  own: boolean('own').notNull(),
}).existing();

/** Models as the current tenant sees them: global and its own (`own`). */
export const catalogueModels = pgView('catalogue_models', {
  id: text('id').notNull(),
  seriesId: text('series_id').notNull(),
  nameZh: text('name_zh').notNull(),
  year: integer('year').notNull(),
  fuel: text('fuel', { enum: fuelTypes }).notNull(),
  priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
  own: boolean('own').notNull(),
}).existing();
