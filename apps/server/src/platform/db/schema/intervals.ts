import { sql } from 'drizzle-orm';
import { check, foreignKey, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { carBrands, carSeries } from './catalogue.ts';
import { staff } from './people.ts';
import { stamp, tenantKeyColumns, tenantTableRules } from './tenancy.ts';

/**
 * A tenant's maintenance intervals per brand, and per series (车系) where one differs from its brand
 * (migration 0025). The first maintenance counts from the purchase, later ones from the last maintenance
 * work; whichever of months and km comes first. A car without a row: garage/next-service.ts defaults.
 */
export const serviceIntervals = pgTable(
  'service_intervals',
  {
    ...tenantKeyColumns(),
    brandId: text('brand_id')
      .notNull()
      .references(() => carBrands.id),
    seriesId: text('series_id').references(() => carSeries.id),
    firstMonths: integer('first_months').notNull(),
    firstKm: integer('first_km').notNull(),
    laterMonths: integer('later_months').notNull(),
    laterKm: integer('later_km').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    ...tenantTableRules(t, 'service_intervals'),
    foreignKey({ columns: [t.tenantId, t.updatedBy], foreignColumns: [staff.tenantId, staff.id] }),
    uniqueIndex('service_intervals_brand_series_key').on(t.tenantId, t.brandId, sql`COALESCE(${t.seriesId}, '')`),
    check('service_intervals_months_check', sql`first_months BETWEEN 1 AND 36 AND later_months BETWEEN 1 AND 36`),
    check('service_intervals_km_check', sql`first_km BETWEEN 500 AND 50000 AND later_km BETWEEN 500 AND 50000`),
  ],
).enableRLS();
